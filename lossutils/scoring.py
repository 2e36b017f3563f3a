"""Scores of predicted probabilities: the Brier score and calibration error.

These judge a classifier's probabilities after training (Chapter 7, *Loss
versus metric*). ``brier_score`` is a proper scoring rule, like the log loss:
it is smallest, in expectation, for honest probabilities. It is smooth, so it
has a ``.grad`` and can also be trained on, and it follows the package's loss
conventions. ``expected_calibration_error`` measures how far confidence is
from accuracy over bins of samples, so it jumps where a sample changes bin
or class; it has no ``.grad`` and is not a loss.
"""

import numbers

import numpy as np

from ._validation import (
    apply_blockwise,
    as_float_array,
    as_numeric_array,
    check_interval,
    check_labels,
    check_ndim,
    check_reduction,
    check_rows_sum_to_one,
    check_sample_weight,
    reduce_blockwise,
    scale_gradient,
    with_gradient,
)

__all__ = ["brier_score", "expected_calibration_error"]

_NOT_NORMALISED = "each row of y_proba must be a probability distribution summing to one"
_BINARY_LABELS = "y_true must hold binary labels 0 or 1 (y_proba is 1-D: P(class 1))"


def _check_scored(y_true, y_proba):
    """Labels (n,) as intp and probabilities, (n,) for two classes or (n, k).

    Shared by both scores: y_proba is checked to lie in [0, 1] and, for
    (n, k), to have rows summing to one.
    """
    labels = as_numeric_array(y_true, "y_true")
    y_proba = as_float_array(y_proba, "y_proba")
    hint = (
        " For one-hot rows pass their argmax: y_true.argmax(axis=1)."
        if labels.ndim == 2
        else ""
    )
    check_ndim(labels, "y_true", (1,), "(n,), one class label per sample", hint)
    hint = ""
    if y_proba.ndim == 2 and y_proba.shape[1] == 1:
        hint = (
            " For two classes pass the probabilities of class 1 as shape (n,): "
            "flatten the (n, 1) column with .ravel()."
        )
    check_ndim(
        y_proba,
        "y_proba",
        (1, 2),
        "(n,), the probabilities of class 1, or (n, k), one distribution per row",
        hint,
    )
    if y_proba.ndim == 2 and y_proba.shape[1] < 2:
        raise ValueError(
            f"y_proba must have at least two columns; got shape {y_proba.shape}.{hint}"
        )
    if labels.shape[0] != y_proba.shape[0]:
        raise ValueError(
            f"y_true has {labels.shape[0]} labels but y_proba has {y_proba.shape[0]} "
            "rows; they need one per sample each."
        )
    return labels, y_proba


def _check_probabilities(labels, y_proba):
    if y_proba.ndim == 1:
        labels = check_labels(labels, 2, _BINARY_LABELS)
    else:
        labels = check_labels(
            labels,
            y_proba.shape[1],
            f"y_true must hold integer class labels 0, ..., {y_proba.shape[1] - 1} "
            f"(y_proba has {y_proba.shape[1]} columns)",
        )
    check_interval(y_proba, "y_proba", 0, 1, "y_proba must hold probabilities in [0, 1]")
    if y_proba.ndim == 2:
        check_rows_sum_to_one(y_proba, _NOT_NORMALISED)
    return labels


# Brier score ----------------------------------------------------------------


def _check_brier(y_true, y_proba, sample_weight, reduction):
    check_reduction(reduction)
    labels, y_proba = _check_scored(y_true, y_proba)
    weight = check_sample_weight(sample_weight, y_proba.shape[0], reduction)
    return _check_probabilities(labels, y_proba), y_proba, weight


def _differences(labels, y_proba):
    """p - y for (n,) probabilities; p - onehot(y) for (n, k) rows."""
    if y_proba.ndim == 1:
        return y_proba - labels
    diff = y_proba.copy()
    diff[np.arange(labels.shape[0]), labels] -= 1
    return diff


def _scale(y_proba):
    # scikit-learn's scale_by_half="auto": two classes give the usual binary
    # score, the mean of (p - y)^2 for one probability per sample.
    return 0.5 if y_proba.ndim == 2 and y_proba.shape[1] == 2 else 1.0


def _brier_scores(labels, y_proba):
    diff = _differences(labels, y_proba)
    if diff.ndim == 1:
        return np.multiply(diff, diff, out=diff)
    scores = np.einsum("ij,ij->i", diff, diff)
    scores *= _scale(y_proba)
    return scores


def _brier_gradients(labels, y_proba):
    grad = _differences(labels, y_proba)
    grad *= 2 * _scale(y_proba)
    return grad


