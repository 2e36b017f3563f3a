"""Classification losses: the cross-entropies, focal loss and KL divergence.

Probabilities are clipped to ``[eps, 1 - eps]``, with ``eps`` the machine
epsilon of ``y_pred``'s float dtype, as ``sklearn.metrics.log_loss`` does; the
``from_logits=True`` forms never clip and never overflow. Every loss has a
``.grad``: the gradient of the reduced loss with respect to ``y_pred`` (with
respect to the logits when ``from_logits=True``).
For reduction="none", ``.grad`` is the gradient of the sum of the per-sample
values: each sample's own gradient (times its weight). The margin losses
(hinge and its kin) are in ``lossutils.margin``.
"""

import functools

import numpy as np

from ._validation import (
    apply_blockwise,
    as_float_array,
    as_numeric_array,
    negative_abs,
    check_finite,
    check_from_logits,
    check_interval,
    check_labels,
    check_ndim,
    check_number,
    check_probabilities,
    check_reduction,
    check_result,
    check_rows_sum_to_one,
    check_same_shape,
    check_sample_weight,
    raise_first,
    reduce_blockwise,
    scale_gradient,
    with_gradient,
)
from .activations import (
    _column_sums_in_place,
    _row_max,
    _row_sums,
    _sigmoid,
    _softmax,
    _transposable,
    _transposed_shift,
)

