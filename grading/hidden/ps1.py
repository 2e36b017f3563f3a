"""Hidden checks of problem set 1 (14 automatic points; 16 more by rubric)."""

import numpy as np

from lossutils.exercises import close, hidden


def _stationary_variance(seed, eta=0.1):
    y = np.random.default_rng(seed).gamma(2.0, 1.5, size=50)
    return eta * np.mean((y - y.mean()) ** 2) / (1 - eta)


@hidden("ps1-p1", points=3)
def _(seed, var_predicted, **_):
    return close(var_predicted, _stationary_variance(seed), rtol=1e-6)


@hidden("ps1-p1", points=2)
def _(seed, var_simulated, **_):
    # Within sampling error of the prediction, but not the prediction itself: it must come from a simulation.
    gap = abs(float(var_simulated) / _stationary_variance(seed) - 1)
    return bool(1e-6 <= gap < 0.12)


@hidden("ps1-p1", points=1)
def _(eta_max, **_):
    return close(eta_max, 1.0, rtol=1e-9)


@hidden("ps1-p2", points=2)
def _(mse_buggy, **_):
    return close(mse_buggy, 0.9327, atol=5e-4)


@hidden("ps1-p2", points=2)
def _(mse_fixed, **_):
    # Correct fixes end 0.4% to 1.4% above least squares (seeds 0-4, two ways to shuffle both arrays);
    # least squares' own value, or anything below it, is not a run of the fixed code.
    return bool(4.279070714e-7 * (1 + 1e-4) <= mse_fixed < 1e-6)


@hidden("ps1-p2", points=1)
def _(mse_least_squares, **_):
    # With an intercept 4.27907e-7; without it 4.28530e-7, 1.5e-3 higher, which fails.
    return close(mse_least_squares, 4.27907e-7, rtol=2e-4)


@hidden("ps1-p3", points=1)
def _(mse_mean_baseline, **_):
    # The mean of the 500 training targets; that of the 400 fitting examples gives 1.1303, which fails.
    return close(mse_mean_baseline, 1.1269, atol=5e-4)


@hidden("ps1-p3", points=1)
def _(mse_linear_regression, **_):
    return close(mse_linear_regression, 4.7084e-7, rtol=1e-2)


@hidden("ps1-p3", points=1)
def _(test_mse, **_):
    # A check that the model learned (the trivial baseline scores 1.13), not of how close it comes to the
    # floor: an MAE-trained model with its rate chosen on validation gets 1.3e-4, and the rubric grades that.
    # The learning rate is graded by the rubric (how it was chosen), not here.
    return bool(0 < test_mse < 0.01)
