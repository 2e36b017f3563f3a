"""Public checks of problem set 6 (choosing a loss, weights and robustness).

Each public check is at least as strict as the hidden check that grades the same value, so that an
answer told "right" here earns its points.
"""

import numpy as np

from . import close, exercise


def _data(seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(5000)
    return x, (rng.random(5000) < 1 / (1 + np.exp(3 - 1.5 * x))).astype(int)


def _gradient(x, y, w1, beta):
    """The mean gradient of the class-weighted logistic NLL (w0 = 1) at beta = (intercept, slope)."""
    X = np.column_stack([np.ones_like(x), x])
    v = np.where(y == 1, w1, 1.0)
    q = 1 / (1 + np.exp(-(X @ beta)))
    return X.T @ (v * (q - y)) / len(y)


@exercise(
    "ps6-p1",
    seed="your student number, the seed your data were drawn with (an int)",
    unweighted="the converged unweighted logistic regression's (intercept, slope) (an array of 2 floats)",
    weighted="the converged fit with w0 = 1, w1 = 10 (intercept, slope) (an array of 2 floats)",
)
def _(seed, unweighted, weighted):
    unweighted, weighted = np.asarray(unweighted, float), np.asarray(weighted, float)
    if unweighted.shape != (2,) or weighted.shape != (2,):
        return "Give each fit as two numbers: the intercept, then the slope."
    x, y = _data(int(seed))
    # A mean gradient below 1e-8 puts each fit within 1e-6 of the minimiser (the Hessian's smallest
    # eigenvalue is about 0.02), inside the hidden check's 1e-5.
    if np.abs(_gradient(x, y, 1.0, unweighted)).max() > 1e-8:
        return "The unweighted NLL's gradient at your fit is not zero (above 1e-8): converge further, without a penalty."
    if np.abs(_gradient(x, y, 10.0, weighted)).max() > 1e-8:
        return ("The weighted NLL's gradient at your fit is not zero: weight each example of class 1 "
                "by 10, and run Newton's method to convergence.")
    return None


def _centre(gradient):
    rng = np.random.default_rng(66)
    sample = np.concatenate([rng.normal(3.0, 1.0, 95), np.full(5, 30.0)])
    c = float(np.median(sample))
    for _ in range(2000):
        c -= 0.1 * np.mean(gradient(c - sample))
    return c


@exercise(
    "ps6-p2",
    buggy="the centre the buggy gradient reaches after its 2000 steps (a float)",
    fixed="the centre with the gradient fixed, same steps and rate (a float)",
)
def _(buggy, fixed):
    if not buggy > fixed:
        return "Which of the two estimates do the outliers at 30 pull further up?"
    if not close(fixed, _centre(lambda r: np.clip(r, -1, 1)), atol=1e-3):
        return "The fixed estimate should be near the centre of the 95 inliers; check the gradient against lossutils.huber.grad."
    if not close(buggy, _centre(lambda r: np.where(np.abs(r) <= 1, np.sign(r), r)), atol=3e-3):
        return "Run the student's code as it is for buggy: same start, steps and rate."
    return None


def _imbalanced():
    from lossutils.datasets import imbalanced, imbalanced_posterior

    X_train, X_test, y_train, y_test = imbalanced()
    return y_train, y_test, imbalanced_posterior(X_test)


def balanced_accuracy(y, decision):
    """The mean of the two classes' recalls."""
    return float(np.mean([np.mean(decision[y == c] == c) for c in (0, 1)]))


POPULATION_SIZE, POPULATION_SEED = 200_000, 60


def population(n=POPULATION_SIZE, seed=POPULATION_SEED):
    """Draws from the imbalanced problem's law (class 1 with probability 0.05, shifted by (2, 1)).

    Inputs N(0, I), shifted by (2, 1) in class 1. This is the public check's sample, the one the
    solution shows; the grader draws its own.
    """
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.05).astype(int)
    return rng.standard_normal((n, 2)) + y[:, None] * np.array([2.0, 1.0]), y


def expected_balanced_accuracy(X, decisions):
    """The balanced accuracy of ``decisions`` at the inputs ``X`` expected under the true posterior.

    Each class's recall is weighted by the posterior p(x) (class 1) or 1 - p(x) (class 0) instead of
    labels, so it has none of the labels' noise.
    """
    from lossutils.datasets import imbalanced_posterior

    p = imbalanced_posterior(X)
    d = np.asarray(decisions, dtype=float)
    return float(0.5 * (d @ p / p.sum() + (1 - d) @ (1 - p) / (1 - p).sum()))


def _decisions(decide, X):
    d = np.asarray(decide(np.array(X)))
    if d.shape not in ((len(X),), (len(X), 1)) or not np.all((d == 0) | (d == 1)):
        raise ValueError("decide(X) should return one True (predict 1) or False per row of X")
    return d.ravel().astype(int)


@exercise(
    "ps6-p3",
    prior_nll="the test log loss of predicting the training prior for every test example (a float, nats)",
    bayes="the test balanced accuracy of the Bayes rule imbalanced_posterior(X_test) > 0.05 (a float)",
    decide="your decision rule: a function decide(X) of an (n, 2) array of inputs returning n booleans, "
           "True for 'predict class 1'; for a network, one rule from its 8 runs (the mean of their "
           "probabilities against your threshold). The checker also scores it on 200000 draws from the "
           "problem's law",
    chosen="the test balanced accuracy of decide's decisions on X_test (a float)",
)
def _(prior_nll, bayes, decide, chosen):
    from lossutils.datasets import imbalanced, imbalanced_posterior

    y_train, y_test, posterior = _imbalanced()
    pi = y_train.mean()
    if not close(prior_nll, -np.mean(y_test * np.log(pi) + (1 - y_test) * np.log(1 - pi)), rtol=1e-6):
        return ("The log loss of a constant prediction pi is -[y log pi + (1 - y) log(1 - pi)], averaged, "
                "in nats, with pi the training frequency of class 1.")
    if not close(bayes, balanced_accuracy(y_test, (posterior > 0.05).astype(int)), rtol=1e-9):
        return "The Bayes rule here is imbalanced_posterior(X_test) > 0.05: the posterior against the population's prior."
    X, _ = population()
    d = _decisions(decide, X)
    # A fitted rule differs from the Bayes rule on 1.5% to 5% of the draws; the grader refuses below 0.1%.
    if np.mean(d != (imbalanced_posterior(X) > 0.05)) < 0.002:
        return ("Your rule is the Bayes rule itself, known only because the data are simulated: give the "
                "rule of a model you fitted.")
    if not close(chosen, balanced_accuracy(y_test, _decisions(decide, imbalanced()[1])), rtol=1e-9):
        return "chosen should be the test balanced accuracy of the decisions your decide makes on X_test."
    if not expected_balanced_accuracy(X, d) > 0.845:
        return ("Your rule's balanced accuracy, expected under the known posterior on many draws, is well "
                "below the Bayes rule's: for balanced accuracy, where should the threshold lie?")
    return None
