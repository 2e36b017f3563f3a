"""Public checks of problem set 2 (backpropagation, risk and surrogate losses)."""

import numpy as np

from . import exercise


@exercise(
    "ps2-p1",
    seed="your seed, the student number the five values of pi were drawn with (an int)",
    f_star="the grid minimiser of the hinge conditional risk for each of your five pi, in their order "
           "(an array of 5 floats)",
    risk_min="the minimal conditional risk for each of your five pi (an array of 5 floats)",
)
def _(seed, f_star, risk_min):
    if not isinstance(seed, int) or isinstance(seed, bool):
        return "Give seed as an int, the student number you set at the top."
    f_star, risk_min = np.asarray(f_star, dtype=float), np.asarray(risk_min, dtype=float)
    if f_star.shape != (5,) or risk_min.shape != (5,):
        return "Give five minimisers and five risks, one for each pi, in the order of pi."
    if np.any(np.abs(f_star) > 1 + 1e-9):
        return "No minimiser lies outside [-1, 1]: outside it, one hinge is zero and the other grows."
    if np.any(risk_min < 0) or np.any(risk_min > 1 + 1e-9):
        return "The risk at f = 0 is 1 for every pi, so the minimum is at most 1."
    return None


@exercise(
    "ps2-p2",
    error_buggy="the largest absolute difference between the given W1 gradient and central finite "
                "differences (a float)",
    error_fixed="the same for your fixed gradient (a float)",
)
def _(error_buggy, error_fixed):
    if not error_buggy > 1e-3:
        return "The gradient as given is wrong: compare it, unchanged, with finite differences."
    if not 0 <= error_fixed < 1e-6:
        return "Your fix still differs from finite differences: what is the derivative of tanh?"
    return None


@exercise(
    "ps2-p3",
    test_accuracy="your chosen model's test accuracy, the mean over 8 seeds (a float in [0, 1])",
    accuracy_majority="the test accuracy of always predicting the training majority class (a float)",
    accuracy_logistic="the test accuracy of LogisticRegression() on the two inputs (a float)",
    accuracy_poly="the test accuracy of LogisticRegression() on PolynomialFeatures(2, "
                  "include_bias=False) of the inputs (a float)",
)
def _(test_accuracy, accuracy_majority, accuracy_logistic, accuracy_poly):
    if not all(0 <= a <= 1 for a in (test_accuracy, accuracy_majority, accuracy_logistic, accuracy_poly)):
        return "An accuracy is a fraction between 0 and 1."
    if not abs(accuracy_majority - 0.5) < 0.05:
        return "The classes are nearly balanced: the majority class is right about half of the time."
    if not accuracy_logistic < 0.7 < accuracy_poly:
        return "A line cannot separate two circles, degree-2 features can: check your two baselines."
    if not test_accuracy > 0.75:
        return "Your network should do much better than a line: check the rate and the epochs."
    return None
