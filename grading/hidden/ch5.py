"""Hidden checks of chapter 5's exercises (choosing a loss): 6 + 3 points.

Each value is graded by the public check of that value (lossutils/exercises/ch5.py), so the two agree.
"""

from lossutils.exercises import hidden
from lossutils.exercises.ch5 import (check_fixes, check_grad, check_loss_at_0, check_nll,
                                     check_parameters, check_prediction, check_slope, check_theta)


@hidden("ch5-ex-design", points=1)
def _(parameters, **_):
    return check_parameters(parameters) is None


@hidden("ch5-ex-design", points=1)
def _(parameters, nll, **_):
    return check_nll(parameters, nll) is None


@hidden("ch5-ex-design", points=2)
def _(parameters, grad, **_):
    return check_grad(parameters, grad) is None


@hidden("ch5-ex-design", points=1)
def _(theta, **_):
    return check_theta(theta) is None


@hidden("ch5-ex-design", points=1)
def _(loss_at_0, **_):
    return check_loss_at_0(loss_at_0) is None


@hidden("ch5-ex-one-unit-softmax", points=1)
def _(prediction, **_):
    return check_prediction(prediction) is None


@hidden("ch5-ex-one-unit-softmax", points=1)
def _(slope, **_):
    return check_slope(slope) is None


@hidden("ch5-ex-one-unit-softmax", points=1)
def _(fixes, **_):
    return check_fixes(fixes) is None
