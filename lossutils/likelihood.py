"""Likelihood losses whose model predicts a distribution's parameters.

``gaussian_nll`` and ``laplace_nll`` are the negative log-likelihoods of a
Gaussian and a Laplace distribution whose location *and* scale the network
predicts: regression losses that also learn how uncertain each prediction is
(the Laplace one estimating the median, as the mean absolute error does).
``poisson_nll`` is the loss for counts, whose network predicts a rate. Like
every loss of the package each has a ``.grad``: the gradient of the reduced
loss with respect to ``y_pred``. For reduction="none", ``.grad`` is the
gradient of the sum of the per-sample values: each sample's own gradient
(times its weight).
"""

import math

import numpy as np

from ._validation import (
    apply_blockwise,
    as_float_array,
    check_finite,
    check_flag,
    check_from_logits,
    check_ndim,
    check_reduction,
    check_same_shape,
    check_sample_weight,
    raise_first,
    reduce,
    reduce_blockwise,
    scale_gradient,
    with_gradient,
)

__all__ = [
    "gaussian_nll",
    "laplace_nll",
    "poisson_nll",
    "LOG_VARIANCE_RANGE",
    "LOG_SCALE_RANGE",
]

#: The predicted log-variance is clipped to this range: variances from about
#: 9e-14 to 1e13 (standard deviations from 3e-7 to 3e6), far wider than
#: standardised targets need, while exp(-s) stays finite even in float32.
LOG_VARIANCE_RANGE = (-30.0, 30.0)

#: The predicted log-scale :math:`s = \log b` of ``laplace_nll`` is clipped
#: to this range: scales from about 3e-7 to 3e6, the standard deviations
#: that ``LOG_VARIANCE_RANGE`` allows ``gaussian_nll``.
LOG_SCALE_RANGE = (-15.0, 15.0)

_LOG_2PI = math.log(2 * math.pi)
_LOG_2 = math.log(2)
_LAYOUT = (
    "y_pred must have shape (n, 2): column 0 the predicted means, column 1 the "
    "predicted log-variances"
)
_LAPLACE_LAYOUT = (
    "y_pred must have shape (n, 2): column 0 the predicted locations (medians), "
    "column 1 the predicted log-scales"
)


def _check_inputs(y_true, y_pred, sample_weight, reduction, layout=_LAYOUT):
    """Validate the arguments; return float arrays (mean, log-variance) and weights."""
    check_reduction(reduction)
    y_true = as_float_array(y_true, "y_true")
    y_pred = as_float_array(y_pred, "y_pred")
    hint = ""
    if y_true.ndim == 2 and y_true.shape[1] == 1:
        hint = " Flatten the (n, 1) targets with .ravel()."
    check_ndim(y_true, "y_true", (1,), "(n,), one target per sample", hint)
    if y_pred.ndim != 2 or y_pred.shape[1] != 2:
        raise ValueError(f"{layout}; got shape {y_pred.shape}.")
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

    Introduced in Chapter 4, *Cross-entropy*, where the network predicts the
    variance too.

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
    :math:`s`. For a fixed mean the loss is convex in :math:`s`: with
    :math:`r = y - \mu`, its second derivative is :math:`r^2 e^{-s} / 2 > 0`
    (as a function of :math:`\sigma^2` itself it is not convex: its second
    derivative turns negative for :math:`\sigma^2 > 2 r^2`). It is not
    jointly convex in :math:`(\mu, s)`: the determinant of its Hessian is
    :math:`-r^2 e^{-2s} / 2 < 0` wherever :math:`r \ne 0`.

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


# Laplace: location and log-scale ----------------------------------------


def _laplace_parts(y_true, y_pred):
    """Residual y - mu, clipped log-scale and the inverse scale exp(-s)."""
    residual = y_true.astype(y_pred.dtype, copy=False) - y_pred[:, 0]
    low, high = LOG_SCALE_RANGE
    log_scale = np.clip(y_pred[:, 1], low, high)
    return residual, log_scale, np.exp(-log_scale)


