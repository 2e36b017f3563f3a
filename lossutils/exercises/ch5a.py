"""Public checks of chapter 5's section on the nine experiments."""

import numpy as np

from . import close, exercise

# The final validation MSEs of the MSE experiment at the rate 0.1, tuning seeds 0, 1, 2.
_MSE_AT_01 = np.array([9.11e-06, 1.64e-05, 7.39e-03])
_P = np.linspace(0.01, 0.99, 50)


def _is(value, truth):
    """Whether value is the boolean truth (a NumPy boolean counts)."""
    return isinstance(value, (bool, np.bool_)) and bool(value) is truth


def _diverged(mses):
    mses = np.asarray(mses, dtype=float)
    return mses.shape == (3,) and bool(np.all(np.isposinf(mses)))


@exercise(
    "ch5-ex-grid-edge",
    mse_01="the final validation MSEs at the rate 0.1, one per tuning seed 0, 1, 2 (an array of 3)",
    mse_02="the same at the rate 0.2 (an array of 3; np.inf for a run that diverged)",
    mse_03="the same at the rate 0.3 (an array of 3; np.inf for a run that diverged)",
    safe="whether 0.1 is a safe choice of learning rate (True or False)",
)
def _(mse_01, mse_02, mse_03, safe):
    if not close(mse_01, _MSE_AT_01, rtol=0.05):
        return ("Train the MSE experiment with split='validation' (fit on the first 400 training examples, "
                "score the last 100) and the tuning seeds, and give each run's last-epoch MSE.")
    if not (_diverged(mse_02) and _diverged(mse_03)):
        return ("Did every run at 0.2 and 0.3 finish? A run whose predictions overflow stops with a "
                "ValueError and counts as np.inf.")
    if not _is(safe, False):
        return "Compare the three seeds at 0.1 with each other, and 0.1 with the rates that diverge."
    return None


@exercise(
    "ch5-ex-squared-hinge",
    grad="the derivative of the squared hinge with a tanh output with respect to z, as a function "
         "grad(p, t) of p = sigma(2z) and the target t in {0, 1} (elementwise on arrays)",
    p_largest="for t = 1, the p in (0, 1) at which the gradient's magnitude is largest (a number)",
    ce_grad="cross-entropy's derivative with respect to z on the same output p = sigma(2z), as a "
            "function ce_grad(p, t)",
)
def _(grad, p_largest, ce_grad):
    for t in (0.0, 1.0):
        got, want = np.asarray(grad(_P, t), dtype=float), 16 * _P * (1 - _P) * (_P - t)
        if not close(got, want, rtol=1e-6, atol=1e-12):
            ratio = got / want
            if np.all(np.isfinite(ratio)) and np.ptp(ratio) < 1e-6:
                return ("Your gradient is a constant multiple of the right one: check its sign and count "
                        "the factors the chain rule brings from tanh z = 2 sigma(2z) - 1.")
            return "Write the loss as a function of p first, then multiply by dp/dz = 2 p (1 - p)."
    if not close(p_largest, 1 / 3, atol=2e-3):
        return "Set the derivative of the magnitude, a polynomial in p, to zero inside (0, 1)."
    for t in (0.0, 1.0):
        if not close(ce_grad(_P, t), 2 * (_P - t), rtol=1e-6, atol=1e-12):
            return "The output here is sigma(2z), not sigma(z): the chain rule adds a factor."
    return None


@exercise(
    "ch5-ex-soft-targets",
    difference="the categorical cross-entropy minus the KL divergence for label-smoothed rows with "
               "K = 3 and alpha = 0.1 (a number, in nats; the same for every row)",
    same_gradient="whether the two losses have identical gradients with respect to the predictions "
                  "(True or False)",
)
def _(difference, same_gradient):
    if not close(difference, 0.291140, atol=5e-4):
        return ("The difference does not depend on the predictions: compute it from one smoothed row "
                "alone, with natural logarithms.")
    if not _is(same_gradient, True):
        return "Differentiate the difference you found with respect to the predictions."
    return None
