"""Properties every loss must have, checked across the registry in _cases.py."""

import numpy as np
import pytest

import lossutils
from _cases import CASE_IDS, CASES, N_CLASSES, N_SAMPLES, REDUCTIONS, SEED

# Central finite differences, in float64: (f(x + h) - f(x - h)) / (2 h).
FD_STEP = 1e-6
FD_RTOL = 1e-6
FD_ATOL = 1e-8

cases = pytest.mark.parametrize("case", CASES, ids=CASE_IDS)


def _weights(seed_offset=0):
    return np.random.default_rng(SEED + 100 + seed_offset).uniform(0.5, 2.0, N_SAMPLES)


# Public functions that are neither losses nor activations: a metric without a
# gradient is tested on its own (tests/test_scoring.py), not by the registry.
NOT_LOSSES = {"sigmoid", "softmax", "log_softmax", "logsumexp", "get_loss",
              "expected_calibration_error"}


def test_registry_covers_every_loss():
    registry = {case.name for case in CASES}
    with_grad = {
        name for name in lossutils.__all__ if callable(getattr(getattr(lossutils, name), "grad", None))
    }
    assert set(lossutils.LOSSES) == registry == with_grad
    for name, loss in lossutils.LOSSES.items():
        assert loss.__name__ == name
        assert lossutils.get_loss(name) is loss


def test_every_public_function_is_a_loss_or_listed():
    """A new public function without a .grad cannot slip past the registry."""
    functions = {name for name in lossutils.__all__ if callable(getattr(lossutils, name))}
    assert functions == set(lossutils.LOSSES) | NOT_LOSSES
    assert not hasattr(lossutils.expected_calibration_error, "grad")
    with pytest.raises(TypeError, match="loss function with a .grad"):
        lossutils.get_loss(lossutils.expected_calibration_error)


def test_get_loss():
    assert lossutils.get_loss(lossutils.hinge) is lossutils.hinge
    with pytest.raises(ValueError, match="unknown loss 'l2'.*mean_squared_error"):
        lossutils.get_loss("l2")
    with pytest.raises(TypeError, match="name_or_loss"):
        lossutils.get_loss(3)


@cases
def test_non_negative(case):
    """Non-negative; a negative log-density (gaussian_nll) can go below zero,
    so its floor is its (negative) minimum instead."""
    y_true, y_pred = case.draw()
    floor = np.minimum(case.minimum(y_true), 0.0)
    losses = case.loss(y_true, y_pred, reduction="none", **case.options)
    assert losses.shape == (N_SAMPLES,)
    assert np.all(losses >= floor)
    assert case.loss(y_true, y_pred, **case.options) >= floor.mean()


@cases
def test_minimal_at_perfect_prediction(case):
    y_true, y_pred = case.draw()
    best = case.loss(y_true, case.perfect(y_true), reduction="none", **case.options)
    np.testing.assert_allclose(best, case.minimum(y_true), rtol=1e-12, atol=1e-12)
    drawn = case.loss(y_true, y_pred, reduction="none", **case.options)
    assert np.all(drawn >= best - 1e-12) and drawn.sum() > best.sum()


@cases
@pytest.mark.parametrize("weighted", [False, True])
def test_invariant_to_sample_order(case, weighted):
    y_true, y_pred = case.draw()
    weight = _weights() if weighted else None
    order = np.random.default_rng(SEED).permutation(N_SAMPLES)
    for reduction in REDUCTIONS:
        value = case.loss(y_true, y_pred, sample_weight=weight, reduction=reduction, **case.options)
        shuffled = case.loss(
            y_true[order],
            y_pred[order],
            sample_weight=None if weight is None else weight[order],
            reduction=reduction,
            **case.options,
        )
        if reduction == "none":
            value = value[order]
        np.testing.assert_allclose(shuffled, value, rtol=1e-12)


@cases
def test_reductions_agree(case):
    y_true, y_pred = case.draw()
    mean = case.loss(y_true, y_pred, **case.options)
    total = case.loss(y_true, y_pred, reduction="sum", **case.options)
    losses = case.loss(y_true, y_pred, reduction="none", **case.options)
    assert type(mean) is float and type(total) is float
    assert isinstance(losses, np.ndarray) and losses.shape == (N_SAMPLES,)
    assert total == pytest.approx(N_SAMPLES * mean, rel=1e-12)
    assert losses.mean() == pytest.approx(mean, rel=1e-12)
    weight = _weights()
    weighted = case.loss(y_true, y_pred, sample_weight=weight, reduction="none", **case.options)
    np.testing.assert_allclose(weighted, weight * losses, rtol=1e-12)


@cases
def test_unit_weights_are_no_weights(case):
    y_true, y_pred = case.draw()
    for reduction in REDUCTIONS:
        options = dict(reduction=reduction, **case.options)
        np.testing.assert_allclose(
            case.loss(y_true, y_pred, sample_weight=np.ones(N_SAMPLES), **options),
            case.loss(y_true, y_pred, **options),
            rtol=1e-12,
        )
        np.testing.assert_allclose(
            case.loss.grad(y_true, y_pred, sample_weight=np.ones(N_SAMPLES), **options),
            case.loss.grad(y_true, y_pred, **options),
            rtol=1e-12,
        )


