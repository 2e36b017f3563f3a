"""Hidden checks of chapter 5's section on losses in current use: 4 + 4 points."""

import numpy as np

import lossutils
from lossutils.exercises import close, hidden


def _away_from_kinks(rng, n, k):
    while True:
        f = rng.normal(scale=2.0, size=(n, k))
        labels = rng.integers(0, k, size=n)
        wrong = np.where(np.eye(k, dtype=bool)[labels], -np.inf, f)
        top_two = np.sort(wrong, axis=1)[:, -2:]
        margin = f[np.arange(n), labels] - top_two[:, 1]
        if np.abs(margin - 1).min() > 0.02 and (top_two[:, 1] - top_two[:, 0]).min() > 0.02:
            return labels, f


@hidden("ch5-ex-multiclass-hinge-gradient", points=1)
def _(grad, **_):
    labels, f = _away_from_kinks(np.random.default_rng(5), 6, 4)
    return close(grad(labels, f), lossutils.multiclass_hinge.grad(labels, f), atol=1e-14)


@hidden("ch5-ex-multiclass-hinge-gradient", points=1)
def _(grad, **_):
    labels, f = _away_from_kinks(np.random.default_rng(6), 40, 5)
    return close(grad(labels, f), lossutils.multiclass_hinge.grad(labels, f), atol=1e-14)


@hidden("ch5-ex-multiclass-hinge-gradient", points=1)
def _(nonzero_hinge, **_):
    return nonzero_hinge == 2


@hidden("ch5-ex-multiclass-hinge-gradient", points=1)
def _(nonzero_ce, **_):
    return nonzero_ce == 4


@hidden("ch5-ex-smoothing-floor", points=1)
def _(floor, **_):
    target = np.array([0.9 + 0.1 / 3, 0.1 / 3, 0.1 / 3])
    return close(floor, -np.sum(target * np.log(target)), atol=1e-4)


@hidden("ch5-ex-smoothing-floor", points=1)
def _(nll_limit, **_):
    return close(nll_limit, -np.log(0.9 + 0.1 / 3), atol=1e-4)


@hidden("ch5-ex-smoothing-floor", points=1)
def _(alpha_effective, **_):
    return close(alpha_effective, 0.19, atol=1e-6)


@hidden("ch5-ex-smoothing-floor", points=1)
def _(gap, **_):
    return close(gap, np.log(1 + 3 * 0.81 / 0.19), atol=0.006)
