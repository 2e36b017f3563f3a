"""Public checks of chapter 3's exercises (maximum likelihood).

Each value of an answer has one predicate here (``ok_<value>`` in a class per exercise, or a function
that returns the fraction of its cases that are right); the public check says "right" exactly when all
of them hold, and the hidden checks (grading/hidden/ch3.py) give points with the same predicates, so a
student told "right" earns every point. The references and tolerances live only here.
"""

import numpy as np

from . import UNROUNDED, close, exercise, fraction, whole, word


# ch3-ex1: the twenty flips (12 heads) have the binary cross-entropy minimised at 0.6.
EX1_MINIMUM = -(0.6 * np.log(0.6) + 0.4 * np.log(0.4))


def ex1_minimiser(value):
    return close(value, 0.6, atol=1e-4)


def ex1_minimum(value):
    # Accepts the value rounded to four decimals (0.6730).
    return close(value, EX1_MINIMUM, atol=5e-5)


@exercise(
    "ch3-ex1",
    minimiser="the theta at which the binary cross-entropy of the twenty flips is smallest, the value "
              "your code computed with minimize_scalar (a float)",
    minimum="the binary cross-entropy there, the value your code computed, in nats (a float)",
)
def _(minimiser, minimum):
    if not ex1_minimiser(minimiser):
        if close(minimiser, 0.6, atol=1e-2):
            return ("Nearly: tighten the optimiser's tolerance (xatol) and give the minimiser it "
                    "returns, unrounded.")
        return ("Minimise the binary cross-entropy of the twenty flips themselves, with every predicted "
                "probability equal to theta; the derivation says where to expect the minimiser.")
    if not ex1_minimum(minimum):
        if close(minimum, EX1_MINIMUM, atol=5e-3):
            return UNROUNDED
        return ("Give the value of the loss at the minimiser, the mean over the flips and in nats "
                "(natural logarithms), not the likelihood.")
    return None


# ch3-ex2: 2^-1074 is the smallest positive float64.


def ex2_largest_n(value):
    return whole(value, 1074)


def ex2_flips_to_zero(value):
    return whole(value, 1075)


@exercise(
    "ch3-ex2",
    largest_n="the largest n for which 0.5 ** n is still a positive float64 (an int)",
    flips_to_zero="the smallest number of fair-coin flips whose likelihood, a product of 0.5s, is "
                  "exactly 0.0 in float64 (an int)",
)
def _(largest_n, flips_to_zero):
    if not ex2_largest_n(largest_n):
        return ("Halve until the result is 0.0, rather than stopping at np.finfo(float).tiny: below it "
                "the subnormal numbers still reach further towards zero.")
    if not ex2_flips_to_zero(flips_to_zero):
        return "The likelihood of n flips is 0.5 ** n: when is it first exactly zero?"
    return None


# ch3-ex3: the bias factor (n - 1) / n at n = 5, simulated, and the limit 2 / sqrt(pi), derived.


def ex3_bias_factor(value):
    # About five standard errors of a mean over 10 000 data sets of five draws.
    return close(value, 0.8, atol=0.03)


def ex3_mae_limit(value):
    return close(value, 2 / np.sqrt(np.pi), rtol=0.01)


@exercise(
    "ch3-ex3",
    bias_factor="for n = 5: the simulated mean of the maximum likelihood variance estimate divided by "
                "the true variance (a float, from at least 10 000 simulated data sets)",
    mae_limit="the large-n limit of sqrt(n) times the mean absolute error of the estimate, divided by "
              "the true variance sigma^2 (a float, computed from the two facts in the statement, not "
              "simulated)",
)
def _(bias_factor, mae_limit):
    if not ex3_bias_factor(bias_factor):
        return ("Average the 1/n estimate (np.var's default, ddof=0) over many data sets of five draws, "
                "and divide by the variance you drew them with.")
    if not ex3_mae_limit(mae_limit):
        return ("Combine the two facts in the statement: the standard deviation of the estimate for large "
                "n, and the mean absolute value of a normal error with that standard deviation; then "
                "divide by sigma^2.")
    return None


# ch3-ex4: the Fisher information of a flip, the simulated variance, the shrunk estimator's MSE, the rate.
EX4_THETAS = np.array([0.01, 0.3, 0.5, 0.77, 0.95])
EX4_MSE_THETAS = np.array([0.02, 0.3, 0.5, 0.9])
EX4_MSE_SIZES = (5, 50, 1000)


