"""brier_score beyond the registry, and expected_calibration_error, a metric
without a gradient that the registry does not cover, tested here on its own."""

import numpy as np
import pytest

import lossutils
from _cases import SEED

N = 200
K = 4


def _rng(offset=0):
    return np.random.default_rng(SEED + offset)


def _multiclass(offset=0, n=N, k=K, temperature=1.5):
    rng = _rng(offset)
    proba = lossutils.softmax(rng.normal(0, temperature, size=(n, k)))
    # Labels drawn from the predicted distributions themselves (calibrated) or
    # from a sharper version of them (under-confident), to give the ECE work.
    labels = np.array([rng.choice(k, p=row) for row in lossutils.softmax(2 * np.log(proba))])
    return labels, proba


def _reference_ece(labels, proba, n_bins, weight=None):
    """Guo et al. (2017), written as plainly as possible: a loop over the bins."""
    weight = np.ones(len(labels)) if weight is None else np.asarray(weight, dtype=float)
    confidence = proba.max(axis=1)
    correct = proba.argmax(axis=1) == labels
    total = 0.0
    for m in range(1, n_bins + 1):
        low, high = (m - 1) / n_bins, m / n_bins
        inside = (confidence > low) & (confidence <= high)
        if m == 1:
            inside |= confidence == 0
        if weight[inside].sum() == 0:
            continue
        accuracy = np.average(correct[inside], weights=weight[inside])
        mean_confidence = np.average(confidence[inside], weights=weight[inside])
        total += weight[inside].sum() / weight.sum() * abs(accuracy - mean_confidence)
    return total


# Brier score -----------------------------------------------------------------


def test_brier_is_a_proper_scoring_rule():
    # For a class distributed as q, the expected score of predicting p is
    # smallest at p = q (over a grid of the simplex's interior).
    q = np.array([0.2, 0.5, 0.3])
    grid = [np.array([a, b, 1 - a - b]) for a in np.linspace(0.05, 0.9, 18)
            for b in np.linspace(0.05, 0.9, 18) if a + b < 0.96]

    def expected(p):
        scores = lossutils.brier_score(np.arange(3), np.tile(p, (3, 1)), reduction="none")
        return float(q @ scores)

    best = min(grid, key=expected)
    np.testing.assert_allclose(best, q, atol=0.03)
    assert expected(q) < min(expected(p) for p in grid if np.abs(p - q).max() > 0.03)


def test_brier_is_k_times_the_squared_error_of_the_one_hot_rows():
    labels, proba = _multiclass(1)
    one_hot = np.eye(K)[labels]
    assert lossutils.brier_score(labels, proba) == pytest.approx(
        K * lossutils.mean_squared_error(one_hot, proba), rel=1e-12
    )


def test_two_columns_score_as_one_probability():
    rng = _rng(2)
    labels = rng.integers(0, 2, N)
    p = rng.uniform(size=N)
    rows = np.column_stack([1 - p, p])
    assert lossutils.brier_score(labels, rows) == pytest.approx(
        lossutils.brier_score(labels, p), rel=1e-12
    )
    assert lossutils.brier_score(labels, p) == pytest.approx(np.mean((p - labels) ** 2), rel=1e-12)


def test_brier_stays_bounded_where_the_log_loss_explodes():
    labels = np.array([0, 1])
    certain_and_wrong = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert lossutils.brier_score(labels, certain_and_wrong) == 1.0
    assert lossutils.sparse_categorical_cross_entropy(labels, certain_and_wrong) > 30


# Expected calibration error --------------------------------------------------


@pytest.mark.parametrize("n_bins", [1, 5, 10, 15, 37])
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
def test_ece_matches_the_loop_over_bins(n_bins, weighted):
    labels, proba = _multiclass(3)
    weight = _rng(4).uniform(0, 3, N) if weighted else None
    value = lossutils.expected_calibration_error(labels, proba, n_bins=n_bins, sample_weight=weight)
    assert type(value) is float
    assert value == pytest.approx(_reference_ece(labels, proba, n_bins, weight), rel=1e-12, abs=1e-15)
    assert 0 < value < 1


