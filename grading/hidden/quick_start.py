"""Hidden checks of the quick start's exercise (3 points), with the public check's tolerances."""

from lossutils.exercises import close, hidden
from lossutils.exercises.quick_start import names


@hidden("qs-ex1", points=1)
def _(passing, **_):
    return names(passing) == {"lossutils.grad"}


@hidden("qs-ex1", points=1)
def _(ratio_no_mean, **_):
    return close(ratio_no_mean, 4, rtol=1e-4)


@hidden("qs-ex1", points=1)
def _(ratio_wrong_sign, **_):
    return close(ratio_wrong_sign, -1, rtol=1e-4)