def ex4_fisher(fisher):
    return fraction([lambda: close(fisher(EX4_THETAS), 1 / (EX4_THETAS * (1 - EX4_THETAS)),
                                   rtol=1e-9)]) == 1


def ex4_var_mle(value):
    # About four standard errors of a sample variance over 10 000 data sets.
    return close(value, 0.3 * 0.7 / 50, rtol=0.06)


def ex4_mse_shrunk(mse_shrunk):
    """The fraction of the sizes n at which mse_shrunk(theta, n) is right at every theta."""
    v = EX4_MSE_THETAS * (1 - EX4_MSE_THETAS)
    return fraction(
        (lambda n=n: close(mse_shrunk(EX4_MSE_THETAS, n), ((n - 4) * v + 1) / (n + 2) ** 2, rtol=1e-9))
        for n in EX4_MSE_SIZES
    )


def ex4_advantage_limit(value):
    # n^2 times the advantage at n = 500 (0.6763) or beyond passes; at n = 50 (0.644) it does not.
    return close(value, 8 * 0.21 - 1, atol=0.005)


@exercise(
    "ch3-ex4",
    fisher="the Fisher information of one flip, as a Python function fisher(theta) of the probability "
           "of heads (works on NumPy arrays)",
    var_mle="the variance of n_1 / n over your simulated data sets for theta* = 0.3 and n = 50 (a float, "
            "from at least 10 000 data sets)",
    mse_shrunk="the mean squared error of (n_1 + 1) / (n + 2), as a Python function mse_shrunk(theta, n) "
               "of the true probability and the number of flips (works on NumPy arrays)",
    advantage_limit="for theta* = 0.3, the limit as n grows of n^2 times the mean squared error of n_1 / n "
                    "minus that of (n_1 + 1) / (n + 2) (a float: the exact limit)",
)
def _(fisher, var_mle, mse_shrunk, advantage_limit):
    if not ex4_fisher(fisher):
        return ("Take the expected square of the derivative of log p(y; theta) over y ~ Bernoulli(theta); "
                "the variance of one flip appears in it.")
    if not ex4_var_mle(var_mle):
        return "Simulate the counts of heads with rng.binomial and take the variance of the fraction n_1 / n."
    if ex4_mse_shrunk(mse_shrunk) < 1:
        return ("The mean squared error of a biased estimator is its variance plus its squared bias; both "
                "follow from the mean and variance of n_1 (check your function at small n too).")
    if not ex4_advantage_limit(advantage_limit):
        return "Expand the difference of the two mean squared errors in powers of 1/n."
    return None


# ch3-ex5: on Laplace data the median is the maximum likelihood estimate and wins, by a factor near 1/2.


def ex5_mle(value):
    return word(value) == "median"


def ex5_winner(value):
    return word(value) == "median"


def ex5_ratio(value):
    try:
        return 0.45 <= float(value) <= 0.6
    except (TypeError, ValueError):
        return False


@exercise(
    "ch3-ex5",
    mle="which of 'mean' and 'median' is the maximum likelihood estimate of the Laplace location c (a str)",
    winner="which of 'mean' and 'median' has the smaller variance on Laplace data (a str)",
    ratio="the variance of the median divided by the variance of the mean, for large n (a float: your "
          "measurement at n of about 1000 or the large-sample value)",
)
def _(mle, winner, ratio):
    for value in (mle, winner):
        if word(value) not in ("mean", "median"):
            return "Answer each question with the word 'mean' or 'median'."
    if not ex5_mle(mle):
        return "Write down the Laplace NLL of a sample: which estimator minimises a sum of absolute errors?"
    if not ex5_winner(winner):
        return "Compare the two variances measured on Laplace draws, not on normal ones."
    if not ex5_ratio(ratio):
        return ("Divide the median's variance by the mean's, with the two formulas in the statement (the "
                "Laplace density at its centre is 1/2), or measure both at n of about 1000.")
    return None


# ch3-ex6: every row four times; the standard error on the distinct rows, and clustered by row, on
# colleague_data(seed=0). Both are deterministic and 0.7 % apart: rtol 3e-3 keeps them apart and still
# admits the usual small-sample factor sqrt(G / (G - 1) (N - 1) / (N - K)) = 1.0025 and the page's
# three-decimal roundings.
EX6_SE_DISTINCT = 0.2437273
EX6_SE_CLUSTER = 0.2420752
EX6_RTOL = 3e-3


