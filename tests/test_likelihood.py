"""gaussian_nll against its closed forms, scipy and its documented numerics."""

import numpy as np
import pytest
from scipy import stats

import lossutils
from lossutils.likelihood import LOG_SCALE_RANGE, LOG_VARIANCE_RANGE

SEED = 20190128


def _data(n=50, seed=0):
    rng = np.random.default_rng(SEED + seed)
    y_true = rng.normal(size=n)
    y_pred = np.column_stack([y_true + rng.normal(size=n), rng.uniform(-3, 3, size=n)])
    return y_true, y_pred


def test_matches_scipy_logpdf():
    y_true, y_pred = _data()
    expected = -stats.norm.logpdf(y_true, loc=y_pred[:, 0], scale=np.exp(y_pred[:, 1] / 2))
    np.testing.assert_allclose(
        lossutils.gaussian_nll(y_true, y_pred, reduction="none"), expected, rtol=1e-12
    )
    assert lossutils.gaussian_nll(y_true, y_pred) == pytest.approx(expected.mean(), rel=1e-12)


@pytest.mark.parametrize("sigma", [0.1, 1.0, 3.0])
def test_fixed_variance_is_scaled_mse_plus_a_constant(sigma):
    y_true, y_pred = _data()
    mean = y_pred[:, 0]
    fixed = np.column_stack([mean, np.full(mean.shape, np.log(sigma**2))])
    mse = lossutils.mean_squared_error(y_true, mean)
    expected = mse / (2 * sigma**2) + 0.5 * np.log(2 * np.pi * sigma**2)
    assert lossutils.gaussian_nll(y_true, fixed) == pytest.approx(expected, rel=1e-12)
    # Same direction of steepest descent for the means: the gradients are proportional.
    np.testing.assert_allclose(
        lossutils.gaussian_nll.grad(y_true, fixed)[:, 0],
        lossutils.mean_squared_error.grad(y_true, mean) / (2 * sigma**2),
        rtol=1e-12,
    )


def test_best_log_variance_is_the_log_squared_residual():
    # d/ds = (1 - r^2 e^{-s}) / 2 vanishes at s = log r^2.
    residual = np.array([0.5, 1.0, 2.0])
    y_pred = np.column_stack([np.zeros(3), np.log(residual**2)])
    grad = lossutils.gaussian_nll.grad(residual, y_pred, reduction="sum")
    np.testing.assert_allclose(grad[:, 1], 0.0, atol=1e-15)


def test_log_variance_is_clipped_and_the_loss_bounded_below():
    low, high = LOG_VARIANCE_RANGE
    y_true = np.zeros(4)
    y_pred = np.array([[0.0, -1e4], [0.0, low], [0.0, 1e4], [1.0, high]])
    losses = lossutils.gaussian_nll(y_true, y_pred, reduction="none")
    floor = 0.5 * (np.log(2 * np.pi) + low)
    np.testing.assert_allclose(losses[:2], floor, rtol=1e-15)
    assert losses[2] == pytest.approx(0.5 * (np.log(2 * np.pi) + high), rel=1e-15)
    grad = lossutils.gaussian_nll.grad(y_true, y_pred, reduction="sum")
    assert grad[0, 1] == 0.0 and grad[2, 1] == 0.0 and grad[1, 1] == 0.5
    assert np.all(np.isfinite(grad))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_huge_residuals_overflow_to_inf_never_nan(dtype):
    y_true = np.array([0.0, 0.0], dtype=dtype)
    huge = np.sqrt(np.finfo(dtype).max)  # squared, then times e^30: overflows
    y_pred = np.array([[huge, -30.0], [0.0, 0.0]], dtype=dtype)
    with np.errstate(all="raise"):
        losses = lossutils.gaussian_nll(y_true, y_pred, reduction="none")
        grad = lossutils.gaussian_nll.grad(y_true, y_pred)
    assert losses[0] == np.inf and np.isfinite(losses[1])
    assert not np.any(np.isnan(grad))


def test_infinite_log_variance_is_an_error_not_a_clip():
    with pytest.raises(ValueError, match=r"y_pred must be finite; found -inf at index \(0, 1\)"):
        lossutils.gaussian_nll([0.0], [[0.0, -np.inf]])


def test_shape_message_names_the_layout():
    with pytest.raises(ValueError) as raised:
        lossutils.gaussian_nll([0.0, 1.0], [0.0, 1.0])
    assert str(raised.value) == (
        "y_pred must have shape (n, 2): column 0 the predicted means, column 1 the "
        "predicted log-variances; got shape (2,)."
    )


def test_gradient_descent_recovers_mean_and_variance():
    # One shared (mu, s) fitted to a sample: the maximum-likelihood estimates
    # are the sample mean and the (biased) sample variance.
    rng = np.random.default_rng(SEED)
    y = rng.normal(2.0, 0.5, size=400)
    params = np.zeros(2)
    for _ in range(2000):
        grad = lossutils.gaussian_nll.grad(y, np.tile(params, (y.size, 1)))
        params -= 0.2 * grad.sum(axis=0)
    assert params[0] == pytest.approx(y.mean(), abs=1e-6)
    assert np.exp(params[1]) == pytest.approx(y.var(), rel=1e-6)


