"""Public checks of chapter 5's section beyond the defaults (MSLE, Huber, class imbalance, focal loss).

As strict as the hidden ones: each value has one check here, ``check_<name>``, returning None when it
is right or else a hint; the hidden checks (grading/hidden/ch5b.py) give the points of the values whose
check returns None.
"""

import numpy as np

from . import close, exercise, is_bool

HUBER_RTOL = 1e-6
HUBER_TAU_SMALL = 1e-3
DERIVATIVE_RTOL, DERIVATIVE_ATOL = 1e-6, 1e-8
PI_ATOL = 1e-3  # the pi at which q* = 1/2: exact from the condition, or a search accurate to 0.001
SHARE_ATOL = 0.005
RULE_SEED_0 = 955 / 1000  # n0 / n on seed 0's 1000 fitting labels (955 of class 0)
RULE_ATOL = 5e-4


def huber_residuals():
    """The exercise's targets and predictions, as its statement draws them (seed 0)."""
    rng = np.random.default_rng(0)
    y_true = rng.normal(size=20)
    return y_true, y_true + rng.normal(scale=2.0, size=20)


def _ratio_small_reference():
    import lossutils

    y_true, y_pred = huber_residuals()
    huber = lossutils.huber(y_true, y_pred, delta=HUBER_TAU_SMALL)
    return huber / HUBER_TAU_SMALL / lossutils.mean_absolute_error(y_true, y_pred)


def check_ratio_large(ratio_large):
    if not close(ratio_large, 0.5, rtol=HUBER_RTOL):
        return "Write out the quadratic branch of the Huber loss: what multiplies r^2?"
    return None


def check_ratio_small(ratio_small):
    reference = _ratio_small_reference()
    if not close(ratio_small, reference, rtol=HUBER_RTOL):
        if close(ratio_small, reference * HUBER_TAU_SMALL, rtol=1e-3):
            return "Divide the Huber loss by tau before comparing it with the mean absolute error."
        if close(ratio_small, 1.0, rtol=1e-9):
            return ("Compute the ratio on the statement's residuals: at tau = 0.001 it is close to its "
                    "limit, but not equal to it.")
        return ("Use the statement's residuals (seed 0), lossutils.huber with delta = 0.001, and divide by "
                "tau and by lossutils.mean_absolute_error of the same residuals.")
    return None


@exercise(
    "ch5-ex-huber-delta",
    ratio_large="on the statement's residuals (seed 0), the Huber loss with a tau larger than every |r|, "
                "divided by the mean squared error of the same residuals (a number)",
    ratio_small="on the same residuals, the Huber loss with tau = 0.001, divided by tau and by the mean "
                "absolute error (a number: the value your code computed)",
)
def _(ratio_large, ratio_small):
    for hint in (check_ratio_large(ratio_large), check_ratio_small(ratio_small)):
        if hint is not None:
            return hint
    return None


def _A(q, gamma):
    return (1 - q) ** gamma / q - gamma * (1 - q) ** (gamma - 1) * np.log(q)


def check_derivative(derivative):
    q = np.linspace(0.01, 0.99, 99)
    for pi in (0.05, 0.5, 0.9):
        for gamma in (0.5, 1.0, 2.0, 5.0):
            for alpha in (0.1, 0.25, 0.5, 0.8):
                want = -alpha * pi * _A(q, gamma) + (1 - alpha) * (1 - pi) * _A(1 - q, gamma)
                if not close(derivative(q, pi, gamma, alpha), want, rtol=DERIVATIVE_RTOL,
                             atol=DERIVATIVE_ATOL):
                    return ("Your derivative differs from finite differences of the expected loss: the "
                            "second term depends on q through q^gamma and log(1 - q), and "
                            "d(1 - q)/dq = -1.")
    return None


def check_pi_half(pi_half):
    if not close(pi_half, 0.75, atol=PI_ATOL):
        return "Put q = 1/2 into the condition: A(q) and A(1 - q) are then equal."
    return None


