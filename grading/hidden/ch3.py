"""Hidden checks of chapter 3's exercises (maximum likelihood): 32 points over 9 exercises."""

import numpy as np

from lossutils.exercises import close, hidden

# ch3-ex1 (2 points): the minimiser and the minimum of the twenty flips' binary cross-entropy.


@hidden("ch3-ex1", points=1)
def _(minimiser, **_):
    return close(minimiser, 0.6, atol=1e-5)


@hidden("ch3-ex1", points=1)
def _(minimum, **_):
    return close(minimum, -(0.6 * np.log(0.6) + 0.4 * np.log(0.4)), atol=1e-6)


# ch3-ex2 (2 points): the last positive power of 1/2 and the flips that make the likelihood 0.


@hidden("ch3-ex2", points=1)
def _(largest_n, **_):
    return int(largest_n) == 1074 and float(largest_n) == 1074


@hidden("ch3-ex2", points=1)
def _(flips_to_zero, **_):
    return int(flips_to_zero) == 1075 and float(flips_to_zero) == 1075


# ch3-ex3 (2 points): the bias factor (n - 1) / n at n = 5 and the limit 2 / sqrt(pi) of the scaled error.


@hidden("ch3-ex3", points=1)
def _(bias_factor, **_):
    return close(bias_factor, 0.8, atol=0.02)


@hidden("ch3-ex3", points=1)
def _(mae_limit, **_):
    return close(mae_limit, 2 / np.sqrt(np.pi), rtol=0.02)


# ch3-ex4 (5 points): the Fisher information, the simulated variance, the shrunk estimator's MSE, the rate.


@hidden("ch3-ex4", points=1)
def _(fisher, **_):
    thetas = np.array([0.01, 0.3, 0.5, 0.77, 0.95])
    return close(fisher(thetas), 1 / (thetas * (1 - thetas)), rtol=1e-9)


@hidden("ch3-ex4", points=1)
def _(var_mle, **_):
    return close(var_mle, 0.3 * 0.7 / 50, rtol=0.05)


@hidden("ch3-ex4", points=2)
def _(mse_shrunk, **_):
    thetas = np.array([0.02, 0.3, 0.5, 0.9])
    points = 0
    for n in (5, 50, 1000):
        v = thetas * (1 - thetas)
        points += close(mse_shrunk(thetas, n), ((n - 4) * v + 1) / (n + 2) ** 2, rtol=1e-9)
    return 2 * points / 3


@hidden("ch3-ex4", points=1)
def _(advantage_limit, **_):
    return close(advantage_limit, 8 * 0.21 - 1, atol=0.005)


# ch3-ex5 (3 points): the median is the Laplace MLE and wins, by a factor of about 1/2.


@hidden("ch3-ex5", points=1)
def _(mle, **_):
    return str(mle).strip().lower() == "median"


@hidden("ch3-ex5", points=1)
def _(winner, **_):
    return str(winner).strip().lower() == "median"


@hidden("ch3-ex5", points=1)
def _(ratio, **_):
    return 0.46 <= float(ratio) <= 0.59


# ch3-ex6 (3 points): four copies; the standard error without them, and clustered by row.


@hidden("ch3-ex6", points=1)
def _(copies, **_):
    return close(copies, 4)


@hidden("ch3-ex6", points=1)
def _(se_distinct, **_):
    return close(se_distinct, 0.2437, rtol=0.02)


@hidden("ch3-ex6", points=1)
def _(se_cluster, **_):
    return close(se_cluster, 0.2421, rtol=0.02)


# ch3-ex7 (5 points): the limit, the model's variance, J, G and the sandwich.


@hidden("ch3-ex7", points=1)
def _(limit, **_):
    return close(limit, 0.0, atol=1e-9)


@hidden("ch3-ex7", points=1)
def _(model_var, **_):
    return close(model_var, 0.02, rtol=1e-9)


@hidden("ch3-ex7", points=1)
def _(J, **_):
    return close(J, 1.0, rtol=1e-9)


@hidden("ch3-ex7", points=1)
def _(G, **_):
    return close(G, 4.0, rtol=1e-9)


@hidden("ch3-ex7", points=1)
def _(sandwich_var, **_):
    return close(sandwich_var, 0.08, rtol=1e-9)


# ch3-ex9 (5 points): the predictions d / (2n) and 1 / (2n), and the three simulated means.


@hidden("ch3-ex9", points=1)
def _(predicted_gap, **_):
    return close(predicted_gap, 0.0075, rtol=1e-9)


@hidden("ch3-ex9", points=1)
def _(predicted_cost, **_):
    return close(predicted_cost, 0.0025, rtol=1e-9)


@hidden("ch3-ex9", points=1)
def _(simulated_train_gap, **_):
    return close(simulated_train_gap, 0.0075, atol=0.0006)


@hidden("ch3-ex9", points=1)
def _(simulated_new_gap, **_):
    # Above d / (2n) by a few per cent at n / d of about 67.
    return close(simulated_new_gap, 0.0079, atol=0.0007)


@hidden("ch3-ex9", points=1)
def _(simulated_cost, **_):
    return close(simulated_cost, 0.0025, atol=0.0004)


# ch3-ex10 (5 points): the MAP formula, the two priors, the limits of n times the pull, the log-odds MAP.


@hidden("ch3-ex10", points=2)
def _(theta_map, **_):
    cases = [(3, 3, 2, 2), (0, 10, 1, 1), (1395, 2000, 5, 2), (7, 12, 3, 6), (20, 20, 1, 4)]
    right = sum(close(theta_map(n1, n, a1, a0), (n1 + a1 - 1) / (n + a1 + a0 - 2), rtol=1e-9)
                for n1, n, a1, a0 in cases)
    return 2 * right / len(cases)


@hidden("ch3-ex10", points=1)
def _(prior_ml, prior_laplace, **_):
    return close(prior_ml, [1, 1]) and close(prior_laplace, [2, 2])


@hidden("ch3-ex10", points=1)
def _(pull_limits, **_):
    return close(pull_limits, [1 - 2 * 0.6975, 4 - 5 * 0.6975], atol=0.003)


@hidden("ch3-ex10", points=1)
def _(theta_from_z, **_):
    return close(theta_from_z, 0.8, atol=1e-4)
