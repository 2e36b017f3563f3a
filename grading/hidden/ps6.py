"""Hidden checks of problem set 6 (13 points; the rubrics grade 17 more)."""

import numpy as np

from lossutils.datasets import imbalanced, imbalanced_posterior
from lossutils.exercises import close, hidden


def _fits(seed):
    rng = np.random.default_rng(int(seed))
    x = rng.standard_normal(5000)
    y = (rng.random(5000) < 1 / (1 + np.exp(3 - 1.5 * x))).astype(int)
    X = np.column_stack([np.ones_like(x), x])
    out = []
    for w1 in (1.0, 10.0):
        v = np.where(y == 1, w1, 1.0)
        beta = np.zeros(2)
        for _ in range(40):
            q = 1 / (1 + np.exp(-(X @ beta)))
            beta = beta - np.linalg.solve(X.T @ (X * (v * q * (1 - q))[:, None]), X.T @ (v * (q - y)))
        out.append(beta)
    return out


# The public check asks for a mean gradient below 1e-8 at the student's seed, which puts each fit within
# about 1e-6 of the minimiser: inside these tolerances. scikit-learn at its default tol (1e-4) is not
# converged (about 2e-3 off) and earns nothing; with tol=1e-10 it passes.
def _converged(seed, fit, weight):
    """The public check's criterion: the mean gradient of the (weighted) NLL below 1e-8 at the fit on
    the seed's data, which puts the fit within 1e-6 of the minimiser (`_fits`)."""
    from lossutils.exercises.ps6 import _data, _gradient

    fit = np.asarray(fit, dtype=float)
    x, y = _data(int(seed))
    return fit.shape == (2,) and bool(np.abs(_gradient(x, y, weight, fit)).max() <= 1e-8)


@hidden("ps6-p1", points=2)
def _(seed, unweighted, **_):
    return _converged(seed, unweighted, 1.0)


@hidden("ps6-p1", points=2)
def _(seed, weighted, **_):
    return _converged(seed, weighted, 10.0)


def _centre(gradient):
    rng = np.random.default_rng(66)
    sample = np.concatenate([rng.normal(3.0, 1.0, 95), np.full(5, 30.0)])
    c = float(np.median(sample))
    for _ in range(2000):
        c -= 0.1 * np.mean(gradient(c - sample))
    return c


@hidden("ps6-p2", points=2)
def _(buggy, **_):
    # The buggy iterates chatter by about 0.002 (the sign at |r| <= 1 jumps): 3e-3 covers them.
    return close(buggy, _centre(lambda r: np.where(np.abs(r) <= 1, np.sign(r), r)), atol=3e-3)


@hidden("ps6-p2", points=2)
def _(fixed, **_):
    return close(fixed, _centre(lambda r: np.clip(r, -1, 1)), atol=1e-3)


def _test():
    X_train, X_test, y_train, y_test = imbalanced()
    return y_train, y_test, imbalanced_posterior(X_test)


def _balanced_accuracy(y, decision):
    return float(np.mean([np.mean(decision[y == c] == c) for c in (0, 1)]))


@hidden("ps6-p3", points=3)
def _(prior_nll, bayes, **_):
    y_train, y_test, posterior = _test()
    pi = y_train.mean()
    nll = -np.mean(y_test * np.log(pi) + (1 - y_test) * np.log(1 - pi))
    ba = _balanced_accuracy(y_test, (posterior > 0.05).astype(int))  # 0.846
    return 1.5 * close(prior_nll, nll, rtol=1e-6) + 1.5 * close(bayes, ba, rtol=1e-9)


def _decisions(decide, X):
    d = np.asarray(decide(np.array(X)))
    if d.shape not in ((len(X),), (len(X), 1)) or not np.all((d == 0) | (d == 1)):
        raise ValueError("not one decision per row")
    return d.ravel().astype(int)


def _population(n=200_000, seed=6161):
    # The law of imbalanced(): class 1 with probability 0.05, inputs N(0, I), shifted by (2, 1) in class 1.
    # Not the public check's sample (seed 60), so that no threshold can be chosen on the graded draws.
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.05).astype(int)
    return rng.standard_normal((n, 2)) + y[:, None] * np.array([2.0, 1.0]), y


@hidden("ps6-p3", points=1)
def _(chosen, decide, **_):
    # chosen must be the test balanced accuracy of decide's decisions, not a typed number.
    X_test, y_test = imbalanced()[1], _test()[1]
    return close(chosen, _balanced_accuracy(y_test, _decisions(decide, X_test)), rtol=1e-9)


@hidden("ps6-p3", points=1)
def _(decide, **_):
    # The balanced accuracy expected under the true posterior p on 200000 draws (recalls weighted by p
    # and 1 - p instead of labels), free of the test set's 23 positives' noise: the Bayes rule 0.868,
    # logistic regression at the training prior 0.866, weighted at 1/2 0.866, the networks 0.854 to
    # 0.868; a threshold at 1/2 without weights gives 0.67 and earns nothing. The Bayes rule itself
    # (imbalanced_posterior > 0.05, on the page for the baseline) earns nothing: a fitted rule differs
    # from it on 1.5% to 5% of the draws, so a rule that differs on fewer than 0.1% is the posterior.
    # The rubric gives the whole problem 0 for it.
    X, _ = _population()
    d = _decisions(decide, X)
    p = imbalanced_posterior(X)
    if np.mean(d != (p > 0.05)) < 0.001:
        return 0
    expected = float(np.mean(0.5 * (d @ p / p.sum() + (1 - d) @ (1 - p) / (1 - p).sum())))
    return expected > 0.84
