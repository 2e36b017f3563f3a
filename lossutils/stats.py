"""Summaries of repeated runs: a mean with its confidence interval.

Training runs that differ only in their seed are a sample, and a claim about
them is a claim about that sample. :func:`mean_interval` gives the mean, the
standard deviation, the extremes and a Student-t confidence interval for the
mean; applied to paired differences (the same seeds under two losses) it says
whether one loss beats the other by more than the seed-to-seed noise.
"""

import math

import numpy as np

__all__ = ["mean_interval"]

# Two-sided 95% quantiles of Student's t, t_{0.975}(df) for df = 1..30
# (scipy.stats.t.ppf(0.975, df), checked in tests/test_stats.py).
_T975 = (
    12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836,
    2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852,
    2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546,
    2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447,
    2.079613845, 2.073873068, 2.068657610, 2.063898562, 2.059538553,
    2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
)
# Beyond 30 degrees of freedom, the first two terms of the Cornish-Fisher
# expansion of t_{0.975}(df) about the normal quantile z; error below 1e-4.
_Z975 = 1.959963985


def _t975(df):
    if df <= len(_T975):
        return _T975[df - 1]
    z = _Z975
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


def mean_interval(values):
    """Mean of repeated runs with a 95% confidence interval, spread and extremes.

    Introduced in Chapter 1, *Neural-network learning as optimisation*, where
    training runs over several seeds are first compared.

    Parameters
    ----------
    values : array_like of shape (n_runs,)
        One number per run (a final loss, an accuracy, or a paired difference
        between two losses on the same seed); at least two, all finite.

    Returns
    -------
    dict
        ``"mean"``, ``"sd"`` (sample standard deviation), ``"low"`` and
        ``"high"`` (the 95% Student-t interval for the mean), ``"min"``,
        ``"max"`` and ``"n"``: Python floats, and an int for ``"n"``.

    Notes
    -----
    The interval is :math:`\\bar v \\pm t_{0.975}(n - 1)\\, s / \\sqrt{n}`. It
    describes the mean over seeds of *this* experiment; the spread of single
    runs is ``sd`` (and ``min`` to ``max``).

    Examples
    --------
    >>> from lossutils.stats import mean_interval
    >>> summary = mean_interval([0.80, 0.82, 0.85, 0.81])
    >>> round(summary["mean"], 4), round(summary["low"], 3), round(summary["high"], 3)
    (0.82, 0.786, 0.854)
    """
    runs = np.asarray(values, dtype=float)
    if runs.ndim != 1:
        raise ValueError(
            f"values must be one number per run, shape (n_runs,); got shape {runs.shape}. "
            "Pass final scores, not whole learning curves."
        )
    if runs.size < 2:
        raise ValueError(
            f"values must hold at least two runs for an interval; got {runs.size}."
        )
    if not np.all(np.isfinite(runs)):
        index = int(np.flatnonzero(~np.isfinite(runs))[0])
        raise ValueError(
            f"values must be finite; found {runs[index]} at index {index} "
            "(a diverged run? report it separately)."
        )
    n = runs.size
    mean = float(np.mean(runs))
    sd = float(np.std(runs, ddof=1))
    half = _t975(n - 1) * sd / math.sqrt(n)
    return {
        "mean": mean,
        "sd": sd,
        "low": mean - half,
        "high": mean + half,
        "min": float(np.min(runs)),
        "max": float(np.max(runs)),
        "n": int(n),
    }
