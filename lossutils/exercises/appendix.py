"""Public checks of the appendix's exercises (a deeper look at the losses).

Each value has one check here, a function returning None (right) or a hint; the public check runs them
in order and the hidden checks (``grading/hidden/appendix.py``) call the same functions, so that a value
called right earns its points, with the same reference, the same cases and the same tolerance.
"""

import numpy as np

from . import close, exercise, first_hint as _first


# apx-ex1 ---------------------------------------------------------------------------------------------

MINIMISER_ATOL = 0.5  # exact (by calculus), or a grid of predictions in steps of 0.1 or finer


def mape_values_hint(mape_values):
    if close(mape_values, [50.0, 50.0, 100.0, 100.0], rtol=1e-9):
        return "Give the MAPE as a fraction, not in per cent."
    if not close(mape_values, [0.5, 0.5, 1.0, 1.0], rtol=1e-9):
        return "MAPE divides the absolute error by the target, not by the prediction."
    return None


def mse_minimiser_hint(mse_minimiser):
    if not close(mse_minimiser, 125.0, atol=MINIMISER_ATOL):
        return ("Write the expected squared error as a function of the prediction, differentiate it "
                "and set the derivative to zero.")
    return None


def mae_minimisers_hint(mae_minimisers):
    if not close(mae_minimisers, [50.0, 200.0], atol=MINIMISER_ATOL):
        return ("The expected absolute error is piecewise linear in the prediction: find every "
                "prediction where it is smallest, and give the smallest and the largest of them.")
    return None


def mape_minimiser_hint(mape_minimiser):
    if not close(mape_minimiser, 50.0, atol=MINIMISER_ATOL):
        return ("Write the expected MAPE as a function of the prediction: it is piecewise linear, "
                "so compare its slopes between and outside the two targets.")
    return None


@exercise(
    "apx-ex1",
    mape_values="the MAPE of the predictions 50, 150, 200 and 0 for the target 100, as fractions "
                "(as lossutils.mean_absolute_percentage_error returns them), in this order (four floats)",
    mape_minimiser="the prediction that minimises the expected MAPE for the targets 50 and 200, exactly "
                   "or on a grid of step 0.1 or finer (a float)",
    mae_minimisers="the smallest and the largest prediction that minimise the expected MAE (two floats)",
    mse_minimiser="the prediction that minimises the expected MSE (a float)",
)
def _(mape_values, mape_minimiser, mae_minimisers, mse_minimiser):
    return _first(lambda: mape_values_hint(mape_values), lambda: mse_minimiser_hint(mse_minimiser),
                  lambda: mae_minimisers_hint(mae_minimisers),
                  lambda: mape_minimiser_hint(mape_minimiser))


# apx-ex2 ---------------------------------------------------------------------------------------------

SCORES = np.array([-2.0, 0.0, 0.5, 1.0, 3.0])


def logistic_slope_hint(logistic_slope):
    exact = 1 / (1 + np.exp(-SCORES)) - 1
    if close(logistic_slope, exact / 5, rtol=1e-9):
        return "With reduction='none' each entry is one example's own derivative, with no 1/n."
    if not close(logistic_slope, exact, rtol=1e-9):
        return "The logistic loss's derivative with respect to its logit is sigma(f) - y."
    return None


def hinge_slope_hint(hinge_slope):
    if not close(hinge_slope, [-1.0, -1.0, -1.0, 0.0, 0.0], atol=1e-12):
        return ("The hinge loss is max(0, 1 - y f): what is its slope below margin 1, and which "
                "subgradient does lossutils take at the kink?")
    return None


def _scores(values):
    try:
        return sorted(float(f) for f in np.ravel(np.asarray(values, dtype=float)))
    except (TypeError, ValueError):
        return None


def hinge_zero_at_hint(hinge_zero_at):
    if _scores(hinge_zero_at) != [1.0, 3.0]:
        return "Read the zeros off the hinge derivatives you computed."
    return None


def logistic_zero_at_hint(logistic_zero_at):
    if _scores(logistic_zero_at) != []:
        return "Is sigma(f) ever exactly 1 at a finite score?"
    return None


@exercise(
    "apx-ex2",
    hinge_slope="the hinge loss's derivative with respect to f at f = -2, 0, 0.5, 1, 3 for y = 1, "
                "one per example, as lossutils.hinge.grad gives it (an array of 5)",
    logistic_slope="the logistic loss's derivatives at the same scores (an array of 5)",
    hinge_zero_at="the scores among the five at which the hinge derivative is zero (a list or array)",
    logistic_zero_at="the scores among the five at which the logistic derivative is zero (a list or "
                     "array, empty if there are none)",
)
def _(hinge_slope, logistic_slope, hinge_zero_at, logistic_zero_at):
    return _first(lambda: logistic_slope_hint(logistic_slope), lambda: hinge_slope_hint(hinge_slope),
                  lambda: hinge_zero_at_hint(hinge_zero_at),
                  lambda: logistic_zero_at_hint(logistic_zero_at))


# apx-ex3 ---------------------------------------------------------------------------------------------

Y_PIXEL = 0.3
BEST_P_ATOL = 0.005  # any grid in (0, 1) of step 0.01 or finer has a point this close to 0.3
LOSS_ATOL = 1e-4  # accepts the four decimals the solution prints


def _bce(p):
    return -Y_PIXEL * np.log(p) - (1 - Y_PIXEL) * np.log1p(-p)


def best_p_hint(best_p):
    if not close(best_p, Y_PIXEL, atol=BEST_P_ATOL):
        return ("Evaluate the loss with the target y = 0.3 at every point of a grid in (0, 1) of step "
                "0.01 or finer, and take the point where it is smallest.")
    return None


def min_loss_hint(min_loss, best_p):
    """The loss at the student's own minimiser (within 0.005 of 0.3, or H(0.3) itself)."""
    if close(min_loss, _bce(Y_PIXEL) / np.log(2), rtol=1e-3):
        return "The course's losses are in nats: natural logarithms."
    try:
        at_own = float(np.clip(best_p, 0.3 - BEST_P_ATOL, 0.3 + BEST_P_ATOL))
    except (TypeError, ValueError):
        at_own = Y_PIXEL
    if not (close(min_loss, _bce(at_own), atol=LOSS_ATOL) or close(min_loss, _bce(Y_PIXEL), atol=LOSS_ATOL)):
        return "Give the loss at the minimising prediction: both terms of the binary cross-entropy count."
    return None


@exercise(
    "apx-ex3",
    best_p="the prediction on your grid in (0, 1), of step 0.01 or finer, that minimises the binary "
           "cross-entropy for y = 0.3 (a float)",
    min_loss="the minimum of the loss on your grid, in nats, the value your code computed (a float)",
)
def _(best_p, min_loss):
    return _first(lambda: best_p_hint(best_p), lambda: min_loss_hint(min_loss, best_p))
