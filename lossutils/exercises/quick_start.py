"""Public checks of the quick start's exercise (as strict as the hidden ones on every value)."""

import numpy as np

from . import close, exercise

NAMES = ("lossutils .grad", "no 1/n", "wrong sign")


def names(passing):
    """The proposals named, spaces and case aside; a single name may be given as a string."""
    if isinstance(passing, str):
        passing = [passing]
    return {"".join(str(name).split()).lower() for name in passing}


@exercise(
    "qs-ex1",
    passing="the names of the proposals that pass the check, from 'lossutils .grad', 'no 1/n' and "
            "'wrong sign' (a list of strings)",
    ratio_no_mean="the ratio of the 'no 1/n' gradient's entries to the finite differences, the same "
                  "for every entry (a number; leave out the entry whose finite difference is 0)",
    ratio_wrong_sign="the same ratio for the 'wrong sign' gradient (a number)",
)
def _(passing, ratio_no_mean, ratio_wrong_sign):
    known = {"".join(name.split()).lower() for name in NAMES}
    if not names(passing) <= known:
        return f"Name the proposals as the exercise does: {', '.join(repr(n) for n in NAMES)}."
    if names(passing) != {"lossutils.grad"}:
        return ("Compare each proposal's largest difference with the size of the gradient's entries: "
                "a correct gradient differs from finite differences only by rounding.")
    for ratio in (ratio_no_mean, ratio_wrong_sign):
        if not np.all(np.isfinite(np.asarray(ratio, dtype=float))):
            return ("A ratio is not finite: the third prediction is exact, so its finite difference is 0 "
                    "and its ratio 0/0; leave that entry out.")
    if not close(ratio_no_mean, 4, rtol=1e-4):
        return "The ratio without 1/n is constant: how many predictions does the mean divide by?"
    if not close(ratio_wrong_sign, -1, rtol=1e-4):
        return "A sign error multiplies every entry by the same number."
    return None