def test_the_mlp_trainer_learns_a_noise_level_that_grows_with_x():
    from lossutils.nn import MLP, SGD

    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, size=(2000, 1))
    sd = 0.1 + 0.4 * (x[:, 0] + 1)  # from 0.1 at x = -1 to 0.9 at x = 1
    y = 2 * x[:, 0] + sd * rng.normal(size=2000)
    model = MLP((1, 16, 2), seed=0)
    history = model.fit(x, y, loss="gaussian_nll",
                        optimizer=SGD(learning_rate=0.01, momentum=0.9), epochs=60)
    assert history["loss"][-1] < history["loss"][0]
    predicted_sd = np.exp(0.5 * model.predict(np.array([[-0.8], [0.8]]))[:, 1])
    assert predicted_sd[1] > 3 * predicted_sd[0]
    np.testing.assert_allclose(predicted_sd, [0.18, 0.82], rtol=0.35)


# laplace_nll --------------------------------------------------------------


def _laplace_data(n=50, seed=0):
    rng = np.random.default_rng(SEED + seed)
    y_true = rng.laplace(size=n)
    y_pred = np.column_stack([y_true + rng.normal(size=n), rng.uniform(-3, 3, size=n)])
    return y_true, y_pred


def test_laplace_matches_scipy_logpdf():
    y_true, y_pred = _laplace_data()
    expected = -stats.laplace.logpdf(y_true, loc=y_pred[:, 0], scale=np.exp(y_pred[:, 1]))
    np.testing.assert_allclose(
        lossutils.laplace_nll(y_true, y_pred, reduction="none"), expected, rtol=1e-12
    )


@pytest.mark.parametrize("scale", [0.1, 1.0, 3.0])
def test_fixed_scale_is_scaled_mae_plus_a_constant(scale):
    y_true, y_pred = _laplace_data(seed=1)
    location = y_pred[:, 0]
    fixed = np.column_stack([location, np.full(location.shape, np.log(scale))])
    mae = lossutils.mean_absolute_error(y_true, location)
    expected = mae / scale + np.log(2 * scale)
    assert lossutils.laplace_nll(y_true, fixed) == pytest.approx(expected, rel=1e-12)
    np.testing.assert_allclose(
        lossutils.laplace_nll.grad(y_true, fixed)[:, 0],
        lossutils.mean_absolute_error.grad(y_true, location) / scale,
        rtol=1e-12,
    )


def test_laplace_fit_estimates_the_median_where_gaussian_estimates_the_mean():
    # Skewed targets: one shared (location, log-scale) for every sample. The
    # Laplace loss is smallest at the median, the Gaussian one at the mean.
    rng = np.random.default_rng(SEED)
    y = rng.exponential(1.0, size=401)
    median, mean = np.median(y), y.mean()
    assert mean - median > 0.2

    def shared(location, spread):
        return np.tile([location, spread], (y.size, 1))

    best_scale = np.log(np.mean(np.abs(y - median)))
    at_median = lossutils.laplace_nll(y, shared(median, best_scale))
    for location in (mean, median - 0.05, median + 0.05):
        assert lossutils.laplace_nll(y, shared(location, best_scale)) > at_median
    # There the gradient vanishes: (sub)gradient 0 for the location (as many
    # targets on each side), 0 for the log-scale at log(mean |residual|).
    grad = lossutils.laplace_nll.grad(y, shared(median, best_scale)).sum(axis=0)
    np.testing.assert_allclose(grad, 0.0, atol=1e-12)
    gaussian = lossutils.gaussian_nll.grad(y, shared(mean, np.log(y.var()))).sum(axis=0)
    np.testing.assert_allclose(gaussian, 0.0, atol=1e-12)


def test_log_scale_is_clipped_and_the_loss_bounded_below():
    low, high = LOG_SCALE_RANGE
    y_true = np.zeros(4)
    y_pred = np.array([[0.0, -1e4], [0.0, low], [0.0, 1e4], [1.0, high]])
    losses = lossutils.laplace_nll(y_true, y_pred, reduction="none")
    np.testing.assert_allclose(losses[:2], np.log(2) + low, rtol=1e-15)
    assert losses[2] == pytest.approx(np.log(2) + high, rel=1e-15)
    grad = lossutils.laplace_nll.grad(y_true, y_pred, reduction="sum")
    assert grad[0, 1] == 0.0 and grad[2, 1] == 0.0 and grad[1, 1] == 1.0
    assert grad[0, 0] == 0.0  # the subgradient 0 where mu = y
    assert np.all(np.isfinite(grad))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_laplace_huge_residuals_overflow_to_inf_never_nan(dtype):
    y_true = np.array([0.0, 0.0], dtype=dtype)
    huge = np.finfo(dtype).max / 2  # times e^15: overflows
    y_pred = np.array([[huge, -15.0], [0.0, 0.0]], dtype=dtype)
    with np.errstate(all="raise"):
        losses = lossutils.laplace_nll(y_true, y_pred, reduction="none")
        grad = lossutils.laplace_nll.grad(y_true, y_pred)
    assert losses[0] == np.inf and np.isfinite(losses[1])
    assert not np.any(np.isnan(grad))