def ex6_copies(value):
    return whole(value, 4)


def ex6_se_distinct(value):
    return close(value, EX6_SE_DISTINCT, rtol=EX6_RTOL)


def ex6_se_cluster(value):
    return close(value, EX6_SE_CLUSTER, rtol=EX6_RTOL)


@exercise(
    "ch3-ex6",
    copies="how many times each distinct row appears in the colleague's 1000 rows (an int)",
    se_distinct="the standard error of w_hat on colleague_data(seed=0) after removing the cause, from the "
                "inverse Hessian of the fit (a float, the value your code computed)",
    se_cluster="the cluster-robust standard error of w_hat on all 1000 rows of colleague_data(seed=0), "
               "clusters by distinct row (a float, the value your code computed)",
)
def _(copies, se_distinct, se_cluster):
    if not ex6_copies(copies):
        return "Count the distinct values of x in the colleague's data (np.unique)."
    if not ex6_se_distinct(se_distinct):
        return ("Fit each distinct row once, without any penalty, and take the standard error from that "
                "fit's inverse Hessian.")
    if not ex6_se_cluster(se_cluster):
        return ("Keep all 1000 rows and the colleague's estimate, and compute the sandwich J^-1 G J^-1 "
                "yourself: sum the gradients of the rows that belong together before taking outer "
                "products.")
    return None


# ch3-ex7: a Gaussian model with the wrong variance; exact values.


def ex7_limit(value):
    return close(value, 0.0, atol=1e-9)


def ex7_model_var(value):
    return close(value, 1 / 50, rtol=1e-6)


def ex7_J(value):
    return close(value, 1.0, rtol=1e-6)


def ex7_G(value):
    return close(value, 4.0, rtol=1e-6)


def ex7_sandwich_var(value):
    return close(value, 4 / 50, rtol=1e-6)


@exercise(
    "ch3-ex7",
    limit="the value the maximum likelihood estimate of mu converges to (a float, exact)",
    model_var="the variance of mu_hat that the model's inverse Fisher information claims, for n = 50 "
              "(a float, exact)",
    J="the exact expected second derivative of one example's NLL under the true distribution (a float)",
    G="the exact expected squared first derivative of one example's NLL under the true distribution "
      "(a float)",
    sandwich_var="the sandwich variance J^-1 G J^-1 / n for n = 50 (a float, exact)",
)
def _(limit, model_var, J, G, sandwich_var):
    if not ex7_limit(limit):
        return "Which statistic minimises the model's NLL, and what does it converge to?"
    if not ex7_model_var(model_var):
        return "The model believes its own standard deviation: what Fisher information does that give?"
    if not (ex7_J(J) and ex7_G(G)):
        if close(J, 1.0, rtol=0.05) and close(G, 4.0, rtol=0.05):
            return ("Nearly: give the exact expectations (they follow from the moments of the true "
                    "distribution), not Monte Carlo estimates.")
        return ("Differentiate one example's NLL under the model, then take the expectations over the true "
                "distribution of y, not over the model's.")
    if not ex7_sandwich_var(sandwich_var):
        return "Put your J and G into the sandwich and remember the 1/n."
    return None


# ch3-ex9: a useless feature; the predictions are exact, the simulated means are within about four
# standard errors of a mean over 2000 data sets.


def ex9_predicted_gap(value):
    return close(value, 3 / 400, rtol=1e-6)


def ex9_predicted_cost(value):
    return close(value, 1 / 400, rtol=1e-6)


def ex9_simulated_train_gap(value):
    return close(value, 0.0075, atol=0.0006)


def ex9_simulated_new_gap(value):
    # Above d / (2n) by a few per cent at n / d of about 67.
    return close(value, 0.0079, atol=0.0008)


def ex9_simulated_cost(value):
    return close(value, 0.0025, atol=0.0004)


