"""Hidden checks of the appendix's exercises (apx-ex1 4, apx-ex2 4, apx-ex3 2 points).

Each value is graded by the public check's own function for it (lossutils/exercises/appendix.py): the
same reference, cases and tolerance, so that "right" earns every point and "not yet" does not.
"""

from lossutils.exercises import appendix as public
from lossutils.exercises import hidden


def _graded(label, points, check, *names):
    """Register a hidden check worth ``points``: full marks when ``check`` of the named values passes."""
    @hidden(label, points=points)
    def _(**values):
        return check(*(values[name] for name in names)) is None


_graded("apx-ex1", 1, public.mape_values_hint, "mape_values")
_graded("apx-ex1", 1, public.mape_minimiser_hint, "mape_minimiser")
_graded("apx-ex1", 1, public.mae_minimisers_hint, "mae_minimisers")
_graded("apx-ex1", 1, public.mse_minimiser_hint, "mse_minimiser")

_graded("apx-ex2", 1, public.hinge_slope_hint, "hinge_slope")
_graded("apx-ex2", 1, public.logistic_slope_hint, "logistic_slope")
_graded("apx-ex2", 1, public.hinge_zero_at_hint, "hinge_zero_at")
_graded("apx-ex2", 1, public.logistic_zero_at_hint, "logistic_zero_at")

_graded("apx-ex3", 1, public.best_p_hint, "best_p")
_graded("apx-ex3", 1, public.min_loss_hint, "min_loss", "best_p")
