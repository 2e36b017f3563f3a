"""Public checks of problem set 8 (loss versus metric)."""

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


@exercise(
    "ps8-p1",
    seed="your student number, the seed your data were drawn with (an int)",
    log_fit="the fit by mean log loss, (intercept, slope) (an array of 2 floats)",
    power_fit="the fit by the mean power score |q - y|^3, (intercept, slope) (an array of 2 floats)",
    q_threshold="the threshold on the S_3 model's q that matches p > 1/6 (a float)",
)
def _(seed, log_fit, power_fit, q_threshold):
    log_fit, power_fit = np.asarray(log_fit, float), np.asarray(power_fit, float)
    if log_fit.shape != (2,) or power_fit.shape != (2,):
        return "Give each fit as two numbers: the intercept, then the slope."
    x, y = _data(int(seed))
    if np.abs(_gradients(log_fit, x, y)[0]).max() > 1e-6:
        return "The log loss's gradient at your log_fit is not zero: fit it on your seed's data, further."
    if np.abs(_gradients(power_fit, x, y)[1]).max() > 1e-6:
        return ("The power score's gradient at your power_fit is not zero: check the gradient against "
                "central differences and fit further.")
    if not 1 / 6 < float(q_threshold) < 0.5:
        return "Part 1 says which way S_3's reports lean; the threshold on q moves the same way from 1/6."
    return None


@exercise(
    "ps8-p2",
    buggy="the buggy function's ECE of the logistic regression on the test set (a float)",
    fixed="your fixed function's ECE of the same predictions (a float)",
    ece="your fixed function: ece(y_true, p_class_1) -> float, with ten bins",
)
def _(buggy, fixed, ece):
    if not 0.1 < buggy < 0.2:
        return "buggy is the number the student's code prints, unchanged."
    if not 0 < fixed < buggy:
        return "Which bins does the buggy average give too much weight?"
    rng = np.random.default_rng(2024)
    p = rng.uniform(0.01, 0.99, 200)
    y = (rng.random(200) < p).astype(int)
    from lossutils import expected_calibration_error

    if not close(ece(y, p), expected_calibration_error(y, p), atol=1e-9):
        return "Compare your function with lossutils.expected_calibration_error on a few forecasts."
    if not close(fixed, ece(_y_test(), _p_logistic()), atol=1e-4):
        return "fixed should be your function's value on the logistic regression's test predictions."
    return None


def _y_test():
    from lossutils.datasets import imbalanced

    return imbalanced()[3]


def _p_logistic():
    from sklearn.linear_model import LogisticRegression

    from lossutils.datasets import imbalanced

    X_train, X_test, y_train, _ = imbalanced()
    model = LogisticRegression(C=np.inf, tol=1e-10, max_iter=1000).fit(X_train, y_train)
    return model.predict_proba(X_test)[:, 1]


@exercise(
    "ps8-p3",
    trivial_cost="the test cost per example of the better of 'always 0' and 'always 1' (a float)",
    bayes_cost="the test cost per example of imbalanced_posterior with the cost-minimising threshold (a float)",
    chosen_cost="your model's test cost per example (the mean over seeds for a network) (a float)",
    chosen_log_loss="your model's test log loss, in nats (the mean over seeds for a network) (a float)",
)
def _(trivial_cost, bayes_cost, chosen_cost, chosen_log_loss):
    if not 0.3 < trivial_cost < 0.6:
        return "A constant decision costs c_FN times the share of class 1, or c_FP times the share of class 0."
    if not 0.1 < bayes_cost < trivial_cost:
        return "The Bayes rule predicts 1 when the posterior exceeds c_FP / (c_FP + c_FN), not 1/2."
    if not 0 < chosen_cost < trivial_cost:
        return "Your model should cost less than a constant decision; check the threshold."
    if not 0.09 < chosen_log_loss < 0.19:
        return "The log loss should lie between the Bayes posterior's (about 0.1) and the prior's (about 0.19)."
    return None
