"""Public checks of chapter 7's exercises (the loss versus the metric)."""

import numpy as np

from . import close, exercise


@exercise(
    "ch7-ex1",
    uniform_ce="the cross-entropy of the uniform guess on the 1000 labels (a float, nats)",
    prior_ce="the cross-entropy of the prior prediction on the same labels (a float, nats)",
    kl="KL(prior || uniform), from lossutils.kl_divergence (a float, nats)",
)
def _(uniform_ce, prior_ce, kl):
    if close(uniform_ce, np.log2(3), rtol=1e-3):
        return "The course's cross-entropies are in nats: natural logarithms."
    if not close(uniform_ce, np.log(3), atol=5e-4):
        return "The uniform guess gives each of the three classes the same probability."
    if not close(prior_ce, 1.02965, atol=5e-4):
        return "The prior prediction gives each class its frequency, for every label."
    if not close(kl, 0.068959, atol=5e-4):
        return ("The divergence is not symmetric: the prior comes first, the uniform "
                "distribution second.")
    return None


@exercise(
    "ch7-ex2",
    mean_differences="the means over the eight seeds of the paired differences, highest-validation-"
                     "accuracy rule minus lowest-validation-loss rule, in validation accuracy, test "
                     "cross-entropy and test accuracy (three floats, in this order)",
    optimism="the mean over the seeds of validation accuracy minus test accuracy at the epoch the "
             "accuracy rule picks (a float)",
    beyond_noise="whether the 95% interval of the paired difference in test accuracy excludes 0 "
                 "(True or False)",
)
def _(mean_differences, optimism, beyond_noise):
    differences = np.asarray(mean_differences, dtype=float)
    if differences.shape != (3,):
        return "Give the three mean differences, as a list of three numbers."
    if differences[0] < 0:
        return ("Subtract the loss rule's scores from the accuracy rule's; on the validation set "
                "the accuracy rule cannot lose in accuracy.")
    if close(differences[1], 0.1143, atol=2e-3):
        return "Where several epochs tie for the highest validation accuracy, take the first."
    if not close(differences, [0.05, 0.0721, -0.0045], atol=1e-3):
        return ("Choose both epochs on the validation set, per run, then read the test scores at "
                "those epochs from the same run.")
    if not close(optimism, 0.066, atol=1e-3):
        return "Compare, at the accuracy rule's epoch, the validation accuracy with the test accuracy."
    if beyond_noise is not False:
        return "Compute the interval of the test-accuracy differences with mean_interval."
    return None


@exercise(
    "ch7-ex3",
    threshold="your function threshold(cost_fp, cost_fn): the threshold t* on p(1 | x) above which "
              "predicting 1 has the lower expected cost (a float)",
    best_threshold="the threshold of lowest average cost in the sweep on the million points (a float)",
    network_costs="the networks' average cost per test example, mean over the eight runs, at t* and "
                  "at 0.5 (two floats)",
)
def _(threshold, best_threshold, network_costs):
    if close(threshold(1.0, 5.0), 5 / 6, rtol=1e-9):
        return ("Your threshold is on the wrong side of 1/2: when a miss costs more, flag "
                "class 1 sooner.")
    if not all(close(threshold(fp, fn), fp / (fp + fn), rtol=1e-9)
               for fp, fn in ((1.0, 5.0), (2.0, 3.0), (1.0, 1.0))):
        return "Compare the two expected costs, c_FP (1 - p) and c_FN p, and solve for p."
    if not abs(best_threshold - 1 / 6) <= 0.015:
        return "Sweep with the true probabilities, circles_posterior(X_mc_circles), and the labels y_mc_circles."
    if not close(network_costs, [0.31625, 0.4635], atol=1e-3):
        return ("Count a false positive as 1 and a false negative as 5, average over the 500 test "
                "examples, then over the eight networks.")
    return None


@exercise(
    "ch7-ex4",
    expected_brier="your function expected_brier(q, p): the expected multi-class Brier score of the "
                   "forecast q when the class is drawn from p (1-D arrays of length K) (a float)",
    expected_absolute="your function expected_absolute(q, p): the expected absolute error "
                      "sum_k |q_k - t_k| in the same setting (a float)",
    brier_minimiser="the forecast on the grid that minimises the expected Brier score for "
                    "p = (0.5, 0.3, 0.2) (an array of 3)",
    absolute_minimiser="the forecast on the grid that minimises the expected absolute error (an array of 3)",
)
def _(expected_brier, expected_absolute, brier_minimiser, absolute_minimiser):
    rng = np.random.default_rng(74)
    q, p = rng.dirichlet(np.ones(4)), rng.dirichlet(np.ones(4))
    brier = np.sum((q - p) ** 2) + np.sum(p * (1 - p))
    if close(expected_brier(q, p), np.sum((q - p) ** 2), rtol=1e-6):
        return "Your Brier expectation misses the part that does not depend on q."
    if not close(expected_brier(q, p), brier, rtol=1e-6):
        return "Expand (q_k - t_k)^2, then use t_k^2 = t_k and E[t_k] = p_k."
    if not close(expected_absolute(q, p), 1 + q @ (1 - 2 * p), rtol=1e-6):
        return ("|q_k - t_k| is q_k when t_k = 0 and 1 - q_k when t_k = 1: weight each case by its "
                "probability.")
    if not close(brier_minimiser, [0.5, 0.3, 0.2], atol=1e-9):
        return "Look again at the Brier score's minimiser on the grid."
    if not close(absolute_minimiser, [1.0, 0.0, 0.0], atol=1e-9):
        return "The expected absolute error is linear in q: where on the simplex is a linear function smallest?"
    return None