def test_bins_are_closed_on_the_right():
    # Confidences 0.3 and 0.26 share the bin (0.2, 0.3]: accuracy 1/2 against a
    # mean confidence of 0.28. Bins closed on the left, [0.3, 0.4), would split
    # them and give (0.7 + 0.26) / 2 = 0.48 instead.
    proba = np.array([[0.3, 0.25, 0.25, 0.2], [0.25, 0.24, 0.26, 0.25]])
    labels = np.array([0, 0])  # the first is right, the second (class 2) wrong
    value = lossutils.expected_calibration_error(labels, proba)
    assert value == pytest.approx(0.22, rel=1e-12)
    certain = lossutils.expected_calibration_error([0, 1], [[1.0, 0.0], [1.0, 0.0]])
    assert certain == pytest.approx(0.5)  # confidence 1 lands in the last bin


def test_one_bin_is_the_gap_between_accuracy_and_mean_confidence():
    labels, proba = _multiclass(5)
    accuracy = np.mean(proba.argmax(axis=1) == labels)
    gap = abs(accuracy - proba.max(axis=1).mean())
    assert lossutils.expected_calibration_error(labels, proba, n_bins=1) == pytest.approx(gap, rel=1e-12)


def test_calibrated_and_overconfident_predictions():
    # Ten samples at confidence 0.8, eight of them right: calibrated, ECE 0.
    proba = np.tile([0.8, 0.2], (10, 1))
    labels = np.array([0] * 8 + [1] * 2)
    assert lossutils.expected_calibration_error(labels, proba) == pytest.approx(0.0, abs=1e-15)
    # Always wrong: the ECE is the mean confidence.
    assert lossutils.expected_calibration_error(1 - labels[:8], proba[:8]) == pytest.approx(0.8)


def test_binary_probabilities_are_read_as_rows():
    rng = _rng(6)
    labels = rng.integers(0, 2, N)
    p = rng.uniform(size=N)
    p[:3] = [0.5, 0.0, 1.0]
    rows = np.column_stack([1 - p, p])
    assert lossutils.expected_calibration_error(labels, p) == pytest.approx(
        lossutils.expected_calibration_error(labels, rows), rel=1e-12
    )
    # p = 0.5 is a tie between (0.5, 0.5): the first class wins, so it predicts
    # 0 and is right here: accuracy 1 against a mean confidence of 0.7 (a
    # prediction of 1 would give accuracy 1/2, an ECE of 0.2).
    value = lossutils.expected_calibration_error([0, 1], [0.5, 0.9], n_bins=1)
    assert value == pytest.approx(0.3, rel=1e-12)


def test_ece_weights_order_and_repetition():
    labels, proba = _multiclass(7, n=30)
    ece = lossutils.expected_calibration_error
    value = ece(labels, proba)
    order = _rng(8).permutation(30)
    assert ece(labels[order], proba[order]) == pytest.approx(value, rel=1e-12)
    assert ece(labels, proba, sample_weight=np.ones(30)) == pytest.approx(value, rel=1e-12)
    counts = _rng(9).integers(0, 4, 30)
    repeat = np.repeat(np.arange(30), counts)
    assert ece(labels, proba, sample_weight=counts) == pytest.approx(
        ece(labels[repeat], proba[repeat]), rel=1e-12
    )


def test_ece_is_not_a_proper_score():
    # Predicting the overall accuracy as every sample's confidence is perfectly
    # calibrated (ECE 0) yet says nothing about which sample is which; the
    # Brier score tells the two apart.
    labels = np.array([0, 0, 0, 1, 1, 1, 1, 1, 1, 1])  # class 1 seven times in ten
    useless = np.tile([0.3, 0.7], (10, 1))
    sharp = np.eye(2)[labels] * 0.9 + 0.05
    assert lossutils.expected_calibration_error(labels, useless) == pytest.approx(0.0, abs=1e-15)
    assert lossutils.expected_calibration_error(labels, sharp) > 0.04
    assert lossutils.brier_score(labels, sharp) < lossutils.brier_score(labels, useless)