def _brier_score_grad(y_true, y_proba, *, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`brier_score` with respect to ``y_proba``.

    Parameters are those of :func:`brier_score`.

    Returns
    -------
    grad : ndarray, same shape as ``y_proba``
        :math:`2 (p - y)` for one probability per sample, :math:`2 (p_j -
        t_j)` for (n, k) rows with :math:`k \ge 3` and :math:`p_j - t_j` for
        two columns (the score is halved there); times the sample's share of
        the reduction. Rows must sum to one, so only the part of this
        gradient along such rows changes the score.

    Examples
    --------
    >>> from lossutils import brier_score
    >>> print(brier_score.grad([1, 0], [0.75, 0.5], reduction="sum"))
    [-0.5  1. ]
    """
    labels, y_proba, weight = _check_brier(y_true, y_proba, sample_weight, reduction)
    grad = apply_blockwise(_brier_gradients, (labels, y_proba))
    return scale_gradient(grad, weight, reduction, y_proba.dtype, per_output=False)


@with_gradient(_brier_score_grad)
def brier_score(y_true, y_proba, *, sample_weight=None, reduction="mean"):
    r"""Brier score: the mean squared error of predicted probabilities.

    Introduced in Chapter 6, *Implementing loss functions* (its table of the
    frameworks' losses); Chapter 7, *Loss versus metric*, explains it.

    Parameters
    ----------
    y_true : array-like of int, shape (n,)
        Class labels: 0 or 1 with a 1-D ``y_proba``, otherwise in ``0, ...,
        k-1`` (booleans and floats holding whole numbers work).
    y_proba : array-like, shape (n,) or (n, k)
        The predicted probabilities of class 1, or one predicted distribution
        per row (rows summing to one).
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample.
    reduction : {"mean", "sum", "none"}, default="mean"
        "mean": :math:`\sum_i w_i l_i / \sum_i w_i`; "sum":
        :math:`\sum_i w_i l_i`; "none": the array of :math:`w_i l_i`.

    Returns
    -------
    score : float, or ndarray of shape (n,) for reduction="none"
        Lower is better: 0 for certain, correct predictions; at most 1 for two
        classes and 2 for more.

    See Also
    --------
    expected_calibration_error : How far confidence is from accuracy.
    binary_cross_entropy, sparse_categorical_cross_entropy : The log loss,
        the other common proper scoring rule.

    Notes
    -----
    With :math:`t_{ij} = 1` for the true class and 0 otherwise,

    .. math:: \mathrm{BS} = \frac{1}{n} \sum_{i=1}^{n} \sum_{j=1}^{k}
              (p_{ij} - t_{ij})^2

    for :math:`k \ge 3` classes, between 0 and 2. For two classes the sum is
    halved, giving the usual binary score :math:`\frac1n \sum_i (p_i -
    y_i)^2` between 0 and 1, whether ``y_proba`` is the (n,) column of
    :math:`P(\text{class } 1)` or (n, 2) rows. This is what
    ``sklearn.metrics.brier_score_loss`` computes with its default
    ``scale_by_half="auto"`` (scikit-learn 1.7 and later), which it equals.

    A proper scoring rule: for a sample whose class has distribution
    :math:`q`, the expected score of predicting :math:`p` is
    :math:`\sum_j (p_j - q_j)^2` plus a term that does not depend on
    :math:`p`, smallest at the honest :math:`p = q`. Unlike the log loss it
    stays bounded when a confident prediction is wrong.

    It has a ``.grad`` (it is a smooth function of the probabilities) and the
    calling convention of the losses, so it can be trained on, but it is
    mostly reported as a metric. Neither Keras nor PyTorch has it among
    its losses; it is their mean squared error between the one-hot targets
    and the predicted probabilities, times k (halved for two classes).

    Examples
    --------
    >>> from lossutils import brier_score
    >>> round(brier_score([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]), 4)
    0.0375
    >>> p = [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.2, 0.2, 0.6]]
    >>> round(brier_score([0, 1, 2], p), 4)  # (0.06 + 0.14 + 0.24) / 3
    0.1467
    """
    labels, y_proba, weight = _check_brier(y_true, y_proba, sample_weight, reduction)
    return reduce_blockwise(_brier_scores, (labels, y_proba), weight, reduction)


# Expected calibration error -------------------------------------------------


def _check_n_bins(n_bins):
    if isinstance(n_bins, (bool, np.bool_)) or not isinstance(n_bins, numbers.Integral):
        raise TypeError(f"n_bins must be a positive integer; got {n_bins!r}.")
    if n_bins < 1:
        raise ValueError(f"n_bins must be a positive integer; got {n_bins!r}.")
    return int(n_bins)


def expected_calibration_error(y_true, y_proba, *, sample_weight=None, n_bins=10):
    r"""Expected calibration error (ECE) of the top-label confidence.

    Introduced in Chapter 5, *Choosing a loss* (its section *Beyond the defaults*);
    Chapter 7, *Loss versus metric*, explains it.

    Parameters
    ----------
    y_true : array-like of int, shape (n,)
        Class labels: 0 or 1 with a 1-D ``y_proba``, otherwise in ``0, ...,
        k-1``.
    y_proba : array-like, shape (n,) or (n, k)
        The predicted probabilities of class 1, read as rows
        :math:`(1 - p, p)`, or one predicted distribution per row (rows
        summing to one).
    sample_weight : array-like, shape (n,), default=None
        Non-negative weights, one per sample: bin shares, accuracies and
        confidences become weighted.
    n_bins : int, default=10
        The number of equal-width confidence bins.

    Returns
    -------
    ece : float
        Between 0 (confidence matches accuracy in every bin) and 1.

    See Also
    --------
    brier_score : A proper scoring rule for the same probabilities.

    Notes
    -----
    Guo et al. (2017): each sample's confidence is its largest predicted
    probability :math:`c_i = \max_j p_{ij}`, and its prediction is correct
    when that class (:math:`\arg\max_j p_{ij}`, the first one on a tie, so
    :math:`p = 0.5` predicts class 0) is its label. Confidences fall into
    the bins :math:`B_m = ((m - 1)/M, m/M]`, :math:`m = 1, \dots, M`, with a
    confidence of exactly 0 in the first. Then

    .. math:: \mathrm{ECE} = \sum_{m=1}^{M} \frac{|B_m|}{n}
              \left| \operatorname{acc}(B_m) - \operatorname{conf}(B_m) \right|

    with :math:`\operatorname{acc}` the fraction of correct predictions and
    :math:`\operatorname{conf}` the mean confidence in the bin; empty bins
    count 0. Confidence is never below :math:`1/k`, so with k classes the
    bins below it stay empty.

    The ECE is a metric, not a loss: it is piecewise linear in the
    probabilities, with jumps wherever a confidence crosses a bin edge or the
    arg-max changes; it compares bins, not single samples, so it is not a
    mean of per-sample losses, has no ``.grad`` and is not
    in :data:`lossutils.LOSSES`. It depends on ``n_bins`` and is not a
    proper scoring rule: predicting the overall accuracy as every sample's
    confidence scores 0. Report it beside a proper score such as the log
    loss or :func:`brier_score`.

    Examples
    --------
    >>> from lossutils import expected_calibration_error
    >>> p = [[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.4, 0.6]]
    >>> y = [0, 1, 1, 1]  # the second prediction (class 0, confidence 0.8) is wrong
    >>> round(expected_calibration_error(y, p), 4)  # one per bin: (0.1 + 0.8 + 0.3 + 0.4) / 4
    0.4
    >>> round(expected_calibration_error(y, [0.1, 0.2, 0.7, 0.6]), 4)  # as P(class 1)
    0.4
    >>> round(expected_calibration_error(y, p, n_bins=1), 4)  # |3/4 - 0.75|
    0.0
    """
    n_bins = _check_n_bins(n_bins)
    labels, y_proba = _check_scored(y_true, y_proba)
    weight = check_sample_weight(sample_weight, y_proba.shape[0], "sum")
    if weight is not None and not weight.sum() > 0:
        raise ValueError(
            "sample_weight sums to zero, so no bin has a share. Give at least one "
            "sample a positive weight."
        )
    labels = _check_probabilities(labels, y_proba)
    if y_proba.ndim == 1:
        # The rows (1 - p, p): argmax is class 1 only when p beats 1 - p.
        complement = 1 - y_proba
        confidence = np.maximum(y_proba, complement)
        predicted = (y_proba > complement).astype(np.intp)
    else:
        confidence = np.max(y_proba, axis=1)
        predicted = np.argmax(y_proba, axis=1)
    correct = (predicted == labels).astype(np.float64)
    confidence = confidence.astype(np.float64)
    # Right-closed bins ((m - 1)/M, m/M]: searchsorted(side="left") returns m
    # for a confidence in that bin, and 0 for a confidence of exactly 0.
    edges = np.arange(n_bins + 1) / n_bins
    bins = np.maximum(np.searchsorted(edges, confidence, side="left") - 1, 0)
    if weight is None:
        weight = np.ones(labels.shape[0])
    hits = np.bincount(bins, weights=weight * correct, minlength=n_bins)
    belief = np.bincount(bins, weights=weight * confidence, minlength=n_bins)
    # sum_m (W_m / W) |hits_m / W_m - belief_m / W_m| = sum_m |hits_m - belief_m| / W
    return float(np.sum(np.abs(hits - belief)) / np.sum(weight))
