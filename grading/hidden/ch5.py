"""Hidden checks of chapter 5's exercises (choosing a loss): 4 + 3 points."""

import numpy as np
from scipy import stats

from lossutils.exercises import close, hidden

_RNG = np.random.default_rng(5005)
_Y = _RNG.uniform(0.01, 0.99, size=20)
_Z = _RNG.uniform(-3.0, 3.0, size=(20, 2))
_EXTREME = np.array([[s, t] for s in (-25.0, -5.0, 0.0, 5.0, 25.0) for t in (-25.0, -5.0, 0.0, 5.0, 25.0)])


def _true_nll(parameters):
    def nll(y, z):
        a, b = parameters(z)
        return -stats.beta.logpdf(y, a, b)
    return nll


def _central_differences(loss, y, z, step=1e-6):
    gradient = np.zeros_like(z)
    for k in range(z.shape[1]):
        shift = np.zeros_like(z)
        shift[:, k] = step
        gradient[:, k] = (loss(y, z + shift) - loss(y, z - shift)) / (2 * step)
    return gradient


@hidden("ch5-ex-design", points=1)
def _(parameters, **_):
    a, b = (np.asarray(v, dtype=float) for v in parameters(_EXTREME))
    return (a.shape == b.shape == (len(_EXTREME),) and bool(np.all(np.isfinite(a) & np.isfinite(b)))
            and bool(np.all((a > 0) & (b > 0))))


@hidden("ch5-ex-design", points=1)
def _(parameters, nll, **_):
    return close(nll(_Y, _Z), _true_nll(parameters)(_Y, _Z), rtol=1e-8, atol=1e-10)


@hidden("ch5-ex-design", points=2)
def _(parameters, grad, **_):
    # Against the true Beta NLL at the student's own parameters, not the student's loss.
    return close(grad(_Y, _Z), _central_differences(_true_nll(parameters), _Y, _Z), rtol=1e-5, atol=1e-7)


@hidden("ch5-ex-one-unit-softmax", points=1)
def _(prediction, **_):
    return close(prediction, 1.0, atol=1e-12)


@hidden("ch5-ex-one-unit-softmax", points=1)
def _(slope, **_):
    return close(slope, 0.0, atol=1e-9)


@hidden("ch5-ex-one-unit-softmax", points=1)
def _(fixes, **_):
    return sorted(fixes) == ["one sigmoid unit", "two softmax units"]