@cases
@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_integer_weights_repeat_samples(case, reduction):
    y_true, y_pred = case.draw()
    counts = np.array([0, 1, 2, 3, 1, 0, 2])
    repeat = np.repeat(np.arange(N_SAMPLES), counts)
    options = dict(reduction=reduction, **case.options)
    weighted = case.loss(y_true, y_pred, sample_weight=counts, **options)
    repeated = case.loss(y_true[repeat], y_pred[repeat], **options)
    assert weighted == pytest.approx(repeated, rel=1e-12)
    grad = case.loss.grad(y_true, y_pred, sample_weight=counts, **options)
    summed = np.zeros_like(grad)
    np.add.at(summed, repeat, case.loss.grad(y_true[repeat], y_pred[repeat], **options))
    np.testing.assert_allclose(grad, summed, rtol=1e-12, atol=1e-15)


@cases
def test_float32_gives_finite_float32_results(case):
    y_true64, y_pred64 = case.draw()
    y_true = y_true64.astype(np.float32) if y_true64.dtype.kind == "f" else y_true64
    y_pred = y_pred64.astype(np.float32)
    for reduction in REDUCTIONS:
        options = dict(reduction=reduction, **case.options)
        value = case.loss(y_true, y_pred, **options)
        assert np.all(np.isfinite(value))
        np.testing.assert_allclose(
            value, case.loss(y_true64, y_pred64, **options), rtol=1e-5, atol=1e-6
        )
        grad = case.loss.grad(y_true, y_pred, **options)
        assert grad.dtype == np.float32 and grad.shape == y_pred.shape
        assert np.all(np.isfinite(grad))


BINARY_PROBABILITIES = ("binary_cross_entropy", "binary_focal_cross_entropy", "brier_score")


@cases
def test_float32_extremes_are_finite(case):
    """Probabilities 0 and 1, logits ±1000, decision values ±1000: no nan, no inf.

    Poisson rates are not bounded by a clip: a log-rate of 1000 is a rate of
    e^1000, an infinite loss, so its extremes are the rates 1e-30 and 1e30
    and the log-rates ±80 (float32 overflows beyond e^88.7).
    """
    y_true, y_pred = case.draw()
    if case.name == "poisson_nll":
        if case.options["from_logits"]:
            y_pred = np.where(y_pred > 1, 80.0, -80.0)
        else:
            y_pred = np.where(y_pred > 3, 1e30, 1e-30)
    elif case.options.get("from_logits") or "hinge" in case.name:
        y_pred = np.where(y_pred > 0, 1000.0, -1000.0)
    elif case.simplex:
        y_pred = y_pred.copy()
        n_classes = y_pred.shape[1]
        y_pred[:] = np.eye(n_classes)[np.arange(N_SAMPLES) % n_classes]
    elif case.name in BINARY_PROBABILITIES:
        y_pred = np.where(y_pred > 0.5, 1.0, 0.0)
    else:
        y_pred = 1000.0 * np.sign(y_pred)
    y_pred = y_pred.astype(np.float32)
    for reduction in REDUCTIONS:
        options = dict(reduction=reduction, **case.options)
        assert np.all(np.isfinite(case.loss(y_true, y_pred, **options)))
        assert np.all(np.isfinite(case.loss.grad(y_true, y_pred, **options)))


def _directions(case, shape):
    """Unit steps for the finite differences, one per checked coordinate.

    Where y_pred's rows are probability distributions, a step must keep each
    row summing to one, so it moves mass from column j to column j + 1: this
    checks every difference grad[i, j] - grad[i, j + 1], which is all of the
    gradient that the loss's values on the simplex determine.
    """
    for index in np.ndindex(*shape):
        direction = np.zeros(shape)
        direction[index] = 1.0
        if case.simplex:
            if index[1] == shape[1] - 1:
                continue
            direction[index[0], index[1] + 1] = -1.0
        yield direction


@cases
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
def test_gradient_matches_finite_differences(case, reduction, weighted):
    y_true, y_pred = case.draw()
    options = dict(
        sample_weight=_weights() if weighted else None, reduction=reduction, **case.options
    )

    def total(prediction):
        return float(np.sum(case.loss(y_true, prediction, **options)))

    grad = case.loss.grad(y_true, y_pred, **options)
    assert grad.shape == y_pred.shape and grad.dtype == np.float64
    analytic, numeric = [], []
    for direction in _directions(case, y_pred.shape):
        analytic.append(np.sum(grad * direction))
        step = FD_STEP * direction
        numeric.append((total(y_pred + step) - total(y_pred - step)) / (2 * FD_STEP))
    np.testing.assert_allclose(numeric, analytic, rtol=FD_RTOL, atol=FD_ATOL)


@cases
def test_inputs_are_not_modified(case):
    y_true, y_pred = case.draw()
    weight = _weights()
    y_true_copy, y_pred_copy, weight_copy = y_true.copy(), y_pred.copy(), weight.copy()
    for function in (case.loss, case.loss.grad):
        for reduction in REDUCTIONS:
            for sample_weight in (None, weight):
                result = function(
                    y_true, y_pred, sample_weight=sample_weight, reduction=reduction, **case.options
                )
                assert result is not y_pred and result is not y_true
    np.testing.assert_array_equal(y_true, y_true_copy)
    np.testing.assert_array_equal(y_pred, y_pred_copy)
    np.testing.assert_array_equal(weight, weight_copy)


@cases
def test_lists_and_arrays_agree(case):
    y_true, y_pred = case.draw()
    value = case.loss(y_true.tolist(), y_pred.tolist(), **case.options)
    assert value == case.loss(y_true, y_pred, **case.options)
