"""Values equal scikit-learn's wherever it computes the same quantity."""

import numpy as np
import pytest
from sklearn import metrics

import lossutils
from _cases import SEED

N = 50
K = 4
RTOL = 1e-12

REGRESSION = [
    (lossutils.mean_squared_error, metrics.mean_squared_error),
    (lossutils.mean_absolute_error, metrics.mean_absolute_error),
    (lossutils.mean_squared_logarithmic_error, metrics.mean_squared_log_error),
    (lossutils.mean_absolute_percentage_error, metrics.mean_absolute_percentage_error),
]


def _rng(offset=0):
    return np.random.default_rng(SEED + offset)


@pytest.mark.parametrize("ours, theirs", REGRESSION, ids=lambda f: getattr(f, "__name__", ""))
@pytest.mark.parametrize("shape", [(N,), (N, 3)], ids=["1d", "2d"])
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
def test_regression_matches_sklearn(ours, theirs, shape, weighted):
    rng = _rng()
    y_true = rng.exponential(2.0, size=shape)
    y_pred = rng.exponential(2.0, size=shape)
    y_true[0] = 0.0  # MAPE's epsilon floor in the denominator
    weight = rng.uniform(0, 3, N) if weighted else None
    expected = theirs(y_true, y_pred, sample_weight=weight, multioutput="uniform_average")
    assert ours(y_true, y_pred, sample_weight=weight) == pytest.approx(expected, rel=RTOL)
    if not weighted:
        total = ours(y_true, y_pred, reduction="sum")
        assert total == pytest.approx(N * expected, rel=RTOL)


def test_msle_allows_values_between_minus_one_and_zero_like_sklearn():
    y_true, y_pred = [-0.5, 0.0, 2.0], [0.5, -0.9, 1.0]
    expected = metrics.mean_squared_log_error(y_true, y_pred)
    assert lossutils.mean_squared_logarithmic_error(y_true, y_pred) == pytest.approx(expected)


@pytest.mark.parametrize("dtype, rtol", [(np.float64, RTOL), (np.float32, 1e-6)])
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
def test_binary_cross_entropy_matches_log_loss(dtype, rtol, weighted):
    rng = _rng(1)
    y_true = np.arange(N) % 2
    y_pred = rng.uniform(size=N)
    y_pred[:4] = [0.0, 1.0, 1.0, 0.0]  # clipped: both right, then both wrong
    y_pred = y_pred.astype(dtype)
    weight = rng.uniform(0, 3, N) if weighted else None
    expected = metrics.log_loss(y_true, y_pred, sample_weight=weight)
    value = lossutils.binary_cross_entropy(y_true, y_pred, sample_weight=weight)
    assert value == pytest.approx(expected, rel=rtol)
    total = lossutils.binary_cross_entropy(y_true, y_pred, sample_weight=weight, reduction="sum")
    assert total == pytest.approx(
        metrics.log_loss(y_true, y_pred, sample_weight=weight, normalize=False), rel=rtol
    )


@pytest.mark.parametrize("dtype, rtol", [(np.float64, RTOL), (np.float32, 1e-6)])
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
def test_multiclass_cross_entropy_matches_log_loss(dtype, rtol, weighted):
    rng = _rng(2)
    labels = np.arange(N) % K
    y_pred = lossutils.softmax(rng.normal(0, 2, size=(N, K)))
    y_pred[0] = np.eye(K)[labels[0]]  # perfect, clipped at 1 - eps and eps
    y_pred[1] = np.eye(K)[(labels[1] + 1) % K]  # confidently wrong, clipped at eps
    y_pred = y_pred.astype(dtype)
    weight = rng.uniform(0, 3, N) if weighted else None
    expected = metrics.log_loss(labels, y_pred, sample_weight=weight, labels=np.arange(K))
    one_hot = np.eye(K)[labels]
    dense = lossutils.categorical_cross_entropy(one_hot, y_pred, sample_weight=weight)
    sparse = lossutils.sparse_categorical_cross_entropy(labels, y_pred, sample_weight=weight)
    assert dense == pytest.approx(expected, rel=rtol)
    assert sparse == pytest.approx(expected, rel=rtol)


@pytest.mark.parametrize("negative_label", [-1, 0])
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
def test_hinge_matches_sklearn(negative_label, weighted):
    rng = _rng(3)
    y_true = np.where(np.arange(N) % 3 == 0, 1, negative_label)
    decision = rng.normal(0, 2, N)
    weight = rng.uniform(0, 3, N) if weighted else None
    expected = metrics.hinge_loss(y_true, decision, sample_weight=weight)
    assert lossutils.hinge(y_true, decision, sample_weight=weight) == pytest.approx(
        expected, rel=RTOL
    )


@pytest.mark.parametrize("k", [3, 4, 7])
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
def test_multiclass_hinge_matches_sklearn(k, weighted):
    rng = _rng(4)
    labels = np.arange(N) % k
    scores = rng.normal(0, 2, size=(N, k))
    weight = rng.uniform(0, 3, N) if weighted else None
    expected = metrics.hinge_loss(labels, scores, labels=np.arange(k), sample_weight=weight)
    value = lossutils.multiclass_hinge(labels, scores, sample_weight=weight)
    assert value == pytest.approx(expected, rel=RTOL)


def test_two_class_multiclass_hinge_is_the_hinge_of_the_score_difference():
    # scikit-learn reads two classes as binary, with one decision value per sample.
    rng = _rng(5)
    labels = np.arange(N) % 2
    scores = rng.normal(0, 2, size=(N, 2))
    expected = metrics.hinge_loss(2 * labels - 1, scores[:, 1] - scores[:, 0])
    assert lossutils.multiclass_hinge(labels, scores) == pytest.approx(expected, rel=RTOL)


@pytest.mark.parametrize("dtype, rtol", [(np.float64, RTOL), (np.float32, 1e-6)])
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
@pytest.mark.parametrize("k", [1, 2, 3, K], ids=["binary-1d", "2-columns", "3-classes", "4-classes"])
def test_brier_score_matches_brier_score_loss(dtype, rtol, weighted, k):
    # scikit-learn 1.9's default scale_by_half="auto": halved for two classes,
    # a sum over the k classes (between 0 and 2) for more.
    rng = _rng(6)
    labels = np.arange(N) % max(k, 2)
    if k == 1:
        proba = rng.uniform(size=N)
        proba[:2] = [0.0, 1.0]
        extra = {}
    else:
        proba = lossutils.softmax(rng.normal(0, 2, size=(N, k)))
        proba[0] = np.eye(k)[labels[0]]
        extra = {"labels": np.arange(k)}
    proba = proba.astype(dtype)
    weight = rng.uniform(0, 3, N) if weighted else None
    expected = metrics.brier_score_loss(labels, proba, sample_weight=weight, **extra)
    value = lossutils.brier_score(labels, proba, sample_weight=weight)
    assert value == pytest.approx(expected, rel=rtol)