def test_laplace_shape_message_names_the_layout():
    with pytest.raises(ValueError, match=r"column 0 the predicted locations \(medians\), "
                                         r"column 1 the predicted log-scales; got shape \(2,\)"):
        lossutils.laplace_nll([0.0, 1.0], [0.0, 1.0])


# poisson_nll --------------------------------------------------------------


def _counts(n=60, seed=0):
    rng = np.random.default_rng(SEED + seed)
    rates = rng.uniform(0.2, 20.0, size=n)
    counts = rng.poisson(rates).astype(float)
    counts[:3] = [0.0, 1.0, 1000.0]
    return counts, rates


def test_full_poisson_is_scipys_negative_log_pmf():
    counts, rates = _counts()
    expected = -stats.poisson.logpmf(counts, rates)
    for y_pred, from_logits in ((rates, False), (np.log(rates), True)):
        np.testing.assert_allclose(
            lossutils.poisson_nll(counts, y_pred, from_logits=from_logits, full=True,
                                  reduction="none"),
            expected,
            rtol=1e-12,
        )


def test_poisson_without_the_constant_is_keras_and_pytorch():
    counts, rates = _counts(seed=1)
    from scipy.special import gammaln

    value = lossutils.poisson_nll(counts, rates, reduction="none")
    np.testing.assert_allclose(value, rates - counts * np.log(rates), rtol=1e-13)
    np.testing.assert_allclose(
        lossutils.poisson_nll(counts, rates, full=True, reduction="none"),
        value + gammaln(counts + 1),
        rtol=1e-13,
    )
    # torch.nn.functional.poisson_nll_loss(log_input=True): exp(input) - target * input.
    log_rates = np.log(rates)
    np.testing.assert_allclose(
        lossutils.poisson_nll(counts, log_rates, from_logits=True, reduction="none"),
        np.exp(log_rates) - counts * log_rates,
        rtol=1e-13,
    )
    # keras.losses.Poisson()([1., 9., 2.], [4., 8., 12.]) is documented as -0.35702705
    # (Keras adds 1e-7 inside the log; float32).
    assert lossutils.poisson_nll([1.0, 9.0, 2.0], [4.0, 8.0, 12.0]) == pytest.approx(
        -0.35702705, abs=1e-6
    )


def test_the_best_rate_is_the_mean_count():
    counts, _ = _counts(seed=2)
    shared = np.full(counts.shape, counts.mean())
    grad = lossutils.poisson_nll.grad(counts, shared, reduction="sum")
    assert grad.sum() == pytest.approx(0.0, abs=1e-9)
    grad = lossutils.poisson_nll.grad(counts, np.log(shared), from_logits=True, reduction="sum")
    assert grad.sum() == pytest.approx(0.0, abs=1e-9)
    best = lossutils.poisson_nll(counts, shared)
    for factor in (0.9, 1.1):
        assert lossutils.poisson_nll(counts, factor * shared) > best


def test_full_poisson_is_non_negative_for_whole_counts_and_the_other_is_not():
    counts = np.arange(10.0)
    assert np.all(lossutils.poisson_nll(counts, counts + 0.5, full=True, reduction="none") >= 0)
    assert lossutils.poisson_nll([5.0], [5.0]) < 0  # 5 - 5 log 5


def test_poisson_non_whole_counts_use_the_smooth_log_factorial():
    from scipy.special import gammaln

    counts = np.array([0.5, 2.25, 7.9])
    value = lossutils.poisson_nll(counts, [1.0, 2.0, 3.0], full=True, reduction="none")
    np.testing.assert_allclose(
        value, np.array([1.0, 2.0, 3.0]) - counts * np.log([1.0, 2.0, 3.0]) + gammaln(counts + 1),
        rtol=1e-13,
    )


def test_poisson_overflows_to_inf_never_nan():
    with np.errstate(invalid="raise"):
        losses = lossutils.poisson_nll([1.0, 2.0], [800.0, 0.0], from_logits=True, reduction="none")
        grad = lossutils.poisson_nll.grad([1.0, 2.0], [800.0, 0.0], from_logits=True)
        huge = lossutils.poisson_nll([1e306], [1.0], full=True)  # log(1e306!) overflows
    assert losses[0] == np.inf and np.isfinite(losses[1])
    assert grad[0] == np.inf and np.isfinite(grad[1])
    assert huge == np.inf


def test_a_zero_rate_is_an_error_not_an_infinity():
    with pytest.raises(ValueError, match=r"y_pred must hold positive rates \(the predicted means\); "
                                         r"found 0 at index 1\. If these are log-rates, pass "
                                         r"from_logits=True\."):
        lossutils.poisson_nll([1.0, 0.0], [1.0, 0.0])
