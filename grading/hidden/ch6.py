"""Hidden checks of chapter 6's exercises (ch6-ex1 3, ch6-ex2 4, ch6-ex3 5, ch6-ex4 4, ch6-ex5 4 points).

Each value is graded by the public check's own function for it (lossutils/exercises/ch6.py): the same
reference, cases and tolerance, so that "right" earns every point and "not yet" does not.
"""

from lossutils.exercises import ch6 as public
from lossutils.exercises import hidden


@hidden("ch6-ex1", points=1)
def _(categorical_ce_from_logits, **_):
    return public.ce_ordinary_hint(categorical_ce_from_logits) is None


@hidden("ch6-ex1", points=2)
def _(categorical_ce_from_logits, **_):
    return public.ce_large_hint(categorical_ce_from_logits) is None


@hidden("ch6-ex2", points=2)
def _(article_grad, **_):
    return public.article_grad_hint(article_grad) is None


@hidden("ch6-ex2", points=1)
def _(p_trained, **_):
    return public.p_class_1_hint(p_trained) is None


@hidden("ch6-ex2", points=1)
def _(p_trained, **_):
    return public.p_class_0_hint(p_trained) is None


@hidden("ch6-ex3", points=1)
def _(inf_index, nan_index, **_):
    return public.indices_hint(inf_index, nan_index) is None


@hidden("ch6-ex3", points=1.5)
def _(fixed_loss, **_):
    return public.fixed_loss_hint(fixed_loss) is None


@hidden("ch6-ex3", points=1.5)
def _(fixed_grad, **_):
    return public.fixed_grad_hint(fixed_grad) is None


@hidden("ch6-ex3", points=1)
def _(quiet_loss, **_):
    return public.quiet_loss_hint(quiet_loss) is None


@hidden("ch6-ex4", points=1)
def _(floor, **_):
    return public.floor_hint(floor) is None


@hidden("ch6-ex4", points=1)
def _(final_losses, **_):
    return public.final_losses_hint(final_losses) is None


@hidden("ch6-ex4", points=1)
def _(student_mean_p, **_):
    return public.student_mean_p_hint(student_mean_p) is None


@hidden("ch6-ex4", points=1)
def _(fixed_mean_p, **_):
    return public.fixed_mean_p_hint(fixed_mean_p) is None


@hidden("ch6-ex5", points=1)
def _(k_no_zero, **_):
    return public.k_no_zero_hint(k_no_zero) is None


@hidden("ch6-ex5", points=1)
def _(k_no_overflow, **_):
    return public.k_no_overflow_hint(k_no_overflow) is None


@hidden("ch6-ex5", points=1)
def _(k_all_normal, **_):
    return public.k_all_normal_hint(k_all_normal) is None


@hidden("ch6-ex5", points=1)
def _(error_at_16, **_):
    return public.error_at_16_hint(error_at_16) is None
