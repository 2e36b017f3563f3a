"""Public checks of the quick start's exercise."""

from . import close, exercise


@exercise(
    "qs-ex1",
    passing="the names of the proposals that pass the check, from 'lossutils .grad', 'no 1/n' and "
            "'wrong sign' (a list)",
    ratio_no_mean="the ratio of the 'no 1/n' gradient's entries to the finite differences (a number)",
    ratio_wrong_sign="the same ratio for the 'wrong sign' gradient (a number)",
)
def _(passing, ratio_no_mean, ratio_wrong_sign):
    if set(passing) != {"lossutils .grad"}:
        return ("Compare each proposal's largest difference with the size of the gradient's entries: "
                "a correct gradient differs from finite differences only by rounding.")
    if not close(ratio_no_mean, 4, rtol=1e-3):
        return "The ratio without 1/n is constant: how many predictions does the mean divide by?"
    if not close(ratio_wrong_sign, -1, rtol=1e-3):
        return "A sign error multiplies every entry by the same number."
    return None
