"""Hidden checks of problem set 5 (14 points; the rubrics grade 16 more)."""

import numpy as np

from lossutils.datasets import counts, counts_rate
from lossutils.exercises import close, hidden


def _fit(seed):
    rng = np.random.default_rng(int(seed))
    x = rng.uniform(-1.0, 1.0, 300)
    y = rng.poisson(np.exp(0.5 + 0.8 * x))
    X = np.column_stack([np.ones_like(x), x])
    w = np.zeros(2)
    for _ in range(40):
        mu = np.exp(X @ w)
        w = w - np.linalg.solve(X.T @ (X * mu[:, None]) / len(y), X.T @ (mu - y) / len(y))
    return w, np.exp(X @ w).mean()


def _deviance(y, mu):
    y_log = np.where(y > 0, y * np.log(np.where(y > 0, y, 1) / mu), 0.0)
    return float(np.mean(2 * (y_log - (y - mu))))


@hidden("ps5-p1", points=3)
def _(seed, w, **_):
    return close(w, _fit(seed)[0], atol=1e-6)


@hidden("ps5-p1", points=2)
def _(seed, mean_rate, **_):
    return close(mean_rate, _fit(seed)[1], rtol=1e-8)


def _buggy_and_fixed():
    from scipy.optimize import minimize

    X_train, X_test, y_train, y_test = counts()
    A = np.column_stack([np.ones(500), X_train])
    buggy = minimize(lambda w: np.mean(np.exp(A @ w) - y_train * np.log1p(np.exp(A @ w))),
                     np.zeros(4), method="BFGS").x
    return float(np.exp(A @ buggy).mean()), float(y_train.mean())


@hidden("ps5-p2", points=2)
def _(rate_buggy, rate_fixed, **_):
    buggy, fixed = _buggy_and_fixed()
    return close(rate_buggy, buggy, atol=2e-3) + close(rate_fixed, fixed, atol=1e-4)


@hidden("ps5-p2", points=2)
def _(test_deviance, **_):
    from sklearn.linear_model import PoissonRegressor

    X_train, X_test, y_train, y_test = counts()
    model = PoissonRegressor(alpha=1e-10, max_iter=1000, tol=1e-10).fit(X_train, y_train)
    return close(test_deviance, _deviance(y_test, model.predict(X_test)), atol=1e-4)


@hidden("ps5-p3", points=3)
def _(trivial, floor, **_):
    X_train, X_test, y_train, y_test = counts()
    return (1.5 * close(trivial, _deviance(y_test, np.full(500, y_train.mean())), rtol=1e-8)
            + 1.5 * close(floor, _deviance(y_test, counts_rate(X_test)), rtol=1e-8))


@hidden("ps5-p3", points=2)
def _(chosen, floor, **_):
    # Full marks within 0.06 of the floor (a Poisson network or a regression on pairs), 1 within 0.1.
    gap = float(chosen) - float(floor)
    return 2 if 0 < gap < 0.06 else 1 if 0 < gap < 0.1 else 0
