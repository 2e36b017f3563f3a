"""Public checks of chapter 4's section on building a loss (04a).

Each value of an answer has one predicate here; the public check says "right" exactly when all of them
hold, and the hidden checks (grading/hidden/ch4a.py) give points with the same predicates, so a student
told "right" earns every point. The references, test cases and tolerances live only here.
"""

import functools

import numpy as np

from . import UNROUNDED, close, exercise, fraction, whole

# ch4a-ex-laplace: three skewed samples, at locations between and beyond their points.
_RNG = np.random.default_rng(2024)
LAPLACE_SAMPLES = [np.sort(_RNG.exponential(size=n)) for n in (7, 10, 31)]


def _midpoints(sample):
    # Locations between the data points and beyond them, where MAE(mu) is differentiable.
    inner = (sample[1:] + sample[:-1]) / 2
    return np.concatenate([[sample[0] - 0.5], inner, [sample[-1] + 0.5]])


def laplace_best_log_scale(best_log_scale):
    return fraction([lambda: all(close(best_log_scale(y, mu), np.log(np.mean(np.abs(y - mu))), rtol=1e-9)
                                 for y in LAPLACE_SAMPLES for mu in _midpoints(y)[::3])]) == 1


def laplace_profile_loss(profile_loss):
    return fraction([lambda: all(close(profile_loss(y, mu), 1 + np.log(2 * np.mean(np.abs(y - mu))),
                                       rtol=1e-9)
                                 for y in LAPLACE_SAMPLES for mu in _midpoints(y)[::3])]) == 1


def laplace_mae_slope(mae_slope):
    return fraction([lambda: all(close(mae_slope(y, mu), (np.sum(y < mu) - np.sum(y > mu)) / y.size,
                                       atol=1e-9)
                                 for y in LAPLACE_SAMPLES for mu in _midpoints(y))]) == 1


@exercise(
    "ch4a-ex-laplace",
    best_log_scale="the best log-scale s for a fixed mu, as a Python function best_log_scale(y, mu) of a "
                   "sample y (a NumPy array) and a location mu (a float), returning a float",
    profile_loss="the Laplace NLL at that best s, as a Python function profile_loss(y, mu) returning a float",
    mae_slope="the slope of MAE(mu) at a mu that is not a data point, as a Python function mae_slope(y, mu) "
              "returning a float",
)
def _(best_log_scale, profile_loss, mae_slope):
    if not laplace_best_log_scale(best_log_scale):
        return ("Set the derivative of L in s to zero for a fixed mu; the answer is a log-scale, not a "
                "scale.")
    if not laplace_profile_loss(profile_loss):
        return "Substitute the best s into L(mu, s); keep the log 2 of the Laplace density's normaliser."
    if not laplace_mae_slope(mae_slope):
        return ("Differentiate |y_i - mu| in mu, not in y_i: on which side of mu is its derivative +1? "
                "Divide the sum by n.")
    return None


# ch4a-ex-deviance: counts with zeros, and log-rates.
DEVIANCE_COUNTS = np.array([0.0, 1.0, 4.0, 0.0, 9.0, 2.0, 17.0])
DEVIANCE_Z = np.array([-1.0, 0.3, 1.2, 0.5, 2.5, -0.4, 2.0])


def _expected_deviance(y, rate):
    safe = np.where(y > 0, y, 1.0)
    return np.mean(2 * (np.where(y > 0, y * np.log(safe / rate), 0.0) - (y - rate)))


def deviance_positive(mean_deviance):
    """Right on the positive counts."""
    y, rate = DEVIANCE_COUNTS[DEVIANCE_COUNTS > 0], np.exp(DEVIANCE_Z[DEVIANCE_COUNTS > 0])
    return fraction([lambda: close(mean_deviance(y, rate), _expected_deviance(y, rate), rtol=1e-9)]) == 1


def deviance_zeros(mean_deviance):
    """Right on counts that include zeros."""
    rate = np.exp(DEVIANCE_Z)
    return fraction([lambda: close(mean_deviance(DEVIANCE_COUNTS, rate),
                                   _expected_deviance(DEVIANCE_COUNTS, rate), rtol=1e-9)]) == 1


