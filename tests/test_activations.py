"""Activations and from_logits losses: exact, and finite for extreme logits."""

import numpy as np
import pytest
import scipy.special

import lossutils
from _cases import SEED

EXTREME = np.array([[-1000.0, 0.0, 1000.0], [1000.0, 1000.0, -1000.0], [-1000.0, -1000.0, -999.0]])
DTYPES = [np.float64, np.float32]


def _logits(shape=(6, 4), scale=3.0):
    return np.random.default_rng(SEED).normal(0, scale, size=shape)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(
    "function", [lossutils.sigmoid, lossutils.softmax, lossutils.log_softmax, lossutils.logsumexp]
)
def test_finite_at_extremes(function, dtype):
    result = function(EXTREME.astype(dtype))
    assert np.all(np.isfinite(result))


@pytest.mark.parametrize("dtype", DTYPES)
def test_extreme_values_are_exact(dtype):
    z = EXTREME.astype(dtype)
    np.testing.assert_array_equal(lossutils.sigmoid(z[0]), [0.0, 0.5, 1.0])
    np.testing.assert_allclose(lossutils.softmax(z)[1], [0.5, 0.5, 0.0])
    np.testing.assert_allclose(lossutils.log_softmax(z)[0], [-2000.0, -1000.0, 0.0])
    expected = scipy.special.logsumexp(EXTREME, axis=-1)
    np.testing.assert_allclose(lossutils.logsumexp(z), expected, rtol=1e-6)


@pytest.mark.parametrize("axis", [-1, 0, 1, None])
def test_softmax_rows_sum_to_one(axis):
    p = lossutils.softmax(_logits(), axis=axis)
    np.testing.assert_allclose(np.sum(p, axis=axis), 1.0, rtol=1e-14)


@pytest.mark.parametrize("axis", [-1, 0, None])
def test_log_softmax_is_log_of_softmax(axis):
    z = _logits()
    np.testing.assert_allclose(
        lossutils.log_softmax(z, axis=axis), np.log(lossutils.softmax(z, axis=axis)), rtol=1e-13
    )


@pytest.mark.parametrize("axis", [-1, 0, 1, None])
@pytest.mark.parametrize("keepdims", [False, True])
def test_logsumexp_matches_scipy(axis, keepdims):
    z = _logits(scale=300.0)
    ours = lossutils.logsumexp(z, axis=axis, keepdims=keepdims)
    theirs = scipy.special.logsumexp(z, axis=axis, keepdims=keepdims)
    assert np.shape(ours) == np.shape(theirs)
    np.testing.assert_allclose(ours, theirs, rtol=1e-14)


def test_sigmoid_is_two_class_softmax():
    z = np.concatenate([_logits().ravel(), [-1000.0, -30.0, 30.0, 1000.0]])
    pairs = np.stack([np.zeros_like(z), z], axis=1)
    np.testing.assert_allclose(lossutils.sigmoid(z), lossutils.softmax(pairs)[:, 1], rtol=1e-14)
    np.testing.assert_allclose(lossutils.sigmoid(z), scipy.special.expit(z), rtol=1e-14)


def test_scalar_input_gives_float():
    assert lossutils.sigmoid(0) == 0.5 and type(lossutils.sigmoid(0)) is float
    assert type(lossutils.logsumexp([0.0, 0.0])) is float


def test_activations_do_not_modify_input():
    z = _logits()
    before = z.copy()
    for function in (lossutils.sigmoid, lossutils.softmax, lossutils.log_softmax, lossutils.logsumexp):
        function(z)
    np.testing.assert_array_equal(z, before)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", ["mean", "none"])
def test_logits_losses_finite_at_extremes(dtype, reduction):
    z = EXTREME.astype(dtype)
    labels = np.array([0, 2, 1])
    one_hot = np.eye(3)[labels]
    for loss, y_true in [
        (lossutils.categorical_cross_entropy, one_hot),
        (lossutils.sparse_categorical_cross_entropy, labels),
        (lossutils.binary_cross_entropy, (z > 0).astype(float)[:, ::-1]),
    ]:
        options = dict(from_logits=True, reduction=reduction)
        assert np.all(np.isfinite(loss(y_true, z, **options)))
        grad = loss.grad(y_true, z, **options)
        assert grad.dtype == dtype and np.all(np.isfinite(grad))


