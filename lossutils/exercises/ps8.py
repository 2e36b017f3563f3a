"""Public checks of problem set 8 (loss versus metric)."""

from functools import lru_cache

import numpy as np

from . import close, exercise


def _data(seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(4000)
    return x, (rng.random(4000) < 1 / (1 + np.exp(1 - 2 * x))).astype(int)


def _gradients(w, x, y):
    """The mean log loss's and the mean power score S_3's gradients at w = (intercept, slope)."""
    z = w[0] + w[1] * x
    q = 1 / (1 + np.exp(-z))
    r = q - y
    dz = 3 * r * np.abs(r) * q * (1 - q)
    return np.array([r.mean(), (r * x).mean()]), np.array([dz.mean(), (dz * x).mean()])


def _power_score(w, x, y):
    q = 1 / (1 + np.exp(-(w[0] + w[1] * x)))
    return float(np.mean(np.abs(q - y) ** 3))


@lru_cache(maxsize=4)
def _fits(seed):
    """The two minimisers (log loss, power score S_3) on the seed's data, to a gradient of 1e-12."""
    from scipy.optimize import minimize

    x, y = _data(seed)

    def log_loss(w):
        z = w[0] + w[1] * x
        return np.mean(np.logaddexp(0, z) - y * z), _gradients(w, x, y)[0]

    def power(w):
        return _power_score(w, x, y), _gradients(w, x, y)[1]

    options = {"gtol": 1e-12, "maxiter": 1000}
    first = minimize(log_loss, np.zeros(2), jac=True, method="BFGS", options=options).x
    return first, minimize(power, first / 2, jac=True, method="BFGS", options=options).x


@exercise(
    "ps8-p1",
    seed="your student number, the seed your data were drawn with (an int)",
    log_fit="the fit by mean log loss, (intercept, slope) (an array of 2 floats)",
    power_fit="the fit by the mean power score |q - y|^3, (intercept, slope) (an array of 2 floats)",
    q_threshold="the threshold on the S_3 model's q that matches p > 1/6, from part 2's closed form "
                "(a float, to 3 significant digits or better)",
)
def _(seed, log_fit, power_fit, q_threshold):
    log_fit, power_fit = np.asarray(log_fit, float), np.asarray(power_fit, float)
    if log_fit.shape != (2,) or power_fit.shape != (2,):
        return "Give each fit as two numbers: the intercept, then the slope."
    x, y = _data(int(seed))
    best_log, best_power = _fits(int(seed))
    if np.abs(_gradients(log_fit, x, y)[0]).max() > 1e-6 or not close(log_fit, best_log, atol=5e-5):
        return ("The log loss's gradient at your log_fit is not below 1e-6: fit it on your seed's data, "
                "further (with scipy, a smaller gtol).")
    if np.abs(_gradients(power_fit, x, y)[1]).max() > 1e-6:
        return ("The power score's gradient at your power_fit is not zero: check the gradient against "
                "central differences and fit further.")
    if (_power_score(power_fit, x, y) > _power_score(best_power, x, y) + 1e-9
            or not close(power_fit, best_power, atol=1e-4)):
        return ("Your power_fit has a small gradient but not the smallest mean score: a flat region where "
                "every q is near 0 or 1. Start from the log-loss fit, or take smaller steps.")
    if not 1 / 6 < float(q_threshold) < 0.5:
        return "Part 1 says which way S_3's reports lean; the threshold on q moves the same way from 1/6."
    if not close(q_threshold, 1 / (1 + np.sqrt(5)), rtol=1e-3):
        return "Derive the threshold in closed form from part 1: the best report q*_3 at p = 1/6."
    return None


def _buggy_ece(y, p):
    confidence = np.maximum(p, 1 - p)
    correct = (p > 0.5) == y
    bins = np.minimum((confidence * 10).astype(int), 9)
    return float(np.mean([abs(correct[bins == b].mean() - confidence[bins == b].mean())
                          for b in range(10) if np.any(bins == b)]))


def _ece_cases():
    """Forecasts of three shapes: spread over [0, 1], crowded near 0 (empty bins), and the test set's."""
    rng = np.random.default_rng(77)
    cases = []
    for p in (rng.uniform(0.001, 0.999, 500), rng.beta(0.3, 6.0, 400)):
        cases.append(((rng.random(p.size) < np.clip(1.2 * p, 0, 1)).astype(int), p))
    cases.append((_y_test(), _p_logistic()))
    return cases


@exercise(
    "ps8-p2",
    buggy="the buggy function's ECE of the logistic regression on the test set (a float)",
    fixed="your fixed function's ECE of the same predictions (a float)",
    ece="your fixed function: ece(y_true, p_class_1) -> float, with ten bins",
)
def _(buggy, fixed, ece):
    if not close(buggy, _buggy_ece(_y_test(), _p_logistic()), atol=2e-4):
        return "buggy is the number the student's code prints, unchanged."
    if not 0 < fixed < buggy:
        return "Which bins does the buggy average give too much weight?"
    from lossutils import expected_calibration_error

    for y, p in _ece_cases():
        if not close(ece(y, p), expected_calibration_error(y, p), atol=1e-9):
            return ("Compare your function with lossutils.expected_calibration_error on a few forecasts, "
                    "some with empty bins.")
    if not close(fixed, ece(_y_test(), _p_logistic()), atol=1e-4):
        return "fixed should be your function's value on the logistic regression's test predictions."
    return None


def _y_test():
    from lossutils.datasets import imbalanced

    return imbalanced()[3]


@lru_cache(maxsize=1)
def _p_logistic():
    from sklearn.linear_model import LogisticRegression

    from lossutils.datasets import imbalanced

    X_train, X_test, y_train, _ = imbalanced()
    model = LogisticRegression(C=np.inf, tol=1e-10, max_iter=1000).fit(X_train, y_train)
    return model.predict_proba(X_test)[:, 1]


POPULATION_SIZE, POPULATION_SEED = 200_000, 80


@lru_cache(maxsize=1)
def _population():
    """Draws from the imbalanced problem's law (class 1 with probability 0.05, shifted by (2, 1)).

    This is the public check's sample, the one the solution shows; the grader draws its own.
    """
    rng = np.random.default_rng(POPULATION_SEED)
    y = (rng.random(POPULATION_SIZE) < 0.05).astype(int)
    return rng.standard_normal((POPULATION_SIZE, 2)) + y[:, None] * np.array([2.0, 1.0]), y


def _mean_cost(decisions, y):
    return float(np.mean(1.0 * (decisions & (y == 0)) + 10.0 * (~decisions & (y == 1))))


def _decisions(decide, X):
    d = np.asarray(decide(np.array(X)))
    if d.shape not in ((len(X),), (len(X), 1)) or not np.all((d == 0) | (d == 1)):
        raise ValueError("decide(X) should return one True (predict 1) or False per row of X")
    return d.ravel().astype(bool)


def _probabilities(probability, X):
    p = np.asarray(probability(np.array(X)), dtype=float).ravel()
    if p.shape != (len(X),) or not np.all((p > 0) & (p < 1)):
        raise ValueError("probability(X) should return one probability in (0, 1) per row of X")
    return p


def _log_loss(y, p):
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p)))


