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


# The checks below use the public check's criterion: a gradient below 1e-7 at the student's w (within
# about 2.3e-7 of the minimiser, `_fit`), and the mean rate at that w. A BFGS fit with gtol=1e-10 passes.
def _converged(seed, w):
    """Whether w is the fit the statement asks for: the mean gradient below 1e-7 on the seed's data,
    the public check's criterion (it puts w within about 2.3e-7 of the minimiser)."""
    from lossutils.exercises.ps5 import _data

    w = np.asarray(w, dtype=float)
    x, y = _data(int(seed))
    mu = np.exp(w[0] + w[1] * x)
    return w.shape == (2,) and abs(np.mean(x * (mu - y))) <= 1e-7 and abs(np.mean(mu - y)) <= 1e-7, mu


@hidden("ps5-p1", points=3)
def _(seed, w, **_):
    return _converged(seed, w)[0]


@hidden("ps5-p1", points=2)
def _(seed, w, mean_rate, **_):
    converged, mu = _converged(seed, w)
    return converged and close(mean_rate, mu.mean(), rtol=1e-8)


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


@hidden("ps5-p3", points=1)
def _(trivial, **_):
    X_train, X_test, y_train, y_test = counts()
    return close(trivial, _deviance(y_test, np.full(500, y_train.mean())), rtol=1e-8)


@hidden("ps5-p3", points=1)
def _(floor, **_):
    X_train, X_test, y_train, y_test = counts()
    return close(floor, _deviance(y_test, counts_rate(X_test)), rtol=1e-8)


def _rates(rates):
    # The true rate submitted as the model (it is on the page, for the floor) earns nothing: a row within
    # 0.1% of counts_rate(X_test) at every test input. No fitted model comes near (the regression on
    # pairs is 45% off at its worst test input). The rubric gives the whole problem 0 for it.
    mu = np.atleast_2d(np.asarray(rates, dtype=float))
    if mu.ndim != 2 or mu.shape[1] != 500 or not np.all(mu > 0):
        return None
    lam = counts_rate(counts()[1])
    if np.any(np.max(np.abs(mu / lam - 1), axis=1) < 1e-3):
        return None
    return mu


@hidden("ps5-p3", points=1)
def _(chosen, rates, **_):
    # chosen must be the test deviance of the recorded predictions (mean over seeds), not a typed number.
    mu = _rates(rates)
    y_test = counts()[3]
    return mu is not None and close(chosen, np.mean([_deviance(y_test, row) for row in mu]), rtol=1e-6)


@hidden("ps5-p3", points=2)
def _(rates, **_):
    # The expected deviance above the floor at the test inputs, free of the test counts' noise:
    # 2 mean(lam log(lam / mu) - (lam - mu)). Full marks below 0.048 (the statement says so): the
    # solution's regression on pairs 0.027 and its Poisson networks (rate 0.003, 8 seeds) 0.040 earn 2,
    # and so do the reasonable variants, 0.036 to 0.046 (Adam, relu, 50 epochs); the regression on the
    # inputs alone (0.0495, it misses the interaction) and the squared-error network (rate 0.0003, the
    # validation choice) 0.054 earn 1; the training mean (0.63) earns 0. A typed-in or test-selected
    # number does not enter, nor does the true rate (see _rates).
    mu = _rates(rates)
    if mu is None:
        return 0
    lam = counts_rate(counts()[1])
    excess = float(np.mean(2 * (lam * np.log(lam / mu) - (lam - mu))))
    return 2 if excess < 0.048 else 1 if excess < 0.1 else 0
