"""Label smoothing on the cross-entropies and the binary focal loss, against their
definitions, the frameworks' documented examples and binary cross-entropy."""

import numpy as np
import pytest

import lossutils
from _cases import SEED

N = 40
K = 4
EPS = 0.1


def _rng(offset=0):
    return np.random.default_rng(SEED + offset)


def _binary(offset=0, shape=(N,)):
    rng = _rng(offset)
    y = (rng.uniform(size=shape) < 0.4).astype(float)
    return y, rng.uniform(0.02, 0.98, size=shape), rng.normal(0, 3, size=shape)


def _labels_and_logits(offset=0):
    rng = _rng(offset)
    return rng.integers(0, K, N), rng.normal(0, 2, size=(N, K))


# Label smoothing -------------------------------------------------------------


@pytest.mark.parametrize("from_logits", [False, True], ids=["probabilities", "logits"])
def test_binary_smoothing_is_bce_of_the_smoothed_targets(from_logits):
    y, p, z = _binary()
    y_pred = z if from_logits else p
    smoothed = y * (1 - EPS) + EPS / 2  # Keras' rule: towards 1/2
    for function in (lossutils.binary_cross_entropy, lossutils.binary_cross_entropy.grad):
        np.testing.assert_array_equal(
            function(y, y_pred, from_logits=from_logits, label_smoothing=EPS),
            function(smoothed, y_pred, from_logits=from_logits),
        )


@pytest.mark.parametrize("from_logits", [False, True], ids=["probabilities", "logits"])
def test_categorical_smoothing_mixes_the_targets_with_the_uniform(from_logits):
    labels, logits = _labels_and_logits(1)
    y_pred = logits if from_logits else lossutils.softmax(logits)
    one_hot = np.eye(K)[labels]
    smoothed = one_hot * (1 - EPS) + EPS / K
    for function in (lossutils.categorical_cross_entropy, lossutils.categorical_cross_entropy.grad):
        np.testing.assert_allclose(
            function(one_hot, y_pred, from_logits=from_logits, label_smoothing=EPS),
            function(smoothed, y_pred, from_logits=from_logits),
            rtol=1e-15,
        )


@pytest.mark.parametrize("from_logits", [False, True], ids=["probabilities", "logits"])
@pytest.mark.parametrize("reduction", ["mean", "none"])
def test_sparse_smoothing_equals_the_dense_one_and_pytorchs_formula(from_logits, reduction):
    labels, logits = _labels_and_logits(2)
    y_pred = logits if from_logits else lossutils.softmax(logits)
    options = dict(from_logits=from_logits, label_smoothing=EPS, reduction=reduction)
    sparse = lossutils.sparse_categorical_cross_entropy(labels, y_pred, **options)
    dense = lossutils.categorical_cross_entropy(np.eye(K)[labels], y_pred, **options)
    np.testing.assert_allclose(sparse, dense, rtol=1e-15)
    # torch.nn.functional.cross_entropy(label_smoothing=eps) with class indices:
    # (1 - eps) * nll + eps * mean over classes of -log softmax.
    log_p = lossutils.log_softmax(logits)
    torch_like = (1 - EPS) * -log_p[np.arange(N), labels] + EPS * -log_p.mean(axis=1)
    np.testing.assert_allclose(sparse, torch_like if reduction == "none" else torch_like.mean(),
                               rtol=1e-12)
    grad_options = dict(options, reduction="sum")
    np.testing.assert_allclose(
        lossutils.sparse_categorical_cross_entropy.grad(labels, y_pred, **grad_options),
        lossutils.categorical_cross_entropy.grad(np.eye(K)[labels], y_pred, **grad_options),
        rtol=1e-15,
    )


def test_zero_smoothing_is_no_smoothing():
    labels, logits = _labels_and_logits(3)
    one_hot = np.eye(K)[labels]
    y, p, _ = _binary(3)
    pairs = [
        (lossutils.binary_cross_entropy, y, p),
        (lossutils.categorical_cross_entropy, one_hot, logits),
        (lossutils.sparse_categorical_cross_entropy, labels, logits),
    ]
    for loss, y_true, y_pred in pairs:
        options = {"from_logits": y_pred is logits}
        for function in (loss, loss.grad):
            np.testing.assert_array_equal(
                function(y_true, y_pred, label_smoothing=0.0, **options),
                function(y_true, y_pred, **options),
            )


def test_full_smoothing_ignores_the_labels():
    labels, logits = _labels_and_logits(4)
    shuffled = np.roll(labels, 1)
    loss = lossutils.sparse_categorical_cross_entropy
    assert loss(labels, logits, from_logits=True, label_smoothing=1.0) == pytest.approx(
        loss(shuffled, logits, from_logits=True, label_smoothing=1.0), rel=1e-14
    )


def test_smoothing_gives_the_best_logit_a_finite_value():
    # The smoothed target of a positive is 1 - eps/2, whose logit is finite:
    # there the gradient vanishes, where without smoothing it only tends to 0.
    best = np.log((1 - EPS / 2) / (EPS / 2))
    grad = lossutils.binary_cross_entropy.grad([1.0], [best], from_logits=True, label_smoothing=EPS)
    assert abs(grad[0]) < 1e-15
    unsmoothed = lossutils.binary_cross_entropy.grad([1.0], [best], from_logits=True)
    assert unsmoothed[0] < -0.04


