"""Public checks of chapter 3's exercises (maximum likelihood)."""

import numpy as np

from . import close, exercise


@exercise(
    "ch3-ex1",
    minimiser="the theta at which the binary cross-entropy of the twenty flips is smallest, found "
              "with minimize_scalar (a float)",
    minimum="the binary cross-entropy there, in nats (a float)",
)
def _(minimiser, minimum):
    if not close(minimiser, 0.6, atol=1e-4):
        return ("Minimise the binary cross-entropy of the twenty flips themselves, with every predicted "
                "probability equal to theta; the derivation says where to expect the minimiser.")
    if not close(minimum, -(0.6 * np.log(0.6) + 0.4 * np.log(0.4)), atol=1e-4):
        return ("Give the value of the loss at the minimiser, the mean over the flips and in nats "
                "(natural logarithms), not the likelihood.")
    return None


@exercise(
    "ch3-ex2",
    largest_n="the largest n for which 0.5 ** n is still a positive float64 (an int)",
    flips_to_zero="the smallest number of fair-coin flips whose likelihood, a product of 0.5s, is "
                  "exactly 0.0 in float64 (an int)",
)
def _(largest_n, flips_to_zero):
    if largest_n != 1074:
        return ("Halve until the result is 0.0, rather than stopping at np.finfo(float).tiny: below it "
                "the subnormal numbers still reach further towards zero.")
    if flips_to_zero != largest_n + 1:
        return "The likelihood of n flips is 0.5 ** n: when is it first exactly zero?"
    return None


@exercise(
    "ch3-ex3",
    bias_factor="for n = 5: the simulated mean of the maximum likelihood variance estimate divided by "
                "the true variance (a float, from at least 10 000 simulated data sets)",
    mae_limit="the large-n limit of sqrt(n) times the mean absolute error of the estimate, divided by "
              "the true variance sigma^2 (a float)",
)
def _(bias_factor, mae_limit):
    if not close(bias_factor, 0.8, atol=0.03):
        return ("Average the 1/n estimate (np.var's default, ddof=0) over many data sets of five draws, "
                "and divide by the variance you drew them with.")
    if not close(mae_limit, 2 / np.sqrt(np.pi), rtol=0.03):
        return ("Combine the two facts in the statement: the standard deviation of the estimate for large "
                "n, and the mean absolute value of a normal error with that standard deviation.")
    return None


@exercise(
    "ch3-ex4",
    fisher="the Fisher information of one flip, as a Python function fisher(theta) of the probability "
           "of heads (works on NumPy arrays)",
    var_mle="the variance of n_1 / n over your simulated data sets for theta* = 0.3 and n = 50 (a float, "
            "from at least 10 000 data sets)",
    mse_shrunk="the mean squared error of (n_1 + 1) / (n + 2), as a Python function mse_shrunk(theta, n) "
               "of the true probability and the number of flips (works on NumPy arrays)",
    advantage_limit="for theta* = 0.3, the limit as n grows of n^2 times the mean squared error of n_1 / n "
                    "minus that of (n_1 + 1) / (n + 2) (a float)",
)
def _(fisher, var_mle, mse_shrunk, advantage_limit):
    thetas = np.array([0.2, 0.5])
    if not close(fisher(thetas), 1 / (thetas * (1 - thetas)), rtol=1e-6):
        return ("Take the expected square of the derivative of log p(y; theta) over y ~ Bernoulli(theta); "
                "the variance of one flip appears in it.")
    if not close(var_mle, 0.3 * 0.7 / 50, rtol=0.06):
        return "Simulate the counts of heads with rng.binomial and take the variance of the fraction n_1 / n."
    if not close(mse_shrunk(thetas, 50), ((50 - 4) * 0.25 * np.array([0.64, 1.0]) + 1) / 52**2,
                 rtol=1e-6):
        return ("The mean squared error of a biased estimator is its variance plus its squared bias; both "
                "follow from the mean and variance of n_1.")
    if not close(advantage_limit, 8 * 0.21 - 1, atol=0.01):
        return "Expand the difference of the two mean squared errors in powers of 1/n."
    return None


@exercise(
    "ch3-ex5",
    mle="which of 'mean' and 'median' is the maximum likelihood estimate of the Laplace location c (a str)",
    winner="which of 'mean' and 'median' has the smaller variance on Laplace data (a str)",
    ratio="the variance of the median divided by the variance of the mean, for large n (a float: your "
          "measurement at n of about 1000 or the large-sample value)",
)
def _(mle, winner, ratio):
    if mle != "median":
        return "Write down the Laplace NLL of a sample: which estimator minimises a sum of absolute errors?"
    if winner != "median":
        return "Compare the two variances measured on Laplace draws, not on normal ones."
    if not (0.45 <= float(ratio) <= 0.6):
        return ("Divide the median's variance by the mean's, with the two formulas in the statement (the "
                "Laplace density at its centre is 1/2), or measure both at n of about 1000.")
    return None