def _bayes_test():
    from lossutils.datasets import imbalanced, imbalanced_posterior

    X_test, y_test = imbalanced()[1], imbalanced()[3]
    return _mean_cost(imbalanced_posterior(X_test) > 1 / 11, y_test)


@exercise(
    "ps8-p3",
    trivial_cost="the test cost per example of the better of 'always 0' and 'always 1' (a float)",
    bayes_cost="the test cost per example of imbalanced_posterior with the cost-minimising threshold (a float)",
    probability="your model's probability of class 1: a function probability(X) of an (n, 2) array of "
                "inputs returning n floats in (0, 1); for a network, the mean of its 8 runs' probabilities",
    decide="your decision rule, a threshold on those probabilities: a function decide(X) returning n "
           "booleans, True for 'predict class 1' (the checker also scores it on 200000 draws from the "
           "problem's law)",
    chosen_cost="the test cost per example of decide's decisions on X_test (a float)",
    chosen_log_loss="the test log loss of probability(X_test), in nats (a float)",
)
def _(trivial_cost, bayes_cost, probability, decide, chosen_cost, chosen_log_loss):
    from lossutils.datasets import imbalanced, imbalanced_posterior

    X_test, y_test = imbalanced()[1], imbalanced()[3]
    if not close(trivial_cost, min(10 * np.mean(y_test == 1), np.mean(y_test == 0)), rtol=1e-9):
        return ("A constant decision costs c_FN times the share of class 1, or c_FP times the share of "
                "class 0, on the test set.")
    if not close(bayes_cost, _bayes_test(), rtol=1e-9):
        return ("The Bayes rule predicts 1 when the posterior exceeds c_FP / (c_FP + c_FN), not 1/2; "
                "its cost is the mean over the test set.")
    X, y = _population()
    bayes = imbalanced_posterior(X) > 1 / 11
    d, p = _decisions(decide, X), _probabilities(probability, X)
    # The solution's rule differs from the Bayes rule on 3.1% of the draws; the grader refuses a rule
    # that differs on fewer than 0.1%, or probabilities within 1e-3 of the posterior at every draw.
    if np.mean(d != bayes) < 0.002 or np.max(np.abs(p - imbalanced_posterior(X))) < 2e-3:
        return ("Your rule or probabilities are the Bayes posterior's, known only because the data are "
                "simulated: give those of a model you fitted.")
    if d.all() or (~d).all() or p[~d].max() > p[d].min():
        return "decide should predict 1 exactly where probability(X) exceeds one threshold, your rule's."
    if _mean_cost(d, y) - _mean_cost(bayes, y) > 0.025:
        return ("Your rule's expected cost, on many draws from the problem's law, is more than 0.025 above "
                "the Bayes rule's: check the threshold your rule uses.")
    if not close(chosen_cost, _mean_cost(_decisions(decide, X_test), y_test), atol=1e-9):
        return "chosen_cost should be the test cost of the decisions your decide makes on X_test."
    if not close(chosen_log_loss, _log_loss(y_test, _probabilities(probability, X_test)), rtol=1e-6):
        return "chosen_log_loss should be the test log loss, in nats, of probability(X_test)."
    if not _log_loss(y, p) - _log_loss(y, imbalanced_posterior(X)) < 0.018:
        return ("Your probabilities' log loss on many draws from the law is more than 0.018 above the Bayes "
                "posterior's: are they calibrated probabilities of class 1, not weighted scores?")
    return None
