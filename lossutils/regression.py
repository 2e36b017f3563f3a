"""Regression losses: the model predicts real numbers.

Every loss takes ``y_true`` and ``y_pred`` of shape (n,) or (n, k) (k outputs
per sample, averaged per sample as Keras does), ``sample_weight`` of shape
(n,) and ``reduction`` in {"mean", "sum", "none"}, and has a ``.grad``
computing the gradient of the reduced loss with respect to ``y_pred``.
For reduction="none", ``.grad`` is the gradient of the sum of the per-sample
values: each sample's own gradient (times its weight).
"""

import functools
import math
import numbers

import numpy as np

from ._validation import (
    apply_blockwise,
    as_float_array,
    check_finite,
    check_ndim,
    check_reduction,
    check_result,
    check_same_shape,
    check_sample_weight,
    raise_first,
    reduce_blockwise,
    scale_gradient,
    with_gradient,
)

__all__ = [
    "mean_squared_error",
    "mean_absolute_error",
    "mean_squared_logarithmic_error",
    "mean_absolute_percentage_error",
    "huber",
]


def _check_targets(y_true, y_pred, sample_weight, reduction, finite=False):
    """Validate the arguments every regression loss shares.

    The loss values check finiteness through their result; gradients, which
    can be finite for infinite inputs (sign(inf) = 1), ask for ``finite``.
    """
    check_reduction(reduction)
    y_true = as_float_array(y_true, "y_true")
    y_pred = as_float_array(y_pred, "y_pred")
    for array, name in ((y_true, "y_true"), (y_pred, "y_pred")):
        check_ndim(array, name, (1, 2), "(n,) or (n, k)")
    check_same_shape(y_true, y_pred)
    weight = check_sample_weight(sample_weight, y_pred.shape[0], reduction)
    if finite:
        check_finite(y_true, "y_true")
        check_finite(y_pred, "y_pred")
    return y_true, y_pred, weight


def _gradient(grad, y_pred, weight, reduction):
    return scale_gradient(grad, weight, reduction, y_pred.dtype, per_output=True)


