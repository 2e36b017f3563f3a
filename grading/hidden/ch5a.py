"""Hidden checks of chapter 5's section on the nine experiments: 3 + 4 + 3 points."""

import numpy as np

from lossutils.exercises import close, hidden

_MSE_AT_01 = np.array([9.11e-06, 1.64e-05, 7.39e-03])
_P = np.linspace(0.001, 0.999, 101)


def _is(value, truth):
    """Whether value is the boolean truth (a NumPy boolean counts)."""
    return isinstance(value, (bool, np.bool_)) and bool(value) is truth


def _diverged(mses):
    mses = np.asarray(mses, dtype=float)
    return mses.shape == (3,) and bool(np.all(np.isposinf(mses)))


@hidden("ch5-ex-grid-edge", points=1)
def _(mse_01, **_):
    return close(mse_01, _MSE_AT_01, rtol=0.02)


@hidden("ch5-ex-grid-edge", points=1)
def _(mse_02, mse_03, **_):
    return _diverged(mse_02) and _diverged(mse_03)


@hidden("ch5-ex-grid-edge", points=1)
def _(safe, **_):
    return _is(safe, False)


@hidden("ch5-ex-squared-hinge", points=2)
def _(grad, **_):
    return all(close(grad(_P, t), 16 * _P * (1 - _P) * (_P - t), rtol=1e-9, atol=1e-14)
               for t in (0.0, 1.0))


@hidden("ch5-ex-squared-hinge", points=1)
def _(p_largest, **_):
    return close(p_largest, 1 / 3, atol=1e-3)


@hidden("ch5-ex-squared-hinge", points=1)
def _(ce_grad, **_):
    return all(close(ce_grad(_P, t), 2 * (_P - t), rtol=1e-9, atol=1e-14) for t in (0.0, 1.0))


@hidden("ch5-ex-soft-targets", points=2)
def _(difference, **_):
    smoothed = np.array([0.9 + 0.1 / 3, 0.1 / 3, 0.1 / 3])
    return close(difference, -np.sum(smoothed * np.log(smoothed)), atol=2e-4)


@hidden("ch5-ex-soft-targets", points=1)
def _(same_gradient, **_):
    return _is(same_gradient, True)