def test_ece_is_a_metric_without_a_gradient():
    assert not hasattr(lossutils.expected_calibration_error, "grad")
    assert "expected_calibration_error" not in lossutils.LOSSES


@pytest.mark.parametrize(
    "y_true, y_proba, options, error, match",
    [
        ([0, 1], [[0.5, 0.5], [0.5, 0.5]], {"n_bins": 0}, ValueError, "n_bins must be a positive integer; got 0"),
        ([0, 1], [[0.5, 0.5], [0.5, 0.5]], {"n_bins": -3}, ValueError, "n_bins"),
        ([0, 1], [[0.5, 0.5], [0.5, 0.5]], {"n_bins": 2.5}, TypeError, "n_bins must be a positive integer; got 2.5"),
        ([0, 1], [[0.5, 0.5], [0.5, 0.5]], {"n_bins": True}, TypeError, "n_bins"),
        ([0, 1], [[0.5, 0.5], [0.5, 0.5]], {"n_bins": "10"}, TypeError, "n_bins"),
        ([0, 2], [[0.5, 0.5], [0.5, 0.5]], {}, ValueError, r"y_true must hold integer class labels 0, \.\.\., 1 \(y_proba has 2 columns\); found 2 at index 1"),
        ([0, 0.5], [[0.5, 0.5], [0.5, 0.5]], {}, ValueError, "found 0.5 at index 1"),
        ([0, 2], [0.5, 0.5], {}, ValueError, "binary labels 0 or 1"),
        ([0, 1], [[0.5, 0.6], [0.5, 0.5]], {}, ValueError, "row 0 sums to 1.1"),
        ([0, 1], [[1.5, -0.5], [0.5, 0.5]], {}, ValueError, r"y_proba must hold probabilities in \[0, 1\]; found 1.5 at index \(0, 0\)"),
        ([0, 1], [[np.nan, 1.0], [0.5, 0.5]], {}, ValueError, "y_proba must be finite"),
        ([0, 1], [0.5, 1.2], {}, ValueError, "y_proba must hold probabilities"),
        ([0, 1, 1], [[0.5, 0.5], [0.5, 0.5]], {}, ValueError, "y_true has 3 labels but y_proba has 2 rows"),
        ([[1, 0], [0, 1]], [[0.5, 0.5], [0.5, 0.5]], {}, ValueError, r"argmax\(axis=1\)"),
        ([0, 1], [[0.5], [0.5]], {}, ValueError, r"\.ravel\(\)"),
        ([0, 1], np.full((2, 2, 2), 0.25), {}, ValueError, "y_proba must have shape"),
        (["a", "b"], [0.5, 0.5], {}, TypeError, "y_true must be numeric"),
        ([], [], {}, ValueError, "y_true is empty"),
        ([0, 1], [0.5, 0.5], {"sample_weight": [0, 0]}, ValueError, "sample_weight sums to zero"),
        ([0, 1], [0.5, 0.5], {"sample_weight": [1, -1]}, ValueError, "sample_weight must be non-negative"),
        ([0, 1], [0.5, 0.5], {"sample_weight": [1]}, ValueError, r"sample_weight must have shape \(2,\)"),
    ],
)
def test_ece_bad_input_raises(y_true, y_proba, options, error, match):
    with pytest.raises(error, match=match):
        lossutils.expected_calibration_error(y_true, y_proba, **options)


def test_ece_does_not_modify_its_inputs():
    labels, proba = _multiclass(10, n=20)
    weight = np.ones(20)
    copies = labels.copy(), proba.copy(), weight.copy()
    lossutils.expected_calibration_error(labels, proba, sample_weight=weight)
    lossutils.expected_calibration_error(labels % 2, proba[:, 0])
    for array, copy in zip((labels, proba, weight), copies):
        np.testing.assert_array_equal(array, copy)