def test_logits_losses_are_exact_at_extremes():
    # A logit of 1000 for the wrong class costs 1000 nats, not inf or nan.
    assert lossutils.binary_cross_entropy([0.0], [1000.0], from_logits=True) == 1000.0
    assert lossutils.binary_cross_entropy([1.0], [-1000.0], from_logits=True) == 1000.0
    loss = lossutils.sparse_categorical_cross_entropy([0], [[-1000.0, 1000.0]], from_logits=True)
    assert loss == 2000.0


def test_logits_forms_equal_probability_forms():
    rng = np.random.default_rng(SEED)
    z = rng.normal(0, 2, size=(8, 3))
    labels = rng.integers(0, 3, 8)
    soft = lossutils.softmax(rng.normal(size=(8, 3)))
    binary = rng.uniform(size=(8, 3))
    pairs = [
        (lossutils.binary_cross_entropy, binary, lossutils.sigmoid(z)),
        (lossutils.categorical_cross_entropy, soft, lossutils.softmax(z)),
        (lossutils.sparse_categorical_cross_entropy, labels, lossutils.softmax(z)),
    ]
    for loss, y_true, probabilities in pairs:
        for reduction in ("mean", "none"):
            np.testing.assert_allclose(
                loss(y_true, z, from_logits=True, reduction=reduction),
                loss(y_true, probabilities, reduction=reduction),
                rtol=1e-12,
            )


def test_sparse_equals_categorical_on_one_hot():
    rng = np.random.default_rng(SEED)
    labels = rng.integers(0, 4, 10)
    for z, options in [(rng.normal(size=(10, 4)), {"from_logits": True}), (lossutils.softmax(rng.normal(size=(10, 4))), {})]:
        for function in ("__call__", "grad"):
            sparse = getattr(lossutils.sparse_categorical_cross_entropy, function)(labels, z, **options)
            dense = getattr(lossutils.categorical_cross_entropy, function)(np.eye(4)[labels], z, **options)
            np.testing.assert_allclose(sparse, dense, rtol=1e-12)


def test_kl_is_cross_entropy_minus_entropy():
    rng = np.random.default_rng(SEED)
    y_true = lossutils.softmax(rng.normal(size=(10, 4)))
    y_true[0] = [0.0, 0.5, 0.5, 0.0]
    y_pred = lossutils.softmax(rng.normal(size=(10, 4)))
    entropy = -np.sum(np.where(y_true > 0, y_true * np.log(np.where(y_true > 0, y_true, 1)), 0), axis=1)
    ce = lossutils.categorical_cross_entropy(y_true, y_pred, reduction="none")
    kl = lossutils.kl_divergence(y_true, y_pred, reduction="none")
    np.testing.assert_allclose(kl, ce - entropy, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(
        lossutils.kl_divergence.grad(y_true, y_pred),
        lossutils.categorical_cross_entropy.grad(y_true, y_pred),
        rtol=1e-15,
    )


def test_probability_gradients_closed_form():
    """The full gradient (not only its part along the simplex) is -y / p."""
    y_true = np.array([[0.2, 0.8], [1.0, 0.0]])
    y_pred = np.array([[0.5, 0.5], [0.25, 0.75]])
    expected = -y_true / y_pred / 2
    np.testing.assert_allclose(lossutils.categorical_cross_entropy.grad(y_true, y_pred), expected)
    np.testing.assert_allclose(lossutils.kl_divergence.grad(y_true, y_pred), expected)


def test_clipped_probabilities_have_zero_gradient():
    """The derivative of the clipped function: zero where the clip is active."""
    grad = lossutils.binary_cross_entropy.grad([1.0, 0.0, 1.0], [0.0, 1.0, 0.5], reduction="sum")
    np.testing.assert_array_equal(grad, [0.0, 0.0, -2.0])
    grad = lossutils.sparse_categorical_cross_entropy.grad([0, 1], [[0.0, 1.0], [0.5, 0.5]], reduction="sum")
    np.testing.assert_array_equal(grad, [[0.0, 0.0], [0.0, -2.0]])


def test_subgradients_at_kinks():
    assert lossutils.mean_absolute_error.grad([1.0], [1.0])[0] == 0.0
    assert lossutils.mean_absolute_percentage_error.grad([2.0], [2.0])[0] == 0.0
    assert lossutils.hinge.grad([1.0, -1.0], [1.0, -1.0]).tolist() == [0.0, 0.0]
    assert lossutils.huber.grad([0.0], [1.0])[0] == 1.0
