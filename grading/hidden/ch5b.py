"""Hidden checks of chapter 5's section beyond the defaults: 2 + 4 + 3 + 4 points."""

import numpy as np

from lossutils.exercises import close, hidden


def _is(value, truth):
    return isinstance(value, (bool, np.bool_)) and bool(value) is truth


@hidden("ch5-ex-huber-delta", points=1)
def _(ratio_large, **_):
    return close(ratio_large, 0.5, rtol=1e-9)


@hidden("ch5-ex-huber-delta", points=1)
def _(ratio_small, **_):
    return close(ratio_small, 1.0, atol=0.005)


def _A(q, gamma):
    return (1 - q) ** gamma / q - gamma * (1 - q) ** (gamma - 1) * np.log(q)


@hidden("ch5-ex-focal-minimiser", points=2)
def _(derivative, **_):
    q = np.linspace(0.01, 0.99, 99)
    for pi in (0.05, 0.5, 0.9):
        for gamma in (0.5, 1.0, 2.0, 5.0):
            for alpha in (0.1, 0.25, 0.5, 0.8):
                want = -alpha * pi * _A(q, gamma) + (1 - alpha) * (1 - pi) * _A(1 - q, gamma)
                if not close(derivative(q, pi, gamma, alpha), want, rtol=1e-8, atol=1e-10):
                    return False
    return True


@hidden("ch5-ex-focal-minimiser", points=1)
def _(pi_half, **_):
    return close(pi_half, 0.75, atol=1e-4)


@hidden("ch5-ex-focal-minimiser", points=1)
def _(pi_half_no_alpha, **_):
    return close(pi_half_no_alpha, 0.5, atol=1e-4)


@hidden("ch5-ex-labels-range", points=1)
def _(share_class_2, **_):
    return close(share_class_2, 1.0, atol=0.005)


@hidden("ch5-ex-labels-range", points=1)
def _(fix, **_):
    y = np.random.default_rng(52).integers(1, 3, size=50)
    return close(fix(y), y - 1) and close(fix(np.array([2, 1])), [1, 0])


@hidden("ch5-ex-labels-range", points=1)
def _(bounded, **_):
    return _is(bounded, False)


@hidden("ch5-ex-inverted-weights", points=1)
def _(rule, **_):
    return close(rule, 0.955, atol=5e-4)


@hidden("ch5-ex-inverted-weights", points=2)
def _(class_weight, **_):
    for y in (np.array([0] * 9 + [1]), np.array([0] * 382 + [1] * 18), np.array([0] * 3 + [1] * 5)):
        weights = class_weight(y)
        if not close(weights[1] / weights[0], np.mean(y == 0) / np.mean(y == 1), rtol=1e-9):
            return False
    return True


@hidden("ch5-ex-inverted-weights", points=1)
def _(class_weight, **_):
    # The inverse-frequency weights n / (2 n_k): a mean weight of 1 per example, as the section's.
    y = np.array([0] * 382 + [1] * 18)
    weights = class_weight(y)
    return close(weights[0] * np.mean(y == 0) + weights[1] * np.mean(y == 1), 1.0, rtol=1e-9)
