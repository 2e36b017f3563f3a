"""Likelihood losses whose model predicts a distribution's parameters.

``gaussian_nll`` is the negative log-likelihood of a Gaussian whose mean *and*
variance the network predicts: a regression loss that also learns how
uncertain each prediction is. Like every loss of the package it has a
``.grad``: the gradient of the reduced loss with respect to ``y_pred``.
For reduction="none", ``.grad`` is the gradient of the sum of the per-sample
values: each sample's own gradient (times its weight).
"""

import math

import numpy as np

from ._validation import (
    as_float_array,
    check_finite,
    check_ndim,
    check_reduction,
    check_sample_weight,
    reduce,
    scale_gradient,
    with_gradient,
)

__all__ = ["gaussian_nll", "LOG_VARIANCE_RANGE"]

#: The predicted log-variance is clipped to this range: variances from about
#: 9e-14 to 1e13 (standard deviations from 3e-7 to 3e6), far wider than
#: standardised targets need, while exp(-s) stays finite even in float32.
LOG_VARIANCE_RANGE = (-30.0, 30.0)

_LOG_2PI = math.log(2 * math.pi)
_LAYOUT = (
    "y_pred must have shape (n, 2): column 0 the predicted means, column 1 the "
    "predicted log-variances"
)


def _check_inputs(y_true, y_pred, sample_weight, reduction):
    """Validate the arguments; return float arrays (mean, log-variance) and weights."""
    check_reduction(reduction)
    y_true = as_float_array(y_true, "y_true")
    y_pred = as_float_array(y_pred, "y_pred")
    hint = ""
    if y_true.ndim == 2 and y_true.shape[1] == 1:
        hint = " Flatten the (n, 1) targets with .ravel()."
    check_ndim(y_true, "y_true", (1,), "(n,), one target per sample", hint)
    if y_pred.ndim != 2 or y_pred.shape[1] != 2:
        raise ValueError(f"{_LAYOUT}; got shape {y_pred.shape}.")
    if y_pred.shape[0] != y_true.shape[0]:
        raise ValueError(
            "y_true and y_pred must have one row per sample; got "
            f"{y_true.shape[0]} targets and {y_pred.shape[0]} predictions."
        )
    weight = check_sample_weight(sample_weight, y_pred.shape[0], reduction)
    # Explicit checks: clipping would otherwise turn an infinite log-variance
    # into a finite loss.
    check_finite(y_true, "y_true")
    check_finite(y_pred, "y_pred")
    return y_true, y_pred, weight


def _parts(y_true, y_pred):
    """Residual y - mu, clipped log-variance and the precision exp(-s)."""
    dtype = y_pred.dtype
    residual = y_true.astype(dtype, copy=False) - y_pred[:, 0]
    low, high = LOG_VARIANCE_RANGE
    log_var = np.clip(y_pred[:, 1], low, high)
    return residual, log_var, np.exp(-log_var)


