"""Hidden checks of chapter 5's section beyond the defaults: 2 + 4 + 3 + 4 points.

Each value is graded by the public check of that value (lossutils/exercises/ch5b.py), so the two agree.
"""

from lossutils.exercises import hidden
from lossutils.exercises.ch5b import (check_bounded, check_class_weight, check_derivative, check_fix,
                                      check_pi_half, check_pi_half_no_alpha, check_ratio_large,
                                      check_ratio_small, check_rule, check_share_class_2)


@hidden("ch5-ex-huber-delta", points=1)
def _(ratio_large, **_):
    return check_ratio_large(ratio_large) is None


@hidden("ch5-ex-huber-delta", points=1)
def _(ratio_small, **_):
    return check_ratio_small(ratio_small) is None


@hidden("ch5-ex-focal-minimiser", points=2)
def _(derivative, **_):
    return check_derivative(derivative) is None


@hidden("ch5-ex-focal-minimiser", points=1)
def _(pi_half, **_):
    return check_pi_half(pi_half) is None


@hidden("ch5-ex-focal-minimiser", points=1)
def _(pi_half_no_alpha, **_):
    return check_pi_half_no_alpha(pi_half_no_alpha) is None


@hidden("ch5-ex-labels-range", points=1)
def _(share_class_2, **_):
    return check_share_class_2(share_class_2) is None


@hidden("ch5-ex-labels-range", points=1)
def _(fix, **_):
    return check_fix(fix) is None


@hidden("ch5-ex-labels-range", points=1)
def _(bounded, **_):
    return check_bounded(bounded) is None


@hidden("ch5-ex-inverted-weights", points=1)
def _(rule, **_):
    return check_rule(rule) is None


@hidden("ch5-ex-inverted-weights", points=3)
def _(class_weight, **_):
    # 2 points for the ratio that implements pi > n1 / n, 1 for the normalisation the statement asks for.
    hint = check_class_weight(class_weight)
    if hint is None:
        return 3
    return 2 if hint.startswith("Your weights have the right ratio") else 0
