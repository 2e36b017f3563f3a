"""Public checks of chapter 4's section on building a loss (04a)."""

import numpy as np

from . import close, exercise

_SAMPLE = np.array([0.2, 0.5, 0.9, 1.4, 2.6, 4.0])


@exercise(
    "ch4a-ex-laplace",
    best_log_scale="the best log-scale s for a fixed mu, as a Python function best_log_scale(y, mu) of a "
                   "sample y (a NumPy array) and a location mu (a float)",
    profile_loss="the Laplace NLL at that best s, as a Python function profile_loss(y, mu)",
    mae_slope="the slope of MAE(mu) at a mu that is not a data point, as a Python function mae_slope(y, mu)",
)
def _(best_log_scale, profile_loss, mae_slope):
    mae = np.mean(np.abs(_SAMPLE - 1.0))
    if not close(best_log_scale(_SAMPLE, 1.0), np.log(mae), rtol=1e-6):
        return ("Set the derivative of L in s to zero for a fixed mu; the answer is a log-scale, not a "
                "scale.")
    if not close(profile_loss(_SAMPLE, 1.0), 1 + np.log(2 * mae), rtol=1e-6):
        return "Substitute the best s into L(mu, s); keep the log 2 of the Laplace density's normaliser."
    if not close(mae_slope(_SAMPLE, 1.0), (3 - 3) / 6, atol=1e-9) or not close(
            mae_slope(_SAMPLE, 3.0), (5 - 1) / 6, rtol=1e-6):
        return ("Differentiate |y_i - mu| in mu, not in y_i: on which side of mu is its derivative +1? "
                "Divide the sum by n.")
    return None


@exercise(
    "ch4a-ex-deviance",
    mean_deviance="the mean Poisson deviance, as a Python function mean_deviance(y, rate) of counts y "
                  "(zeros included) and positive rates (NumPy arrays), returning a float",
    deviance_grad="the gradient of the mean deviance with respect to each z_i = log(rate_i), as a Python "
                  "function deviance_grad(y, z) returning an array shaped like z",
)
def _(mean_deviance, deviance_grad):
    y, rate = np.array([0.0, 2.0, 5.0]), np.array([0.5, 2.0, 3.0])
    expected = np.mean(2 * (np.array([0.0, 0.0, 5 * np.log(5 / 3)]) - (y - rate)))
    value = mean_deviance(y, rate)
    if not np.isfinite(value):
        return "A count of 0 gives 0 log 0: take it as 0 (scipy.special.xlogy does)."
    if not close(value, expected, rtol=1e-6):
        return "Twice the NLL's excess over the saturated model's, averaged over the counts."
    z = np.log(rate)
    if not close(deviance_grad(y, z), 2 * (rate - y) / y.size, rtol=1e-6):
        return ("Differentiate the mean deviance through rate = e^z; compare it with the Poisson NLL's "
                "gradient, and keep the 1/n of the mean.")
    return None


@exercise(
    "ch4a-ex-waiting",
    nll_grad="the gradient of the per-example exponential NLL with respect to z (mu = e^z), as a Python "
             "function nll_grad(y, z) working on NumPy arrays",
    canonical_is_log="whether the log is the exponential distribution's canonical link (True or False)",
    predicted_ml="the predicted gamma deviance of the maximum likelihood fit above the floor, for the "
                 "log-mean in (1, x, sin 2x) fitted to 400 examples (a float)",
    predicted_ls="the same prediction for least squares on the same log-mean, from the sandwich (a float)",
)
def _(nll_grad, canonical_is_log, predicted_ml, predicted_ls):
    y, z = np.array([0.5, 2.0, 4.0]), np.array([0.0, 1.0, -0.5])
    if not close(nll_grad(y, z), 1 - y * np.exp(-z), rtol=1e-6):
        return "Write -log p(y | mu) with mu = e^z as a function of z first, then differentiate in z."
    if canonical_is_log is not False:
        return ("Write the density as h(y) exp(eta T(y) - A(eta)): which function of mu is the natural "
                "parameter eta?")
    if not close(predicted_ml, 3 / 400, rtol=1e-6):
        return "Maximum likelihood in the right model class: d parameters fitted to n examples."
    if not (1.5 * predicted_ml < predicted_ls < 5 * predicted_ml):
        return ("Least squares' excess is tr(M_0 M_2^-1 M_4 M_2^-1) / n, with the moments taken over the "
                "uniform inputs on [-1.5, 1.5].")
    return None


@exercise(
    "ch4a-ex-diverge",
    failing_step="the batch step, counted from 1, at which fit raises the ValueError with the squared error "
                 "(an int)",
    poisson_largest_gradient="with the Poisson NLL: the largest per-example |gradient at z| over the 400 "
                             "fitting examples, after any of the epoch's 13 steps (a float)",
    grad_z_squared="the squared error's per-example gradient at z, as a Python function "
                   "grad_z_squared(y, rate) of the counts and the rates e^z",
    grad_z_poisson="the Poisson NLL's per-example gradient at z, as a Python function "
                   "grad_z_poisson(y, rate)",
)
def _(failing_step, poisson_largest_gradient, grad_z_squared, grad_z_poisson):
    y, rate = np.array([0.0, 3.0, 12.0]), np.array([1.5, 3.0, 4.0])
    if not close(grad_z_poisson(y, rate), rate - y, rtol=1e-6):
        return "The Poisson NLL with the exponential output is the canonical pairing: what is its gradient?"
    if not close(grad_z_squared(y, rate), 2 * (rate - y) * rate, rtol=1e-6):
        return ("Differentiate (rate - y)^2 in z through rate = e^z: the output's derivative stays in the "
                "gradient.")
    if int(failing_step) != failing_step or not 2 <= failing_step <= 12:
        return ("Train the squared error one batch of 32 at a time with shuffle=False, in order, and count "
                "the steps from 1 up to the one that raises.")
    if not 10 < float(poisson_largest_gradient) < 60:
        return ("Take |rate - y| per example over all 400 fitting examples after each step, not the mean "
                "loss's gradient (which divides by n).")
    return None