def _gaussian_nll_grad(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`gaussian_nll` with respect to ``y_pred``.

    Parameters are those of :func:`gaussian_nll`.

    Returns
    -------
    grad : ndarray of shape (n, 2)
        Column 0 (the mean): :math:`(\mu_i - y_i)\, e^{-s_i}`; column 1 (the
        log-variance): :math:`\frac12 (1 - (y_i - \mu_i)^2 e^{-s_i})`, and 0
        where :math:`s_i` lies outside :data:`LOG_VARIANCE_RANGE` (the
        derivative of the clipped function). Both are multiplied by the
        sample's share of the reduction (``1/n`` for "mean", ``w_i / \sum w``
        when weighted, ``1`` for "sum").

    Examples
    --------
    >>> from lossutils import gaussian_nll
    >>> print(gaussian_nll.grad([1.0], [[0.0, 0.0]]))
    [[-1.  0.]]
    >>> print(gaussian_nll.grad([2.0], [[0.0, 0.0]]))
    [[-2.  -1.5]]
    """
    y_true, y_pred, weight = _check_inputs(y_true, y_pred, sample_weight, reduction)
    residual, log_var, precision = _parts(y_true, y_pred)
    low, high = LOG_VARIANCE_RANGE
    inside = (y_pred[:, 1] >= low) & (y_pred[:, 1] <= high)
    grad = np.empty(y_pred.shape, dtype=precision.dtype)
    with np.errstate(over="ignore"):
        grad[:, 0] = -residual * precision
        grad[:, 1] = np.where(inside, 0.5 * (1 - residual * residual * precision), 0.0)
    return scale_gradient(grad, weight, reduction, y_pred.dtype, per_output=False)


@with_gradient(_gaussian_nll_grad)
def gaussian_nll(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Gaussian negative log-likelihood with a predicted mean and log-variance.

    Introduced in Chapter 4, *Cross-entropy*.

    Parameters
    ----------
    y_true : array-like, shape (n,)
        Real-valued targets, one per sample.
    y_pred : array-like, shape (n, 2)
        Column 0: the predicted means :math:`\mu_i`; column 1: the predicted
        log-variances :math:`s_i = \log \sigma_i^2`, any real numbers (a
        linear output layer with two units produces this directly).
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        "mean": the (weighted) mean over samples, :math:`\sum_i w_i l_i /
        \sum_i w_i`; "sum": :math:`\sum_i w_i l_i`; "none": the array of
        :math:`w_i l_i`.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"
        In nats. Can be negative: a density can exceed one.

    See Also
    --------
    mean_squared_error : The same loss, up to scale and a constant, when the
        variance is fixed.

    Notes
    -----
    The per-sample loss is the full negative log-density of
    :math:`y_i` under :math:`\mathcal N(\mu_i, e^{s_i})`, constant included:

    .. math:: l_i = \frac12 \left( \log(2\pi) + s_i
              + (y_i - \mu_i)^2 e^{-s_i} \right)

    so that it is a true negative log-likelihood (comparable with
    ``scipy.stats.norm.logpdf``). With the log-variance fixed at :math:`s`,
    the mean loss is :math:`\mathrm{MSE}/(2\sigma^2) + \frac12
    \log(2\pi\sigma^2)`.

    Why the log-variance: a variance must be positive, and a network output
    is any real number; :math:`\sigma^2 = e^s` is positive for every
    :math:`s`, and the loss is linear in :math:`s` rather than in
    :math:`\log \sigma^2` of a variance that can approach zero.

    The log-variance is clipped to :data:`LOG_VARIANCE_RANGE` = (-30, 30)
    before use, so :math:`e^{-s}` never overflows (not even in float32) and
    the loss cannot run off to :math:`-\infty` by shrinking the variance of
    a perfectly fitted sample. Its smallest value per sample is therefore
    :math:`\frac12(\log 2\pi - 30) \approx -14.08`, at :math:`\mu_i = y_i`,
    :math:`s_i \le -30`. Where the clip is active the gradient with respect
    to :math:`s_i` is 0. Non-finite inputs raise a ValueError.

    Only one target per sample: for k outputs, call it once per output.
    ``lossutils.nn.MLP`` trains with it through a linear output layer of two
    units, given targets of shape (n,).

    Examples
    --------
    >>> from lossutils import gaussian_nll
    >>> round(gaussian_nll([0.0], [[0.0, 0.0]]), 4)  # log(2 pi) / 2
    0.9189
    >>> round(gaussian_nll([1.0, 3.0], [[0.0, 0.0], [3.0, -2.0]]), 4)
    0.6689
    >>> print(gaussian_nll([1.0, 3.0], [[0.0, 0.0], [3.0, -2.0]], reduction="none"))
    [ 1.41893853 -0.08106147]
    """
    y_true, y_pred, weight = _check_inputs(y_true, y_pred, sample_weight, reduction)
    residual, log_var, precision = _parts(y_true, y_pred)
    # Finite inputs can still overflow to an infinite (never nan) loss.
    with np.errstate(over="ignore"):
        losses = 0.5 * (_LOG_2PI + log_var + residual * residual * precision)
        return reduce(losses, weight, reduction)
