"""Hidden checks of chapter 3's exercises (maximum likelihood): 32 points over 9 exercises.

Every check uses the public check's predicate (lossutils.exercises.ch3), so its reference and tolerance:
an answer the public check calls right earns every point here.
"""

from lossutils.exercises import ch3 as public
from lossutils.exercises import hidden

# ch3-ex1 (2 points): the minimiser and the minimum of the twenty flips' binary cross-entropy.


@hidden("ch3-ex1", points=1)
def _(minimiser, **_):
    return public.ex1_minimiser(minimiser)


@hidden("ch3-ex1", points=1)
def _(minimum, **_):
    return public.ex1_minimum(minimum)


# ch3-ex2 (2 points): the last positive power of 1/2 and the flips that make the likelihood 0.


@hidden("ch3-ex2", points=1)
def _(largest_n, **_):
    return public.ex2_largest_n(largest_n)


@hidden("ch3-ex2", points=1)
def _(flips_to_zero, **_):
    return public.ex2_flips_to_zero(flips_to_zero)


# ch3-ex3 (2 points): the bias factor (n - 1) / n at n = 5 and the limit 2 / sqrt(pi) of the scaled error.


@hidden("ch3-ex3", points=1)
def _(bias_factor, **_):
    return public.ex3_bias_factor(bias_factor)


@hidden("ch3-ex3", points=1)
def _(mae_limit, **_):
    return public.ex3_mae_limit(mae_limit)


# ch3-ex4 (5 points): the Fisher information, the simulated variance, the shrunk estimator's MSE, the rate.


@hidden("ch3-ex4", points=1)
def _(fisher, **_):
    return public.ex4_fisher(fisher)


@hidden("ch3-ex4", points=1)
def _(var_mle, **_):
    return public.ex4_var_mle(var_mle)


@hidden("ch3-ex4", points=2)
def _(mse_shrunk, **_):
    return 2 * public.ex4_mse_shrunk(mse_shrunk)


@hidden("ch3-ex4", points=1)
def _(advantage_limit, **_):
    return public.ex4_advantage_limit(advantage_limit)


# ch3-ex5 (3 points): the median is the Laplace MLE and wins, by a factor of about 1/2.


@hidden("ch3-ex5", points=1)
def _(mle, **_):
    return public.ex5_mle(mle)


@hidden("ch3-ex5", points=1)
def _(winner, **_):
    return public.ex5_winner(winner)


@hidden("ch3-ex5", points=1)
def _(ratio, **_):
    return public.ex5_ratio(ratio)


# ch3-ex6 (3 points): four copies; the standard error without them, and clustered by row.


@hidden("ch3-ex6", points=1)
def _(copies, **_):
    return public.ex6_copies(copies)


@hidden("ch3-ex6", points=1)
def _(se_distinct, **_):
    return public.ex6_se_distinct(se_distinct)


@hidden("ch3-ex6", points=1)
def _(se_cluster, **_):
    return public.ex6_se_cluster(se_cluster)


# ch3-ex7 (5 points): the limit, the model's variance, J, G and the sandwich.


@hidden("ch3-ex7", points=1)
def _(limit, **_):
    return public.ex7_limit(limit)


@hidden("ch3-ex7", points=1)
def _(model_var, **_):
    return public.ex7_model_var(model_var)


@hidden("ch3-ex7", points=1)
def _(J, **_):
    return public.ex7_J(J)


@hidden("ch3-ex7", points=1)
def _(G, **_):
    return public.ex7_G(G)


@hidden("ch3-ex7", points=1)
def _(sandwich_var, **_):
    return public.ex7_sandwich_var(sandwich_var)


# ch3-ex9 (5 points): the predictions d / (2n) and 1 / (2n), and the three simulated means.


@hidden("ch3-ex9", points=1)
def _(predicted_gap, **_):
    return public.ex9_predicted_gap(predicted_gap)


@hidden("ch3-ex9", points=1)
def _(predicted_cost, **_):
    return public.ex9_predicted_cost(predicted_cost)


@hidden("ch3-ex9", points=1)
def _(simulated_train_gap, **_):
    return public.ex9_simulated_train_gap(simulated_train_gap)


@hidden("ch3-ex9", points=1)
def _(simulated_new_gap, **_):
    return public.ex9_simulated_new_gap(simulated_new_gap)


@hidden("ch3-ex9", points=1)
def _(simulated_cost, **_):
    return public.ex9_simulated_cost(simulated_cost)


# ch3-ex10 (5 points): the MAP formula, the two priors, the limits of n times the pull, the log-odds MAP.


@hidden("ch3-ex10", points=2)
def _(theta_map, **_):
    return 2 * public.ex10_theta_map(theta_map)


@hidden("ch3-ex10", points=1)
def _(prior_ml, prior_laplace, **_):
    return public.ex10_priors(prior_ml, prior_laplace)


@hidden("ch3-ex10", points=1)
def _(pull_limits, **_):
    return public.ex10_pull_limits(pull_limits)


@hidden("ch3-ex10", points=1)
def _(theta_from_z, **_):
    return public.ex10_theta_from_z(theta_from_z)
