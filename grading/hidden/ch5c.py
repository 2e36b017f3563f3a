"""Hidden checks of chapter 5's section on losses in current use: 4 + 4 points.

Each value is graded by the public check of that value (lossutils/exercises/ch5c.py), so the two agree.
"""

from lossutils.exercises import hidden
from lossutils.exercises.ch5c import (check_alpha_effective, check_floor, check_gap, check_grad,
                                      check_nll_limit, check_nonzero_ce, check_nonzero_hinge)


@hidden("ch5-ex-multiclass-hinge-gradient", points=2)
def _(grad, **_):
    return check_grad(grad) is None


@hidden("ch5-ex-multiclass-hinge-gradient", points=1)
def _(nonzero_hinge, **_):
    return check_nonzero_hinge(nonzero_hinge) is None


@hidden("ch5-ex-multiclass-hinge-gradient", points=1)
def _(nonzero_ce, **_):
    return check_nonzero_ce(nonzero_ce) is None


@hidden("ch5-ex-smoothing-floor", points=1)
def _(floor, **_):
    return check_floor(floor) is None


@hidden("ch5-ex-smoothing-floor", points=1)
def _(nll_limit, **_):
    return check_nll_limit(nll_limit) is None


@hidden("ch5-ex-smoothing-floor", points=1)
def _(alpha_effective, **_):
    return check_alpha_effective(alpha_effective) is None


@hidden("ch5-ex-smoothing-floor", points=1)
def _(gap, **_):
    return check_gap(gap) is None
