"""Classification losses: cross-entropies, KL divergence and hinge losses.

Probabilities are clipped to ``[eps, 1 - eps]``, with ``eps`` the machine
epsilon of ``y_pred``'s float dtype, as ``sklearn.metrics.log_loss`` does; the
``from_logits=True`` forms never clip and never overflow. Every loss has a
``.grad``: the gradient of the reduced loss with respect to ``y_pred`` (with
respect to the logits when ``from_logits=True``).
For reduction="none", ``.grad`` is the gradient of the sum of the per-sample
values: each sample's own gradient (times its weight).
"""

import numpy as np

from ._validation import (
    apply_blockwise,
    as_float_array,
    as_numeric_array,
    check_finite,
    check_from_logits,
    check_interval,
    check_ndim,
    check_probabilities,
    check_reduction,
    check_rows_sum_to_one,
    check_same_shape,
    check_sample_weight,
    raise_first,
    reduce_blockwise,
    scale_gradient,
    with_gradient,
)
from .activations import _sigmoid, _softmax

__all__ = [
    "binary_cross_entropy",
    "categorical_cross_entropy",
    "sparse_categorical_cross_entropy",
    "kl_divergence",
    "hinge",
    "squared_hinge",
]

_LOGITS_HINT = " If these are logits, pass from_logits=True."
_NOT_NORMALISED = "each row of y_pred must be a probability distribution summing to one"


def _clip(y_pred):
    eps = np.finfo(y_pred.dtype).eps
    return np.clip(y_pred, eps, 1 - eps)


def _unclipped(y_pred):
    """Where the clip is inactive: the clipped function has slope 1 there."""
    eps = np.finfo(y_pred.dtype).eps
    return (y_pred >= eps) & (y_pred <= 1 - eps)


def _start(y_true, y_pred, reduction, from_logits=False):
    """Checks shared by every classification loss; returns float arrays."""
    check_reduction(reduction)
    check_from_logits(from_logits)
    return as_float_array(y_true, "y_true"), as_float_array(y_pred, "y_pred")


def _check_predictions(y_pred, from_logits, rows_sum_to_one, hint=_LOGITS_HINT):
    if from_logits:
        check_finite(y_pred, "y_pred")
        return
    check_probabilities(y_pred, hint)
    if rows_sum_to_one:
        check_rows_sum_to_one(y_pred, _NOT_NORMALISED, hint)


# Binary cross-entropy ------------------------------------------------------


def _check_binary(y_true, y_pred, sample_weight, reduction, from_logits):
    y_true, y_pred = _start(y_true, y_pred, reduction, from_logits)
    for array, name in ((y_true, "y_true"), (y_pred, "y_pred")):
        check_ndim(array, name, (1, 2), "(n,), or (n, k) for k independent labels")
    check_same_shape(y_true, y_pred)
    weight = check_sample_weight(sample_weight, y_pred.shape[0], reduction)
    check_interval(
        y_true,
        "y_true",
        0,
        1,
        "y_true must hold binary targets (0 or 1) or probabilities in [0, 1]",
    )
    _check_predictions(y_pred, from_logits, rows_sum_to_one=False)
    return y_true, y_pred, weight


def _binary_cross_entropy_grad(
    y_true, y_pred, *, sample_weight=None, reduction="mean", from_logits=False
):
    r"""Gradient of :func:`binary_cross_entropy` with respect to ``y_pred``.

    Parameters are those of :func:`binary_cross_entropy`.

    Returns
    -------
    grad : ndarray, same shape as ``y_pred``
        With ``from_logits=True``, the gradient with respect to the logits,
        :math:`\sigma(z) - y`. With probabilities, the derivative of the
        clipped loss, :math:`(p - y) / (p (1 - p))` where
        :math:`\epsilon \le p \le 1 - \epsilon` and 0 where the clip is active.
        Either is times the sample's share of the reduction (for 2-D input
        also divided by k).

    Examples
    --------
    >>> from lossutils import binary_cross_entropy
    >>> print(binary_cross_entropy.grad([1.0, 0.0], [0.0, 0.0], from_logits=True))
    [-0.25  0.25]
    >>> print(binary_cross_entropy.grad([1.0], [0.5], reduction="sum"))
    [-2.]
    """
    y_true, y_pred, weight = _check_binary(
        y_true, y_pred, sample_weight, reduction, from_logits
    )
    gradients_of = _binary_gradients_from_logits if from_logits else _binary_gradients
    grad = apply_blockwise(gradients_of, (y_true, y_pred))
    return scale_gradient(grad, weight, reduction, y_pred.dtype, per_output=True)


