"""Public checks of problem set 3 (maximum likelihood and priors)."""

import math

from . import exercise


@exercise(
    "ps3-p1",
    seed="your seed, the student number your data were drawn with (an int)",
    mu_mle="the maximum-likelihood estimate of mu for your data (a float)",
    mu_map="the MAP estimate of mu with the Laplace prior, sigma = 1, b = 0.5 (a float)",
)
def _(seed, mu_mle, mu_map):
    if not isinstance(seed, int) or isinstance(seed, bool):
        return "Give seed as an int, the student number you set at the top."
    if not (math.isfinite(mu_mle) and math.isfinite(mu_map)):
        return "Give two finite numbers."
    if abs(mu_map) > abs(mu_mle) + 1e-12 or mu_map * mu_mle < 0:
        return "A prior centred at 0 moves the estimate towards 0, never past it."
    if abs(mu_map) > 1e-12 and abs(abs(mu_mle) - abs(mu_map) - 0.1) > 1e-6:
        return "When the MAP estimate is not 0, it differs from the ML estimate by the threshold sigma^2 / (n b)."
    return None


@exercise(
    "ps3-p2",
    var_buggy="the estimate returned by the code as given (a float)",
    var_fixed="the ML variance returned by your fixed code (a float)",
    var_closed_form="the closed-form ML variance of the data (a float)",
)
def _(var_buggy, var_fixed, var_closed_form):
    if not abs(var_fixed - var_closed_form) < 1e-4:
        return "Your fixed estimate should equal the closed form: is the closed form the mean squared deviation?"
    if not abs(var_buggy**2 - var_closed_form) < 1e-2:
        return "Record the code as given, unchanged: what does it return, if not the variance?"
    return None


@exercise(
    "ps3-p3",
    weight_decay="the weight decay you chose on the validation set (a float, 0 for none)",
    test_nll="your chosen model's test binary cross-entropy in nats, the mean over 8 seeds (a float)",
    nll_prior="the test binary cross-entropy of predicting the training frequency of class 1 (a float)",
    nll_poly="the test binary cross-entropy of LogisticRegression() on PolynomialFeatures(2, "
             "include_bias=False) (a float)",
)
def _(weight_decay, test_nll, nll_prior, nll_poly):
    if not weight_decay >= 0:
        return "A weight decay is 0 or positive."
    if not abs(nll_prior - math.log(2)) < 0.01:
        return "The classes are nearly balanced: the prior's cross-entropy is close to log 2."
    if not 0 < nll_poly < 0.5:
        return "Use the probabilities of class 1 from predict_proba on the transformed test inputs."
    if not 0 < test_nll < nll_prior - 0.2:
        return "Your network should be far below the prior's cross-entropy: check its training."
    return None
