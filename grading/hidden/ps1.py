"""Hidden checks of problem set 1 (15 automatic points; 15 more by rubric)."""

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
    return close(var_simulated, _stationary_variance(seed), rtol=0.12)


@hidden("ps1-p1", points=1)
def _(eta_max, **_):
    return close(eta_max, 1.0, rtol=1e-9)


@hidden("ps1-p2", points=2)
def _(mse_buggy, **_):
    return close(mse_buggy, 0.9327, atol=5e-4)


@hidden("ps1-p2", points=2)
def _(mse_fixed, **_):
    return 0 < mse_fixed < 1e-6


@hidden("ps1-p2", points=1)
def _(mse_least_squares, **_):
    return close(mse_least_squares, 4.279e-7, rtol=1e-3)


@hidden("ps1-p3", points=1)
def _(mse_mean_baseline, **_):
    return close(mse_mean_baseline, 1.1269, atol=5e-4)


@hidden("ps1-p3", points=1)
def _(mse_linear_regression, **_):
    return close(mse_linear_regression, 4.71e-7, rtol=1e-2)


@hidden("ps1-p3", points=2)
def _(learning_rate, test_mse, **_):
    # Any rate that trains well is accepted: the result must be near the floor, not a particular rate.
    return (0 < learning_rate < 1) + (0 < test_mse < 2e-6)