def _binary_gradients(y_true, y_pred):
    clipped = _clip(y_pred)
    return np.where(_unclipped(y_pred), (clipped - y_true) / (clipped * (1 - clipped)), 0)


def _binary_gradients_from_logits(y_true, logits):
    return _sigmoid(logits) - y_true


@with_gradient(_binary_cross_entropy_grad)
def binary_cross_entropy(
    y_true, y_pred, *, sample_weight=None, reduction="mean", from_logits=False
):
    r"""Binary cross-entropy (log loss) for two classes or independent labels.

    Introduced in Chapter 4, *Cross-entropy*; derived from the Bernoulli
    likelihood in Chapter 3.

    Parameters
    ----------
    y_true : array-like, shape (n,) or (n, k)
        Targets in [0, 1]: labels 0/1 (booleans work) or soft targets. Shape
        (n, k) means k independent binary labels per sample (multi-label).
    y_pred : array-like, same shape as ``y_true``
        Predicted probabilities of the positive class, or logits when
        ``from_logits=True``.
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        "mean": :math:`\sum_i w_i l_i / \sum_i w_i`; "sum":
        :math:`\sum_i w_i l_i`; "none": the array of :math:`w_i l_i`. For
        2-D input :math:`l_i` is the mean over the k labels, as in Keras.
    from_logits : bool, default=False
        Whether ``y_pred`` holds logits (real numbers) instead of
        probabilities.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"

    See Also
    --------
    categorical_cross_entropy : More than two mutually exclusive classes.
    sigmoid : Turns logits into the probabilities this loss expects.
    lossutils.naive.article_binary_cross_entropy : The source article's loop,
        which drops the second term.

    Notes
    -----
    .. math:: \mathrm{BCE} = -\frac{1}{n} \sum_{i=1}^{n}
              \left[ y_i \log p_i + (1 - y_i) \log(1 - p_i) \right]

    Probabilities are first clipped to :math:`[\epsilon, 1 - \epsilon]`
    (:math:`\epsilon` = ``np.finfo(y_pred.dtype).eps``), so the loss is
    finite and equals ``sklearn.metrics.log_loss``. From logits :math:`z`,
    the per-sample loss is computed as
    :math:`\max(z, 0) - z y + \log(1 + e^{-|z|})`, which never overflows.

    Examples
    --------
    >>> from lossutils import binary_cross_entropy
    >>> y = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    >>> p = [0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3]
    >>> round(binary_cross_entropy(y, p), 4)
    0.2469
    >>> round(binary_cross_entropy([1, 0], [0.0, 0.0], from_logits=True), 4)
    0.6931
    >>> round(binary_cross_entropy([1], [1000.0], from_logits=True), 4)
    0.0
    """
    y_true, y_pred, weight = _check_binary(
        y_true, y_pred, sample_weight, reduction, from_logits
    )
    losses_of = _binary_losses_from_logits if from_logits else _binary_losses
    return reduce_blockwise(losses_of, (y_true, y_pred), weight, reduction)


def _binary_losses(y_true, y_pred):
    clipped = _clip(y_pred)
    positive = y_true * np.log(clipped)
    negative = np.log(np.subtract(1, clipped, out=clipped), out=clipped)
    positive += (1 - y_true) * negative
    return np.negative(positive, out=positive)


def _binary_losses_from_logits(y_true, logits):
    losses = np.maximum(logits, 0) - logits * y_true
    losses += np.log1p(np.exp(-np.abs(logits)))
    return losses


# Categorical cross-entropy and KL divergence ------------------------------