__all__ = [
    "binary_cross_entropy",
    "categorical_cross_entropy",
    "sparse_categorical_cross_entropy",
    "kl_divergence",
    "binary_focal_cross_entropy",
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


def _check_label_smoothing(label_smoothing):
    return check_number(
        label_smoothing, "label_smoothing", 0, 1, "a number in [0, 1] (0 for no smoothing)"
    )


def _check_predictions(
    y_pred, from_logits, rows_sum_to_one, hint=_LOGITS_HINT, logits_checked_later=False
):
    """``logits_checked_later``: the caller checks the finiteness of logits
    through the loss's value instead (see :func:`_finite_loss`)."""
    if from_logits:
        if not logits_checked_later:
            check_finite(y_pred, "y_pred")
        return
    check_probabilities(y_pred, hint)
    if rows_sum_to_one:
        check_rows_sum_to_one(y_pred, _NOT_NORMALISED, hint)


# Binary cross-entropy ------------------------------------------------------


def _finite_loss(losses_of, arrays, weight, reduction):
    """The reduced loss of logits whose finiteness was not checked up front.

    For the cross-entropies every non-finite logit makes the loss nan or
    infinite, so a finite loss proves the logits finite without a pass of
    its own; otherwise the inputs are searched for the culprit, and the same
    ValueError as an up-front check is raised. ``arrays`` starts with
    (y_true, y_pred).
    """
    with np.errstate(invalid="ignore", over="ignore"):
        value = reduce_blockwise(losses_of, arrays, weight, reduction)
    return check_result(value, {"y_true": arrays[0], "y_pred": arrays[1]})


def _check_binary(
    y_true,
    y_pred,
    sample_weight,
    reduction,
    from_logits,
    label_smoothing=0.0,
    logits_checked_later=False,
):
    """Validated float arrays and weights; smoothed targets when asked for."""
    smoothing = _check_label_smoothing(label_smoothing)
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
    _check_predictions(
        y_pred, from_logits, rows_sum_to_one=False, logits_checked_later=logits_checked_later
    )
    if smoothing:
        # Keras' rule: towards 1/2, the uniform distribution over two classes.
        y_true = y_true * (1 - smoothing) + 0.5 * smoothing
    return y_true, y_pred, weight


def _binary_cross_entropy_grad(
    y_true,
    y_pred,
    *,
    sample_weight=None,
    reduction="mean",
    from_logits=False,
    label_smoothing=0.0,
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
        also divided by k). With ``label_smoothing``, :math:`y` is the
        smoothed target.

    Examples
    --------
    >>> from lossutils import binary_cross_entropy
    >>> print(binary_cross_entropy.grad([1.0, 0.0], [0.0, 0.0], from_logits=True))
    [-0.25  0.25]
    >>> print(binary_cross_entropy.grad([1.0], [0.0], from_logits=True, label_smoothing=0.2))
    [-0.4]
    >>> print(binary_cross_entropy.grad([1.0], [0.5], reduction="sum"))
    [-2.]
    """
    y_true, y_pred, weight = _check_binary(
        y_true, y_pred, sample_weight, reduction, from_logits, label_smoothing
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
    y_true,
    y_pred,
    *,
    sample_weight=None,
    reduction="mean",
    from_logits=False,
    label_smoothing=0.0,
):
    r"""Binary cross-entropy (log loss) for two classes or independent labels.

    Introduced in the quick start, *Getting started*; derived from the Bernoulli
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
    label_smoothing : float in [0, 1], default=0.0
        Train towards :math:`y (1 - \varepsilon) + \varepsilon / 2` instead
        of :math:`y`, Keras' rule: with 0.1, targets 0 and 1 become 0.05 and
        0.95, so no logit is pushed to infinity. Introduced in Chapter 5,
        *Choosing a loss*.

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

    In the frameworks: Keras' ``BinaryCrossentropy`` also defaults to
    probabilities (``from_logits=False``), clips them to
    :math:`[10^{-7}, 1 - 10^{-7}]` rather than to the machine epsilon, and
    smooths labels by the same rule. PyTorch splits the two forms:
    ``BCELoss`` takes probabilities and clamps each log at -100,
    ``BCEWithLogitsLoss`` takes logits; neither has ``label_smoothing``.

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
    >>> round(binary_cross_entropy([1], [1000.0], from_logits=True, label_smoothing=0.1), 4)
    50.0
    """
    y_true, y_pred, weight = _check_binary(
        y_true,
        y_pred,
        sample_weight,
        reduction,
        from_logits,
        label_smoothing,
        logits_checked_later=True,
    )
    if from_logits:
        return _finite_loss(_binary_losses_from_logits, (y_true, y_pred), weight, reduction)
    return reduce_blockwise(_binary_losses, (y_true, y_pred), weight, reduction)


def _binary_losses(y_true, y_pred):
    clipped = _clip(y_pred)
    positive = y_true * np.log(clipped)
    negative = np.log(np.subtract(1, clipped, out=clipped), out=clipped)
    positive += (1 - y_true) * negative
    return np.negative(positive, out=positive)


def _binary_losses_from_logits(y_true, logits):
    # max(z, 0) - z y + log(1 + exp(-|z|)), the plain expression's numbers in
    # fewer passes: max(z, 0) - u with u = z y is the same number as
    # -min(u - z, u) (z - u where z > 0, -u elsewhere), which needs no pass
    # for max(z, 0); -|z| is z with its sign bit set, one pass instead of two.
    product = logits * y_true
    negated = np.subtract(product, logits)
    np.minimum(negated, product, out=negated)
    softplus = negative_abs(logits)
    np.exp(softplus, out=softplus)
    np.log1p(softplus, out=softplus)
    return np.subtract(softplus, negated, out=negated)


# Binary focal cross-entropy -----------------------------------------------


def _check_focal(y_true, y_pred, sample_weight, reduction, from_logits, gamma, alpha):
    """Validated arrays and options; hard labels only (the focal loss needs p_t)."""
    gamma = check_number(gamma, "gamma", 0, np.inf, "a non-negative finite number")
    if alpha is not None:
        alpha = check_number(alpha, "alpha", 0, 1, "None or a number in [0, 1]")
    y_true, y_pred = _start(y_true, y_pred, reduction, from_logits)
    for array, name in ((y_true, "y_true"), (y_pred, "y_pred")):
        check_ndim(array, name, (1, 2), "(n,), or (n, k) for k independent labels")
    check_same_shape(y_true, y_pred)
    weight = check_sample_weight(sample_weight, y_pred.shape[0], reduction)
    hard = (y_true == 0) | (y_true == 1)
    if not hard.all():
        raise_first(
            ~hard,
            y_true,
            "y_true",
            "y_true must hold binary labels (0 or 1): the focal loss weights each sample "
            "by the probability of its true class",
            " For soft targets use binary_cross_entropy.",
        )
    _check_predictions(y_pred, from_logits, rows_sum_to_one=False)
    return y_true, y_pred, weight, gamma, alpha


def _class_weights(y_true, alpha, dtype):
    """alpha_t: alpha for positives, 1 - alpha for negatives (None: no weights)."""
    if alpha is None:
        return None
    return np.where(y_true == 1, alpha, 1 - alpha).astype(dtype, copy=False)


def _true_class_logits(y_true, logits):
    """From a logit z: -log p_t, 1 - p_t and p_t, each computed accurately.

    With a = z for positives and -z for negatives, p_t = sigmoid(a); all three
    come from the one exponential exp(-|z|), which never overflows, and the
    two probabilities are never obtained as 1 minus a rounded number.
    """
    signed = np.where(y_true == 1, logits, -logits)
    small = np.exp(-np.abs(logits))
    neg_log_p = np.maximum(-signed, 0) + np.log1p(small)
    big, tiny = 1 / (1 + small), small / (1 + small)
    right = signed >= 0
    return neg_log_p, np.where(right, tiny, big), np.where(right, big, tiny)


def _focal_losses(y_true, y_pred, gamma, alpha):
    clipped = _clip(y_pred)
    p_true = np.where(y_true == 1, clipped, 1 - clipped)
    losses = -np.log(p_true)
    losses *= (1 - p_true) ** gamma
    weights = _class_weights(y_true, alpha, y_pred.dtype)
    return losses if weights is None else losses * weights


def _focal_losses_from_logits(y_true, logits, gamma, alpha):
    losses, one_minus_p, _ = _true_class_logits(y_true, logits)
    losses *= one_minus_p**gamma
    weights = _class_weights(y_true, alpha, logits.dtype)
    return losses if weights is None else losses * weights


def _focal_gradients(y_true, y_pred, gamma, alpha):
    # d/dp_t of -(1 - p_t)^g log p_t = (1 - p_t)^(g - 1) (g log p_t - (1 - p_t) / p_t);
    # 1 - p_t >= eps where the clip is inactive, so the power stays finite.
    clipped = _clip(y_pred)
    p_true = np.where(y_true == 1, clipped, 1 - clipped)
    miss = 1 - p_true
    slope = miss ** (gamma - 1) * (gamma * np.log(p_true) - miss / p_true)
    grad = np.where(_unclipped(y_pred), np.where(y_true == 1, slope, -slope), 0)
    weights = _class_weights(y_true, alpha, y_pred.dtype)
    return grad if weights is None else grad * weights


def _focal_gradients_from_logits(y_true, logits, gamma, alpha):
    # With q = p_t = sigmoid(a): d/da = (1 - q)^g (g q log q - (1 - q)), and
    # da/dz = +1 for positives, -1 for negatives.
    neg_log_p, one_minus_p, p_true = _true_class_logits(y_true, logits)
    slope = one_minus_p**gamma * (-gamma * p_true * neg_log_p - one_minus_p)
    grad = np.where(y_true == 1, slope, -slope)
    weights = _class_weights(y_true, alpha, logits.dtype)
    return grad if weights is None else grad * weights


def _binary_focal_cross_entropy_grad(
    y_true,
    y_pred,
    *,
    sample_weight=None,
    reduction="mean",
    gamma=2.0,
    alpha=None,
    from_logits=False,
):
    r"""Gradient of :func:`binary_focal_cross_entropy` with respect to ``y_pred``.

    Parameters are those of :func:`binary_focal_cross_entropy`.

    Returns
    -------
    grad : ndarray, same shape as ``y_pred``
        With :math:`q = p_t` and the sign :math:`s = +1` for positives,
        :math:`-1` for negatives: from logits,
        :math:`s\, \alpha_t (1 - q)^\gamma (\gamma q \log q - (1 - q))`
        (for :math:`\gamma = 0`, :math:`\alpha_t (\sigma(z) - y)`, the
        gradient of binary cross-entropy); from probabilities,
        :math:`s\, \alpha_t (1 - q)^{\gamma - 1} (\gamma \log q - (1 - q)/q)`,
        and 0 where the clip is active. Times the sample's share of the
        reduction (for 2-D input also divided by k).

    Examples
    --------
    >>> from lossutils import binary_focal_cross_entropy
    >>> print(binary_focal_cross_entropy.grad([1.0, 0.0], [0.0, 0.0], from_logits=True))
    [-0.1491434  0.1491434]
    """
    y_true, y_pred, weight, gamma, alpha = _check_focal(
        y_true, y_pred, sample_weight, reduction, from_logits, gamma, alpha
    )
    kernel = _focal_gradients_from_logits if from_logits else _focal_gradients
    grad = apply_blockwise(
        functools.partial(kernel, gamma=gamma, alpha=alpha), (y_true, y_pred)
    )
    return scale_gradient(grad, weight, reduction, y_pred.dtype, per_output=True)


@with_gradient(_binary_focal_cross_entropy_grad)
def binary_focal_cross_entropy(
    y_true,
    y_pred,
    *,
    sample_weight=None,
    reduction="mean",
    gamma=2.0,
    alpha=None,
    from_logits=False,
):
    r"""Binary focal loss: cross-entropy that down-weights the easy samples.

    Introduced in Chapter 5, *Choosing a loss*.

    Parameters
    ----------
    y_true : array-like, shape (n,) or (n, k)
        Labels 0 or 1 (booleans work); shape (n, k) means k independent
        binary labels per sample. Soft targets are an error: the loss needs
        each sample's true class.
    y_pred : array-like, same shape as ``y_true``
        Predicted probabilities of the positive class, or logits when
        ``from_logits=True``.
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        How to combine the per-sample losses; see :func:`binary_cross_entropy`.
    gamma : float, default=2.0
        The focusing parameter :math:`\gamma \ge 0`; 0 gives binary
        cross-entropy.
    alpha : float in [0, 1] or None, default=None
        The weight :math:`\alpha` of the positive class (the negatives get
        :math:`1 - \alpha`); None weights both classes by 1.
    from_logits : bool, default=False
        Whether ``y_pred`` holds logits.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"

    See Also
    --------
    binary_cross_entropy : The same loss with ``gamma=0`` and ``alpha=None``.

    Notes
    -----
    With :math:`p_t` the predicted probability of the true class (:math:`p`
    for a positive, :math:`1 - p` for a negative), Lin et al. (2017):

    .. math:: l = -\alpha_t (1 - p_t)^\gamma \log p_t

    A sample already predicted well (:math:`p_t` near 1) costs almost
    nothing, so a training set dominated by easy negatives no longer drowns
    the rare hard cases. Probabilities are clipped as in
    :func:`binary_cross_entropy`; from a logit :math:`z` the loss uses
    :math:`a = \pm z` (the logit of :math:`p_t`),
    :math:`-\log p_t = \max(-a, 0) + \log(1 + e^{-|z|})` and
    :math:`1 - p_t = \sigma(-a)`, so it never overflows and never takes the
    log of a rounded probability. With ``gamma=0`` and ``alpha=None`` it
    equals :func:`binary_cross_entropy`, bit for bit.

    In the frameworks: Keras' ``BinaryFocalCrossentropy`` has the same
    ``gamma`` (default 2) and applies ``alpha`` (default 0.25) only when
    ``apply_class_balancing=True``, which corresponds to passing ``alpha``
    here; torchvision's ``sigmoid_focal_loss`` takes logits and applies
    ``alpha=0.25`` by default (``alpha=-1`` switches it off), with
    ``reduction="none"`` by default. Both also accept soft targets, by
    multiplying the cross-entropy by :math:`(1 - p_t)^\gamma` with
    :math:`p_t = y p + (1 - y)(1 - p)`; this function accepts only labels.

    Examples
    --------
    >>> from lossutils import binary_focal_cross_entropy
    >>> y, p = [1, 1, 0, 0], [0.9, 0.4, 0.2, 0.7]
    >>> round(binary_focal_cross_entropy(y, p), 4)
    0.2324
    >>> round(binary_focal_cross_entropy(y, p, gamma=0.0), 4)  # binary cross-entropy
    0.6122
    >>> round(binary_focal_cross_entropy(y, p, alpha=0.25), 4)
    0.133
    >>> print(binary_focal_cross_entropy([1, 0], [-800.0, 5.0], from_logits=True,
    ...                                  reduction="none"))
    [800.           4.93992122]
    """
    y_true, y_pred, weight, gamma, alpha = _check_focal(
        y_true, y_pred, sample_weight, reduction, from_logits, gamma, alpha
    )
    kernel = _focal_losses_from_logits if from_logits else _focal_losses
    return reduce_blockwise(
        functools.partial(kernel, gamma=gamma, alpha=alpha), (y_true, y_pred), weight, reduction
    )


# Categorical cross-entropy and KL divergence ------------------------------


def _check_distributions(
    y_true,
    y_pred,
    sample_weight,
    reduction,
    from_logits,
    hint,
    label_smoothing=0.0,
    logits_checked_later=False,
):
    """Checks for (n, k) targets that are one-hot rows or distributions.

    Returns the (smoothed, if asked for) targets, y_pred, the weights and the
    targets' row sums.
    """
    smoothing = _check_label_smoothing(label_smoothing)
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
    _check_predictions(
        y_pred,
        from_logits,
        rows_sum_to_one=True,
        hint=hint,
        logits_checked_later=logits_checked_later,
    )
    if smoothing:
        n_classes = y_true.shape[1]
        y_true = y_true * (1 - smoothing) + smoothing / n_classes
        target_mass = target_mass * (1 - smoothing) + smoothing
    return y_true, y_pred, weight, target_mass


def _log_partition(shifted):
    """``log(sum(exp(shifted), axis=1))``, overwriting ``shifted``."""
    np.exp(shifted, out=shifted)
    return np.log(_row_sums(shifted))


def _shift(logits):
    return logits - _row_max(logits)[:, np.newaxis]


def _categorical_cross_entropy_grad(
    y_true,
    y_pred,
    *,
    sample_weight=None,
    reduction="mean",
    from_logits=False,
    label_smoothing=0.0,
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
        With ``label_smoothing``, :math:`y` is the smoothed target.

    Examples
    --------
    >>> import numpy as np
    >>> from lossutils import categorical_cross_entropy
    >>> grad = categorical_cross_entropy.grad([[0, 1, 0]], [[0.0, 0.0, 0.0]], from_logits=True)
    >>> print(np.round(grad, 4))
    [[ 0.3333 -0.6667  0.3333]]
    """
    y_true, y_pred, weight, target_mass = _check_distributions(
        y_true, y_pred, sample_weight, reduction, from_logits, _LOGITS_HINT, label_smoothing
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
    y_true,
    y_pred,
    *,
    sample_weight=None,
    reduction="mean",
    from_logits=False,
    label_smoothing=0.0,
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
    label_smoothing : float in [0, 1], default=0.0
        Train towards :math:`y (1 - \varepsilon) + \varepsilon / k` instead
        of :math:`y`: a mixture of the targets with the uniform distribution
        over the k classes, so that no logit is pushed to infinity.
        Introduced in Chapter 5, *Choosing a loss*.

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

    In the frameworks: Keras' ``CategoricalCrossentropy`` takes the same
    one-hot or soft targets, defaults to probabilities
    (``from_logits=False``, clipped at :math:`10^{-7}`) and smooths labels by
    the same rule. PyTorch's ``CrossEntropyLoss`` always takes logits, with
    class indices (see :func:`sparse_categorical_cross_entropy`) or
    probability rows as targets; its ``label_smoothing`` is the same mixture.
    With smoothing the smallest loss is the entropy of the smoothed targets,
    not 0.

    Examples
    --------
    >>> from lossutils import categorical_cross_entropy
    >>> y = [[1, 0, 0], [0, 1, 0]]
    >>> p = [[0.8, 0.1, 0.1], [0.2, 0.5, 0.3]]
    >>> round(categorical_cross_entropy(y, p), 4)
    0.4581
    >>> round(categorical_cross_entropy(y, [[1000.0, 0, 0], [0, 0, 0]], from_logits=True), 4)
    0.5493
    >>> round(categorical_cross_entropy(y, p, label_smoothing=0.3), 4)
    0.7374
    """
    y_true, y_pred, weight, target_mass = _check_distributions(
        y_true,
        y_pred,
        sample_weight,
        reduction,
        from_logits,
        _LOGITS_HINT,
        label_smoothing,
        logits_checked_later=True,
    )
    if from_logits:
        return _finite_loss(
            _categorical_losses_from_logits, (y_true, y_pred, target_mass), weight, reduction
        )
    return reduce_blockwise(_categorical_losses, (y_true, y_pred), weight, reduction)


def _categorical_losses(y_true, y_pred):
    return -np.einsum("ij,ij->i", y_true, np.log(_clip(y_pred)))


def _categorical_losses_from_logits(y_true, logits, target_mass):
    if _transposable(logits):
        return apply_blockwise(_categorical_block, (y_true, logits, target_mass))
    shifted = _shift(logits)
    target = np.einsum("ij,ij->i", y_true, shifted)
    return target_mass * _log_partition(shifted) - target


def _categorical_block(y_true, logits, target_mass):
    """:func:`_categorical_losses_from_logits` on one block, transposed."""
    shifted, _ = _transposed_shift(logits)
    target = np.einsum("ij,ji->i", y_true, shifted)
    np.exp(shifted, out=shifted)
    return target_mass * np.log(_column_sums_in_place(shifted)) - target


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


def _check_sparse(y_true, y_pred, sample_weight, reduction, from_logits, label_smoothing):
    smoothing = _check_label_smoothing(label_smoothing)
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
    labels = check_labels(labels, y_pred.shape[1])
    _check_predictions(y_pred, from_logits, rows_sum_to_one=True)
    return labels, y_pred, weight, smoothing


def _smoothed_one_hot(labels, n_classes, smoothing, dtype):
    """Rows (1 - eps) one_hot(y) + eps / k, built one block of samples at a time."""
    targets = np.full((labels.shape[0], n_classes), smoothing / n_classes, dtype=dtype)
    targets[np.arange(labels.shape[0]), labels] += 1 - smoothing
    return targets


def _smoothed(kernel, smoothing, from_logits):
    """A categorical ``kernel`` applied to (labels, y_pred), the labels made
    into smoothed one-hot rows one block at a time; the from-logits kernels
    also take the rows' sums."""

    def values_of(labels, y_pred):
        targets = _smoothed_one_hot(labels, y_pred.shape[1], smoothing, y_pred.dtype)
        if from_logits:
            return kernel(targets, y_pred, np.einsum("ij->i", targets))
        return kernel(targets, y_pred)

    return values_of


def _sparse_categorical_cross_entropy_grad(
    y_true,
    y_pred,
    *,
    sample_weight=None,
    reduction="mean",
    from_logits=False,
    label_smoothing=0.0,
):
    r"""Gradient of :func:`sparse_categorical_cross_entropy` w.r.t. ``y_pred``.

    Parameters are those of :func:`sparse_categorical_cross_entropy`.

    Returns
    -------
    grad : ndarray, shape (n, k)
        With ``from_logits=True``, :math:`\operatorname{softmax}(z) -
        \operatorname{onehot}(y)`. With probabilities, :math:`-1 / p_{i y_i}`
        in each row's label column (0 where the clip is active) and 0
        elsewhere. Either is times the sample's share of the reduction. With
        ``label_smoothing``, the gradient of
        :func:`categorical_cross_entropy` for the smoothed one-hot rows.

    Examples
    --------
    >>> from lossutils import sparse_categorical_cross_entropy
    >>> print(sparse_categorical_cross_entropy.grad([1], [[0.5, 0.25, 0.25]]))
    [[ 0. -4.  0.]]
    >>> print(sparse_categorical_cross_entropy.grad(
    ...     [1], [[0.0, 0.0, 0.0]], from_logits=True, label_smoothing=0.3))
    [[ 0.23333333 -0.46666667  0.23333333]]
    """
    labels, y_pred, weight, smoothing = _check_sparse(
        y_true, y_pred, sample_weight, reduction, from_logits, label_smoothing
    )
    if smoothing:
        kernel = _categorical_gradients_from_logits if from_logits else _probability_gradients
        gradients_of = _smoothed(kernel, smoothing, from_logits)
    else:
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
    y_true,
    y_pred,
    *,
    sample_weight=None,
    reduction="mean",
    from_logits=False,
    label_smoothing=0.0,
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
    label_smoothing : float in [0, 1], default=0.0
        Train towards :math:`(1 - \varepsilon) \operatorname{onehot}(y) +
        \varepsilon / k` instead of the one-hot row of :math:`y`, as
        :func:`categorical_cross_entropy` does. Introduced in Chapter 5,
        *Choosing a loss*.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"

    See Also
    --------
    categorical_cross_entropy : Gives the same value for one-hot ``y_true``
        (with the same ``label_smoothing``).

    Notes
    -----
    .. math:: \mathrm{CE} = -\frac{1}{n} \sum_{i=1}^{n} \log p_{i, y_i}

    The same clipping, and the same log-sum-exp for logits, as
    :func:`categorical_cross_entropy`; no one-hot matrix is built (with
    label smoothing, one block of smoothed rows at a time). With smoothing
    :math:`\varepsilon` the per-sample loss is
    :math:`-(1 - \varepsilon) \log p_{y} - \frac{\varepsilon}{k}
    \sum_j \log p_j`.

    In the frameworks: this is PyTorch's ``CrossEntropyLoss`` with class
    indices, except that PyTorch always takes logits (here
    ``from_logits=True``); its ``label_smoothing`` is the same mixture.
    Keras' ``SparseCategoricalCrossentropy`` defaults to probabilities, like
    this function, and its stable releases have no ``label_smoothing``.

    Examples
    --------
    >>> from lossutils import sparse_categorical_cross_entropy
    >>> p = [[0.8, 0.1, 0.1], [0.2, 0.5, 0.3]]
    >>> round(sparse_categorical_cross_entropy([0, 1], p), 4)
    0.4581
    >>> round(sparse_categorical_cross_entropy([0, 1], p, label_smoothing=0.3), 4)
    0.7374
    """
    labels, y_pred, weight, smoothing = _check_sparse(
        y_true, y_pred, sample_weight, reduction, from_logits, label_smoothing
    )
    if smoothing:
        kernel = _categorical_losses_from_logits if from_logits else _categorical_losses
        losses_of = _smoothed(kernel, smoothing, from_logits)
    else:
        losses_of = _sparse_losses_from_logits if from_logits else _sparse_losses
    return reduce_blockwise(losses_of, (labels, y_pred), weight, reduction)


def _sparse_losses(labels, y_pred):
    return -np.log(_clip(y_pred[np.arange(labels.shape[0]), labels]))


def _picked(array, labels):
    """``array[i, labels[i]]`` for every row i."""
    rows = np.arange(labels.shape[0])
    if array.flags.c_contiguous:  # a flat take: about twice as fast
        return array.reshape(-1).take(rows * array.shape[1] + labels)
    return array[rows, labels]


def _sparse_losses_from_logits(labels, logits):
    if _transposable(logits):
        return apply_blockwise(_sparse_block, (labels, logits))
    shifted = _shift(logits)
    target = _picked(shifted, labels)
    return _log_partition(shifted) - target


def _sparse_block(labels, logits):
    """:func:`_sparse_losses_from_logits` on one block, transposed."""
    shifted, top = _transposed_shift(logits)
    target = _picked(logits, labels)
    target -= top  # the shifted logit of the label, as the plain formula's
    np.exp(shifted, out=shifted)
    losses = np.log(_column_sums_in_place(shifted))
    losses -= target
    return losses
