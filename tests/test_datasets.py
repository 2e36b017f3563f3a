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


@pytest.mark.parametrize("make, n_features", [(datasets.counts, 3), (datasets.imbalanced, 2)])
def test_problem_set_data_split_and_deterministic(make, n_features):
    X_train, X_test, y_train, y_test = make()
    assert X_train.shape == X_test.shape == (500, n_features)
    assert y_train.shape == y_test.shape == (500,)
    assert np.issubdtype(y_train.dtype, np.integer)
    for first, second in zip(make(), make()):
        np.testing.assert_array_equal(first, second)


def test_counts_are_poisson_with_the_documented_rate():
    X_train, X_test, y_train, y_test = datasets.counts()
    X, y = np.vstack([X_train, X_test]), np.concatenate([y_train, y_test])
    assert X.min() >= -1 and X.max() <= 1 and y.min() >= 0
    rate = datasets.counts_rate(X)
    np.testing.assert_allclose(rate, np.exp(0.2 + 0.9 * X[:, 0] - 0.6 * X[:, 1]
                                            + 0.5 * X[:, 0] * X[:, 2]), rtol=1e-12)
    # Poisson: the mean and the variance of the residuals y - rate both match the rate.
    assert abs((y - rate).mean()) < 3 * np.sqrt(rate.mean() / len(y))
    assert abs(((y - rate) ** 2).mean() / rate.mean() - 1) < 0.15


def test_imbalanced_is_rare_and_its_posterior_is_bayes():
    X_train, X_test, y_train, y_test = datasets.imbalanced()
    X, y = np.vstack([X_train, X_test]), np.concatenate([y_train, y_test])
    assert set(np.unique(y)) == {0, 1} and 0.02 < y.mean() < 0.08
    posterior = datasets.imbalanced_posterior(X)
    assert np.all((posterior > 0) & (posterior < 1))
    # The posterior is calibrated: its mean is the prior, within the sampling error.
    assert abs(posterior.mean() - y.mean()) < 3 * np.sqrt(0.05 * 0.95 / len(y))
    # It equals Bayes' rule applied to the two Gaussian densities.
    mu = np.array([2.0, 1.0])
    like1 = np.exp(-0.5 * ((X - mu) ** 2).sum(1))
    like0 = np.exp(-0.5 * (X ** 2).sum(1))
    np.testing.assert_allclose(posterior, 0.05 * like1 / (0.05 * like1 + 0.95 * like0), rtol=1e-10)