def _check_distributions(y_true, y_pred, sample_weight, reduction, from_logits, hint):
    """Checks for (n, k) targets that are one-hot rows or distributions."""
    y_true, y_pred = _start(y_true, y_pred, reduction, from_logits)
    labels_hint = (
        " For integer class labels use sparse_categorical_cross_entropy."
        if y_true.ndim == 1
        else ""
    )
    check_ndim(y_true, "y_true", (2,), "(n, k), one row per sample", labels_hint)
    check_ndim(y_pred, "y_pred", (2,), "(n, k), one row per sample")
    check_same_shape(y_true, y_pred)
    weight = check_sample_weight(sample_weight, y_pred.shape[0], reduction)
    if not y_true.min() >= 0:
        raise_first(
            ~(y_true >= 0),
            y_true,
            "y_true",
            "y_true must be one-hot rows or probability distributions, so non-negative",
        )
    target_mass = check_rows_sum_to_one(
        y_true,
        "each row of y_true must be one-hot or a probability distribution summing to one",
    )
    _check_predictions(y_pred, from_logits, rows_sum_to_one=True, hint=hint)
    return y_true, y_pred, weight, target_mass


def _log_partition(shifted):
    """``log(sum(exp(shifted), axis=1))``, overwriting ``shifted``."""
    np.exp(shifted, out=shifted)
    return np.log(np.sum(shifted, axis=1))


def _shift(logits):
    return logits - np.max(logits, axis=1, keepdims=True)


def _categorical_cross_entropy_grad(
    y_true, y_pred, *, sample_weight=None, reduction="mean", from_logits=False
):
    r"""Gradient of :func:`categorical_cross_entropy` with respect to ``y_pred``.

    Parameters are those of :func:`categorical_cross_entropy`.

    Returns
    -------
    grad : ndarray, shape (n, k)
        With ``from_logits=True``, :math:`\operatorname{softmax}(z) - y` (the
        softmax scaled by the row sum of ``y``, which is one). With
        probabilities, the derivative of the clipped loss, :math:`-y / p`,
        and 0 where the clip is active. Either is times the sample's share of
        the reduction. Probabilities are confined to rows summing to one, so
        only the part of this gradient along such rows changes the loss.

    Examples
    --------
    >>> import numpy as np
    >>> from lossutils import categorical_cross_entropy
    >>> grad = categorical_cross_entropy.grad([[0, 1, 0]], [[0.0, 0.0, 0.0]], from_logits=True)
    >>> print(np.round(grad, 4))
    [[ 0.3333 -0.6667  0.3333]]
    """
    y_true, y_pred, weight, target_mass = _check_distributions(
        y_true, y_pred, sample_weight, reduction, from_logits, _LOGITS_HINT
    )
    if from_logits:
        grad = apply_blockwise(_categorical_gradients_from_logits, (y_true, y_pred, target_mass))
    else:
        grad = apply_blockwise(_probability_gradients, (y_true, y_pred))
    return scale_gradient(grad, weight, reduction, y_pred.dtype, per_output=False)


def _probability_gradients(y_true, y_pred):
    return np.where(_unclipped(y_pred), -y_true / _clip(y_pred), 0)


def _categorical_gradients_from_logits(y_true, logits, target_mass):
    return _softmax(logits) * target_mass[:, np.newaxis] - y_true


