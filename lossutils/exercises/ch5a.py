"""Public checks of chapter 5's section on the nine experiments, as strict as the hidden ones.

Each value has one check here, ``check_<name>``, returning None when it is right or else a hint; the
hidden checks (grading/hidden/ch5a.py) give the points of the values whose check returns None.
"""

import numpy as np

from . import close, exercise, is_bool

# The final validation MSEs of the MSE experiment at the rate 0.1, tuning seeds 0, 1, 2 (3 digits).
MSE_AT_01 = np.array([9.11e-06, 1.64e-05, 7.39e-03])
MSE_RTOL = 0.02
P_LARGEST_ATOL = 5e-3  # an argmax on a grid of step 0.01 or finer is within 0.005 of 1/3
GRAD_RTOL, GRAD_ATOL = 1e-8, 1e-12
# The entropy of a label-smoothed row (K = 3, alpha = 0.1), also chapter 5c's floor: 0.291 (three
# digits, as the pages print it) is right, log base 2 or an unsmoothed row is not.
ENTROPY_ATOL = 2e-4
_P = np.linspace(0.001, 0.999, 101)


def smoothed_entropy(k=3, alpha=0.1):
    """H((1 - alpha) t + alpha / K) in nats for a one-hot row t."""
    row = np.full(k, alpha / k)
    row[0] += 1 - alpha
    return float(-np.sum(row * np.log(row)))


def _diverged(mses):
    mses = np.asarray(mses, dtype=float)
    return mses.shape == (3,) and bool(np.all(np.isposinf(mses)))


def check_mse_01(mse_01):
    if not close(mse_01, MSE_AT_01, rtol=MSE_RTOL):
        return ("Train the MSE experiment with split='validation' (fit on the first 400 training examples, "
                "score the last 100) and the tuning seeds 0, 1, 2, and give each run's last-epoch MSE.")
    return None


def check_diverged(mse_02, mse_03):
    if not (_diverged(mse_02) and _diverged(mse_03)):
        return ("Did every run at 0.2 and 0.3 finish? A run whose predictions overflow stops with a "
                "ValueError and counts as np.inf.")
    return None


def check_safe(safe):
    if not is_bool(safe, False):
        return "Compare the three seeds at 0.1 with each other, and 0.1 with the rates that diverge."
    return None


@exercise(
    "ch5-ex-grid-edge",
    mse_01="the final (last-epoch) validation MSEs at the rate 0.1, one per tuning seed 0, 1, 2: the "
           "array of 3 your code computed",
    mse_02="the same at the rate 0.2 (an array of 3; np.inf for a run that diverged)",
    mse_03="the same at the rate 0.3 (an array of 3; np.inf for a run that diverged)",
    safe="whether 0.1 is a safe choice of learning rate (True or False)",
)
def _(mse_01, mse_02, mse_03, safe):
    for hint in (check_mse_01(mse_01), check_diverged(mse_02, mse_03), check_safe(safe)):
        if hint is not None:
            return hint
    return None


def check_grad(grad):
    for t in (0.0, 1.0):
        got, want = np.asarray(grad(_P, t), dtype=float), 16 * _P * (1 - _P) * (_P - t)
        if not close(got, want, rtol=GRAD_RTOL, atol=GRAD_ATOL):
            ratio = got / want
            if got.shape == want.shape and np.all(np.isfinite(ratio)) and np.ptp(ratio) < 1e-6:
                if ratio[0] < 0:
                    return ("Your gradient has the wrong sign: for t = 1 the loss falls as z, and so p, "
                            "grows.")
                return ("Your gradient is a constant multiple of the right one: count the factors the "
                        "chain rule brings from tanh z = 2 sigma(2z) - 1.")
            return "Write the loss as a function of p first, then multiply by dp/dz = 2 p (1 - p)."
    return None


def check_p_largest(p_largest):
    if not close(p_largest, 1 / 3, atol=P_LARGEST_ATOL):
        return "Set the derivative of the magnitude, a polynomial in p, to zero inside (0, 1)."
    return None


def check_ce_grad(ce_grad):
    for t in (0.0, 1.0):
        got, want = np.asarray(ce_grad(_P, t), dtype=float), 2 * (_P - t)
        if not close(got, want, rtol=GRAD_RTOL, atol=GRAD_ATOL):
            if close(got, -want, rtol=GRAD_RTOL, atol=GRAD_ATOL) or close(got, -want / 2, rtol=GRAD_RTOL,
                                                                            atol=GRAD_ATOL):
                return ("Check the sign: for t = 1 the cross-entropy falls as z grows, so its derivative "
                        "is negative there.")
            if close(got, want / 2, rtol=GRAD_RTOL, atol=GRAD_ATOL):
                return "The output here is sigma(2z), not sigma(z): the chain rule adds a factor."
            return "Differentiate the cross-entropy of p = sigma(2z) with respect to z by the chain rule."
    return None


@exercise(
    "ch5-ex-squared-hinge",
    grad="the derivative of the squared hinge with a tanh output with respect to z, as a function "
         "grad(p, t) of p = sigma(2z) and the target t in {0, 1} (elementwise on arrays)",
    p_largest="for t = 1, the p in (0, 1) at which the gradient's magnitude is largest (a number: exact, "
              "or the argmax on a grid of step 0.01 or finer)",
    ce_grad="cross-entropy's derivative with respect to z on the same output p = sigma(2z), as a "
            "function ce_grad(p, t)",
)
def _(grad, p_largest, ce_grad):
    for hint in (check_grad(grad), check_p_largest(p_largest), check_ce_grad(ce_grad)):
        if hint is not None:
            return hint
    return None


def check_difference(difference):
    if not close(difference, smoothed_entropy(), atol=ENTROPY_ATOL):
        return ("The difference does not depend on the predictions: compute it from one smoothed row "
                "alone, with natural logarithms.")
    return None


def check_same_gradient(same_gradient):
    if not is_bool(same_gradient, True):
        return "Differentiate the difference you found with respect to the predictions."
    return None


@exercise(
    "ch5-ex-soft-targets",
    difference="the categorical cross-entropy minus the KL divergence for label-smoothed rows with "
               "K = 3 and alpha = 0.1 (a number, in nats, the same for every row; the value your code "
               "computed, or rounded to 3 decimals)",
    same_gradient="whether the two losses have identical gradients with respect to the predictions "
                  "(True or False)",
)
def _(difference, same_gradient):
    for hint in (check_difference(difference), check_same_gradient(same_gradient)):
        if hint is not None:
            return hint
    return None
