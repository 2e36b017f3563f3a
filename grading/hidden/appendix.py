"""Hidden checks of the appendix's exercises (apx-ex1 4, apx-ex2 4, apx-ex3 2 points)."""

import numpy as np

from lossutils.exercises import close, hidden


@hidden("apx-ex1", points=1)
def _(mape_values, **_):
    return close(mape_values, [0.5, 0.5, 1.0, 1.0], rtol=1e-9)


@hidden("apx-ex1", points=1)
def _(mape_minimiser, **_):
    return close(mape_minimiser, 50.0, atol=0.1)


@hidden("apx-ex1", points=1)
def _(mae_minimisers, **_):
    return close(mae_minimisers, [50.0, 200.0], atol=0.1)


@hidden("apx-ex1", points=1)
def _(mse_minimiser, **_):
    return close(mse_minimiser, 125.0, atol=0.1)


SCORES = np.array([-2.0, 0.0, 0.5, 1.0, 3.0])


@hidden("apx-ex2", points=1)
def _(hinge_slope, **_):
    return close(hinge_slope, [-1.0, -1.0, -1.0, 0.0, 0.0], atol=1e-12)


@hidden("apx-ex2", points=1)
def _(logistic_slope, **_):
    return close(logistic_slope, 1 / (1 + np.exp(-SCORES)) - 1, rtol=1e-9)


@hidden("apx-ex2", points=1)
def _(hinge_zero_at, **_):
    return sorted(float(f) for f in hinge_zero_at) == [1.0, 3.0]


@hidden("apx-ex2", points=1)
def _(logistic_zero_at, **_):
    return len(logistic_zero_at) == 0


@hidden("apx-ex3", points=1)
def _(best_p, **_):
    return close(best_p, 0.3, atol=0.002)


@hidden("apx-ex3", points=1)
def _(min_loss, **_):
    return close(min_loss, -0.3 * np.log(0.3) - 0.7 * np.log(0.7), atol=2e-5)
