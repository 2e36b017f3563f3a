"""The fast from-logits kernels change no result: bit for bit the plain formulas
they replace (categorical cross-entropy with soft targets: to a few units in the
last place, see SOFT_RTOL_ULPS). And softmax allocates nothing of its input's
size beyond its output.

(The timings themselves are measured by ``make bench``, never by a test.)
"""

import tracemalloc

import numpy as np
import pytest

import lossutils
from lossutils._validation import reduce_blockwise
from _cases import SEED

# Enough rows for several blocks of lossutils._validation.BLOCK_ELEMENTS.
N = 7001


def _plain_shift(logits):
    return logits - np.max(logits, axis=1, keepdims=True)


def _plain_binary(y_true, logits):
    losses = np.maximum(logits, 0) - logits * y_true
    losses += np.log1p(np.exp(-np.abs(logits)))
    return losses


def _plain_categorical(y_true, logits, target_mass):
    shifted = _plain_shift(logits)
    target = np.einsum("ij,ij->i", y_true, shifted)
    return target_mass * np.log(np.sum(np.exp(shifted), axis=1)) - target


def _plain_sparse(labels, logits):
    shifted = _plain_shift(logits)
    target = shifted[np.arange(labels.shape[0]), labels]
    return np.log(np.sum(np.exp(shifted), axis=1)) - target


def _plain_softmax(z, axis=-1):
    exp = np.exp(z - np.max(z, axis=axis, keepdims=True))
    exp /= np.sum(exp, axis=axis, keepdims=True)
    return exp


def _plain_log_softmax(z, axis=-1):
    shifted = z - np.max(z, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def _data(n_classes, dtype, order, seed=0):
    rng = np.random.default_rng(SEED + seed)
    labels = rng.integers(0, n_classes, N)
    logits = np.asarray(rng.normal(0, 4, size=(N, n_classes)), dtype=dtype, order=order)
    logits[:3, 0] = [700.0, -700.0, 0.0] if dtype == np.float64 else [80.0, -80.0, 0.0]
    return labels, logits


LAYOUTS = pytest.mark.parametrize(
    "n_classes, dtype, order",
    [(k, dtype, order) for k in (2, 3, 8, 10, 17, 32, 33, 100)
     for dtype in (np.float32, np.float64) for order in ("C", "F")],
)


# Soft targets only: the fast kernel weights the shifted logits of a block
# transposed, with einsum("ij,ji->i"), whose order of additions along a row
# differs from einsum("ij,ij->i")'s, so results may differ by a few units in
# the last place (at most 5 here). Every product is of a target (>= 0) and a
# shifted logit (<= 0), so there is no cancellation and this bound does not
# grow with n; one-hot rows, a single non-zero product, are still bit for bit.
SOFT_RTOL_ULPS = 16


@LAYOUTS
def test_categorical_from_logits_is_the_plain_formula(n_classes, dtype, order):
    labels, logits = _data(n_classes, dtype, order)
    soft = lossutils.softmax(np.random.default_rng(SEED).normal(size=(N, n_classes)))
    rtol = SOFT_RTOL_ULPS * np.finfo(dtype).eps
    for y_true, exact in ((np.eye(n_classes, dtype=dtype)[labels], True),
                          (soft.astype(dtype), False)):
        mass = np.einsum("ij->i", y_true)
        loss = lossutils.categorical_cross_entropy
        value = loss(y_true, logits, from_logits=True, reduction="none")
        expected = _plain_categorical(y_true, logits, mass)
        mean = loss(y_true, logits, from_logits=True)
        expected_mean = reduce_blockwise(_plain_categorical, (y_true, logits, mass), None, "mean")
        if exact:
            np.testing.assert_array_equal(value, expected)
            assert mean == expected_mean
        else:
            np.testing.assert_allclose(value, expected, rtol=rtol, atol=0)
            assert abs(mean - expected_mean) <= rtol * expected_mean
        np.testing.assert_array_equal(
            loss.grad(y_true, logits, from_logits=True, reduction="sum"),
            _plain_softmax(logits) * mass[:, np.newaxis] - y_true,
        )


@LAYOUTS
def test_sparse_from_logits_is_the_plain_formula(n_classes, dtype, order):
    labels, logits = _data(n_classes, dtype, order, seed=1)
    loss = lossutils.sparse_categorical_cross_entropy
    np.testing.assert_array_equal(
        loss(labels, logits, from_logits=True, reduction="none"), _plain_sparse(labels, logits)
    )
    assert loss(labels, logits, from_logits=True) == reduce_blockwise(
        _plain_sparse, (labels, logits), None, "mean"
    )
    expected = _plain_softmax(logits)
    expected[np.arange(N), labels] -= 1
    np.testing.assert_array_equal(loss.grad(labels, logits, from_logits=True, reduction="sum"),
                                  expected)


@LAYOUTS
def test_softmax_and_log_softmax_are_the_plain_formulas(n_classes, dtype, order):
    _, logits = _data(n_classes, dtype, order, seed=2)
    np.testing.assert_array_equal(lossutils.softmax(logits), _plain_softmax(logits))
    np.testing.assert_array_equal(lossutils.log_softmax(logits), _plain_log_softmax(logits))
    for axis in (0, None):
        np.testing.assert_array_equal(lossutils.softmax(logits, axis=axis),
                                      _plain_softmax(logits, axis=axis))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", [(5 * N,), (N, 3)], ids=["1d", "2d"])
@pytest.mark.parametrize("y_dtype", [None, np.float64], ids=["same", "float64-targets"])
def test_binary_from_logits_is_the_plain_formula(dtype, shape, y_dtype):
    rng = np.random.default_rng(SEED + 3)
    logits = rng.normal(0, 4, size=shape).astype(dtype)
    logits.reshape(-1)[:4] = [1000.0, -1000.0, 0.0, -0.0]
    y_true = rng.uniform(size=shape).astype(y_dtype or dtype)
    y_true.reshape(-1)[:4] = [1.0, 0.0, 1.0, 0.0]
    loss = lossutils.binary_cross_entropy
    value = loss(y_true, logits, from_logits=True, reduction="none")
    expected = _plain_binary(y_true, logits)
    expected = expected.mean(axis=1) if expected.ndim == 2 else expected
    assert value.dtype == expected.dtype
    np.testing.assert_array_equal(value, expected)
    assert loss(y_true, logits, from_logits=True) == reduce_blockwise(
        _plain_binary, (y_true, logits), None, "mean"
    )


@pytest.mark.parametrize("n_classes", [3, 10, 20, 100])
def test_softmax_allocates_nothing_beyond_its_output(n_classes):
    logits = np.random.default_rng(SEED).normal(size=(20_000, n_classes))
    output_bytes = logits.nbytes
    per_row_bytes = 8 * logits.shape[0]  # a column: row maxima, row sums
    lossutils.softmax(logits)  # warm-up: imports, caches
    tracemalloc.start()
    try:
        result = lossutils.softmax(logits)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.nbytes == output_bytes
    # The plain formula needs two arrays of the input's size at its peak.
    assert peak <= output_bytes + 3 * per_row_bytes + 64 * 1024, peak
