"""Public checks of problem set 1 (learning as optimisation).

Each check is as strict as the hidden check that grades the same value, so that an answer called right
earns its automatic points. Seeded values are recomputed from the recorded seed, never printed.
"""

import math

import numpy as np

from . import close, exercise

_LEAST_SQUARES = 4.279070714e-7  # the training MSE of least squares with an intercept


def _stationary_variance(seed, eta=0.1, ddof=0):
    y = np.random.default_rng(seed).gamma(2.0, 1.5, size=50)
    return eta * np.var(y, ddof=ddof) / (1 - eta)


@exercise(
    "ps1-p1",
    seed="your seed, the student number the data were drawn with (an int)",
    var_predicted="the stationary variance of w predicted by the formula for your data at eta = 0.1 "
                  "(a float)",
    var_simulated="the sample variance of the last values of your 4000 simulated chains, from the "
                  "simulation, not the formula (a float)",
    eta_max="the upper boundary (supremum) of the stable range of rates found in (a), the rate at "
            "which |a| reaches 1 (a float)",
)
def _(seed, var_predicted, var_simulated, eta_max):
    if not isinstance(seed, int) or isinstance(seed, bool):
        return "Give seed as an int, the student number you set at the top."
    expected = _stationary_variance(seed)
    if not close(var_predicted, expected, rtol=1e-6):
        if close(var_predicted, _stationary_variance(seed, ddof=1), rtol=1e-6):
            return "Your s^2 divides by n - 1: the formula's s^2 is the mean squared deviation (ddof=0)."
        return ("Your predicted variance does not match the data of your seed at eta = 0.1: check that "
                "seed is the one the data were drawn with, then s^2 and the factor eta / (1 - eta).")
    if not close(eta_max, 1.0, rtol=1e-9):
        return "Write the error w - mean(y) after one step without the noise: when does it shrink?"
    if not (math.isfinite(var_simulated) and var_simulated > 0):
        return "A variance is a positive number."
    if abs(var_simulated / expected - 1) < 1e-6:
        return "That is the formula's value: record the sample variance your simulation gives."
    if not abs(var_simulated / expected - 1) < 0.12:
        return ("Your simulated variance should agree with the prediction within sampling error "
                "(a few per cent with 4000 chains): check the step, 4000 chains and 200 steps.")
    return None


@exercise(
    "ps1-p2",
    mse_buggy="the training MSE of the code as given, with its arguments (a float)",
    mse_fixed="the training MSE of your fixed code, with the same arguments (a float)",
    mse_least_squares="the training MSE of the least-squares solution with an intercept (a float)",
)
def _(mse_buggy, mse_fixed, mse_least_squares):
    if not close(mse_least_squares, _LEAST_SQUARES, rtol=2e-4):
        if close(mse_least_squares, 4.28530e-7, rtol=2e-4):
            return "That is least squares without an intercept: add a column of ones to the inputs."
        return "Fit least squares with a column of ones for the intercept and take the mean squared residual."
    if not close(mse_buggy, 0.9327, atol=5e-4):
        return "Record the code as given, unchanged, with learning_rate=0.05, epochs=50, batch_size=32, seed=0."
    if not mse_fixed < 1e-6:
        return "Your fixed code does not reach the least-squares minimum: which arrays does the shuffle reorder?"
    if not mse_fixed >= _LEAST_SQUARES * (1 + 1e-4):
        return ("That is least squares' own minimum (or below it), which 50 epochs of SGD do not reach "
                "exactly: record the training MSE your fixed code gives.")
    return None


@exercise(
    "ps1-p3",
    learning_rate="the learning rate you chose on the validation set (a float; graded by the rubric, "
                  "with how you chose it)",
    test_mse="your chosen model's test MSE, the mean over 8 seeds (a float, standardised units; the "
             "automatic check is only that it is under 0.01)",
    mse_mean_baseline="the test MSE of predicting the mean of the 500 training targets for every test "
                      "example (a float)",
    mse_linear_regression="the test MSE of sklearn's LinearRegression fitted on the 500 training "
                          "examples (a float)",
)
def _(learning_rate, test_mse, mse_mean_baseline, mse_linear_regression):
    if not (math.isfinite(learning_rate) and learning_rate > 0):
        return "A learning rate is a positive number."
    if not close(mse_mean_baseline, 1.1269, atol=5e-4):
        if close(mse_mean_baseline, 1.1303, atol=5e-4):
            return ("That is the mean of the 400 fitting examples: the baseline, like your final model, uses "
                    "all 500 training targets.")
        return "Predict the training targets' mean for every test example and take the test MSE."
    if not close(mse_linear_regression, 4.7084e-7, rtol=1e-2):
        return "Fit LinearRegression on the 500 training examples and evaluate it on the test set."
    if not (0 < test_mse < 0.01):
        # A check of quality, not of the exact value: how close to the floor is graded by the rubric.
        return ("Your model has hardly learned: its test MSE should be far below the trivial baseline's "
                "(under 0.01). Check the loss, the output layer, the rate and the number of epochs.")
    return None