@with_gradient(_categorical_cross_entropy_grad)
def categorical_cross_entropy(
    y_true, y_pred, *, sample_weight=None, reduction="mean", from_logits=False
):
    r"""Categorical cross-entropy for one-hot (or soft) targets over k classes.

    Introduced in Chapter 4, *Cross-entropy*.

    Parameters
    ----------
    y_true : array-like, shape (n, k)
        One-hot rows, or probability distributions (soft targets); each row
        non-negative and summing to one.
    y_pred : array-like, shape (n, k)
        Predicted distributions (rows summing to one), or logits when
        ``from_logits=True``.
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        How to combine the per-sample losses; see :func:`binary_cross_entropy`.
    from_logits : bool, default=False
        Whether ``y_pred`` holds logits (the softmax is applied inside, stably).

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"

    Raises
    ------
    ValueError
        If a row of ``y_true`` or of the probabilities ``y_pred`` does not
        sum to one (within the square root of the machine epsilon): such rows
        are reported, not silently renormalised.

    See Also
    --------
    sparse_categorical_cross_entropy : The same loss for integer labels.
    kl_divergence : This loss minus the entropy of ``y_true``.
    softmax, log_softmax

    Notes
    -----
    .. math:: \mathrm{CE} = -\frac{1}{n} \sum_{i=1}^{n} \sum_{j=1}^{k}
              y_{ij} \log p_{ij}

    Probabilities are clipped to :math:`[\epsilon, 1 - \epsilon]` as in
    ``sklearn.metrics.log_loss``, which it equals. From logits,
    :math:`-\sum_j y_j \log \operatorname{softmax}(z)_j
    = \operatorname{logsumexp}(z) - \sum_j y_j z_j`, computed after
    subtracting each row's maximum.

    Examples
    --------
    >>> from lossutils import categorical_cross_entropy
    >>> y = [[1, 0, 0], [0, 1, 0]]
    >>> p = [[0.8, 0.1, 0.1], [0.2, 0.5, 0.3]]
    >>> round(categorical_cross_entropy(y, p), 4)
    0.4581
    >>> round(categorical_cross_entropy(y, [[1000.0, 0, 0], [0, 0, 0]], from_logits=True), 4)
    0.5493
    """
    y_true, y_pred, weight, target_mass = _check_distributions(
        y_true, y_pred, sample_weight, reduction, from_logits, _LOGITS_HINT
    )
    if from_logits:
        return reduce_blockwise(
            _categorical_losses_from_logits, (y_true, y_pred, target_mass), weight, reduction
        )
    return reduce_blockwise(_categorical_losses, (y_true, y_pred), weight, reduction)


def _categorical_losses(y_true, y_pred):
    return -np.einsum("ij,ij->i", y_true, np.log(_clip(y_pred)))


def _categorical_losses_from_logits(y_true, logits, target_mass):
    shifted = _shift(logits)
    target = np.einsum("ij,ij->i", y_true, shifted)
    return target_mass * _log_partition(shifted) - target


_KL_HINT = " If these are logits, convert them with lossutils.softmax first."