def _laplace_nll_grad(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`laplace_nll` with respect to ``y_pred``.

    Parameters are those of :func:`laplace_nll`.

    Returns
    -------
    grad : ndarray of shape (n, 2)
        Column 0 (the location): :math:`\operatorname{sign}(\mu_i - y_i)\,
        e^{-s_i}`, with the subgradient 0 at :math:`\mu_i = y_i`; column 1
        (the log-scale): :math:`1 - |y_i - \mu_i|\, e^{-s_i}`, and 0 where
        :math:`s_i` lies outside :data:`LOG_SCALE_RANGE`. Both times the
        sample's share of the reduction.

    Examples
    --------
    >>> from lossutils import laplace_nll
    >>> print(laplace_nll.grad([1.0, 2.0], [[0.0, 0.0], [3.0, 0.0]], reduction="sum"))
    [[-1.  0.]
     [ 1.  0.]]
    """
    y_true, y_pred, weight = _check_inputs(
        y_true, y_pred, sample_weight, reduction, _LAPLACE_LAYOUT
    )
    residual, _, inverse_scale = _laplace_parts(y_true, y_pred)
    low, high = LOG_SCALE_RANGE
    inside = (y_pred[:, 1] >= low) & (y_pred[:, 1] <= high)
    grad = np.empty(y_pred.shape, dtype=inverse_scale.dtype)
    with np.errstate(over="ignore"):
        grad[:, 0] = -np.sign(residual) * inverse_scale
        grad[:, 1] = np.where(inside, 1 - np.abs(residual) * inverse_scale, 0.0)
    return scale_gradient(grad, weight, reduction, y_pred.dtype, per_output=False)


@with_gradient(_laplace_nll_grad)
def laplace_nll(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Laplace negative log-likelihood with a predicted location and log-scale.

    Introduced in Chapter 4, *Cross-entropy* (its section *Building a loss from a
    distribution*, where it turns the mean absolute error into a likelihood).

    Parameters
    ----------
    y_true : array-like, shape (n,)
        Real-valued targets, one per sample.
    y_pred : array-like, shape (n, 2)
        Column 0: the predicted locations :math:`\mu_i` (medians); column 1:
        the predicted log-scales :math:`s_i = \log b_i`, any real numbers
        (the layout of :func:`gaussian_nll`).
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        "mean": :math:`\sum_i w_i l_i / \sum_i w_i`; "sum":
        :math:`\sum_i w_i l_i`; "none": the array of :math:`w_i l_i`.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"
        In nats. Can be negative: a density can exceed one.

    See Also
    --------
    mean_absolute_error : The same loss, up to scale and a constant, when the
        scale is fixed.
    gaussian_nll : The Gaussian counterpart, estimating the mean.

    Notes
    -----
    The per-sample loss is the full negative log-density of :math:`y_i`
    under the Laplace distribution with location :math:`\mu_i` and scale
    :math:`b_i = e^{s_i}`, :math:`p(y) = e^{-|y - \mu|/b} / (2b)`:

    .. math:: l_i = \log 2 + s_i + |y_i - \mu_i|\, e^{-s_i}

    (comparable with ``scipy.stats.laplace.logpdf``). With the scale fixed
    at :math:`b` the mean loss is :math:`\mathrm{MAE}/b + \log 2b`, so the
    best location is a median of the targets, where the Gaussian's is their
    mean; the best scale for a given location is the mean absolute
    residual.

    The log-scale is clipped to :data:`LOG_SCALE_RANGE` = (-15, 15), for
    the reasons given in :func:`gaussian_nll`: :math:`e^{-s}` stays finite
    and the loss bounded below, by :math:`\log 2 - 15 \approx -14.31` per
    sample. Where the clip is active the gradient with respect to
    :math:`s_i` is 0. Non-finite inputs raise a ValueError.

    Neither Keras nor PyTorch has this loss; PyTorch's ``GaussianNLLLoss``
    is the Gaussian one, with a variance instead of a log-variance.

    Examples
    --------
    >>> from lossutils import laplace_nll
    >>> round(laplace_nll([0.0], [[0.0, 0.0]]), 4)  # log 2
    0.6931
    >>> print(laplace_nll([1.0, 3.0], [[0.0, 0.0], [2.0, -1.0]], reduction="none"))
    [1.69314718 2.41142901]
    """
    y_true, y_pred, weight = _check_inputs(
        y_true, y_pred, sample_weight, reduction, _LAPLACE_LAYOUT
    )
    residual, log_scale, inverse_scale = _laplace_parts(y_true, y_pred)
    with np.errstate(over="ignore"):
        losses = _LOG_2 + log_scale + np.abs(residual) * inverse_scale
        return reduce(losses, weight, reduction)


# Poisson: counts ----------------------------------------------------------

_LOG_RATE_HINT = " If these are log-rates, pass from_logits=True."


def _check_poisson(y_true, y_pred, sample_weight, reduction, from_logits, full):
    check_reduction(reduction)
    check_from_logits(from_logits)
    check_flag(full, "full")
    y_true = as_float_array(y_true, "y_true")
    y_pred = as_float_array(y_pred, "y_pred")
    for array, name in ((y_true, "y_true"), (y_pred, "y_pred")):
        check_ndim(array, name, (1, 2), "(n,) or (n, k)")
    check_same_shape(y_true, y_pred)
    weight = check_sample_weight(sample_weight, y_pred.shape[0], reduction)
    check_finite(y_true, "y_true")
    if not y_true.min() >= 0:
        raise_first(
            y_true < 0, y_true, "y_true", "y_true must hold counts, which are non-negative"
        )
    check_finite(y_pred, "y_pred")
    if not from_logits and not y_pred.min() > 0:
        raise_first(
            ~(y_pred > 0),
            y_pred,
            "y_pred",
            "y_pred must hold positive rates (the predicted means)",
            _LOG_RATE_HINT,
        )
    return y_true, y_pred, weight


def _log_gamma_plus_one(value):
    try:
        return math.lgamma(value + 1)
    except OverflowError:  # counts beyond about 1e305
        return math.inf


def _log_factorials(counts):
    """log(y!) = log Gamma(y + 1), one math.lgamma call per distinct count."""
    values, inverse = np.unique(counts.reshape(-1), return_inverse=True)
    table = np.array([_log_gamma_plus_one(value) for value in values.tolist()])
    return table.astype(counts.dtype)[inverse].reshape(counts.shape)


def _poisson_losses(y_true, rates):
    return rates - y_true * np.log(rates)


def _poisson_losses_from_logits(y_true, log_rates):
    return np.exp(log_rates) - y_true * log_rates


def _with_log_factorials(losses_of):
    def full_losses(y_true, y_pred, log_factorials):
        losses = losses_of(y_true, y_pred)
        losses += log_factorials
        return losses

    return full_losses


def _poisson_gradients(y_true, rates):
    return 1 - y_true / rates


def _poisson_gradients_from_logits(y_true, log_rates):
    return np.exp(log_rates) - y_true


def _poisson_nll_grad(
    y_true, y_pred, *, sample_weight=None, reduction="mean", from_logits=False, full=False
):
    r"""Gradient of :func:`poisson_nll` with respect to ``y_pred``.

    Parameters are those of :func:`poisson_nll`.

    Returns
    -------
    grad : ndarray, same shape as ``y_pred``
        For rates, :math:`1 - y / \lambda`; for log-rates
        (``from_logits=True``), :math:`e^{\eta} - y = \lambda - y`, prediction
        minus target as for every canonical link. ``full`` changes nothing:
        :math:`\log y!` does not depend on the prediction. Times the sample's
        share of the reduction (for 2-D input also divided by k).

    Examples
    --------
    >>> from lossutils import poisson_nll
    >>> print(poisson_nll.grad([2.0, 0.0], [1.0, 4.0], reduction="sum"))
    [-1.  1.]
    >>> print(poisson_nll.grad([2.0, 0.0], [0.0, 0.0], from_logits=True, reduction="sum"))
    [-1.  1.]
    """
    y_true, y_pred, weight = _check_poisson(
        y_true, y_pred, sample_weight, reduction, from_logits, full
    )
    gradients_of = _poisson_gradients_from_logits if from_logits else _poisson_gradients
    with np.errstate(over="ignore", divide="ignore"):
        grad = apply_blockwise(gradients_of, (y_true, y_pred))
    return scale_gradient(grad, weight, reduction, y_pred.dtype, per_output=True)


@with_gradient(_poisson_nll_grad)
def poisson_nll(
    y_true, y_pred, *, sample_weight=None, reduction="mean", from_logits=False, full=False
):
    r"""Poisson negative log-likelihood, the loss for counts.

    Introduced in Chapter 4, *Cross-entropy* (its section *Building a loss from a
    distribution*).

    Parameters
    ----------
    y_true : array-like, shape (n,) or (n, k)
        Counts: non-negative numbers (whole numbers for a true likelihood).
    y_pred : array-like, same shape as ``y_true``
        The predicted rates :math:`\lambda > 0` (the Poisson means), or the
        log-rates :math:`\eta = \log \lambda` when ``from_logits=True``.
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        "mean": :math:`\sum_i w_i l_i / \sum_i w_i`; "sum":
        :math:`\sum_i w_i l_i`; "none": the array of :math:`w_i l_i`. For
        2-D input :math:`l_i` is the mean over the k outputs.
    from_logits : bool, default=False
        Whether ``y_pred`` holds log-rates (a linear output layer) instead of
        rates (for example an exponential or softplus output).
    full : bool, default=False
        Add :math:`\log y!`, making the value the exact negative
        log-probability; it does not depend on the prediction, so training is
        unchanged.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"
        Can be negative when ``full=False``.

    See Also
    --------
    mean_squared_error : The Gaussian counterpart for real-valued targets.

    Notes
    -----
    For a count :math:`y` with predicted rate :math:`\lambda`,
    :math:`P(y) = \lambda^y e^{-\lambda} / y!`, so

    .. math:: l = \lambda - y \log \lambda \quad (+ \log y! \text{ when full})

    and with log-rates :math:`\eta`, :math:`l = e^{\eta} - y \eta`, whose
    gradient is :math:`\lambda - y`. The best rate is the mean count, and
    the smallest loss is :math:`y - y \log y` (:math:`0 \log 0 = 0`), which
    is negative for :math:`y > e`: only ``full=True`` gives a loss that is
    non-negative for whole counts. :math:`\log y! = \log \Gamma(y + 1)` is
    computed exactly (``math.lgamma``), so non-whole counts get its smooth
    extension.

    Rates must be positive (0 is an error: it is the one rate under which a
    positive count is impossible). From log-rates, :math:`e^{\eta}` can
    overflow to an infinite loss for :math:`\eta > 709` (88 in float32):
    such a rate is infinite, and the loss says so.

    In the frameworks: ``full=False`` is Keras' ``Poisson``, which takes
    rates and computes :math:`\lambda - y \log(\lambda + 10^{-7})`, and
    PyTorch's ``PoissonNLLLoss`` and ``poisson_nll_loss``, whose default
    ``log_input=True`` takes log-rates (``from_logits=True`` here;
    ``log_input=False`` adds ``eps=1e-8`` inside the log). PyTorch's
    ``full=True`` adds Stirling's approximation
    :math:`y \log y - y + \frac12 \log(2 \pi y)` for counts above 1, not the
    exact :math:`\log y!`.

    Examples
    --------
    >>> from lossutils import poisson_nll
    >>> round(poisson_nll([2.0, 0.0], [2.0, 0.5]), 4)  # (2 - 2 log 2 + 0.5) / 2
    0.5569
    >>> round(poisson_nll([2.0, 0.0], [2.0, 0.5], full=True), 4)  # plus (log 2!) / 2
    0.9034
    >>> round(poisson_nll([2.0, 0.0], [0.6931, -0.6931], from_logits=True), 4)
    0.5569
    """
    y_true, y_pred, weight = _check_poisson(
        y_true, y_pred, sample_weight, reduction, from_logits, full
    )
    losses_of = _poisson_losses_from_logits if from_logits else _poisson_losses
    arrays = (y_true, y_pred)
    if full:
        losses_of = _with_log_factorials(losses_of)
        arrays += (_log_factorials(y_true),)
    with np.errstate(over="ignore"):
        return reduce_blockwise(losses_of, arrays, weight, reduction)
