"""Hidden checks of chapter 7's exercises (ch7-ex1 3, ch7-ex2 4, ch7-ex3 4, ch7-ex4 4, ch7-ex5 5,
ch7-ex6 5 points).

Each value is graded by the public check's own function for it (lossutils/exercises/ch7.py): the same
reference, cases and tolerance, so that "right" earns every point and "not yet" does not.
"""

from lossutils.exercises import ch7 as public
from lossutils.exercises import hidden


def _graded(label, points, check, *names):
    """Register a hidden check worth ``points``: full marks when ``check`` of the named values passes."""
    @hidden(label, points=points)
    def _(**values):
        return check(*(values[name] for name in names)) is None


_graded("ch7-ex1", 1, public.uniform_ce_hint, "uniform_ce")
_graded("ch7-ex1", 1, public.prior_ce_hint, "prior_ce")
_graded("ch7-ex1", 1, public.kl_hint, "kl")


@hidden("ch7-ex2", points=2)
def _(mean_differences, **_):
    # one point in three per difference; epochs tied in validation accuracy: the first
    return 2 * sum(public.difference_hint(mean_differences, i) is None for i in range(3)) / 3


_graded("ch7-ex2", 1, public.optimism_hint, "optimism")
_graded("ch7-ex2", 1, public.beyond_noise_hint, "beyond_noise")

_graded("ch7-ex3", 2, public.threshold_hint, "threshold")
_graded("ch7-ex3", 1, public.best_threshold_hint, "best_threshold")
_graded("ch7-ex3", 1, public.network_costs_hint, "network_costs")

_graded("ch7-ex4", 1, public.expected_brier_hint, "expected_brier")
_graded("ch7-ex4", 1, public.expected_absolute_hint, "expected_absolute")
_graded("ch7-ex4", 1, public.brier_minimiser_hint, "brier_minimiser")
_graded("ch7-ex4", 1, public.absolute_minimiser_hint, "absolute_minimiser")

_graded("ch7-ex5", 1, public.dl_dt_hint, "dl_dt")
_graded("ch7-ex5", 1, public.newton_update_hint, "newton_update")
_graded("ch7-ex5", 2, public.temperatures_hint, "temperatures")
_graded("ch7-ex5", 1, public.first_betas_hint, "first_betas")

_graded("ch7-ex6", 1, public.confidence_hint, "confidence")
_graded("ch7-ex6", 1, public.double_ece_hint, "double_ece")
_graded("ch7-ex6", 1, public.refit_t_hint, "refit_t")
_graded("ch7-ex6", 1, public.constant_ece_hint, "constant_ece")
_graded("ch7-ex6", 1, public.constant_log_loss_hint, "constant_log_loss")
