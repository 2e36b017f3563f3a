"""Public checks of problem set 4 (cross-entropy).

Each check is as strict as the hidden check that grades the same value, so that an answer called right
earns its automatic points. Seeded values are recomputed from the recorded seed, never printed.
"""

import math

import numpy as np

from . import close, exercise

# Problem 2's code as given (its fixed sample of 200 000 inputs) and problem 3's baselines on the test set
# of lossutils.datasets.blobs; H(Y|X) of the generating process (20 million draws: 0.40060 +- 0.00005).
FLOOR_BUGGY = 0.57699
FLOOR = 0.4006
EXCESS = 0.01506
NLL_PRIOR = 1.09929
NLL_LOGISTIC = 0.39735
NLL_TRUTH = 0.3823


def _gradients(seed, saturated):
    z = np.random.default_rng(seed).normal(size=5)
    t = np.eye(5)[np.argmin(z)]
    if saturated:
        z = z + 12 * np.eye(5)[np.argmax(z)]
    q = np.exp(z - z.max())
    q /= q.sum()
    return 2 * (np.diag(q) - np.outer(q, q)) @ (q - t), q - t


def _vector(value, size=5):
    try:
        value = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
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
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        return "Give seed as an int, the student number you set at the top."
    given = [_vector(g) for g in (grad_se, grad_ce, grad_se_saturated, grad_ce_saturated)]
    if any(g is None for g in given):
        return "Give each gradient as an array of 5 finite numbers, one per logit."
    if any(abs(g.sum()) > 1e-8 for g in given):
        return "Adding the same number to every logit changes no loss of the softmax: what must the entries sum to?"
    se, ce = _gradients(int(seed), False)
    se_saturated, ce_saturated = _gradients(int(seed), True)
    tolerances = {"grad_ce": (1e-6, 1e-9), "grad_ce_saturated": (1e-6, 1e-9)}
    for name, g, right in (("grad_ce", given[1], ce), ("grad_ce_saturated", given[3], ce_saturated)):
        if not close(g, right, *tolerances[name]):
            if close(g, -right, *tolerances[name]):
                return f"{name} has the wrong sign: a gradient points uphill, towards a larger loss."
            return (f"{name} is off: the cross-entropy's gradient with respect to the logits is q - t, with q "
                    "the softmax of the logits; is seed the one your logits were drawn with?")
    for name, g, right, (rtol, atol) in (("grad_se", given[0], se, (1e-6, 1e-9)),
                                         ("grad_se_saturated", given[2], se_saturated, (1e-4, 1e-12))):
        if not close(g, right, rtol=rtol, atol=atol):
            if close(g, right / 2, rtol=rtol, atol=atol):
                return f"{name} is half the right one: the derivative of (q_k - t_k)^2 has a factor 2."
            if close(g, -right, rtol=rtol, atol=atol):
                return f"{name} has the wrong sign: a gradient points uphill, towards a larger loss."
            if close(g, 2 * (given[1] if name == "grad_se" else given[3]), rtol=1e-3, atol=1e-9):
                return f"{name} leaves out the softmax's Jacobian: the chain rule goes through q(z)."
            return (f"{name} is off: apply the chain rule through the softmax, 2 J(q) (q - t); check it by "
                    "central differences of the loss.")
    return None


@exercise(
    "ps4-p2",
    floor_buggy="the floor the code prints, unchanged (a float)",
    floor_fixed="your fixed floor H(Y|X) in nats, averaged over 100 000 or more inputs (a float)",
    excess_over_truth="logistic regression's test cross-entropy minus the true posterior's on the same "
                      "500 test points, in nats (a float)",
)
def _(floor_buggy, floor_fixed, excess_over_truth):
    if not close(floor_buggy, FLOOR_BUGGY, atol=5e-4):
        return "Record the floor the code prints as given, unchanged."
    if not 0 < floor_fixed < math.log(3):
        return "The conditional entropy of three classes lies between 0 and log 3 nats."
    if not close(floor_fixed, FLOOR, atol=3e-3):
        if close(floor_fixed * math.log(2), FLOOR, atol=3e-3):
            return "Your floor is still in bits: the loss is in nats."
        return ("Your floor is off by more than the sampling error of 100 000 inputs allows: average the "
                "entropy of the true posterior, in nats, over a large fresh sample of inputs.")
    if not close(excess_over_truth, EXCESS, atol=5e-4):
        if close(excess_over_truth, -EXCESS, atol=5e-4):
            return "Subtract the true posterior's cross-entropy from the model's, not the other way round."
        if close(excess_over_truth, NLL_LOGISTIC - floor_fixed, atol=2e-3):
            return ("That compares the model with the population floor; score the true posterior on the "
                    "same 500 test points and subtract that.")
        return ("Score the true posterior on the test points with the same loss and subtract it from "
                "logistic regression's test cross-entropy.")
    return None


@exercise(
    "ps4-p3",
    test_nll="your chosen model's test cross-entropy in nats, the mean over 8 seeds (a float)",
    test_accuracy="your chosen model's test accuracy, the mean over 8 seeds (a float in [0, 1])",
    nll_prior="the test cross-entropy of predicting the training class frequencies (a float)",
    nll_logistic="the test cross-entropy of LogisticRegression() with default options, fitted on the 500 "
                 "training examples' raw, unstandardised inputs (a float)",
)
def _(test_nll, test_accuracy, nll_prior, nll_logistic):
    if not close(nll_prior, NLL_PRIOR, atol=5e-4):
        if close(nll_prior, math.log(3), atol=5e-5):
            return "That is the uniform guess, log 3: predict the training class frequencies instead."
        return "Predict the training set's class frequencies for every test point and score them."
    if not close(nll_logistic, NLL_LOGISTIC, atol=5e-4):
        if close(nll_logistic, NLL_TRUTH, atol=5e-4):
            return "That is the true posterior's cross-entropy: fit LogisticRegression() on the training set."
        return ("Fit LogisticRegression() with its default options on the raw (unstandardised) training "
                "inputs and score predict_proba on the test inputs, in nats.")
    if not 0 <= test_accuracy <= 1:
        return "An accuracy is a share of the test points, between 0 and 1."
    if not 0.36 < test_nll < 0.46:
        if test_nll <= 0.36:
            return ("Even the true posterior scores 0.38 on these test points: is test_nll a mean "
                    "cross-entropy on the test set, in nats?")
        return ("Your model is more than about two test standard errors above the floor: check its "
                "training, and choose its size and epochs on the validation set.")
    if not 0.80 < test_accuracy < 0.86:
        return "Your model's test accuracy is far from the true posterior's: check its predictions."
    return None
