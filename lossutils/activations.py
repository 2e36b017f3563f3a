"""Output activations that turn logits into probabilities, computed stably.

Each function is exact to rounding and finite for every finite input, however
large (``±1000`` in float32 included): exponentials are only ever taken of
non-positive numbers. Introduced in Chapter 4, *Cross-entropy*.
"""

import numpy as np

from ._validation import as_float_array, check_finite, row_blocks

__all__ = ["sigmoid", "softmax", "log_softmax", "logsumexp"]


def _check_input(z, axis=None, uses_axis=False):
    z = as_float_array(z, "z")
    check_finite(z, "z")
    if uses_axis:
        if z.ndim == 0:
            raise ValueError("z must have at least one dimension; got a scalar.")
        if axis is not None and not (
            isinstance(axis, (int, np.integer)) and -z.ndim <= axis < z.ndim
        ):
            raise ValueError(
                f"axis must be None or an integer in [{-z.ndim}, {z.ndim}) for z "
                f"of shape {z.shape}; got {axis!r}."
            )
    return z


def _as_output(result):
    return float(result) if result.ndim == 0 else result


def _sigmoid(z):
    # exp(-|z|) never overflows; the two branches are the same function.
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + small), small / (1 + small))


# NumPy reduces each row of an (n, k) array with an inner loop of its own,
# which for short rows costs far more than the arithmetic: with k = 10, np.max
# along the rows takes about five times as long as np.exp of the whole array.
# For short rows of C-contiguous float32 or float64 arrays, the row maxima and
# row sums are therefore computed column by column, in passes over whole
# columns, with results identical bit for bit to np.max and np.sum (checked in
# tests/test_speed.py).
_COLUMNWISE_MAX_COLUMNS = 32
_COLUMNWISE_SUM_COLUMNS = 15


def _by_columns(z, max_columns):
    # float16 is left to NumPy, which sums it in float32.
    return (
        z.ndim == 2
        and 2 <= z.shape[1] <= max_columns
        and z.flags.c_contiguous
        and z.dtype in (np.float32, np.float64)
    )


def _row_max(z):
    """``np.max(z, axis=1)`` of a 2-D array."""
    if not _by_columns(z, _COLUMNWISE_MAX_COLUMNS):
        return np.max(z, axis=1)
    top = np.maximum(z[:, 0], z[:, 1])
    for j in range(2, z.shape[1]):
        np.maximum(top, z[:, j], out=top)
    return top


def _row_sums(z):
    """``np.sum(z, axis=1)`` of a 2-D array, bit for bit (up to the sign of a
    zero sum), with at most three temporary columns.

    Column by column, NumPy's order of additions is replayed: a running sum
    for rows of fewer than 8 numbers; for 8 to 15, its pairwise summation,
    ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)), then the remaining
    columns one at a time.
    """
    if not _by_columns(z, _COLUMNWISE_SUM_COLUMNS):
        return np.sum(z, axis=1)
    n_columns = z.shape[1]
    total = z[:, 0] + z[:, 1]
    if n_columns < 8:
        rest = range(2, n_columns)
    else:
        pair = z[:, 2] + z[:, 3]
        total += pair
        second = z[:, 4] + z[:, 5]
        np.add(z[:, 6], z[:, 7], out=pair)
        second += pair
        total += second
        rest = range(8, n_columns)
    for j in rest:
        total += z[:, j]
    return total


# The cross-entropies from logits go further: one block of rows at a time is
# copied transposed, to (k, rows), so that the row maxima, the shift, the
# exponentials and the row sums are all passes over long contiguous rows of
# the copy (the copy itself costs less than a pass of np.exp).
def _transposable(z):
    return _by_columns(z, _COLUMNWISE_MAX_COLUMNS)


def _transposed_shift(z):
    """``(z - max over each row).T`` as a new C-ordered (k, n) array, and the
    row maxima, for a C-contiguous (n, k) block (see :func:`_transposable`)."""
    shifted = np.empty(z.shape[::-1], dtype=z.dtype)
    np.copyto(shifted, z.T)
    top = np.maximum.reduce(shifted, axis=0)
    shifted -= top
    return shifted, top


