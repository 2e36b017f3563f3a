"""Hidden checks of chapter 1's exercises (book/01_optimisation): 2 + 3 + 3 + 3 points.

Every check uses the public check's predicate (lossutils.exercises.ch1), so its reference and tolerance:
an answer the public check calls right earns every point here.
"""

from lossutils.exercises import ch1 as public
from lossutils.exercises import hidden


# ch1-ex1: the hand-written backward pass against MLP's, one point per network.
@hidden("ch1-ex1", points=2)
def _(backward, **_):
    return 2 * public.ex1_backward(backward)


# ch1-ex2: the rescaled network of seed 0 and the midpoint.
@hidden("ch1-ex2", points=1)
def _(largest_change, **_):
    return public.ex2_largest_change(largest_change)


@hidden("ch1-ex2", points=1)
def _(loss_rescaled, **_):
    return public.ex2_loss_rescaled(loss_rescaled)


@hidden("ch1-ex2", points=1)
def _(loss_midpoint, **_):
    return public.ex2_loss_midpoint(loss_midpoint)


# ch1-ex3: eta* = 2 / (l_min + l_max), factor (kappa - 1) / (kappa + 1); line model 0.545252.
@hidden("ch1-ex3", points=1)
def _(best_rate, **_):
    return public.ex3_best_rate(best_rate)


@hidden("ch1-ex3", points=1)
def _(best_factor, **_):
    return public.ex3_best_factor(best_factor)


@hidden("ch1-ex3", points=1)
def _(measured_factor, **_):
    return public.ex3_measured_factor(measured_factor)


# ch1-ex4: the W1 gradient is transposed; the fixed function on two fresh 3-3-1 networks.
@hidden("ch1-ex4", points=1)
def _(wrong_block, **_):
    return public.ex4_wrong_block(wrong_block)


@hidden("ch1-ex4", points=2)
def _(fixed_backward, **_):
    return 2 * public.ex4_fixed_backward(fixed_backward)