@exercise(
    "ch3-ex6",
    copies="how many times each distinct row appears in the colleague's 1000 rows (an int)",
    se_distinct="the standard error of w_hat on colleague_data(seed=0) after removing the cause, from the "
                "inverse Hessian (a float)",
    se_cluster="the cluster-robust standard error of w_hat on all 1000 rows of colleague_data(seed=0) "
               "(a float)",
)
def _(copies, se_distinct, se_cluster):
    if copies != 4:
        return "Count the distinct values of x in the colleague's data (np.unique)."
    if not close(se_distinct, 0.2437, rtol=0.03):
        return ("Fit each distinct row once, without any penalty, and take the standard error from that "
                "fit's inverse Hessian.")
    if not close(se_cluster, 0.2421, rtol=0.03):
        return ("Keep all 1000 rows, but sum the gradients of the rows that belong together before taking "
                "outer products in the sandwich.")
    return None


@exercise(
    "ch3-ex7",
    limit="the value the maximum likelihood estimate of mu converges to (a float)",
    model_var="the variance of mu_hat that the model's inverse Fisher information claims, for n = 50 "
              "(a float)",
    J="the expected second derivative of one example's NLL under the true distribution (a float)",
    G="the expected squared first derivative of one example's NLL under the true distribution (a float)",
    sandwich_var="the sandwich variance J^-1 G J^-1 / n for n = 50 (a float)",
)
def _(limit, model_var, J, G, sandwich_var):
    if not close(limit, 0.0, atol=1e-9):
        return "Which statistic minimises the model's NLL, and what does it converge to?"
    if not close(model_var, 1 / 50, rtol=1e-6):
        return "The model believes its own standard deviation: what Fisher information does that give?"
    if not (close(J, 1.0, rtol=1e-6) and close(G, 4.0, rtol=1e-6)):
        return ("Differentiate one example's NLL under the model, then take the expectations over the true "
                "distribution of y, not over the model's.")
    if not close(sandwich_var, 4 / 50, rtol=1e-6):
        return "Put your J and G into the sandwich and remember the 1/n."
    return None


@exercise(
    "ch3-ex9",
    predicted_gap="your prediction, before simulating, of the average training gap for n = 200, which is "
                  "also that of the new-data gap (a float, in nats)",
    predicted_cost="your prediction of the average cost of the useless feature on new data (a float, in "
                   "nats)",
    simulated_train_gap="the mean training gap over your 2000 simulated data sets (a float)",
    simulated_new_gap="the mean new-data gap over the 2000 data sets (a float)",
    simulated_cost="the mean paired difference of the new-data gaps with and without x^2 (a float)",
)
def _(predicted_gap, predicted_cost, simulated_train_gap, simulated_new_gap, simulated_cost):
    if not close(predicted_gap, 3 / 400, rtol=1e-6):
        return "Count the parameters of the three-parameter model and use the d / (2n) rule of the chapter."
    if not close(predicted_cost, 1 / 400, rtol=1e-6):
        return "The cost is the difference of two new-data gaps, with d = 3 and d = 2."
    simulated = [simulated_train_gap, simulated_new_gap, simulated_cost]
    if not (close(simulated_train_gap, 0.0075, atol=0.0008) and close(simulated_new_gap, 0.0079,
            atol=0.0009) and close(simulated_cost, 0.0025, atol=0.0005)) or min(simulated) <= 0:
        return ("Each gap is an NLL minus another on the same data (training) or under the same true "
                "distribution (new data), averaged over the data sets; the cost pairs the two models on "
                "each data set.")
    return None


@exercise(
    "ch3-ex10",
    theta_map="the MAP estimate, as a Python function theta_map(n1, n, a1, a0) of the heads, the flips "
              "and the Beta prior's parameters",
    prior_ml="the prior (a1, a0) that gives the plain maximum likelihood estimate (a tuple of two numbers)",
    prior_laplace="the prior (a1, a0) that gives (n_1 + 1) / (n + 2) (a tuple of two numbers)",
    pull_limits="for the 2000 flips, the limit of n times the pull for Beta(2, 2) and for Beta(5, 2) "
                "(a tuple of two floats, in that order)",
    theta_from_z="for three heads in three flips and the uniform prior on theta: the theta that the MAP "
                 "estimate of the log-odds z gives (a float)",
)
def _(theta_map, prior_ml, prior_laplace, pull_limits, theta_from_z):
    if not close(theta_map(3, 3, 2, 2), 0.8, rtol=1e-6) or not close(theta_map(10, 40, 5, 2),
                                                                     14 / 45, rtol=1e-6):
        return ("The log-posterior is the log-likelihood plus the log-prior: collect the powers of theta and "
                "of 1 - theta, then maximise as in exercise 3.1.")
    if not (close(prior_ml, [1, 1]) and close(prior_laplace, [2, 2])):
        return "Read the pseudo-counts off your formula: how many imaginary heads and tails does each prior add?"
    if not close(pull_limits, [-0.395, 0.5125], atol=0.005):
        return ("Multiply the pull, MAP minus n_1 / n, by n and let n grow at the 2000 flips' fraction of heads; "
                "keep its sign.")
    if not close(theta_from_z, 0.8, atol=1e-3):
        return ("A density changes under a change of variables: write the uniform prior on theta as a "
                "density of z = logit(theta) before maximising.")
    return None
