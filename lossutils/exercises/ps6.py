"""Public checks of problem set 6 (choosing a loss, weights and robustness)."""

import numpy as np

from . import close, exercise


@exercise(
    "ps6-p1",
    seed="your student number, the seed your data were drawn with (an int)",
    unweighted="the unweighted logistic regression's (intercept, slope) (an array of 2 floats)",
    weighted="the fit with w0 = 1, w1 = 10 (intercept, slope) (an array of 2 floats)",
)
def _(seed, unweighted, weighted):
    unweighted, weighted = np.asarray(unweighted, float), np.asarray(weighted, float)
    if unweighted.shape != (2,) or weighted.shape != (2,):
        return "Give each fit as two numbers: the intercept, then the slope."
    if abs(weighted[0] - unweighted[0] - np.log(10)) > 0.5:
        return "Part 2 predicts how far the intercept moves; check the weights of each class."
    if abs(weighted[1] / unweighted[1] - 1) > 0.25:
        return "Part 2 predicts the slope barely changes."
    return None


@exercise(
    "ps6-p2",
    buggy="the centre the buggy gradient converges to (a float)",
    fixed="the centre with the gradient fixed (a float)",
)
def _(buggy, fixed):
    if not buggy > fixed:
        return "Which of the two estimates do the outliers at 30 pull further up?"
    if not 2.5 < fixed < 3.6:
        return "The fixed estimate should be near the centre of the 95 inliers."
    return None


@exercise(
    "ps6-p3",
    prior_nll="the test log loss of predicting the training prior for every test example (a float, nats)",
    bayes="the Bayes rule's test balanced accuracy (a float)",
    chosen="your model's test balanced accuracy (the mean over seeds for a network) (a float)",
)
def _(prior_nll, bayes, chosen):
    if not 0.1 < prior_nll < 0.3:
        return "The log loss of a constant prediction pi is -[y log pi + (1 - y) log(1 - pi)], averaged."
    if not 0.8 < bayes <= 1:
        return "The Bayes rule for balanced accuracy thresholds the posterior at the prior, not at 1/2."
    if not 0.5 < chosen <= 1:
        return "A model that predicts one class has balanced accuracy 0.5; yours should beat it."
    return None
