"""Public checks of problem set 4 (cross-entropy)."""

import math

import numpy as np

from . import exercise


def _vector(value, size=5):
    value = np.asarray(value, dtype=float)
    return value if value.shape == (size,) and np.all(np.isfinite(value)) else None


@exercise(
    "ps4-p1",
    seed="your seed, the student number your logits were drawn with (an int)",
    grad_se="the gradient of sum_k (q_k - t_k)^2 with respect to your logits z (an array of shape (5,))",
    grad_ce="the gradient of the cross-entropy -log q_y with respect to z (an array of shape (5,))",
    grad_se_saturated="the squared error's gradient at z_saturated, the largest logit raised by 12 "
                      "(an array of shape (5,))",
    grad_ce_saturated="the cross-entropy's gradient at z_saturated (an array of shape (5,))",
)
def _(seed, grad_se, grad_ce, grad_se_saturated, grad_ce_saturated):
    if not isinstance(seed, int) or isinstance(seed, bool):
        return "Give seed as an int, the student number you set at the top."
    gradients = [_vector(g) for g in (grad_se, grad_ce, grad_se_saturated, grad_ce_saturated)]
    if any(g is None for g in gradients):
        return "Give each gradient as an array of 5 finite numbers, one per logit."
    if any(abs(g.sum()) > 1e-8 for g in gradients):
        return "Adding the same number to every logit changes no loss of the softmax: what must the entries sum to?"
    for g in (gradients[1], gradients[3]):
        if np.sum(g < 0) != 1 or np.any(np.abs(g) > 1):
            return "The cross-entropy's gradient is q - t: one negative entry, on the target, all within [-1, 1]."
    if np.abs(gradients[2]).max() >= 1e-3:
        return "At the saturated logits every entry of the squared error's gradient is tiny: check the Jacobian."
    return None


@exercise(
    "ps4-p2",
    floor_buggy="the floor the code prints, unchanged (a float)",
    floor_fixed="your fixed floor H(Y|X) in nats (a float)",
    excess_over_truth="logistic regression's test cross-entropy minus the true posterior's on the same "
                      "500 test points, in nats (a float)",
)
def _(floor_buggy, floor_fixed, excess_over_truth):
    if not 0 < floor_fixed < math.log(3):
        return "The conditional entropy of three classes lies between 0 and log 3 nats."
    if not floor_buggy > 0.5:
        return "Record the floor of the code as given, unchanged."
    if not abs(floor_fixed - 0.3976) < 0.05:
        return ("A well-specified model with 500 examples should come within sampling error of the floor: "
                "are your floor and the loss in the same units?")
    if not 0 < excess_over_truth < 0.1:
        return ("Score the true posterior on the test points with the same loss and subtract it from the "
                "model's loss: no model beats the truth by much on the same points.")
    return None


@exercise(
    "ps4-p3",
    test_nll="your chosen model's test cross-entropy in nats, the mean over 8 seeds (a float)",
    test_accuracy="your chosen model's test accuracy, the mean over 8 seeds (a float in [0, 1])",
    nll_prior="the test cross-entropy of predicting the training class frequencies (a float)",
    nll_logistic="the test cross-entropy of LogisticRegression() fitted on the 500 training examples "
                 "(a float)",
)
def _(test_nll, test_accuracy, nll_prior, nll_logistic):
    if not abs(nll_prior - math.log(3)) < 0.01:
        return "The classes are nearly balanced: the prior's cross-entropy is close to log 3."
    if not 0 < nll_logistic < 0.5:
        return "Use the probabilities of predict_proba on the test inputs, and a cross-entropy in nats."
    if not 0 <= test_accuracy <= 1:
        return "An accuracy is a share of the test points, between 0 and 1."
    if not 0 < test_nll < nll_prior - 0.5:
        return "Your model should be far below the prior's cross-entropy: check its training."
    return None