# Binary focal cross-entropy ---------------------------------------------------


@pytest.mark.parametrize("shape", [(N,), (N, 3)], ids=["1d", "2d"])
@pytest.mark.parametrize("from_logits", [False, True], ids=["probabilities", "logits"])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_gamma_zero_is_binary_cross_entropy(shape, from_logits, reduction):
    y, p, z = _binary(5, shape)
    y_pred = z if from_logits else p
    weight = _rng(6).uniform(0.5, 2, N)
    options = dict(from_logits=from_logits, reduction=reduction, sample_weight=weight)
    focal = lossutils.binary_focal_cross_entropy(y, y_pred, gamma=0.0, **options)
    bce = lossutils.binary_cross_entropy(y, y_pred, **options)
    np.testing.assert_array_equal(focal, bce)  # bit for bit
    np.testing.assert_allclose(
        lossutils.binary_focal_cross_entropy.grad(y, y_pred, gamma=0.0, **options),
        lossutils.binary_cross_entropy.grad(y, y_pred, **options),
        rtol=1e-10,
    )


@pytest.mark.parametrize("gamma, alpha", [(2.0, None), (0.5, 0.25), (5.0, 0.9)])
def test_focal_loss_is_its_formula(gamma, alpha):
    y, p, z = _binary(7)
    weights = 1.0 if alpha is None else np.where(y == 1, alpha, 1 - alpha)
    for y_pred, from_logits, prob in ((p, False, p), (z, True, 1 / (1 + np.exp(-z)))):
        p_true = np.where(y == 1, prob, 1 - prob)
        expected = -weights * (1 - p_true) ** gamma * np.log(p_true)
        value = lossutils.binary_focal_cross_entropy(
            y, y_pred, gamma=gamma, alpha=alpha, from_logits=from_logits, reduction="none"
        )
        np.testing.assert_allclose(value, expected, rtol=1e-12)


def test_focal_factor_down_weights_the_easy_samples():
    y = np.array([1.0, 1.0, 0.0, 0.0])
    p = np.array([0.95, 0.3, 0.05, 0.7])  # easy, hard, easy, hard
    ratio = (
        lossutils.binary_focal_cross_entropy(y, p, reduction="none")
        / lossutils.binary_cross_entropy(y, p, reduction="none")
    )
    np.testing.assert_allclose(ratio, [0.05**2, 0.7**2, 0.05**2, 0.7**2], rtol=1e-12)


def test_focal_matches_keras_documented_examples():
    # keras.losses.BinaryFocalCrossentropy(gamma=2, from_logits=True) docs: 0.691.
    value = lossutils.binary_focal_cross_entropy(
        [0, 1, 0, 0], [-18.6, 0.51, 2.94, -12.8], gamma=2, from_logits=True
    )
    assert round(value, 3) == 0.691
    # keras.losses.binary_focal_crossentropy(..., gamma=2) docs: [0.330, 0.206].
    per_sample = lossutils.binary_focal_cross_entropy(
        [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]], reduction="none"
    )
    np.testing.assert_allclose(per_sample, [0.330, 0.206], atol=5e-4)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_focal_from_logits_is_stable(dtype):
    y = np.array([1.0, 1.0, 0.0, 0.0])
    z = np.array([-800.0, 800.0, 800.0, -800.0], dtype=dtype)
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow is fine
        losses = lossutils.binary_focal_cross_entropy(y, z, from_logits=True, reduction="none")
        grad = lossutils.binary_focal_cross_entropy.grad(y, z, from_logits=True, reduction="sum")
    # Wrong by 800 nats with (1 - p_t)^2 = 1; right with a loss of exactly 0.
    np.testing.assert_array_equal(losses, [800.0, 0.0, 800.0, 0.0])
    np.testing.assert_array_equal(grad, [-1.0, 0.0, 1.0, 0.0])
    # Moderate logits: the logit form agrees with the probability form.
    z = np.linspace(-12, 12, 25)
    p = 1 / (1 + np.exp(-z))
    for label in (0.0, 1.0):
        y = np.full(z.shape, label)
        np.testing.assert_allclose(
            lossutils.binary_focal_cross_entropy(y, z, from_logits=True, reduction="none"),
            lossutils.binary_focal_cross_entropy(y, p, reduction="none"),
            rtol=1e-9,
        )


def test_alpha_weights_positives_and_negatives():
    y, p, _ = _binary(8)
    per_sample = lossutils.binary_focal_cross_entropy(y, p, reduction="none")
    weighted = lossutils.binary_focal_cross_entropy(y, p, alpha=0.25, reduction="none")
    np.testing.assert_allclose(weighted, np.where(y == 1, 0.25, 0.75) * per_sample, rtol=1e-15)
    assert np.all(lossutils.binary_focal_cross_entropy(y, p, alpha=0.0, reduction="none")[y == 1] == 0)
