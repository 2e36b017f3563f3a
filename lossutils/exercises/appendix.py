"""Public checks of the appendix's exercises (a deeper look at the losses)."""

import numpy as np

from . import close, exercise


@exercise(
    "apx-ex1",
    mape_values="the MAPE of the predictions 50, 150, 200 and 0 for the target 100, as fractions "
                "(as lossutils.mean_absolute_percentage_error returns them), in this order (four floats)",
    mape_minimiser="the prediction that minimises the expected MAPE for the targets 50 and 200 (a float)",
    mae_minimisers="the smallest and the largest prediction that minimise the expected MAE (two floats)",
    mse_minimiser="the prediction that minimises the expected MSE (a float)",
)
def _(mape_values, mape_minimiser, mae_minimisers, mse_minimiser):
    if close(mape_values, [50.0, 50.0, 100.0, 100.0], rtol=1e-6):
        return "Give the MAPE as a fraction, not in per cent."
    if not close(mape_values, [0.5, 0.5, 1.0, 1.0], rtol=1e-6):
        return "MAPE divides the absolute error by the target, not by the prediction."
    if not close(mse_minimiser, 125.0, atol=0.5):
        return "The expected squared error is smallest at the mean of the two targets."
    if not close(mae_minimisers, [50.0, 200.0], atol=0.5):
        return ("The expected absolute error is flat between the two targets: give both ends of the "
                "interval where it is smallest.")
    if not close(mape_minimiser, 50.0, atol=0.5):
        return ("Write the expected MAPE as a function of the prediction: it is piecewise linear, "
                "so compare its slopes between and outside the two targets.")
    return None


@exercise(
    "apx-ex2",
    hinge_slope="the hinge loss's derivative with respect to f at f = -2, 0, 0.5, 1, 3 for y = 1, "
                "one per example, as lossutils.hinge.grad gives it (an array of 5)",
    logistic_slope="the logistic loss's derivatives at the same scores (an array of 5)",
    hinge_zero_at="the scores among the five at which the hinge derivative is zero (a list)",
    logistic_zero_at="the scores among the five at which the logistic derivative is zero (a list)",
)
def _(hinge_slope, logistic_slope, hinge_zero_at, logistic_zero_at):
    scores = np.array([-2.0, 0.0, 0.5, 1.0, 3.0])
    if close(logistic_slope, (1 / (1 + np.exp(-scores)) - 1) / 5, rtol=1e-6):
        return "With reduction='none' each entry is one example's own derivative, with no 1/n."
    if not close(logistic_slope, 1 / (1 + np.exp(-scores)) - 1, rtol=1e-6):
        return "The logistic loss's derivative with respect to its logit is sigma(f) - y."
    if not close(hinge_slope, [-1.0, -1.0, -1.0, 0.0, 0.0], atol=1e-12):
        return ("The hinge loss is max(0, 1 - y f): what is its slope below margin 1, and which "
                "subgradient does lossutils take at the kink?")
    if sorted(float(f) for f in hinge_zero_at) != [1.0, 3.0]:
        return "Read the zeros off the hinge derivatives you computed."
    if len(logistic_zero_at) != 0:
        return "Is sigma(f) ever exactly 1 at a finite score?"
    return None


@exercise(
    "apx-ex3",
    best_p="the prediction on your grid that minimises the binary cross-entropy for y = 0.3 (a float)",
    min_loss="the minimum of the loss, in nats (a float)",
)
def _(best_p, min_loss):
    if not close(best_p, 0.3, atol=0.005):
        return "Evaluate the loss with the target y = 0.3 at every point of a fine grid in (0, 1)."
    if close(min_loss, 0.881291, rtol=1e-3):
        return "The course's losses are in nats: natural logarithms."
    if not close(min_loss, 0.610864, atol=1e-4):
        return "Give the loss at the minimising prediction: both terms of the binary cross-entropy count."
    return None
