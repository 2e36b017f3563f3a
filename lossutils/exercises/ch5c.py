"""Public checks of chapter 5's section on losses in current use (label smoothing, multi-class hinge).

As strict as the hidden ones: each value has one check here, ``check_<name>``, returning None when it
is right or else a hint; the hidden checks (grading/hidden/ch5c.py) give the points of the values whose
check returns None.
"""

import numpy as np

from . import close, exercise
from .ch5a import ENTROPY_ATOL, smoothed_entropy

GRAD_ATOL = 1e-12
NLL_LIMIT_ATOL = ENTROPY_ATOL  # 0.069 (three decimals, as the solution states it) is right
ALPHA_ATOL = 1e-4
GAP_ATOL = 5e-3  # 2.62, as the page prints it, is right; the nominal alpha's 3.33 is not


def _away_from_kinks(rng, n, k):
    """Labels and scores whose margins are far from 1 and whose best wrong class is unique."""
    while True:
        f = rng.normal(scale=2.0, size=(n, k))
        labels = rng.integers(0, k, size=n)
        wrong = np.where(np.eye(k, dtype=bool)[labels], -np.inf, f)
        top_two = np.sort(wrong, axis=1)[:, -2:]
        margin = f[np.arange(n), labels] - top_two[:, 1]
        if np.abs(margin - 1).min() > 0.02 and (top_two[:, 1] - top_two[:, 0]).min() > 0.02:
            return labels, f


# Three examples on the kinks, K = 4: a margin of exactly 1 (best wrong class 1), and two rows whose
# best wrong classes tie ({0, 2}, then {1, 3}) with the margin below 1.
_KINK_LABELS = np.array([0, 1, 2])
_KINK_F = np.array([[2.0, 1.0, 0.0, -1.0], [1.0, 0.5, 1.0, -1.0], [0.0, 3.0, 0.0, 3.0]])


def _is_subgradient(g):
    """Whether g (shape (3, 4)) is a subgradient of the mean hinge at the kink rows."""
    g = np.asarray(g, dtype=float) * len(_KINK_LABELS)  # per example
    if g.shape != _KINK_F.shape or not np.all(np.isfinite(g)):
        return False
    tol = 1e-9
    c = g[0, 1]  # margin 1: c (-e_0 + e_1) for some c in [0, 1]
    ok = -tol <= c <= 1 + tol and close(g[0], [-c, c, 0.0, 0.0], atol=tol)
    for row, y, tied, other in ((1, 1, [0, 2], 3), (2, 2, [1, 3], 0)):
        ok = ok and close(g[row, y], -1.0, atol=tol) and close(g[row, other], 0.0, atol=tol)
        ok = ok and bool(np.all(g[row, tied] >= -tol)) and close(g[row, tied].sum(), 1.0, atol=tol)
    return bool(ok)


def check_grad(grad):
    import lossutils

    for seed, n, k in ((5, 6, 4), (6, 40, 5), (55, 8, 4)):
        labels, f = _away_from_kinks(np.random.default_rng(seed), n, k)
        got, want = np.asarray(grad(labels, f), dtype=float), lossutils.multiclass_hinge.grad(labels, f)
        if got.shape != want.shape:
            return "grad(labels, f) must return one row per example and one column per class, like f."
        if not close(got, want, atol=GRAD_ATOL):
            if close(got, want * len(labels), atol=GRAD_ATOL):
                return "The loss is the mean over the examples: what does each row's gradient divide by?"
            return ("Compare with central finite differences of lossutils.multiclass_hinge: which scores "
                    "does the loss depend on when the margin is below 1, and when above?")
    if not _is_subgradient(grad(_KINK_LABELS, _KINK_F)):
        return ("Away from the kinks your gradient is right; at a margin of exactly 1, or where two wrong "
                "classes tie for the largest score, return a subgradient: a gradient of one of the pieces "
                "that meet there, or a mixture of them.")
    return None


def _count_is(value, count):
    try:
        return float(value) == count
    except (TypeError, ValueError):
        return False


def check_nonzero_hinge(nonzero_hinge):
    if not _count_is(nonzero_hinge, 2):
        return "Count the scores that the active hinge 1 - f_y + max_{j != y} f_j depends on."
    return None


def check_nonzero_ce(nonzero_ce):
    if not _count_is(nonzero_ce, 4):
        return "Softmax cross-entropy's gradient at the logits is q - t: which of its entries can be zero?"
    return None


@exercise(
    "ch5-ex-multiclass-hinge-gradient",
    grad="the gradient of the mean multi-class hinge over n examples with respect to the scores, as a "
         "function grad(labels, f): integer labels of shape (n,) and scores f of shape (n, K) -> an array "
         "of shape (n, K) (at a kink, any subgradient)",
    nonzero_hinge="the largest number of non-zero entries in one example's row of the hinge's gradient "
                  "(an integer)",
    nonzero_ce="the number of non-zero entries in one example's row of softmax cross-entropy's gradient "
               "with respect to the logits, for K = 4 classes (an integer)",
)
def _(grad, nonzero_hinge, nonzero_ce):
    for hint in (check_grad(grad), check_nonzero_hinge(nonzero_hinge), check_nonzero_ce(nonzero_ce)):
        if hint is not None:
            return hint
    return None


def check_floor(floor):
    if not close(floor, smoothed_entropy(), atol=ENTROPY_ATOL):
        return ("The smoothed cross-entropy is never below the entropy of the smoothed target; compute it "
                "with natural logarithms.")
    return None


def check_nll_limit(nll_limit):
    if not close(nll_limit, -np.log(0.9 + 0.1 / 3), atol=NLL_LIMIT_ATOL):
        return "At the smoothed optimum, what probability does the network give the true class?"
    return None


def check_alpha_effective(alpha_effective):
    if not close(alpha_effective, 0.19, atol=ALPHA_ATOL):
        return "Smooth the smoothed row (1 - alpha) t + alpha / K once more and write it as (1 - a') t + a' / K."
    return None


def check_gap(gap):
    if not close(gap, np.log(1 + 3 * 0.81 / 0.19), atol=GAP_ATOL):
        return "Put the effective alpha, not the nominal one, into the gap formula."
    return None


@exercise(
    "ch5-ex-smoothing-floor",
    floor="(a) the smallest value the smoothed validation loss can take, for K = 3 and alpha = 0.1 "
          "(a number, in nats: the value your code computed, or rounded to 3 decimals)",
    nll_limit="(b) the validation NLL of the labels at the smoothed optimum, the value it approaches "
              "(a number, in nats, as precise)",
    alpha_effective="(c) the alpha with which the second colleague effectively trains (a number)",
    gap="(c) the logit gap z_y - z_j at his minimum (a number, to 2 decimals or better)",
)
def _(floor, nll_limit, alpha_effective, gap):
    for hint in (check_floor(floor), check_nll_limit(nll_limit), check_alpha_effective(alpha_effective),
                 check_gap(gap)):
        if hint is not None:
            return hint
    return None
