"""Hidden checks of chapter 2's exercises (book/02_what_is_a_loss): 2 + 2 + 4 + 4 + 3 + 4 points.

Every check uses the public check's predicate (lossutils.exercises.ch2), so its reference and tolerance:
an answer the public check calls right earns every point here.
"""

from lossutils.exercises import ch2 as public
from lossutils.exercises import hidden


# ch2-ex1: precision and recall are flat at (almost) every one of the 1000 points (both 100%).
@hidden("ch2-ex1", points=1)
def _(zero_share_precision, **_):
    return public.ex1_share(zero_share_precision)


@hidden("ch2-ex1", points=1)
def _(zero_share_recall, **_):
    return public.ex1_share(zero_share_recall)


# ch2-ex2: the three candidates' mean squared errors and sums of cross-entropies.
@hidden("ch2-ex2", points=1)
def _(mse, **_):
    return public.ex2_mse(mse)


@hidden("ch2-ex2", points=1)
def _(ce_sum, **_):
    return public.ex2_ce_sum(ce_sum)


# ch2-ex3: dL/db = p - pi and 2 p (1 - p) (p - pi); zero at ln 2; only cross-entropy pushes back.
@hidden("ch2-ex3", points=1)
def _(ce_slope, **_):
    return public.ex3_ce_slope(ce_slope)


@hidden("ch2-ex3", points=1)
def _(se_slope, **_):
    return public.ex3_se_slope(se_slope)


@hidden("ch2-ex3", points=1)
def _(b_zero, **_):
    return public.ex3_b_zero(b_zero)


@hidden("ch2-ex3", points=1)
def _(pushes_back, **_):
    return public.ex3_pushes_back(pushes_back)


# ch2-ex4: transcribed 0.1132 / 0.0005 (prefers the lazy model), lossutils 0.1843 / 3.4544.
@hidden("ch2-ex4", points=1)
def _(transcribed, **_):
    return public.ex4_transcribed(transcribed)


@hidden("ch2-ex4", points=1)
def _(correct, **_):
    return public.ex4_correct(correct)


@hidden("ch2-ex4", points=1)
def _(fixed, **_):
    return public.ex4_fixed(fixed)


@hidden("ch2-ex4", points=1)
def _(bias, **_):
    return public.ex4_bias(bias)


# ch2-ex5: f* = log(pi / (1 - pi)); w* = (2, 0); bases 1.5 and 2.
@hidden("ch2-ex5", points=1)
def _(f_star, **_):
    return public.ex5_f_star(f_star)


@hidden("ch2-ex5", points=1)
def _(w_star, **_):
    return public.ex5_w_star(w_star)


@hidden("ch2-ex5", points=1)
def _(bound_bases, **_):
    return public.ex5_bound_bases(bound_bases)


# ch2-ex6: only w = (0, 0) on the prescribed grid, loss exactly 1; the score 0 picks no class; not
# differentiable at 0.
@hidden("ch2-ex6", points=1)
def _(w_best, **_):
    return public.ex6_w_best(w_best)


@hidden("ch2-ex6", points=1)
def _(min_loss, **_):
    return public.ex6_min_loss(min_loss)


@hidden("ch2-ex6", points=1)
def _(picked_class, **_):
    return public.ex6_picked_class(picked_class)


@hidden("ch2-ex6", points=1)
def _(failed_condition, **_):
    return public.ex6_failed_condition(failed_condition)
