"""lossutils.stats: the interval matches scipy's Student t; bad input is refused."""

import numpy as np
import pytest
from scipy import stats

from lossutils.stats import mean_interval


@pytest.mark.parametrize("n", [2, 3, 8, 10, 31, 32, 50, 200])
def test_interval_matches_scipy(n):
    values = np.random.default_rng(n).normal(0.8, 0.05, size=n)
    summary = mean_interval(values)
    low, high = stats.t.interval(0.95, n - 1, loc=values.mean(), scale=stats.sem(values))
    assert summary["n"] == n
    assert summary["mean"] == pytest.approx(values.mean(), rel=1e-12)
    assert summary["sd"] == pytest.approx(values.std(ddof=1), rel=1e-12)
    assert summary["low"] == pytest.approx(low, abs=2e-4 * (high - low))
    assert summary["high"] == pytest.approx(high, abs=2e-4 * (high - low))
    assert summary["min"] == values.min() and summary["max"] == values.max()


def test_returns_python_numbers_and_leaves_input_alone():
    values = np.array([1.0, 2.0, 4.0])
    copy = values.copy()
    summary = mean_interval(values)
    assert all(type(v) is float for k, v in summary.items() if k != "n")
    assert type(summary["n"]) is int
    np.testing.assert_array_equal(values, copy)


@pytest.mark.parametrize(
    "values, match",
    [([1.0], "at least two"), ([[1.0, 2.0]], "one number per run"),
     ([1.0, np.nan], "finite"), ([1.0, np.inf, 2.0], "index 1")],
)
def test_bad_input(values, match):
    with pytest.raises(ValueError, match=match):
        mean_interval(values)
