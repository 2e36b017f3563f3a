"""The source article's loops (lossutils.naive): its values, its bug, and the fix."""

import numpy as np
import pytest

import lossutils
from lossutils import naive
from _cases import SEED

# The article's example: five positives and five negatives.
Y = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
P = [0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3]


def test_article_binary_cross_entropy_value():
    assert naive.article_binary_cross_entropy(Y, P) == pytest.approx(0.1168, abs=1e-4)
    expected = -np.mean(np.array(Y) * np.log(P))
    assert naive.article_binary_cross_entropy(Y, P) == pytest.approx(expected, rel=1e-12)


def test_corrected_binary_cross_entropy_value():
    assert naive.binary_cross_entropy(Y, P) == pytest.approx(0.2469, abs=1e-4)
    assert naive.binary_cross_entropy(Y, P) == pytest.approx(
        lossutils.binary_cross_entropy(Y, P), rel=1e-12
    )


def test_article_version_is_minimised_by_predicting_one_everywhere():
    ones = [1.0] * len(Y)
    best = naive.article_binary_cross_entropy(Y, ones)
    assert best == pytest.approx(0.0, abs=1e-14)
    rng = np.random.default_rng(SEED)
    for _ in range(20):
        other = rng.uniform(0.01, 0.99, len(Y)).tolist()
        assert naive.article_binary_cross_entropy(Y, other) > best
    # The corrected loss instead punishes the all-ones prediction heavily.
    assert naive.binary_cross_entropy(Y, ones) > 10


def test_loops_agree_with_lossutils():
    rng = np.random.default_rng(SEED)
    y_true, y_pred = rng.normal(size=20), rng.normal(size=20)
    assert naive.article_mean_squared_error(y_true.tolist(), y_pred.tolist()) == pytest.approx(
        lossutils.mean_squared_error(y_true, y_pred), rel=1e-12
    )
    labels = rng.integers(0, 3, 20)
    y_pred = lossutils.softmax(rng.normal(size=(20, 3)))
    one_hot = np.eye(3)[labels]
    assert naive.article_categorical_cross_entropy(one_hot.tolist(), y_pred.tolist()) == pytest.approx(
        lossutils.categorical_cross_entropy(one_hot, y_pred), rel=1e-12
    )
    targets = rng.uniform(size=20)
    probabilities = rng.uniform(0.01, 0.99, size=20)
    assert naive.binary_cross_entropy(targets, probabilities) == pytest.approx(
        lossutils.binary_cross_entropy(targets, probabilities), rel=1e-12
    )


def test_guard_keeps_zero_and_one_finite():
    assert np.isfinite(naive.binary_cross_entropy([1, 0], [0.0, 1.0]))
    assert np.isfinite(naive.article_binary_cross_entropy([1], [0.0]))


@pytest.mark.parametrize(
    "function",
    [
        naive.article_mean_squared_error,
        naive.article_binary_cross_entropy,
        naive.binary_cross_entropy,
        naive.article_categorical_cross_entropy,
    ],
)
def test_lengths_must_match(function):
    two = [[1.0, 0.0], [0.0, 1.0]] if function is naive.article_categorical_cross_entropy else [1.0, 0.0]
    with pytest.raises(ValueError, match="same length"):
        function(two, two[:1])
    with pytest.raises(ValueError, match="empty"):
        function([], [])


def test_ragged_rows_are_reported():
    with pytest.raises(ValueError, match="same length"):
        naive.article_categorical_cross_entropy([[1, 0], [0, 1]], [[0.5, 0.5], [1.0]])


def test_results_are_python_floats():
    assert type(naive.article_binary_cross_entropy(np.array(Y), np.array(P))) is float
