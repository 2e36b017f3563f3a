"""Margin losses: the binary hinge, its square and the multi-class hinge.

The model outputs decision values (scores), not probabilities; a sample
costs nothing once its score beats the alternative by a margin of one. Every
loss has a ``.grad``, the gradient of the reduced loss with respect to
``y_pred``; at the kink (margin exactly one) it takes the subgradient 0.
For reduction="none", ``.grad`` is the gradient of the sum of the per-sample
values: each sample's own gradient (times its weight).
"""

import numpy as np

from ._validation import (
    apply_blockwise,
    as_float_array,
    as_numeric_array,
    check_finite,
    check_labels,
    check_ndim,
    check_reduction,
    check_same_shape,
    check_sample_weight,
    raise_first,
    reduce_blockwise,
    scale_gradient,
    with_gradient,
)

__all__ = ["hinge", "squared_hinge", "multiclass_hinge"]


def _check_hinge(y_true, y_pred, sample_weight, reduction):
    """Checks for the hinge losses; returns labels mapped to {-1, 1}."""
    check_reduction(reduction)
    y_true = as_float_array(y_true, "y_true")
    y_pred = as_float_array(y_pred, "y_pred")
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



# Multi-class hinge (Crammer and Singer) ------------------------------------


def _check_multiclass(y_true, y_pred, sample_weight, reduction):
    """Integer labels (n,) and scores (n, k), k >= 2; returns intp labels."""
    check_reduction(reduction)
    labels = as_numeric_array(y_true, "y_true")
    scores = as_float_array(y_pred, "y_pred")
    hint = (
        " For one-hot rows pass their argmax: y_true.argmax(axis=1)."
        if labels.ndim == 2
        else ""
    )
    check_ndim(labels, "y_true", (1,), "(n,), one integer class label per sample", hint)
    scores_hint = (
        " For two classes and one decision value per sample use hinge."
        if scores.ndim == 1
        else ""
    )
    check_ndim(scores, "y_pred", (2,), "(n, k), one row of k class scores per sample",
               scores_hint)
    if scores.shape[1] < 2:
        raise ValueError(
            f"y_pred must have at least two columns, one score per class; got shape "
            f"{scores.shape}."
        )
    if labels.shape[0] != scores.shape[0]:
        raise ValueError(
            f"y_true has {labels.shape[0]} labels but y_pred has {scores.shape[0]} "
            "rows; they need one per sample each."
        )
    weight = check_sample_weight(sample_weight, scores.shape[0], reduction)
    labels = check_labels(labels, scores.shape[1])
    check_finite(scores, "y_pred")
    return labels, scores, weight


def _true_and_runner_up(labels, scores):
    """Each row's score of its true class, and the column of its best other class."""
    rows = np.arange(labels.shape[0])
    true = scores[rows, labels]
    others = scores.copy()
    others[rows, labels] = -np.inf
    return true, rows, np.argmax(others, axis=1)


def _multiclass_hinge_losses(labels, scores):
    true, rows, runner_up = _true_and_runner_up(labels, scores)
    margins = true - scores[rows, runner_up]
    np.subtract(1, margins, out=margins)
    return np.maximum(margins, 0, out=margins)


def _multiclass_hinge_gradients(labels, scores):
    true, rows, runner_up = _true_and_runner_up(labels, scores)
    active = (true - scores[rows, runner_up] < 1).astype(scores.dtype)
    grad = np.zeros(scores.shape, dtype=scores.dtype)
    grad[rows, labels] = -active
    grad[rows, runner_up] = active
    return grad


def _multiclass_hinge_grad(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`multiclass_hinge` with respect to ``y_pred``.

    Parameters are those of :func:`multiclass_hinge`.

    Returns
    -------
    grad : ndarray, shape (n, k)
        Where the margin :math:`s_y - \max_{j \ne y} s_j` is below one: -1 in
        the true class's column, +1 in the column of the best other class
        (the first of them on a tie) and 0 elsewhere; a zero row where the
        margin is at least one (the subgradient 0 at the kink). Times the
        sample's share of the reduction.

    Examples
    --------
    >>> from lossutils import multiclass_hinge
    >>> scores = [[1.0, 0.5, 0.0], [1.0, 0.0, 1.5]]  # margins 0.5 and 0.5
    >>> print(multiclass_hinge.grad([0, 2], scores, reduction="sum"))
    [[-1.  1.  0.]
     [ 1.  0. -1.]]
    """
    labels, scores, weight = _check_multiclass(y_true, y_pred, sample_weight, reduction)
    grad = apply_blockwise(_multiclass_hinge_gradients, (labels, scores))
    return scale_gradient(grad, weight, reduction, scores.dtype, per_output=False)


@with_gradient(_multiclass_hinge_grad)
def multiclass_hinge(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Multi-class hinge loss (Crammer and Singer): the true class must win by one.

    Introduced in Chapter 5, *Choosing a loss*.

    Parameters
    ----------
    y_true : array-like of int, shape (n,)
        Class labels in ``0, ..., k-1`` (floats holding whole numbers work).
    y_pred : array-like, shape (n, k)
        Class scores (decision values of a linear output layer; not
        probabilities), k >= 2.
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        "mean": :math:`\sum_i w_i l_i / \sum_i w_i`; "sum":
        :math:`\sum_i w_i l_i`; "none": the array of :math:`w_i l_i`.

    Returns
    -------
    loss : float, or ndarray of shape (n,) for reduction="none"

    See Also
    --------
    hinge : The two-class form, one decision value per sample.
    sparse_categorical_cross_entropy : The probabilistic alternative for the
        same labels and scores (with ``from_logits=True``).

    Notes
    -----
    With :math:`s_{ij}` the score of class :math:`j` for sample :math:`i`:

    .. math:: l_i = \max\left(0,\; 1 - \left(s_{i y_i}
              - \max_{j \ne y_i} s_{ij}\right)\right)

    Only the best wrong class counts, and only until the true class beats
    it by a margin of one (Crammer and Singer, 2001). For k >= 3 classes the
    value equals ``sklearn.metrics.hinge_loss`` given the same labels and
    scores (pass it ``labels`` if some class is absent from ``y_true``); for
    two classes it equals :func:`hinge` of the decision value
    :math:`s_1 - s_0`.

    Other forms in the frameworks: Keras' ``CategoricalHinge`` takes one-hot
    targets and computes :math:`\max(0, 1 + \max_j (1 - t_j) s_j - s_y)`,
    whose "best wrong score" is never below 0 (the true class's entry counts
    as a zero), so it differs from this loss when every wrong score is
    negative. PyTorch's ``MultiMarginLoss`` (Weston and Watkins) sums
    :math:`\max(0, 1 - s_y + s_j)` over every wrong class and divides by k.

    Examples
    --------
    >>> from lossutils import multiclass_hinge
    >>> scores = [[2.0, 0.5, 0.0], [1.0, 0.0, 1.5], [0.0, 3.0, 0.5]]
    >>> multiclass_hinge([0, 2, 1], scores)  # margins 1.5, 0.5, 2.5
    0.16666666666666666
    >>> print(multiclass_hinge([0, 2, 1], scores, reduction="none"))
    [0.  0.5 0. ]
    """
    labels, scores, weight = _check_multiclass(y_true, y_pred, sample_weight, reduction)
    return reduce_blockwise(_multiclass_hinge_losses, (labels, scores), weight, reduction)
