"""Public checks of problem set 5 (building a loss).

Each public check is at least as strict as the hidden check that grades the same value, so that an
answer told "right" here earns its points.
"""

import numpy as np

from . import close, exercise


def _data(seed):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, 300)
    return x, rng.poisson(np.exp(0.5 + 0.8 * x))


@exercise(
    "ps5-p1",
    seed="your student number, the seed your data were drawn with (an int)",
    w="the converged Newton fit (intercept, slope) for the features (1, x) (an array of 2 floats)",
    mean_rate="the mean of the fitted rates exp(w0 + w1 x) over your 300 inputs (a float)",
)
def _(seed, w, mean_rate):
    w = np.asarray(w, dtype=float)
    if w.shape != (2,):
        return "Give w as two numbers: the intercept, then the slope."
    x, y = _data(int(seed))
    mu = np.exp(w[0] + w[1] * x)
    # A gradient below 1e-7 puts w within about 2.3e-7 of the minimiser (the Hessian's smallest
    # eigenvalue is above 0.43 for these data), inside the hidden check's 1e-6.
    if abs(np.mean(x * (mu - y))) > 1e-7 or abs(np.mean(mu - y)) > 1e-7:
        return "The gradient at your w is not zero (above 1e-7): run more Newton steps, or check the Hessian."
    if not close(mean_rate, mu.mean(), rtol=1e-8):
        return "mean_rate should be the mean of exp(w0 + w1 x) at your w."
    return None


def _counts_fits():
    from scipy.optimize import minimize
    from sklearn.linear_model import PoissonRegressor

    from lossutils.datasets import counts

    X_train, X_test, y_train, y_test = counts()
    A = np.column_stack([np.ones(500), X_train])
    buggy = minimize(lambda w: np.mean(np.exp(A @ w) - y_train * np.log1p(np.exp(A @ w))),
                     np.zeros(4), method="BFGS").x
    model = PoissonRegressor(alpha=1e-10, max_iter=1000, tol=1e-10).fit(X_train, y_train)
    return float(np.exp(A @ buggy).mean()), float(y_train.mean()), _deviance(y_test, model.predict(X_test))


def _deviance(y, mu):
    y_log = np.where(y > 0, y * np.log(np.where(y > 0, y, 1) / mu), 0.0)
    return float(np.mean(2 * (y_log - (y - mu))))


@exercise(
    "ps5-p2",
    rate_buggy="the buggy fit's mean fitted rate on the training set (a float)",
    rate_fixed="the fixed fit's mean fitted rate on the training set (a float)",
    test_deviance="the fixed fit's mean Poisson deviance on the test set (a float)",
)
def _(rate_buggy, rate_fixed, test_deviance):
    if not 0 < rate_buggy < rate_fixed:
        return "Compare the two mean rates: which way does the guard move the fit?"
    buggy, fixed, deviance = _counts_fits()
    if not close(rate_fixed, fixed, atol=1e-4):
        return "The fixed fit should satisfy the balance property of problem 1."
    if not close(rate_buggy, buggy, atol=2e-3):
        return "rate_buggy should be the mean of exp(A w) at the minimiser of the buggy loss, converged."
    if not close(test_deviance, deviance, atol=1e-4):
        return "The deviance is 2 [y log(y / mu) - (y - mu)] averaged, with 0 log 0 = 0, at the converged fit."
    return None


def expected_excess(rates):
    """The mean over rows of 2 mean(lam log(lam / mu) - (lam - mu)) at the test inputs, lam the true rate.

    The deviance above the true rate's that fresh counts at the test inputs would give on average: it
    has none of the test counts' noise.
    """
    from lossutils.datasets import counts, counts_rate

    lam = counts_rate(counts()[1])
    mu = np.atleast_2d(np.asarray(rates, dtype=float))
    return float(np.mean(2 * (lam * np.log(lam / mu) - (lam - mu))))


@exercise(
    "ps5-p3",
    trivial="the test mean Poisson deviance of predicting the training mean count (a float)",
    floor="the test mean Poisson deviance of the true rate counts_rate(X_test) (a float)",
    chosen="your chosen model's test mean Poisson deviance (for a network, the mean over seeds of "
           "each seed's deviance) (a float)",
    rates="your chosen model's predicted rates at X_test (an array of 500 floats; for a network one "
          "row per seed, shape (seeds, 500))",
)
def _(trivial, floor, chosen, rates):
    from lossutils.datasets import counts, counts_rate

    X_train, X_test, y_train, y_test = counts()
    if not close(floor, _deviance(y_test, counts_rate(X_test)), rtol=1e-8):
        return "The floor is the deviance of counts_rate(X_test) against y_test."
    if not close(trivial, _deviance(y_test, np.full(500, y_train.mean())), rtol=1e-8):
        return "The trivial model predicts the mean of y_train for every test input."
    mu = np.atleast_2d(np.asarray(rates, dtype=float))
    if mu.ndim != 2 or mu.shape[1] != 500 or not np.all(mu > 0):
        return "Give rates as your model's positive predictions at the 500 test inputs (one row per seed)."
    if is_true_rate(mu):
        return ("These rates are the true rate, the floor: it is known only because the data are "
                "simulated. Give your fitted model's predictions.")
    if not close(chosen, np.mean([_deviance(y_test, row) for row in mu]), rtol=1e-6):
        return "chosen should be the mean over seeds of the test deviance of the rates you give."
    excess = expected_excess(mu)
    if not excess < 0.048:
        return (f"Your rates' expected deviance above the true rate's at the test inputs is {excess:.3f}; "
                "a Poisson network or a regression with the right features gets below 0.048.")
    return None


def is_true_rate(rates):
    """True when a row of ``rates`` is within 0.1% of counts_rate(X_test) at every test input.

    No model fitted on 500 counts comes near that (the regression on pairs is 45% off at its worst
    test input).
    """
    from lossutils.datasets import counts, counts_rate

    lam = counts_rate(counts()[1])
    mu = np.atleast_2d(np.asarray(rates, dtype=float))
    return bool(np.any(np.max(np.abs(mu / lam - 1), axis=1) < 1e-3))
