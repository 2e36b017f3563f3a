"""Hidden checks of chapter 2's exercises (book/02_what_is_a_loss): 2 + 2 + 4 + 4 + 3 + 4 points."""

import math

import numpy as np

from lossutils import binary_cross_entropy
from lossutils.exercises import close, hidden


def _sigmoid(b):
    return 1 / (1 + math.exp(-b))


# ch2-ex1: precision and recall are flat at (almost) every one of the 1000 points (both 100%).
@hidden("ch2-ex1", points=1)
def _(zero_share_precision, **_):
    return 0.99 <= float(zero_share_precision) <= 1


@hidden("ch2-ex1", points=1)
def _(zero_share_recall, **_):
    return 0.99 <= float(zero_share_recall) <= 1


# ch2-ex2: both rankings C, B, A (lowest loss first).
@hidden("ch2-ex2", points=1)
def _(ranking_mse, **_):
    return list(ranking_mse) == ["C", "B", "A"]


@hidden("ch2-ex2", points=1)
def _(ranking_sum, **_):
    return list(ranking_sum) == ["C", "B", "A"]


# ch2-ex3: dL/db = p - pi and 2 p (1 - p) (p - pi); zero at ln 2; only cross-entropy pushes back.
_POINTS = [(b, pi) for b in (-9.0, -2.5, -0.4, 0.0, 1.3, 6.0) for pi in (0.05, 0.5, 2 / 3, 0.97)]


@hidden("ch2-ex3", points=1)
def _(ce_slope, **_):
    return all(close(ce_slope(b, pi), _sigmoid(b) - pi, rtol=1e-8, atol=1e-12) for b, pi in _POINTS)


@hidden("ch2-ex3", points=1)
def _(se_slope, **_):
    return all(close(se_slope(b, pi), 2 * _sigmoid(b) * (1 - _sigmoid(b)) * (_sigmoid(b) - pi),
                     rtol=1e-8, atol=1e-12) for b, pi in _POINTS)


@hidden("ch2-ex3", points=1)
def _(b_zero, **_):
    return close(b_zero, math.log(2), rtol=1e-6)


@hidden("ch2-ex3", points=1)
def _(pushes_back, **_):
    return pushes_back == "cross-entropy"


# ch2-ex4: transcribed 0.1132 / 0.0005 (prefers the lazy model), lossutils 0.1843 / 3.4544.
@hidden("ch2-ex4", points=1)
def _(transcribed, **_):
    return close(transcribed, [0.1131792, 0.00050025], rtol=1e-5)


@hidden("ch2-ex4", points=1)
def _(correct, **_):
    return close(correct, [0.1842585, 3.4543779], rtol=1e-5)


@hidden("ch2-ex4", points=1)
def _(fixed, **_):
    rng = np.random.default_rng(2024)
    for n, share in ((20, 0.5), (50, 0.1), (7, 0.9)):
        actual = (rng.uniform(size=n) < share).astype(float)
        predicted = rng.uniform(0.001, 0.999, size=n)
        if not close(fixed(actual, predicted), binary_cross_entropy(actual, predicted), rtol=1e-8):
            return False
    return True


@hidden("ch2-ex4", points=1)
def _(bias, **_):
    return bias == "raises it without limit"


# ch2-ex5: f* = log(pi / (1 - pi)); w* = (2, 0); bases 1.5 and 2.
@hidden("ch2-ex5", points=1)
def _(f_star, **_):
    return all(close(f_star(pi), math.log(pi / (1 - pi)), rtol=1e-8, atol=1e-12)
               for pi in (0.01, 0.1, 0.3, 0.5, 0.6, 0.9, 0.999))


@hidden("ch2-ex5", points=1)
def _(w_star, **_):
    return close(w_star, [2.0, 0.0], atol=1e-3)


@hidden("ch2-ex5", points=1)
def _(bound_bases, **_):
    return close(sorted(float(c) for c in bound_bases), [1.5, 2.0], atol=1e-9)


# ch2-ex6: only w = (0, 0), loss exactly 1; the score 0 picks no class; not differentiable at 0.
@hidden("ch2-ex6", points=1)
def _(w_best, **_):
    return close(w_best, [0.0, 0.0], atol=1e-9)


@hidden("ch2-ex6", points=1)
def _(min_loss, **_):
    return close(min_loss, 1.0, atol=1e-9)


@hidden("ch2-ex6", points=1)
def _(picked_class, **_):
    return picked_class == "neither"


@hidden("ch2-ex6", points=1)
def _(failed_condition, **_):
    return failed_condition == "differentiability at 0"