def _mean_squared_error_grad(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`mean_squared_error` with respect to ``y_pred``.

    Parameters are those of :func:`mean_squared_error`.

    Returns
    -------
    grad : ndarray, same shape as ``y_pred``
        :math:`2 (\hat y_i - y_i)` times the sample's share of the reduction
        (``1/n`` for "mean", ``w_i / \sum w`` when weighted, ``1`` for "sum");
        for reduction="none" the gradient of each sample's own loss.

    Examples
    --------
    >>> from lossutils import mean_squared_error
    >>> print(mean_squared_error.grad([0.0, 1.0], [0.0, 3.0]))
    [0. 2.]
    """
    y_true, y_pred, weight = _check_targets(
        y_true, y_pred, sample_weight, reduction, finite=True
    )
    # In place: the residuals are the only array allocated.
    grad = y_pred - y_true
    grad *= 2
    return _gradient(grad, y_pred, weight, reduction)


@with_gradient(_mean_squared_error_grad)
def mean_squared_error(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Mean squared error (MSE), the L2 loss.

    Introduced in the quick start, *Getting started*; derived from the
    Gaussian likelihood in Chapter 3.

    Parameters
    ----------
    y_true : array-like, shape (n,) or (n, k)
        Targets.
    y_pred : array-like, same shape as ``y_true``
        Predictions.
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        "mean": the (weighted) mean over samples, :math:`\sum_i w_i l_i /
        \sum_i w_i`; "sum": :math:`\sum_i w_i l_i`; "none": the array of
        :math:`w_i l_i`. For 2-D input :math:`l_i` is the mean over the k
        outputs.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"

    See Also
    --------
    mean_absolute_error : Less sensitive to outliers.
    huber : Quadratic near zero, linear in the tails.

    Notes
    -----
    .. math:: \mathrm{MSE} = \frac{1}{n} \sum_{i=1}^{n} (y_i - \hat y_i)^2

    ``mean_squared_error.grad`` gives the gradient with respect to ``y_pred``.
    Agrees with ``sklearn.metrics.mean_squared_error``.

    Examples
    --------
    >>> from lossutils import mean_squared_error
    >>> mean_squared_error([0.0, 1.0], [0.0, 3.0])
    2.0
    >>> mean_squared_error([0.0, 1.0], [0.0, 3.0], reduction="sum")
    4.0
    >>> print(mean_squared_error([0.0, 1.0], [0.0, 3.0], reduction="none"))
    [0. 4.]
    >>> mean_squared_error([0.0, 1.0], [0.0, 3.0], sample_weight=[3, 1])
    1.0
    """
    y_true, y_pred, weight = _check_targets(y_true, y_pred, sample_weight, reduction)
    with np.errstate(invalid="ignore", over="ignore"):
        value = reduce_blockwise(_squared_errors, (y_true, y_pred), weight, reduction)
    return check_result(value, {"y_true": y_true, "y_pred": y_pred})


def _squared_errors(y_true, y_pred):
    diff = y_pred - y_true
    return np.multiply(diff, diff, out=diff)


def _mean_absolute_error_grad(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`mean_absolute_error` with respect to ``y_pred``.

    Parameters are those of :func:`mean_absolute_error`.

    Returns
    -------
    grad : ndarray, same shape as ``y_pred``
        :math:`\operatorname{sign}(\hat y_i - y_i)` times the sample's share of
        the reduction. At the kink :math:`\hat y_i = y_i` it is the
        subgradient 0 (``np.sign(0) == 0``).

    Examples
    --------
    >>> from lossutils import mean_absolute_error
    >>> print(mean_absolute_error.grad([0.0, 1.0, 2.0], [1.0, 1.0, 0.0], reduction="sum"))
    [ 1.  0. -1.]
    """
    y_true, y_pred, weight = _check_targets(
        y_true, y_pred, sample_weight, reduction, finite=True
    )
    return _gradient(_residual_signs(y_true, y_pred), y_pred, weight, reduction)


def _residual_signs(y_true, y_pred):
    diff = y_pred - y_true
    return np.sign(diff, out=diff)


@with_gradient(_mean_absolute_error_grad)
def mean_absolute_error(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Mean absolute error (MAE), the L1 loss.

    Introduced in Chapter 2, *What a loss function is*.

    Parameters
    ----------
    y_true : array-like, shape (n,) or (n, k)
        Targets.
    y_pred : array-like, same shape as ``y_true``
        Predictions.
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        How to combine the per-sample losses; see :func:`mean_squared_error`.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"

    See Also
    --------
    mean_squared_error, huber

    Notes
    -----
    .. math:: \mathrm{MAE} = \frac{1}{n} \sum_{i=1}^{n} |y_i - \hat y_i|

    Minimised by the median of the targets (MSE: by their mean).
    ``mean_absolute_error.grad`` uses the subgradient 0 at the kink.
    Agrees with ``sklearn.metrics.mean_absolute_error``.

    Examples
    --------
    >>> from lossutils import mean_absolute_error
    >>> mean_absolute_error([0.0, 1.0], [0.0, 3.0])
    1.0
    """
    y_true, y_pred, weight = _check_targets(y_true, y_pred, sample_weight, reduction)
    with np.errstate(invalid="ignore"):
        value = reduce_blockwise(_absolute_errors, (y_true, y_pred), weight, reduction)
    return check_result(value, {"y_true": y_true, "y_pred": y_pred})


def _absolute_errors(y_true, y_pred):
    diff = y_pred - y_true
    return np.abs(diff, out=diff)


def _check_log_domain(y_true, y_pred):
    for array, name in ((y_true, "y_true"), (y_pred, "y_pred")):
        if not array.min() > -1:
            raise_first(
                ~(array > -1),
                array,
                name,
                f"mean_squared_logarithmic_error takes log(1 + {name}), so {name} "
                "must be greater than -1",
            )


def _mean_squared_logarithmic_error_grad(
    y_true, y_pred, *, sample_weight=None, reduction="mean"
):
    r"""Gradient of :func:`mean_squared_logarithmic_error` w.r.t. ``y_pred``.

    Parameters are those of :func:`mean_squared_logarithmic_error`.

    Returns
    -------
    grad : ndarray, same shape as ``y_pred``
        :math:`2 (\log(1 + \hat y_i) - \log(1 + y_i)) / (1 + \hat y_i)` times
        the sample's share of the reduction.

    Examples
    --------
    >>> import numpy as np
    >>> from lossutils import mean_squared_logarithmic_error
    >>> grad = mean_squared_logarithmic_error.grad([0.0], [np.e - 1])
    >>> print(np.round(grad, 4))
    [0.7358]
    """
    y_true, y_pred, weight = _check_targets(
        y_true, y_pred, sample_weight, reduction, finite=True
    )
    _check_log_domain(y_true, y_pred)
    grad = apply_blockwise(_squared_log_error_gradients, (y_true, y_pred))
    return _gradient(grad, y_pred, weight, reduction)


def _squared_log_error_gradients(y_true, y_pred):
    return 2 * (np.log1p(y_pred) - np.log1p(y_true)) / (1 + y_pred)


@with_gradient(_mean_squared_logarithmic_error_grad)
def mean_squared_logarithmic_error(
    y_true, y_pred, *, sample_weight=None, reduction="mean"
):
    r"""Mean squared logarithmic error (MSLE): MSE between ``log(1 + y)``.

    Introduced in Chapter 5, *Choosing a loss*.

    Parameters
    ----------
    y_true : array-like, shape (n,) or (n, k)
        Targets, each greater than -1 (usually non-negative).
    y_pred : array-like, same shape as ``y_true``
        Predictions, each greater than -1.
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        How to combine the per-sample losses; see :func:`mean_squared_error`.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"

    Raises
    ------
    ValueError
        If a value of ``y_true`` or ``y_pred`` is ``<= -1``, where the
        logarithm is undefined. Keras instead clips both to be non-negative.

    See Also
    --------
    mean_squared_error

    Notes
    -----
    .. math:: \mathrm{MSLE} = \frac{1}{n} \sum_{i=1}^{n}
              \left(\log(1 + y_i) - \log(1 + \hat y_i)\right)^2

    It compares ratios rather than differences, so it suits targets spread
    over orders of magnitude, and it penalises under-prediction more than
    over-prediction. Agrees with ``sklearn.metrics.mean_squared_log_error``.

    Examples
    --------
    >>> from lossutils import mean_squared_logarithmic_error
    >>> round(mean_squared_logarithmic_error([9.0, 99.0], [19.0, 199.0]), 4)
    0.4805
    """
    y_true, y_pred, weight = _check_targets(y_true, y_pred, sample_weight, reduction)
    _check_log_domain(y_true, y_pred)
    with np.errstate(invalid="ignore"):
        value = reduce_blockwise(_squared_log_errors, (y_true, y_pred), weight, reduction)
    return check_result(value, {"y_true": y_true, "y_pred": y_pred})


def _squared_log_errors(y_true, y_pred):
    diff = np.log1p(y_pred) - np.log1p(y_true)
    return np.multiply(diff, diff, out=diff)


def _percentage_scale(y_true):
    # scikit-learn's guard: |y_true| is floored at float64's machine epsilon.
    return np.maximum(np.abs(y_true), np.finfo(np.float64).eps)


def _mean_absolute_percentage_error_grad(
    y_true, y_pred, *, sample_weight=None, reduction="mean"
):
    r"""Gradient of :func:`mean_absolute_percentage_error` w.r.t. ``y_pred``.

    Parameters are those of :func:`mean_absolute_percentage_error`.

    Returns
    -------
    grad : ndarray, same shape as ``y_pred``
        :math:`\operatorname{sign}(\hat y_i - y_i) / \max(|y_i|, \epsilon)`
        times the sample's share of the reduction; the subgradient 0 at
        :math:`\hat y_i = y_i`.

    Examples
    --------
    >>> from lossutils import mean_absolute_percentage_error
    >>> print(mean_absolute_percentage_error.grad([2.0, 4.0], [3.0, 2.0]))
    [ 0.25  -0.125]
    """
    y_true, y_pred, weight = _check_targets(
        y_true, y_pred, sample_weight, reduction, finite=True
    )
    grad = apply_blockwise(_percentage_error_gradients, (y_true, y_pred))
    return _gradient(grad, y_pred, weight, reduction)


def _percentage_error_gradients(y_true, y_pred):
    return _residual_signs(y_true, y_pred) / _percentage_scale(y_true)


@with_gradient(_mean_absolute_percentage_error_grad)
def mean_absolute_percentage_error(
    y_true, y_pred, *, sample_weight=None, reduction="mean"
):
    r"""Mean absolute percentage error (MAPE), as a fraction (0.1 means 10 %).

    Introduced in the appendix, *A deep dive into loss functions*.

    Parameters
    ----------
    y_true : array-like, shape (n,) or (n, k)
        Targets; values near zero make the loss explode.
    y_pred : array-like, same shape as ``y_true``
        Predictions.
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        How to combine the per-sample losses; see :func:`mean_squared_error`.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"
        A fraction, as scikit-learn returns it (Keras multiplies by 100).

    See Also
    --------
    mean_absolute_error

    Notes
    -----
    .. math:: \mathrm{MAPE} = \frac{1}{n} \sum_{i=1}^{n}
              \frac{|y_i - \hat y_i|}{\max(|y_i|, \epsilon)}

    with :math:`\epsilon` the float64 machine epsilon, as in
    ``sklearn.metrics.mean_absolute_percentage_error`` (Keras uses 1e-7): a
    zero target gives a huge but finite loss.

    Examples
    --------
    >>> from lossutils import mean_absolute_percentage_error
    >>> mean_absolute_percentage_error([2.0, 4.0], [3.0, 2.0])
    0.5
    """
    y_true, y_pred, weight = _check_targets(y_true, y_pred, sample_weight, reduction)
    with np.errstate(invalid="ignore"):
        value = reduce_blockwise(_percentage_errors, (y_true, y_pred), weight, reduction)
    return check_result(value, {"y_true": y_true, "y_pred": y_pred})


def _percentage_errors(y_true, y_pred):
    return _absolute_errors(y_true, y_pred) / _percentage_scale(y_true)


def _check_delta(delta):
    if isinstance(delta, (bool, np.bool_)) or not (
        isinstance(delta, numbers.Real) and math.isfinite(delta) and delta > 0
    ):
        raise ValueError(f"delta must be a positive finite number; got {delta!r}.")
    return float(delta)


def _huber_grad(y_true, y_pred, *, sample_weight=None, reduction="mean", delta=1.0):
    r"""Gradient of :func:`huber` with respect to ``y_pred``.

    Parameters are those of :func:`huber`.

    Returns
    -------
    grad : ndarray, same shape as ``y_pred``
        The residual :math:`\hat y_i - y_i` clipped to :math:`[-\delta,
        \delta]`, times the sample's share of the reduction. (The Huber loss
        has a continuous derivative, so there is no kink to choose at.)

    Examples
    --------
    >>> from lossutils import huber
    >>> print(huber.grad([0.0, 0.0], [0.5, -3.0], reduction="sum"))
    [ 0.5 -1. ]
    """
    delta = _check_delta(delta)
    y_true, y_pred, weight = _check_targets(
        y_true, y_pred, sample_weight, reduction, finite=True
    )
    grad = y_pred - y_true
    return _gradient(np.clip(grad, -delta, delta, out=grad), y_pred, weight, reduction)


@with_gradient(_huber_grad)
def huber(y_true, y_pred, *, sample_weight=None, reduction="mean", delta=1.0):
    r"""Huber loss: squared error for small residuals, absolute for large ones.

    Introduced in Chapter 5, *Choosing a loss*.

    Parameters
    ----------
    y_true : array-like, shape (n,) or (n, k)
        Targets.
    y_pred : array-like, same shape as ``y_true``
        Predictions.
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        How to combine the per-sample losses; see :func:`mean_squared_error`.
    delta : float, default=1.0
        Where the loss turns from quadratic to linear; must be positive.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"

    See Also
    --------
    mean_squared_error, mean_absolute_error

    Notes
    -----
    With :math:`d = \hat y - y`, Keras' form of the loss is

    .. math:: L_\delta(d) = \begin{cases}
              \frac12 d^2 & |d| \le \delta \\
              \delta \left(|d| - \frac{\delta}{2}\right) & |d| > \delta
              \end{cases}

    Both pieces and their slopes meet at :math:`|d| = \delta`. For small
    ``delta`` it is close to ``delta * |d|``, for large ``delta`` to
    ``d ** 2 / 2`` (half the squared error).

    Examples
    --------
    >>> from lossutils import huber
    >>> huber([0.0, 0.0], [0.5, -3.0])
    1.3125
    >>> huber([0.0, 0.0], [0.5, -3.0], delta=2.0)
    2.0625
    """
    delta = _check_delta(delta)
    y_true, y_pred, weight = _check_targets(y_true, y_pred, sample_weight, reduction)
    with np.errstate(invalid="ignore"):
        value = reduce_blockwise(
            functools.partial(_huber_losses, delta=delta), (y_true, y_pred), weight, reduction
        )
    return check_result(value, {"y_true": y_true, "y_pred": y_pred})


def _huber_losses(y_true, y_pred, delta):
    diff = y_pred - y_true
    size = np.abs(diff)
    return np.where(size <= delta, 0.5 * diff * diff, delta * (size - 0.5 * delta))