@exercise(
    "ch3-ex9",
    predicted_gap="your prediction, before simulating, of the average training gap for n = 200, which is "
                  "also that of the new-data gap (a float, in nats)",
    predicted_cost="your prediction of the average cost of the useless feature on new data (a float, in "
                   "nats)",
    simulated_train_gap="the mean training gap over your 2000 simulated data sets (a float, in nats)",
    simulated_new_gap="the mean new-data gap over the 2000 data sets (a float, in nats)",
    simulated_cost="the mean paired difference of the new-data gaps with and without x^2 (a float, in "
                   "nats)",
)
def _(predicted_gap, predicted_cost, simulated_train_gap, simulated_new_gap, simulated_cost):
    if not ex9_predicted_gap(predicted_gap):
        return ("Count the parameters this model fits, and use what the chapter derived about the average "
                "gaps of a correctly specified model.")
    if not ex9_predicted_cost(predicted_cost):
        return ("The cost compares the new-data gaps of the two models fitted to the same data: predict "
                "each one the same way.")
    if not (ex9_simulated_train_gap(simulated_train_gap) and ex9_simulated_new_gap(simulated_new_gap)
            and ex9_simulated_cost(simulated_cost)):
        return ("Each gap is an NLL minus another on the same data (training) or under the same true "
                "distribution (new data), averaged over the data sets; the cost pairs the two models on "
                "each data set.")
    return None


# ch3-ex10: pseudo-counts.
EX10_CASES = [(3, 3, 2, 2), (0, 10, 1, 1), (1395, 2000, 5, 2), (7, 12, 3, 6), (20, 20, 1, 4)]
EX10_FRACTION = 1395 / 2000  # the 2000 flips' fraction of heads


def ex10_theta_map(theta_map):
    """The fraction of the cases (heads, flips, a1, a0) on which theta_map is right."""
    return fraction(
        (lambda n1=n1, n=n, a1=a1, a0=a0: close(theta_map(n1, n, a1, a0),
                                                 (n1 + a1 - 1) / (n + a1 + a0 - 2), rtol=1e-9))
        for n1, n, a1, a0 in EX10_CASES
    )


def ex10_priors(prior_ml, prior_laplace):
    return close(prior_ml, [1, 1]) and close(prior_laplace, [2, 2])


def ex10_pull_limits(value):
    # The limits are -0.395 and 0.5125; n times the pull measured at the 2000 flips (0.511) passes.
    return close(value, [1 - 2 * EX10_FRACTION, 4 - 5 * EX10_FRACTION], atol=0.003)


def ex10_theta_from_z(value):
    # A grid of z with a step of 0.01 or finer, or the exact maximiser.
    return close(value, 0.8, atol=1e-3)


@exercise(
    "ch3-ex10",
    theta_map="the MAP estimate, as a Python function theta_map(n1, n, a1, a0) of the heads, the flips "
              "and the Beta prior's parameters",
    prior_ml="the prior (a1, a0) that gives the plain maximum likelihood estimate (a tuple of two numbers)",
    prior_laplace="the prior (a1, a0) that gives (n_1 + 1) / (n + 2) (a tuple of two numbers)",
    pull_limits="for the 2000 flips, the limit of n times the pull for Beta(2, 2) and for Beta(5, 2) "
                "(a tuple of two floats, in that order)",
    theta_from_z="for three heads in three flips and the uniform prior on theta: the theta that the MAP "
                 "estimate of the log-odds z gives (a float, to within 0.001: from a grid of z with a "
                 "step of 0.001 or finer, or exact)",
)
def _(theta_map, prior_ml, prior_laplace, pull_limits, theta_from_z):
    if ex10_theta_map(theta_map) < 1:
        return ("The log-posterior is the log-likelihood plus the log-prior: collect the powers of theta and "
                "of 1 - theta, then maximise as in exercise 3.1.")
    if not ex10_priors(prior_ml, prior_laplace):
        return "Read the pseudo-counts off your formula: how many imaginary heads and tails does each prior add?"
    if not ex10_pull_limits(pull_limits):
        return ("Multiply the pull, MAP minus n_1 / n, by n and let n grow at the 2000 flips' fraction of heads; "
                "keep its sign.")
    if not ex10_theta_from_z(theta_from_z):
        if close(theta_from_z, 0.8, atol=0.01):
            return ("Nearly: your grid of z is too coarse; use a step of 0.001 or finer, or find the "
                    "maximiser exactly.")
        return ("A density changes under a change of variables: write the uniform prior on theta as a "
                "density of z = logit(theta) before maximising.")
    return None
