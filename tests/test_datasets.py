"""Tests of lossutils.datasets: the companion article's three problems."""

import numpy as np
import pytest

from lossutils import datasets

sklearn_datasets = pytest.importorskip("sklearn.datasets")

PROBLEMS = {
    "regression": (datasets.regression, 20),
    "circles": (datasets.circles, 2),
    "blobs": (datasets.blobs, 2),
}


@pytest.mark.parametrize("name", PROBLEMS)
def test_first_500_train_last_500_test(name):
    make, n_features = PROBLEMS[name]
    X_train, X_test, y_train, y_test = make()
    assert X_train.shape == X_test.shape == (500, n_features)
    assert y_train.shape == y_test.shape == (500,)
    assert X_train.dtype == np.float64


@pytest.mark.parametrize("name", PROBLEMS)
def test_deterministic(name):
    make, _ = PROBLEMS[name]
    for first, second in zip(make(), make()):
        np.testing.assert_array_equal(first, second)


def test_regression_is_standardised_over_all_1000_samples():
    X_train, X_test, y_train, y_test = datasets.regression()
    X, y = np.vstack([X_train, X_test]), np.concatenate([y_train, y_test])
    np.testing.assert_allclose(X.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(X.std(axis=0), 1, rtol=1e-12)
    assert abs(y.mean()) < 1e-12 and abs(y.std() - 1) < 1e-12
    # The train half alone is not exactly standardised: the scaler saw all 1000.
    assert abs(X_train.mean(axis=0)).max() > 1e-3


def test_regression_is_make_regression_rescaled():
    X_raw, y_raw = sklearn_datasets.make_regression(
        n_samples=1000, n_features=20, noise=0.1, random_state=1)
    X_train, _, y_train, _ = datasets.regression()
    np.testing.assert_allclose(X_train, ((X_raw - X_raw.mean(0)) / X_raw.std(0))[:500],
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(y_train, ((y_raw - y_raw.mean()) / y_raw.std())[:500],
                               rtol=1e-12, atol=1e-12)


def test_circles_is_the_articles_problem():
    X_raw, y_raw = sklearn_datasets.make_circles(n_samples=1000, noise=0.1, random_state=1)
    X_train, X_test, y_train, y_test = datasets.circles()
    np.testing.assert_array_equal(np.vstack([X_train, X_test]), X_raw)
    np.testing.assert_array_equal(np.concatenate([y_train, y_test]), y_raw)
    assert set(np.unique(y_train)) == {0, 1}
    assert np.issubdtype(y_train.dtype, np.integer)


def test_blobs_is_the_articles_problem():
    X_raw, y_raw = sklearn_datasets.make_blobs(
        n_samples=1000, centers=3, n_features=2, cluster_std=2, random_state=2)
    X_train, X_test, y_train, y_test = datasets.blobs()
    np.testing.assert_array_equal(np.vstack([X_train, X_test]), X_raw)
    np.testing.assert_array_equal(np.concatenate([y_train, y_test]), y_raw)
    assert set(np.unique(y_train)) == set(np.unique(y_test)) == {0, 1, 2}
    assert np.issubdtype(y_train.dtype, np.integer)


def test_sklearn_is_imported_lazily():
    source = open(datasets.__file__, encoding="utf-8").read()
    top_level = [line for line in source.splitlines()
                 if line.startswith(("import ", "from "))]
    assert not any("sklearn" in line for line in top_level)
