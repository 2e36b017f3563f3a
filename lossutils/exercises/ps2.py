"""Public checks of problem set 2 (backpropagation, risk and surrogate losses).

Each check is as strict as the hidden check that grades the same value, so that an answer called right
earns its automatic points. Seeded values are recomputed from the recorded seed, never printed.
"""

import numpy as np

from . import close, exercise


def _pi(seed):
    return np.random.default_rng(seed).uniform(0.05, 0.95, size=5)


@exercise(
    "ps2-p1",
    seed="your seed, the student number the five values of pi were drawn with (an int)",
    f_star="the minimiser of the hinge conditional risk on the grid np.linspace(-3, 3, 6001), for each of "
           "your five pi, in their order (an array of 5 floats)",
    risk_min="the minimal conditional risk on that grid for each of your five pi (an array of 5 floats)",
)
def _(seed, f_star, risk_min):
    if not isinstance(seed, int) or isinstance(seed, bool):
        return "Give seed as an int, the student number you set at the top."
    f_star, risk_min = np.asarray(f_star, dtype=float), np.asarray(risk_min, dtype=float)
    if f_star.shape != (5,) or risk_min.shape != (5,):
        return "Give five minimisers and five risks, one for each pi, in the order of pi."
    pi = _pi(seed)
    if np.any(np.abs(f_star) > 1.01):
        return "No minimiser lies outside [-1, 1]: outside it, one hinge is zero and the other grows."
    if not close(f_star, np.sign(2 * pi - 1), atol=1e-3):
        if close(f_star, -np.sign(2 * pi - 1), atol=1e-3):
            return ("Your minimisers have the wrong sign: when y = 1 is the likelier label, which sign of f "
                    "does the hinge reward?")
        return ("At least one minimiser is off: check that seed is the one your pi were drawn with, and "
                "take the argmin of each row on the grid np.linspace(-3, 3, 6001).")
    if not close(risk_min, 2 * np.minimum(pi, 1 - pi), atol=1e-3):
        if close(risk_min, np.minimum(pi, 1 - pi), atol=1e-3):
            return "Those are the Bayes risks of the 0-1 loss: record the hinge's own minimal risk, C(f*)."
        return "At least one minimal risk is off: record the smallest value of C on the grid for each pi."
    return None


@exercise(
    "ps2-p2",
    error_buggy="the largest absolute difference between the given W1 gradient and central finite "
                "differences with step 1e-6 (a float)",
    error_fixed="the same for your fixed gradient (a float)",
)
def _(error_buggy, error_fixed):
    if not close(error_buggy, 0.1725, rtol=1e-3):
        return ("Compare the gradient as given, unchanged, at the given parameters with central finite "
                "differences of the loss, and take the largest absolute difference.")
    if not 0 <= error_fixed < 1e-8:
        if 0 <= error_fixed < 1e-5:
            return ("Nearly: at step 1e-6 central differences agree with a right gradient to about 1e-10; "
                    "are yours central, (L(w + h) - L(w - h)) / (2 h)?")
        return "Your fix still differs from finite differences: what is the derivative of tanh?"
    return None


@exercise(
    "ps2-p3",
    test_accuracy="your chosen model's test accuracy, the mean over 8 seeds (a float in [0, 1]; the "
                  "automatic check is only that it is above 0.8)",
    accuracy_majority="the test accuracy of always predicting the training majority class (a float)",
    accuracy_logistic="the test accuracy of LogisticRegression() (default C=1) fitted on the 500 training "
                      "examples' two inputs (a float)",
    accuracy_poly="the test accuracy of LogisticRegression() on PolynomialFeatures(2, "
                  "include_bias=False) of the inputs (a float)",
)
def _(test_accuracy, accuracy_majority, accuracy_logistic, accuracy_poly):
    if not all(0 <= a <= 1 for a in (test_accuracy, accuracy_majority, accuracy_logistic, accuracy_poly)):
        return "An accuracy is a fraction between 0 and 1."
    if not close(accuracy_majority, 0.496, atol=1e-9):
        return ("Find the majority class of the training labels and score predicting it for every test "
                "example.")
    # Within two test points (0.004): unpenalised logistic regression gives 0.464 and 0.850.
    if not close(accuracy_logistic, 0.462, atol=0.0045):
        return "Fit LogisticRegression() on the 500 training examples' two inputs and score it on the test set."
    if not close(accuracy_poly, 0.852, atol=0.0045):
        return ("Fit LogisticRegression() on PolynomialFeatures(2, include_bias=False) of the training inputs "
                "and score it on the same transform of the test inputs.")
    if not 0.8 < test_accuracy <= 1:
        return "Your network should do much better than a line, above 0.8: check the rate and the epochs."
    return None