def check_pi_half_no_alpha(pi_half_no_alpha):
    if not close(pi_half_no_alpha, 0.5, atol=PI_ATOL):
        return "Without alpha the two classes' weights are equal: put q = 1/2 into the condition."
    return None


@exercise(
    "ch5-ex-focal-minimiser",
    derivative="the derivative with respect to q of the expected focal loss, in closed form, as a "
               "function derivative(q, pi, gamma, alpha), elementwise in q (alpha a number in (0, 1))",
    pi_half="with gamma = 2 and alpha = 0.25, the pi at which the minimiser q* is 1/2 (a number: exact "
            "from the condition, or from a numerical search accurate to 0.001)",
    pi_half_no_alpha="with gamma = 2 and no alpha (alpha = 1/2), the pi at which q* is 1/2 (a number, "
                     "as accurate)",
)
def _(derivative, pi_half, pi_half_no_alpha):
    for hint in (check_derivative(derivative), check_pi_half(pi_half),
                 check_pi_half_no_alpha(pi_half_no_alpha)):
        if hint is not None:
            return hint
    return None


def check_share_class_2(share_class_2):
    if not close(share_class_2, 1.0, atol=SHARE_ATOL):
        return ("Threshold the buggy model's probabilities at 0.5 on X_fit; which way does the gradient "
                "p - t push the bias for t = 1 and t = 2?")
    return None


def check_fix(fix):
    y = np.random.default_rng(52).integers(1, 3, size=50)
    if not (close(fix(y), y - 1) and close(fix(np.array([2, 1])), [1, 0])):
        return "The rare class stored as 2 must become the class 1 of a sigmoid; the common class becomes 0."
    return None


def check_bounded(bounded):
    if not is_bool(bounded, False):
        return "Write out -t log p - (1 - t) log(1 - p) for t = 2 and let p tend to 1."
    return None


@exercise(
    "ch5-ex-labels-range",
    share_class_2="the share of the fitting examples X_fit (the 1000 of seed 0 that the statement's cell "
                  "trains on) that the buggy model calls class 2 (a number in [0, 1])",
    fix="the fix, as a function fix(y) that maps the file's labels (an array of 1s and 2s) to the labels "
        "cross-entropy needs: the rare class (2) becomes 1, the common class (1) becomes 0",
    bounded="whether the loss of one example labelled 2 is bounded below as p tends to 1 (True or False)",
)
def _(share_class_2, fix, bounded):
    for hint in (check_share_class_2(share_class_2), check_fix(fix), check_bounded(bounded)):
        if hint is not None:
            return hint
    return None


def check_rule(rule):
    if not close(rule, RULE_SEED_0, atol=RULE_ATOL):
        return "Compute w0 / (w0 + w1) from the buggy class_shares on seed 0's fitting labels."
    return None


def check_class_weight(class_weight):
    labels = (np.array([0] * 9 + [1]), np.array([0] * 382 + [1] * 18), np.array([0] * 3 + [1] * 5))
    weights = [class_weight(y) for y in labels]
    for y, w in zip(labels, weights):
        if not close(w[1] / w[0], np.mean(y == 0) / np.mean(y == 1), rtol=1e-9):
            return ("At 0.5 the weighted model calls class 1 where pi > w0 / (w0 + w1): which ratio of "
                    "the weights makes that threshold the rare class's share n1 / n?")
    for y, w in zip(labels, weights):
        if not close(w[0] * np.mean(y == 0) + w[1] * np.mean(y == 1), 1.0, rtol=1e-9):
            return "Your weights have the right ratio; scale them so that the mean weight per example is 1."
    return None


@exercise(
    "ch5-ex-inverted-weights",
    rule="the threshold on pi that the buggy weights implement when read at 0.5, for seed 0: "
         "w0 / (w0 + w1) (a number)",
    class_weight="the fixed weights, as a function class_weight(y) of an array of labels 0 and 1 that "
                 "returns a dict {0: w0, 1: w1}, normalised so that the mean weight per example is 1",
)
def _(rule, class_weight):
    for hint in (check_rule(rule), check_class_weight(class_weight)):
        if hint is not None:
            return hint
    return None
