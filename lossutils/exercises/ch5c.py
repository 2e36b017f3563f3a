"""Public checks of chapter 5's section on losses in current use (label smoothing, multi-class hinge)."""

import numpy as np

from . import close, exercise


def _away_from_kinks(rng, n, k):
    """Labels and scores whose margins are far from 1 and whose best wrong class is unique."""
    while True:
        f = rng.normal(scale=2.0, size=(n, k))
        labels = rng.integers(0, k, size=n)
        wrong = np.where(np.eye(k, dtype=bool)[labels], -np.inf, f)
        top_two = np.sort(wrong, axis=1)[:, -2:]
        margin = f[np.arange(n), labels] - top_two[:, 1]
        if np.abs(margin - 1).min() > 0.05 and (top_two[:, 1] - top_two[:, 0]).min() > 0.05:
            return labels, f


def _hinge_gradient(labels, f):
    import lossutils

    return lossutils.multiclass_hinge.grad(labels, f)


@exercise(
    "ch5-ex-multiclass-hinge-gradient",
    grad="the gradient of the mean multi-class hinge over n examples with respect to the scores, as a "
         "function grad(labels, f): integer labels of shape (n,) and scores f of shape (n, K) -> an array "
         "of shape (n, K)",
    nonzero_hinge="the largest number of non-zero entries in one example's row of the hinge's gradient "
                  "(an integer)",
    nonzero_ce="the number of non-zero entries in one example's row of softmax cross-entropy's gradient "
               "with respect to the logits, for K = 4 classes (an integer)",
)
def _(grad, nonzero_hinge, nonzero_ce):
    labels, f = _away_from_kinks(np.random.default_rng(55), 8, 4)
    got, want = np.asarray(grad(labels, f), dtype=float), _hinge_gradient(labels, f)
    if got.shape != want.shape:
        return "grad(labels, f) must return one row per example and one column per class, like f."
    if not close(got, want, atol=1e-12):
        if close(got, want * len(labels), atol=1e-12):
            return "The loss is the mean over the examples: what does each row's gradient divide by?"
        return ("Compare with central finite differences of lossutils.multiclass_hinge: which scores does "
                "the loss depend on when the margin is below 1, and when above?")
    if nonzero_hinge != 2:
        return "Count the scores that the active hinge 1 - f_y + max_{j != y} f_j depends on."
    if nonzero_ce != 4:
        return "Softmax cross-entropy's gradient at the logits is q - t: which of its entries can be zero?"
    return None


@exercise(
    "ch5-ex-smoothing-floor",
    floor="(a) the smallest value the smoothed validation loss can take, for K = 3 and alpha = 0.1 "
          "(a number, in nats)",
    nll_limit="(b) the validation NLL of the labels at the smoothed optimum, the value it approaches "
              "(a number, in nats)",
    alpha_effective="(c) the alpha with which the second colleague effectively trains (a number)",
    gap="(c) the logit gap z_y - z_j at his minimum (a number)",
)
def _(floor, nll_limit, alpha_effective, gap):
    if not close(floor, 0.29114, atol=5e-4):
        return ("The smoothed cross-entropy is never below the entropy of the smoothed target; compute it "
                "with natural logarithms.")
    if not close(nll_limit, 0.06899, atol=5e-4):
        return "At the smoothed optimum, what probability does the network give the true class?"
    if not close(alpha_effective, 0.19, atol=1e-3):
        return "Smooth the smoothed row (1 - alpha) t + alpha / K once more and write it as (1 - a') t + a' / K."
    if not close(gap, np.log(1 + 3 * 0.81 / 0.19), atol=0.01):
        return "Put the effective alpha, not the nominal one, into the gap formula."
    return None
