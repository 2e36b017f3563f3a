"""Hidden checks of chapter 5's section on the nine experiments: 3 + 4 + 3 points.

Each value is graded by the public check of that value (lossutils/exercises/ch5a.py), so the two agree.
"""

from lossutils.exercises import hidden
from lossutils.exercises.ch5a import (check_ce_grad, check_difference, check_diverged, check_grad,
                                      check_mse_01, check_p_largest, check_safe, check_same_gradient)


@hidden("ch5-ex-grid-edge", points=1)
def _(mse_01, **_):
    return check_mse_01(mse_01) is None


@hidden("ch5-ex-grid-edge", points=1)
def _(mse_02, mse_03, **_):
    return check_diverged(mse_02, mse_03) is None


@hidden("ch5-ex-grid-edge", points=1)
def _(safe, **_):
    return check_safe(safe) is None


@hidden("ch5-ex-squared-hinge", points=2)
def _(grad, **_):
    return check_grad(grad) is None


@hidden("ch5-ex-squared-hinge", points=1)
def _(p_largest, **_):
    return check_p_largest(p_largest) is None


@hidden("ch5-ex-squared-hinge", points=1)
def _(ce_grad, **_):
    return check_ce_grad(ce_grad) is None


@hidden("ch5-ex-soft-targets", points=2)
def _(difference, **_):
    return check_difference(difference) is None


@hidden("ch5-ex-soft-targets", points=1)
def _(same_gradient, **_):
    return check_same_gradient(same_gradient) is None
