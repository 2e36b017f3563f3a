"""Public checks of problem set 5 (building a loss)."""

import numpy as np

from . import close, exercise


def _data(seed):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, 300)
    return x, rng.poisson(np.exp(0.5 + 0.8 * x))


@exercise(
    "ps5-p1",
    seed="your student number, the seed your data were drawn with (an int)",
    w="the Newton fit (intercept, slope) for the features (1, x) (an array of 2 floats)",
    mean_rate="the mean of the fitted rates exp(w0 + w1 x) over your 300 inputs (a float)",
)
def _(seed, w, mean_rate):
    w = np.asarray(w, dtype=float)
    if w.shape != (2,):
        return "Give w as two numbers: the intercept, then the slope."
    x, y = _data(int(seed))
    mu = np.exp(w[0] + w[1] * x)
    if not close(mean_rate, mu.mean(), rtol=1e-6):
        return "mean_rate should be the mean of exp(w0 + w1 x) at your w."
    if abs(np.mean(x * (mu - y))) > 1e-6 or abs(np.mean(mu - y)) > 1e-6:
        return "The gradient at your w is not zero: run more Newton steps, or check the Hessian."
    return None


@exercise(
    "ps5-p2",
    rate_buggy="the buggy fit's mean fitted rate on the training set (a float)",
    rate_fixed="the fixed fit's mean fitted rate on the training set (a float)",
    test_deviance="the fixed fit's mean Poisson deviance on the test set (a float)",
)
def _(rate_buggy, rate_fixed, test_deviance):
    if not 0 < rate_buggy < rate_fixed:
        return "Compare the two mean rates: which way does the guard move the fit?"
    if not close(rate_fixed, 1.426, atol=1e-3):
        return "The fixed fit should satisfy the balance property of problem 1."
    if not 1.0 < test_deviance < 1.3:
        return "The deviance is 2 [y log(y / mu) - (y - mu)] averaged, with 0 log 0 = 0."
    return None


@exercise(
    "ps5-p3",
    trivial="the test mean Poisson deviance of predicting the training mean count (a float)",
    floor="the test mean Poisson deviance of the true rate counts_rate(X_test) (a float)",
    chosen="your chosen model's test mean Poisson deviance (the mean over seeds for a network) (a float)",
)
def _(trivial, floor, chosen):
    if not trivial > floor > 0:
        return "The trivial model should be worse than the true rate, and both deviances positive."
    if not close(floor, 1.0532, atol=1e-3):
        return "The floor is the deviance of counts_rate(X_test) against y_test."
    if not close(trivial, 1.6971, atol=1e-3):
        return "The trivial model predicts the mean of y_train for every test input."
    if not floor < chosen < trivial:
        return "Your model should lie between the floor and the trivial model."
    return None