def deviance_gradient(deviance_grad):
    return fraction([lambda: close(deviance_grad(DEVIANCE_COUNTS, DEVIANCE_Z),
                                   2 * (np.exp(DEVIANCE_Z) - DEVIANCE_COUNTS) / DEVIANCE_COUNTS.size,
                                   rtol=1e-9)]) == 1


@exercise(
    "ch4a-ex-deviance",
    mean_deviance="the mean Poisson deviance, as a Python function mean_deviance(y, rate) of counts y "
                  "(zeros included) and positive rates (NumPy arrays), returning a float",
    deviance_grad="the gradient of the mean deviance with respect to each z_i = log(rate_i), as a Python "
                  "function deviance_grad(y, z) returning an array shaped like z",
)
def _(mean_deviance, deviance_grad):
    if not deviance_positive(mean_deviance):
        return "Twice the NLL's excess over the saturated model's, averaged over the counts."
    if not deviance_zeros(mean_deviance):
        return "A count of 0 gives 0 log 0: take it as 0 (scipy.special.xlogy does)."
    if not deviance_gradient(deviance_grad):
        return ("Differentiate the mean deviance through rate = e^z; compare it with the Poisson NLL's "
                "gradient, and keep the 1/n of the mean.")
    return None


# ch4a-ex-waiting: the exponential NLL with a log link, and the predicted lasting gaps.
WAIT_PREDICTED_RTOL = 5e-3  # a grid of 1000 points, or 10^5 or more Monte Carlo draws, passes


@functools.lru_cache(maxsize=None)
def wait_least_squares_excess():
    """tr(M_0 M_2^-1 M_4 M_2^-1) / 400, M_k = E[mu^k f f^T] over x uniform on [-1.5, 1.5] (a fine grid)."""
    x = np.linspace(-1.5, 1.5, 100_001)
    features = np.column_stack([np.ones_like(x), x, np.sin(2 * x)])
    mean = np.exp(0.3 + 0.8 * x + 0.4 * np.sin(2 * x))

    def moment(power):
        return (features * mean[:, None] ** power).T @ features / x.size

    m2_inverse = np.linalg.inv(moment(2))
    return float(np.trace(moment(0) @ m2_inverse @ moment(4) @ m2_inverse) / 400)


def wait_nll_grad(nll_grad):
    y, z = np.array([0.01, 0.7, 1.0, 3.0, 12.0]), np.array([-2.0, 0.0, 0.4, 1.1, 2.0])
    return fraction([lambda: close(nll_grad(y, z), 1 - y * np.exp(-z), rtol=1e-9)]) == 1


def wait_canonical_is_log(value):
    return isinstance(value, (bool, np.bool_)) and not value


def wait_predicted_ml(value):
    return close(value, 3 / 400, rtol=WAIT_PREDICTED_RTOL)


def wait_predicted_ls(value):
    return close(value, wait_least_squares_excess(), rtol=WAIT_PREDICTED_RTOL)


@exercise(
    "ch4a-ex-waiting",
    nll_grad="the gradient of the per-example exponential NLL with respect to z (mu = e^z), as a Python "
             "function nll_grad(y, z) working on NumPy arrays",
    canonical_is_log="whether the log is the exponential distribution's canonical link (a bool: True or "
                     "False)",
    predicted_ml="the predicted gamma deviance of the maximum likelihood fit above the floor, for the "
                 "log-mean in (1, x, sin 2x) fitted to 400 examples (a float)",
    predicted_ls="the same prediction for least squares on the same log-mean, from the sandwich, with the "
                 "moments taken as expectations over x uniform on [-1.5, 1.5] (exactly, on a grid, or "
                 "with at least 10^6 Monte Carlo draws), not over one draw's inputs (a float, the value "
                 "your code computed)",
)
def _(nll_grad, canonical_is_log, predicted_ml, predicted_ls):
    if not wait_nll_grad(nll_grad):
        return "Write -log p(y | mu) with mu = e^z as a function of z first, then differentiate in z."
    if not wait_canonical_is_log(canonical_is_log):
        return ("Write the density as h(y) exp(eta T(y) - A(eta)): which function of mu is the natural "
                "parameter eta? (Answer with a bool.)")
    if not wait_predicted_ml(predicted_ml):
        return ("Maximum likelihood in the right model class: what did the count section predict for its "
                "excess deviance, and how many parameters are fitted here?")
    if not wait_predicted_ls(predicted_ls):
        if close(predicted_ls, wait_least_squares_excess(), rtol=0.1):
            return ("Nearly: take the moments as expectations over x uniform on [-1.5, 1.5], exactly or on "
                    "a fine grid, not over one draw's inputs, and give the value unrounded.")
        return ("Adapt the count section's sandwich: Var y = mu^2 here, so which powers of mu weight J "
                "and K?")
    return None