def _column_sums_in_place(columns):
    """``np.sum(columns.T, axis=1)`` of a C-ordered (k, n) array, k <= 32, bit
    for bit (up to the sign of a zero sum); overwrites ``columns``.

    NumPy's order of additions along a row is replayed on whole rows of the
    copy: for fewer than 8 numbers a running sum; otherwise eight running
    sums, of numbers 0-7, plus 8-15, plus ..., while whole groups of eight
    remain, then ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)), then the
    remaining numbers one at a time.
    """
    n_columns = columns.shape[0]
    total = columns[0]
    if n_columns < 8:
        rest = range(1, n_columns)
    else:
        grouped = n_columns - n_columns % 8
        for start in range(8, grouped, 8):
            columns[:8] += columns[start:start + 8]
        columns[0:8:2] += columns[1:8:2]
        columns[0:8:4] += columns[2:8:4]
        total += columns[4]
        rest = range(grouped, n_columns)
    for j in rest:
        total += columns[j]
    return total


def _along_rows(z, axis):
    return z.ndim == 2 and axis in (1, -1)


def _max_keepdims(z, axis):
    if _along_rows(z, axis):
        return _row_max(z)[:, np.newaxis]
    return np.max(z, axis=axis, keepdims=True)


def _sum_keepdims(z, axis):
    if _along_rows(z, axis):
        return _row_sums(z)[:, np.newaxis]
    return np.sum(z, axis=axis, keepdims=True)


def _shifted(z, axis):
    return z - _max_keepdims(z, axis)


def _log_softmax(z, axis=-1):
    shifted = _shifted(z, axis)
    return shifted - np.log(_sum_keepdims(np.exp(shifted), axis))


def _softmax_into(z, out):
    out = np.subtract(z, _max_keepdims(z, -1), out=out)
    np.exp(out, out=out)
    out /= _sum_keepdims(out, -1)


def _softmax(z, axis=-1):
    # The only array of z's size is the result: z - max is exponentiated and
    # normalised in place, for C-ordered (n, k) rows one cache-sized block at
    # a time (other layouts keep NumPy's own order of summation).
    if not (_along_rows(z, axis) and z.flags.c_contiguous):
        exp = _shifted(z, axis)
        np.exp(exp, out=exp)
        exp /= _sum_keepdims(exp, axis)
        return exp
    result = np.empty(z.shape, dtype=z.dtype)
    for rows in row_blocks((z,)):
        _softmax_into(z[rows], result[rows])
    return result


def sigmoid(z):
    r"""Logistic sigmoid, the probability of the positive class given a logit.

    Introduced in the quick start, *Getting started*.

    Parameters
    ----------
    z : array-like of any shape, or a number
        Logits (real numbers).

    Returns
    -------
    p : ndarray of the same shape as ``z``, or float
        Probabilities in ``[0, 1]``; a float when ``z`` is a number.

    See Also
    --------
    softmax : The multi-class generalisation.

    Notes
    -----
    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}} = \frac{e^{z}}{1 + e^{z}}

    The first form is used for :math:`z \ge 0` and the second for
    :math:`z < 0`, so the exponential is never of a positive number.

    Examples
    --------
    >>> import numpy as np
    >>> from lossutils import sigmoid
    >>> sigmoid(0.0)
    0.5
    >>> print(sigmoid([-1000.0, -2.0, 2.0, 1000.0]))
    [0.         0.11920292 0.88079708 1.        ]
    """
    return _as_output(_sigmoid(_check_input(z)))