@exercise(
    "ch7-ex5",
    dl_dt="your function dl_dt(z, y_true, t): the derivative dL/dT at temperature t for logits z and "
          "labels y_true (a float)",
    newton_update="your function newton_update(z, y_true, beta): the beta after one Newton step "
                  "from beta (a float)",
    temperatures="Newton's temperatures T for the eight wide networks, in the order of wide_runs "
                 "(an array of 8)",
    first_betas="for each network, beta after one Newton step from beta = 1 (an array of 8)",
)
def _(dl_dt, newton_update, temperatures, first_betas):
    from lossutils import binary_cross_entropy

    rng = np.random.default_rng(75)
    z, y_true = 3 * rng.normal(size=20), rng.integers(0, 2, size=20).astype(float)

    def loss(t):
        return binary_cross_entropy(y_true, z / t, from_logits=True)

    central = (loss(1.5 + 1e-6) - loss(1.5 - 1e-6)) / 2e-6
    got = float(dl_dt(z, y_true, 1.5))
    if close(-got, central, rtol=1e-4):
        return "Your dL/dT has the wrong sign: ds/dT = -z / T^2."
    if not close(got, central, rtol=1e-4, atol=1e-8):
        return "Apply the chain rule to s_i = z_i / T, and keep the mean's 1/n."
    q = 1 / (1 + np.exp(-0.7 * z))
    step = 0.7 - np.mean((q - y_true) * z) / np.mean(q * (1 - q) * z**2)
    if not close(newton_update(z, y_true, 0.7), step, rtol=1e-6):
        return "Newton's step is beta - L'(beta) / L''(beta), with the derivatives in beta, not in T."
    if not close(temperatures, [2.3332, 3.3288, 2.4246, 2.8547, 2.5309, 2.5965, 2.5463, 2.1071],
                 rtol=1e-3):
        return ("Run Newton's method to convergence on each network's validation logits at epoch "
                "400, from beta = 0, and give T = 1 / beta.")
    if not np.all(np.asarray(first_betas, dtype=float) < 0):
        return "Take a single Newton step from beta = 1 for each network, and look at its sign."
    return None


@exercise(
    "ch7-ex6",
    confidence="what the colleague's diagram says about the scaled confidences: 'over-confident', "
               "'under-confident' or 'calibrated' (a string)",
    double_ece="the test ECE of each doubly scaled network, in the order of the runs (an array of 8)",
    refit_t="the temperature fitted to each network's doubly scaled validation predictions (an array of 8)",
    constant_ece="the test ECE of each network's constant-confidence forecast (an array of 8)",
    constant_log_loss="the test log loss of each constant-confidence forecast (an array of 8)",
)
def _(confidence, double_ece, refit_t, constant_ece, constant_log_loss):
    if confidence != "under-confident":
        return "Accuracy above confidence in a bin: is the forecast too sure, or not sure enough?"
    if not np.all(np.asarray(double_ece, dtype=float) > 0.12):
        return "Divide the logits of scaled_p_test by fitted_t once more, then take the ECE."
    refit = np.asarray(refit_t, dtype=float)
    if np.any(np.isclose(refit, 0.5)) or np.any(refit > 1):
        return ("Fit on a grid that reaches well below 1 (or by Newton's method): the fitted value "
                "may be below 0.5.")
    if not close(refit, 1 / np.array([2.327, 3.334, 2.422, 2.842, 2.521, 2.597, 2.546, 2.106]),
                 rtol=0.03):
        return "Scale the validation predictions twice by each run's own fitted_t, then refit."
    if not np.all(np.asarray(constant_ece, dtype=float) < 0.03):
        return ("Give every test point the training accuracy as the confidence in the class the "
                "network predicts.")
    if not np.all(np.asarray(constant_log_loss, dtype=float) > 0.4):
        return "The log loss of the constant forecast: -log c when right, -log(1 - c) when wrong."
    return None
