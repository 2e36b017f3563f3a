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
    return bool(0 < mse_fixed < 1e-6)


@hidden("ps1-p2", points=1)
def _(mse_least_squares, **_):
    # With an intercept 4.27907e-7; without it 4.28530e-7, 1.5e-3 higher, which fails.
    return close(mse_least_squares, 4.27907e-7, rtol=2e-4)


@hidden("ps1-p3", points=1)
def _(mse_mean_baseline, **_):
    return close(mse_mean_baseline, 1.1269, atol=5e-4)


@hidden("ps1-p3", points=1)
def _(mse_linear_regression, **_):
    return close(mse_linear_regression, 4.7084e-7, rtol=1e-2)


@hidden("ps1-p3", points=1)
def _(test_mse, **_):
    # The learning rate is graded by the rubric (how it was chosen), not here.
    return bool(0 < test_mse < 2e-6)