# ch4a-ex-diverge: seed 0's count data, batches of 32, shuffle=False; deterministic.
DIVERGE_FAILING_STEP = 5
DIVERGE_POISSON_LARGEST = 31.51121
DIVERGE_RTOL = 5e-3  # admits the page's rounding to 31.5
_Y_RATE = (np.array([0.0, 1.0, 6.0, 30.0]), np.array([0.2, 1.0, 2.5, 40.0]))


def diverge_failing_step(value):
    return whole(value, DIVERGE_FAILING_STEP)


def diverge_poisson_largest(value):
    return close(value, DIVERGE_POISSON_LARGEST, rtol=DIVERGE_RTOL)


def diverge_grad_squared(grad_z_squared):
    y, rate = _Y_RATE
    return fraction([lambda: close(grad_z_squared(y, rate), 2 * (rate - y) * rate, rtol=1e-9)]) == 1


def diverge_grad_poisson(grad_z_poisson):
    y, rate = _Y_RATE
    return fraction([lambda: close(grad_z_poisson(y, rate), rate - y, rtol=1e-9)]) == 1


@exercise(
    "ch4a-ex-diverge",
    failing_step="the batch step, counted from 1, at which fit raises the ValueError with the squared error "
                 "(an int: the number of the step whose fit call raises)",
    poisson_largest_gradient="with the Poisson NLL: the largest per-example |gradient at z| over all 400 "
                             "fitting examples (the first 400 rows of seed 0's draw, predicted after each "
                             "step), the largest over the epoch's 13 steps (a float, the value your code "
                             "computed)",
    grad_z_squared="the squared error's per-example gradient at z, as a Python function "
                   "grad_z_squared(y, rate) of the counts and the rates e^z",
    grad_z_poisson="the Poisson NLL's per-example gradient at z, as a Python function "
                   "grad_z_poisson(y, rate)",
)
def _(failing_step, poisson_largest_gradient, grad_z_squared, grad_z_poisson):
    if not diverge_grad_poisson(grad_z_poisson):
        return "The Poisson NLL with the exponential output is the canonical pairing: what is its gradient?"
    if not diverge_grad_squared(grad_z_squared):
        return ("Differentiate (rate - y)^2 in z through rate = e^z: the output's derivative stays in the "
                "gradient.")
    if not diverge_failing_step(failing_step):
        if whole(failing_step, DIVERGE_FAILING_STEP - 1):
            return ("Count the step that raises as well: number the fit calls from 1 and give the number "
                    "of the call that raises, not how many completed.")
        return ("Train the squared error one batch of 32 at a time with shuffle=False, in order, and count "
                "the steps from 1 up to the one that raises.")
    if not diverge_poisson_largest(poisson_largest_gradient):
        if close(poisson_largest_gradient, DIVERGE_POISSON_LARGEST, rtol=0.005 * 10):
            return ("Nearly: take |rate - y| over all 400 fitting examples after each step (not only the "
                    "batch just used), and give the value your code computed, unrounded.")
        return ("Take |rate - y| per example over all 400 fitting examples after each step, not the mean "
                "loss's gradient (which divides by n), and keep the largest over the steps.")
    return None
