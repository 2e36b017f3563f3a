"""Public checks of chapter 5's section beyond the defaults (MSLE, Huber, class imbalance, focal loss)."""

import numpy as np

from . import close, exercise


def _is(value, truth):
    """Whether value is the boolean truth (a NumPy boolean counts)."""
    return isinstance(value, (bool, np.bool_)) and bool(value) is truth


@exercise(
    "ch5-ex-huber-delta",
    ratio_large="on residuals of size about 1, the Huber loss with a tau larger than every |r|, divided by "
                "the mean squared error of the same residuals (a number)",
    ratio_small="on the same residuals, the Huber loss with tau = 0.001, divided by tau and by the mean "
                "absolute error (a number)",
)
def _(ratio_large, ratio_small):
    if not close(ratio_large, 0.5, rtol=1e-6):
        return "Write out the quadratic branch of the Huber loss: what multiplies r^2?"
    if not close(ratio_small, 1.0, atol=0.01):
        return "Divide the Huber loss by tau before comparing it with the mean absolute error."
    return None


def _expected_focal(q, pi, gamma, alpha):
    return (-alpha * pi * (1 - q) ** gamma * np.log(q)
            - (1 - alpha) * (1 - pi) * q ** gamma * np.log(1 - q))


_Q = np.linspace(0.05, 0.95, 19)


@exercise(
    "ch5-ex-focal-minimiser",
    derivative="the derivative with respect to q of the expected focal loss, as a function "
               "derivative(q, pi, gamma, alpha), elementwise in q (alpha a number in (0, 1))",
    pi_half="with gamma = 2 and alpha = 0.25, the pi at which the minimiser q* is 1/2 (a number)",
    pi_half_no_alpha="with gamma = 2 and no alpha (alpha = 1/2), the pi at which q* is 1/2 (a number)",
)
def _(derivative, pi_half, pi_half_no_alpha):
    step = 1e-6
    for pi, gamma, alpha in [(0.3, 2.0, 0.25), (0.8, 1.0, 0.5)]:
        numeric = (_expected_focal(_Q + step, pi, gamma, alpha)
                   - _expected_focal(_Q - step, pi, gamma, alpha)) / (2 * step)
        if not close(derivative(_Q, pi, gamma, alpha), numeric, rtol=1e-5, atol=1e-7):
            return ("Your derivative differs from finite differences of the expected loss: the second term "
                    "depends on q through q^gamma and log(1 - q), and d(1 - q)/dq = -1.")
    if not close(pi_half, 0.75, atol=1e-3):
        return "Put q = 1/2 into the condition: A(q) and A(1 - q) are then equal."
    if not close(pi_half_no_alpha, 0.5, atol=1e-3):
        return "Without alpha the two classes' weights are equal: put q = 1/2 into the condition."
    return None


@exercise(
    "ch5-ex-labels-range",
    share_class_2="the share of the training examples that the buggy model calls class 2 (a number in [0, 1])",
    fix="the fix, as a function fix(y) that maps the file's labels (an array of 1s and 2s) to the labels "
        "cross-entropy needs",
    bounded="whether the loss of one example labelled 2 is bounded below as p tends to 1 (True or False)",
)
def _(share_class_2, fix, bounded):
    if not close(share_class_2, 1.0, atol=0.01):
        return ("Threshold the buggy model's probabilities at 0.5 on the training inputs; which way does "
                "the gradient p - t push the bias for t = 1 and t = 2?")
    y = np.array([1, 2, 2, 1, 1])
    if not close(fix(y), [0, 1, 1, 0, 0]):
        return "The rare class stored as 2 must become the class 1 of a sigmoid; the common class becomes 0."
    if not _is(bounded, False):
        return "Write out -t log p - (1 - t) log(1 - p) for t = 2 and let p tend to 1."
    return None


# w0 / (w0 + w1) for the weights {k: 2 n_k / n} on seed 0's fitting labels.
_RULE_SEED_0 = 0.955


@exercise(
    "ch5-ex-inverted-weights",
    rule="the threshold on pi that the buggy weights implement when read at 0.5, for seed 0: "
         "w0 / (w0 + w1) (a number)",
    class_weight="the fixed weights, as a function class_weight(y) of an array of labels 0 and 1 that "
                 "returns a dict {0: w0, 1: w1}",
)
def _(rule, class_weight):
    if not close(rule, _RULE_SEED_0, atol=1e-3):
        return "Compute w0 / (w0 + w1) from the buggy class_shares on seed 0's fitting labels."
    y = np.array([0] * 9 + [1])
    weights = class_weight(y)
    if not close(weights[1] / weights[0], 9.0, rtol=1e-6):
        return ("At 0.5 the weighted model calls class 1 where pi > w0 / (w0 + w1): which ratio of the "
                "weights makes that threshold the rare class's share n1 / n?")
    return None
