"""Output activations that turn logits into probabilities, computed stably.

Each function is exact to rounding and finite for every finite input, however
large (``±1000`` in float32 included): exponentials are only ever taken of
non-positive numbers. Introduced in Chapter 4, *Cross-entropy*.
"""

import numpy as np

from ._validation import as_float_array, check_finite

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


def _shifted(z, axis):
    return z - np.max(z, axis=axis, keepdims=True)


def _log_softmax(z, axis=-1):
    shifted = _shifted(z, axis)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def _softmax(z, axis=-1):
    exp = np.exp(_shifted(z, axis))
    exp /= np.sum(exp, axis=axis, keepdims=True)
    return exp


def sigmoid(z):
    r"""Logistic sigmoid, the probability of the positive class given a logit.

    Introduced in Chapter 4, *Cross-entropy*.

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

    Introduced in Chapter 4, *Cross-entropy*.

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

    Introduced in Chapter 4, *Cross-entropy*.

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

    Introduced in Chapter 4, *Cross-entropy*.

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
