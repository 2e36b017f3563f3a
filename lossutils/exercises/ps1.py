"""Public checks of problem set 1 (learning as optimisation)."""

import math

from . import close, exercise


@exercise(
    "ps1-p1",
    seed="your seed, the student number the data were drawn with (an int)",
    var_predicted="the stationary variance of w predicted by the formula for your data at eta = 0.1 "
                  "(a float)",
    var_simulated="the sample variance of the last values of your 4000 simulated chains (a float)",
    eta_max="the largest learning rate for which the iteration stays bounded (a float)",
)
def _(seed, var_predicted, var_simulated, eta_max):
    if not isinstance(seed, int) or isinstance(seed, bool):
        return "Give seed as an int, the student number you set at the top."
    if not (math.isfinite(var_predicted) and var_predicted > 0):
        return "A variance is a positive number."
    if not close(eta_max, 1.0, rtol=1e-9):
        return "Write the error w - mean(y) after one step without the noise: when does it shrink?"
    if not (math.isfinite(var_simulated) and abs(var_simulated / var_predicted - 1) < 0.15):
        return ("Your simulated variance should agree with the prediction within sampling error "
                "(a few per cent with 4000 chains); check the step and the formula's s^2 (ddof=0).")
    return None


@exercise(
    "ps1-p2",
    mse_buggy="the training MSE of the code as given, with its arguments (a float)",
    mse_fixed="the training MSE of your fixed code, with the same arguments (a float)",
    mse_least_squares="the training MSE of the least-squares solution with an intercept (a float)",
)
def _(mse_buggy, mse_fixed, mse_least_squares):
    if not close(mse_least_squares, 4.279e-7, rtol=1e-2):
        return "Fit least squares with a column of ones for the intercept and take the mean squared residual."
    if not close(mse_buggy, 0.93, atol=0.1):
        return "Record the code as given, unchanged, with learning_rate=0.05, epochs=50, batch_size=32, seed=0."
    if not (mse_fixed < 1e-5):
        return "Your fixed code does not reach the least-squares minimum: which arrays does the shuffle reorder?"
    return None


@exercise(
    "ps1-p3",
    learning_rate="the SGD learning rate you chose on the validation set (a float)",
    test_mse="your chosen model's test MSE, the mean over 8 seeds (a float, standardised units)",
    mse_mean_baseline="the test MSE of predicting the training mean (a float)",
    mse_linear_regression="the test MSE of sklearn's LinearRegression fitted on the 500 training "
                          "examples (a float)",
)
def _(learning_rate, test_mse, mse_mean_baseline, mse_linear_regression):
    if not (0 < learning_rate < 1):
        return "A learning rate for SGD on this standardised problem lies between 0 and 1."
    if not close(mse_mean_baseline, 1.0, atol=0.2):
        return "Predict the training targets' mean for every test example and take the test MSE."
    if not (0 < mse_linear_regression < 1e-5):
        return "Fit LinearRegression on the 500 training examples and evaluate it on the test set."
    if not (0 < test_mse < 0.1 * mse_mean_baseline):
        return "Your model should be far below the trivial baseline: check the rate and the number of epochs."
    return None