def _kl_divergence_grad(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`kl_divergence` with respect to ``y_pred``.

    Parameters are those of :func:`kl_divergence`.

    Returns
    -------
    grad : ndarray, shape (n, k)
        :math:`-y / p` (0 where the clip is active) times the sample's share
        of the reduction: the gradient of the categorical cross-entropy, as
        the two differ by the entropy of ``y_true``, a constant.

    Examples
    --------
    >>> from lossutils import kl_divergence
    >>> print(kl_divergence.grad([[0.5, 0.5]], [[0.25, 0.75]]))
    [[-2.         -0.66666667]]
    """
    y_true, y_pred, weight, _ = _check_distributions(
        y_true, y_pred, sample_weight, reduction, False, _KL_HINT
    )
    grad = apply_blockwise(_probability_gradients, (y_true, y_pred))
    return scale_gradient(grad, weight, reduction, y_pred.dtype, per_output=False)


@with_gradient(_kl_divergence_grad)
def kl_divergence(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Kullback-Leibler divergence from the predicted to the target distribution.

    Introduced in Chapter 4, *Cross-entropy*.

    Parameters
    ----------
    y_true : array-like, shape (n, k)
        Target distributions (rows non-negative, summing to one).
    y_pred : array-like, shape (n, k)
        Predicted distributions (rows summing to one).
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        How to combine the per-sample losses; see :func:`binary_cross_entropy`.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"

    See Also
    --------
    categorical_cross_entropy : Equals this divergence plus the entropy of
        ``y_true``, so both have the same gradient.

    Notes
    -----
    Keras' form, with :math:`0 \log 0 = 0`:

    .. math:: \mathrm{KL}(y \,\|\, p) = \sum_{j=1}^{k} y_j \log \frac{y_j}{p_j}
              = \mathrm{CE}(y, p) - H(y)

    ``y_pred`` is clipped to :math:`[\epsilon, 1 - \epsilon]` as in the
    cross-entropies; ``y_true`` is not clipped (Keras clips both).

    Examples
    --------
    >>> from lossutils import kl_divergence
    >>> round(kl_divergence([[0.5, 0.5]], [[0.25, 0.75]]), 4)
    0.1438
    >>> round(kl_divergence([[1.0, 0.0]], [[0.5, 0.5]]), 4)
    0.6931
    """
    y_true, y_pred, weight, _ = _check_distributions(
        y_true, y_pred, sample_weight, reduction, False, _KL_HINT
    )
    return reduce_blockwise(_kl_losses, (y_true, y_pred), weight, reduction)


def _kl_losses(y_true, y_pred):
    log_ratio = np.log(np.where(y_true > 0, y_true, 1)) - np.log(_clip(y_pred))
    return np.einsum("ij,ij->i", y_true, log_ratio)


# Sparse categorical cross-entropy ----------------------------------------


def _check_sparse(y_true, y_pred, sample_weight, reduction, from_logits):
    check_reduction(reduction)
    check_from_logits(from_logits)
    labels = as_numeric_array(y_true, "y_true")
    y_pred = as_float_array(y_pred, "y_pred")
    onehot_hint = (
        " For one-hot targets use categorical_cross_entropy." if labels.ndim == 2 else ""
    )
    check_ndim(
        labels, "y_true", (1,), "(n,), one integer class label per sample", onehot_hint
    )
    check_ndim(y_pred, "y_pred", (2,), "(n, k), one row of k class scores per sample")
    if labels.shape[0] != y_pred.shape[0]:
        raise ValueError(
            f"y_true has {labels.shape[0]} labels but y_pred has {y_pred.shape[0]} "
            "rows; they need one per sample each."
        )
    weight = check_sample_weight(sample_weight, y_pred.shape[0], reduction)
    n_classes = y_pred.shape[1]
    problem = (
        f"y_true must hold integer class labels 0, ..., {n_classes - 1} "
        f"(y_pred has {n_classes} columns)"
    )
    if not (labels.min() >= 0 and labels.max() <= n_classes - 1):
        raise_first(~((labels >= 0) & (labels <= n_classes - 1)), labels, "y_true", problem)
    if labels.dtype.kind == "f":
        fractional = labels != np.floor(labels)
        if fractional.any():
            raise_first(fractional, labels, "y_true", problem)
    _check_predictions(y_pred, from_logits, rows_sum_to_one=True)
    return labels.astype(np.intp), y_pred, weight


def _sparse_categorical_cross_entropy_grad(
    y_true, y_pred, *, sample_weight=None, reduction="mean", from_logits=False
):
    r"""Gradient of :func:`sparse_categorical_cross_entropy` w.r.t. ``y_pred``.

    Parameters are those of :func:`sparse_categorical_cross_entropy`.

    Returns
    -------
    grad : ndarray, shape (n, k)
        With ``from_logits=True``, :math:`\operatorname{softmax}(z) -
        \operatorname{onehot}(y)`. With probabilities, :math:`-1 / p_{i y_i}`
        in each row's label column (0 where the clip is active) and 0
        elsewhere. Either is times the sample's share of the reduction.

    Examples
    --------
    >>> from lossutils import sparse_categorical_cross_entropy
    >>> print(sparse_categorical_cross_entropy.grad([1], [[0.5, 0.25, 0.25]]))
    [[ 0. -4.  0.]]
    """
    labels, y_pred, weight = _check_sparse(
        y_true, y_pred, sample_weight, reduction, from_logits
    )
    gradients_of = _sparse_gradients_from_logits if from_logits else _sparse_gradients
    grad = apply_blockwise(gradients_of, (labels, y_pred))
    return scale_gradient(grad, weight, reduction, y_pred.dtype, per_output=False)


def _sparse_gradients(labels, y_pred):
    rows = np.arange(labels.shape[0])
    grad = np.zeros(y_pred.shape, dtype=y_pred.dtype)
    picked = y_pred[rows, labels]
    grad[rows, labels] = np.where(_unclipped(picked), -1 / _clip(picked), 0)
    return grad


def _sparse_gradients_from_logits(labels, logits):
    grad = _softmax(logits)
    grad[np.arange(labels.shape[0]), labels] -= 1
    return grad


@with_gradient(_sparse_categorical_cross_entropy_grad)
def sparse_categorical_cross_entropy(
    y_true, y_pred, *, sample_weight=None, reduction="mean", from_logits=False
):
    r"""Categorical cross-entropy with integer class labels instead of one-hot rows.

    Introduced in Chapter 4, *Cross-entropy*.

    Parameters
    ----------
    y_true : array-like of int, shape (n,)
        Class labels in ``0, ..., k-1`` (floats holding whole numbers work).
    y_pred : array-like, shape (n, k)
        Predicted distributions (rows summing to one), or logits when
        ``from_logits=True``.
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        How to combine the per-sample losses; see :func:`binary_cross_entropy`.
    from_logits : bool, default=False
        Whether ``y_pred`` holds logits.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"

    See Also
    --------
    categorical_cross_entropy : Gives the same value for one-hot ``y_true``.

    Notes
    -----
    .. math:: \mathrm{CE} = -\frac{1}{n} \sum_{i=1}^{n} \log p_{i, y_i}

    The same clipping, and the same log-sum-exp for logits, as
    :func:`categorical_cross_entropy`; no one-hot matrix is built.

    Examples
    --------
    >>> from lossutils import sparse_categorical_cross_entropy
    >>> p = [[0.8, 0.1, 0.1], [0.2, 0.5, 0.3]]
    >>> round(sparse_categorical_cross_entropy([0, 1], p), 4)
    0.4581
    """
    labels, y_pred, weight = _check_sparse(
        y_true, y_pred, sample_weight, reduction, from_logits
    )
    losses_of = _sparse_losses_from_logits if from_logits else _sparse_losses
    return reduce_blockwise(losses_of, (labels, y_pred), weight, reduction)


def _sparse_losses(labels, y_pred):
    return -np.log(_clip(y_pred[np.arange(labels.shape[0]), labels]))


def _sparse_losses_from_logits(labels, logits):
    shifted = _shift(logits)
    target = shifted[np.arange(labels.shape[0]), labels]
    return _log_partition(shifted) - target


# Hinge losses ---------------------------------------------------------------


def _check_hinge(y_true, y_pred, sample_weight, reduction):
    """Checks for the hinge losses; returns labels mapped to {-1, 1}."""
    y_true, y_pred = _start(y_true, y_pred, reduction)
    for array, name in ((y_true, "y_true"), (y_pred, "y_pred")):
        check_ndim(array, name, (1, 2), "(n,) or (n, k)")
    check_same_shape(y_true, y_pred)
    weight = check_sample_weight(sample_weight, y_pred.shape[0], reduction)
    if y_true.min() >= 0:
        valid = (y_true == 0) | (y_true == 1)
        signs = 2 * y_true - 1
    else:
        valid = np.abs(y_true) == 1
        signs = y_true
    if not valid.all():
        raise_first(
            ~valid,
            y_true,
            "y_true",
            "y_true must hold labels in {-1, 1} (or all in {0, 1}, read as {-1, 1})",
        )
    check_finite(y_pred, "y_pred")
    return signs, y_pred, weight


def _hinge_grad(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`hinge` with respect to ``y_pred``.

    Parameters are those of :func:`hinge`.

    Returns
    -------
    grad : ndarray, same shape as ``y_pred``
        :math:`-y` where the margin :math:`y f < 1` and 0 where
        :math:`y f \ge 1`, so the subgradient 0 at the kink :math:`y f = 1`;
        times the sample's share of the reduction (divided by k for 2-D).

    Examples
    --------
    >>> from lossutils import hinge
    >>> print(hinge.grad([1, -1, 1], [0.5, 0.5, 1.0], reduction="sum"))
    [-1.  1.  0.]
    """
    signs, y_pred, weight = _check_hinge(y_true, y_pred, sample_weight, reduction)
    grad = apply_blockwise(_hinge_gradients, (signs, y_pred))
    return scale_gradient(grad, weight, reduction, y_pred.dtype, per_output=True)


def _hinge_gradients(signs, y_pred):
    return np.where(signs * y_pred < 1, -signs, 0.0)


@with_gradient(_hinge_grad)
def hinge(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Hinge loss, the loss of support vector machines.

    Introduced in Chapter 5, *Choosing a loss*.

    Parameters
    ----------
    y_true : array-like, shape (n,) or (n, k)
        Labels in {-1, 1}; labels in {0, 1} are read as {-1, 1}.
    y_pred : array-like, same shape as ``y_true``
        Decision values (real numbers, e.g. a linear output; not
        probabilities).
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        How to combine the per-sample losses; see :func:`binary_cross_entropy`.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"

    See Also
    --------
    squared_hinge : Its square, differentiable everywhere.
    binary_cross_entropy : The probabilistic alternative.

    Notes
    -----
    .. math:: \mathrm{hinge} = \frac{1}{n} \sum_{i=1}^{n} \max(0, 1 - y_i f_i)

    Zero once a sample is on the right side with margin at least one.
    Equals ``sklearn.metrics.hinge_loss`` for binary labels.

    Examples
    --------
    >>> from lossutils import hinge
    >>> hinge([1, -1, 1], [0.5, 0.5, 2.0])
    0.6666666666666666
    >>> hinge([1, 0, 1], [0.5, 0.5, 2.0])
    0.6666666666666666
    """
    signs, y_pred, weight = _check_hinge(y_true, y_pred, sample_weight, reduction)
    return reduce_blockwise(_hinge_losses, (signs, y_pred), weight, reduction)


def _hinge_losses(signs, y_pred):
    margins = signs * y_pred
    np.subtract(1, margins, out=margins)
    return np.maximum(margins, 0, out=margins)


def _squared_hinge_grad(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`squared_hinge` with respect to ``y_pred``.

    Parameters are those of :func:`squared_hinge`.

    Returns
    -------
    grad : ndarray, same shape as ``y_pred``
        :math:`-2 y \max(0, 1 - y f)` times the sample's share of the
        reduction (divided by k for 2-D); continuous, so no kink.

    Examples
    --------
    >>> from lossutils import squared_hinge
    >>> print(squared_hinge.grad([1, -1], [0.5, 0.5], reduction="sum"))
    [-1.  3.]
    """
    signs, y_pred, weight = _check_hinge(y_true, y_pred, sample_weight, reduction)
    grad = apply_blockwise(_squared_hinge_gradients, (signs, y_pred))
    return scale_gradient(grad, weight, reduction, y_pred.dtype, per_output=True)


def _squared_hinge_gradients(signs, y_pred):
    return -2 * signs * _hinge_losses(signs, y_pred)


@with_gradient(_squared_hinge_grad)
def squared_hinge(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Squared hinge loss: the hinge loss squared, smooth at the margin.

    Introduced in Chapter 5, *Choosing a loss*.

    Parameters
    ----------
    y_true : array-like, shape (n,) or (n, k)
        Labels in {-1, 1}; labels in {0, 1} are read as {-1, 1}.
    y_pred : array-like, same shape as ``y_true``
        Decision values.
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        How to combine the per-sample losses; see :func:`binary_cross_entropy`.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"

    See Also
    --------
    hinge

    Notes
    -----
    .. math:: \frac{1}{n} \sum_{i=1}^{n} \max(0, 1 - y_i f_i)^2

    Examples
    --------
    >>> from lossutils import squared_hinge
    >>> squared_hinge([1, -1], [0.5, 0.5])
    1.25
    """
    signs, y_pred, weight = _check_hinge(y_true, y_pred, sample_weight, reduction)
    return reduce_blockwise(_squared_hinge_losses, (signs, y_pred), weight, reduction)


def _squared_hinge_losses(signs, y_pred):
    margins = _hinge_losses(signs, y_pred)
    return np.multiply(margins, margins, out=margins)