def softmax(z, *, axis=-1):
    r"""Softmax: turn a vector of logits into a probability distribution.

    Introduced in Chapter 3, *Maximum likelihood*.

    Parameters
    ----------
    z : array-like, shape (..., k)
        Logits.
    axis : int or None, default=-1
        The axis holding the k classes; None normalises the whole array.

    Returns
    -------
    p : ndarray, same shape as ``z``
        Non-negative, summing to one along ``axis``.

    See Also
    --------
    log_softmax : Its logarithm, computed without taking a log of a small number.
    sigmoid : The two-class case: ``sigmoid(z) == softmax([0, z])[1]``.

    Notes
    -----
    .. math:: \operatorname{softmax}(z)_j = \frac{e^{z_j - m}}{\sum_l e^{z_l - m}},
              \qquad m = \max_l z_l

    Subtracting the maximum changes nothing mathematically and keeps every
    exponential in ``(0, 1]``.

    Examples
    --------
    >>> import numpy as np
    >>> from lossutils import softmax
    >>> print(np.round(softmax([1.0, 2.0, 3.0]), 4))
    [0.09   0.2447 0.6652]
    >>> print(softmax([1000.0, 1000.0]))
    [0.5 0.5]
    """
    return _softmax(_check_input(z, axis, uses_axis=True), axis)


def log_softmax(z, *, axis=-1):
    r"""Logarithm of the softmax, the log-probabilities used by cross-entropy.

    Introduced in Chapter 4, *Cross-entropy* (its section *Building a loss from a
    distribution*, in the mixture density network); Chapter 6 explains why it is
    computed through log-sum-exp.

    Parameters
    ----------
    z : array-like, shape (..., k)
        Logits.
    axis : int or None, default=-1
        The axis holding the k classes.

    Returns
    -------
    log_p : ndarray, same shape as ``z``
        Non-positive; ``np.exp(log_p)`` sums to one along ``axis``.

    See Also
    --------
    softmax, logsumexp

    Notes
    -----
    .. math:: \log \operatorname{softmax}(z)_j = z_j - \operatorname{logsumexp}(z)

    Computed as ``(z - m) - log(sum(exp(z - m)))``: finite even where the
    softmax itself underflows to zero.

    Examples
    --------
    >>> import numpy as np
    >>> from lossutils import log_softmax
    >>> print(np.round(log_softmax([0.0, 0.0]), 4))
    [-0.6931 -0.6931]
    >>> print(log_softmax([0.0, 1000.0]))
    [-1000.     0.]
    """
    return _log_softmax(_check_input(z, axis, uses_axis=True), axis)


def logsumexp(z, *, axis=-1, keepdims=False):
    r"""Log of a sum of exponentials, computed without overflow.

    Introduced in Chapter 4, *Cross-entropy* (its section *Building a loss from a
    distribution*, in the mixture density network); Chapter 6, *Implementing loss
    functions*, explains it.

    Parameters
    ----------
    z : array-like, shape (..., k)
        Logits.
    axis : int or None, default=-1
        The axis to reduce; None reduces over every element.
    keepdims : bool, default=False
        Keep the reduced axis with length one, so the result broadcasts
        against ``z``.

    Returns
    -------
    lse : ndarray or float
        ``z``'s shape without ``axis`` (or with length one there when
        ``keepdims``); a float when the result is a single number.

    See Also
    --------
    log_softmax : ``z - logsumexp(z, keepdims=True)``.

    Notes
    -----
    .. math:: \operatorname{logsumexp}(z) = \log \sum_j e^{z_j}
              = m + \log \sum_j e^{z_j - m}, \qquad m = \max_j z_j

    Examples
    --------
    >>> import numpy as np
    >>> from lossutils import logsumexp
    >>> round(logsumexp([0.0, 0.0]), 4)
    0.6931
    >>> logsumexp([1000.0, 1000.0]) - 1000.0
    0.693147...
    >>> logsumexp(np.zeros((2, 3)), keepdims=True).shape
    (2, 1)
    """
    z = _check_input(z, axis, uses_axis=True)
    top = np.max(z, axis=axis, keepdims=True)
    result = np.log(np.sum(np.exp(z - top), axis=axis, keepdims=True)) + top
    if not keepdims:
        result = np.squeeze(result, axis=axis)
    return _as_output(result)
