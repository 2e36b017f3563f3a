"""Public checks of problem set 3 (maximum likelihood and priors).

Each check is as strict as the hidden check that grades the same value, so that an answer called right
earns its automatic points. Seeded values are recomputed from the recorded seed, never printed.
"""

import math

import numpy as np

from . import close, exercise


def _estimates(seed):
    y = np.random.default_rng(seed).normal(0.2, 1.0, size=20)
    mle = y.mean()
    return mle, np.sign(mle) * max(abs(mle) - 1.0 / (20 * 0.5), 0.0)


@exercise(
    "ps3-p1",
    seed="your seed, the student number your data were drawn with (an int)",
    mu_mle="the maximum-likelihood estimate of mu for your data (a float)",
    mu_map="the MAP estimate of mu with the Laplace prior, sigma = 1, b = 0.5: the closed-form soft "
           "threshold (a float; a numerical minimiser, good to about 1e-6, is accepted within 1e-5)",
)
def _(seed, mu_mle, mu_map):
    if not isinstance(seed, int) or isinstance(seed, bool):
        return "Give seed as an int, the student number you set at the top."
    if not (math.isfinite(mu_mle) and math.isfinite(mu_map)):
        return "Give two finite numbers."
    mle, map_ = _estimates(seed)
    if not close(mu_mle, mle, rtol=1e-6, atol=1e-9):
        return ("Your ML estimate does not match the data of your seed: check that seed is the one the data "
                "were drawn with; what maximises a Gaussian likelihood in mu?")
    if not close(mu_map, map_, rtol=1e-5, atol=1e-5):
        if abs(mu_map) > abs(mu_mle) + 1e-5 or mu_map * mu_mle < 0:
            return "A prior centred at 0 moves the estimate towards 0, never past it."
        if map_ == 0:
            return "For your data the one-sided derivatives at 0 decide: compare |mean(y)| with the threshold."
        if abs(mu_map) < 1e-5:
            return "For your data |mean(y)| exceeds the threshold, so the estimate is not 0."
        return "When the MAP estimate is not 0, it differs from the ML estimate by the threshold sigma^2 / (n b)."
    return None


@exercise(
    "ps3-p2",
    var_buggy="the estimate returned by the code as given (a float)",
    var_fixed="the ML variance returned by your fixed code (a float)",
    var_closed_form="the closed-form ML variance of the data (a float)",
)
def _(var_buggy, var_fixed, var_closed_form):
    if not close(var_closed_form, 0.2653, atol=5e-4):
        return "Compute the closed-form ML variance: the mean squared deviation from the sample mean (ddof=0)."
    if not close(var_fixed, 0.2653, atol=5e-4):
        return "Your fixed estimate should equal the closed form: what does scale mean in scipy.stats.norm?"
    if not close(var_buggy, 0.5150, atol=5e-4):
        return "Record the code as given, unchanged: what does it return, if not the variance?"
    return None


@exercise(
    "ps3-p3",
    weight_decay="the weight decay you chose on the validation set (a float, 0 for none; graded by the "
                 "rubric, with how you chose it)",
    test_nll="your chosen model's test binary cross-entropy in nats, the mean over 8 seeds (a float; the "
             "automatic check is only that it is under 0.45)",
    nll_prior="the test binary cross-entropy of predicting the training frequency of class 1 (a float)",
    nll_poly="the test binary cross-entropy of LogisticRegression(C=C, max_iter=10000) on "
             "PolynomialFeatures(2, include_bias=False), C chosen from 0.01, 0.1, 1, 10, 100, 1000 on the "
             "validation NLL (fit on the first 400) and the model refitted on the 500 training examples "
             "(a float)",
)
def _(weight_decay, test_nll, nll_prior, nll_poly):
    if not weight_decay >= 0:
        return "A weight decay is 0 or positive."
    if not close(nll_prior, 0.6932, atol=5e-4):
        return "Predict the training frequency of class 1 for every test example and take the cross-entropy."
    if not close(nll_poly, 0.3514, atol=5e-4):
        if close(nll_poly, 0.4141, atol=5e-4):
            return "That is C = 1, the default: choose C on the validation NLL, then refit on 500 examples."
        return ("Choose C on the validation NLL, refit on the 500 training examples, and score the "
                "probabilities of class 1 from predict_proba on the transformed test inputs.")
    if not 0 < test_nll < 0.45:
        return ("Your network should be well below the prior's cross-entropy (under 0.45 nats): check its "
                "training, and that the loss is in nats, averaged over the test examples.")
    return None
