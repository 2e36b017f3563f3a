"""Public checks of chapter 7's exercises (the loss versus the metric).

Each value has one check here, a function returning None (right) or a hint; the public check runs them
in order and the hidden checks (``grading/hidden/ch7.py``) call the same functions, so that a value called
right earns its points, with the same reference, the same cases and the same tolerance.
"""

import numpy as np

from . import close, exercise, first_hint as _first, is_bool as _is


def _array(value, size):
    try:
        value = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return value if value.shape == (size,) and np.all(np.isfinite(value)) else None


# ch7-ex1 ---------------------------------------------------------------------------------------------

PRIOR = np.array([0.5, 0.3, 0.2])
BASELINE_ATOL = 1e-4  # accepts the four decimals the solution prints


def uniform_ce_hint(uniform_ce):
    if close(uniform_ce, np.log2(3), rtol=1e-3):
        return "The course's cross-entropies are in nats: natural logarithms."
    if not close(uniform_ce, np.log(3), atol=BASELINE_ATOL):
        return "The uniform guess gives each of the three classes the same probability."
    return None


def prior_ce_hint(prior_ce):
    if close(prior_ce, -np.sum(PRIOR * np.log2(PRIOR)), rtol=1e-3):
        return "The course's cross-entropies are in nats: natural logarithms."
    if not close(prior_ce, -np.sum(PRIOR * np.log(PRIOR)), atol=BASELINE_ATOL):
        return "The prior prediction gives each class its frequency, for every label."
    return None


def kl_hint(kl):
    if close(kl, np.sum(np.log((1 / 3) / PRIOR)) / 3, atol=BASELINE_ATOL):
        return ("The divergence is not symmetric: the prior comes first, the uniform "
                "distribution second.")
    if not close(kl, np.log(3) + np.sum(PRIOR * np.log(PRIOR)), atol=BASELINE_ATOL):
        return "Pass the prior and the uniform distribution to lossutils.kl_divergence as rows of 3."
    return None


@exercise(
    "ch7-ex1",
    uniform_ce="the cross-entropy of the uniform guess on the 1000 labels, the value your code computed "
               "(a float, nats)",
    prior_ce="the cross-entropy of the prior prediction on the same labels (a float, nats)",
    kl="KL(prior || uniform), from lossutils.kl_divergence (a float, nats)",
)
def _(uniform_ce, prior_ce, kl):
    return _first(lambda: uniform_ce_hint(uniform_ce), lambda: prior_ce_hint(prior_ce),
                  lambda: kl_hint(kl))


# ch7-ex2 ---------------------------------------------------------------------------------------------

# Mean paired differences (accuracy rule - loss rule) in validation accuracy, test cross-entropy and test
# accuracy, and the accuracy rule's mean validation - test accuracy. The accuracies are exact multiples of
# 1/800 and 1/4000; the tolerance accepts the three decimals the solution prints (-0.005 for -0.0045).
MEAN_DIFFERENCES = (0.05, 0.0721328, -0.0045)
OPTIMISM = 0.066
RULES_ATOL = 6e-4


def difference_hint(mean_differences, index):
    """The mean difference number ``index`` (0, 1, 2)."""
    differences = _array(mean_differences, 3)
    if differences is None:
        return "Give the three mean differences, as a list of three numbers."
    if differences[0] < 0:
        return ("Subtract the loss rule's scores from the accuracy rule's; on the validation set "
                "the accuracy rule cannot lose in accuracy.")
    if close(differences[1], 0.1143, atol=2e-3):
        return "Where several epochs tie for the highest validation accuracy, take the first."
    if not close(differences[index], MEAN_DIFFERENCES[index], atol=RULES_ATOL):
        return ("Choose both epochs on the validation set, per run, then read the test scores at "
                "those epochs from the same run.")
    return None


def optimism_hint(optimism):
    if not close(optimism, OPTIMISM, atol=RULES_ATOL):
        return "Compare, at the accuracy rule's epoch, the validation accuracy with the test accuracy."
    return None


def beyond_noise_hint(beyond_noise):
    if not _is(beyond_noise, False):
        return ("Compute the 95% interval of the eight test-accuracy differences with mean_interval, "
                "and give True or False.")
    return None


@exercise(
    "ch7-ex2",
    mean_differences="the means over the eight seeds of the paired differences, highest-validation-"
                     "accuracy rule minus lowest-validation-loss rule, in validation accuracy, test "
                     "cross-entropy and test accuracy, the values your code computed (three floats, "
                     "in this order)",
    optimism="the mean over the seeds of validation accuracy minus test accuracy at the epoch the "
             "accuracy rule picks (a float)",
    beyond_noise="whether the 95% interval of the paired difference in test accuracy excludes 0 "
                 "(True or False)",
)
def _(mean_differences, optimism, beyond_noise):
    return _first(*(lambda i=i: difference_hint(mean_differences, i) for i in range(3)),
                  lambda: optimism_hint(optimism), lambda: beyond_noise_hint(beyond_noise))


# ch7-ex3 ---------------------------------------------------------------------------------------------

NETWORK_COSTS = (0.31625, 0.4635)  # exact multiples of 1/4000
COSTS_ATOL = 6e-4  # accepts the three decimals the solution prints (0.464 for 0.4635)
THRESHOLD_ATOL = 0.01 + 1e-9  # the grid points 0.16 and 0.17, and any finer grid's minimum (0.1635)


def threshold_hint(threshold):
    if close(threshold(1.0, 5.0), 5 / 6, rtol=1e-9):
        return ("Your threshold is on the wrong side of 1/2: when a miss costs more, flag "
                "class 1 sooner.")
    rng = np.random.default_rng(7003)
    costs = [(1.0, 5.0), (2.0, 3.0), (1.0, 1.0)] + [tuple(c) for c in rng.uniform(0.1, 10, size=(6, 2))]
    if not all(close(threshold(fp, fn), fp / (fp + fn), rtol=1e-9) for fp, fn in costs):
        return "Compare the two expected costs, c_FP (1 - p) and c_FN p, and solve for p."
    return None


def best_threshold_hint(best_threshold):
    try:
        near = abs(float(best_threshold) - 1 / 6) <= THRESHOLD_ATOL
    except (TypeError, ValueError):
        near = False
    if not near:
        return ("Sweep with the true probabilities, circles_posterior(X_mc_circles), and the labels "
                "y_mc_circles, costing a false positive 1 and a false negative 5.")
    return None


def network_costs_hint(network_costs):
    costs = _array(network_costs, 2)
    if costs is None:
        return "Give network_costs as two numbers: the mean cost at t*, then at 0.5."
    if not close(costs, NETWORK_COSTS, atol=COSTS_ATOL):
        return ("Count a false positive as 1 and a false negative as 5, average over the 500 test "
                "examples, then over the eight networks.")
    return None


@exercise(
    "ch7-ex3",
    threshold="your function threshold(cost_fp, cost_fn): the threshold t* on p(1 | x) above which "
              "predicting 1 has the lower expected cost (a float)",
    best_threshold="the threshold of lowest average cost in the sweep on the million points, in steps "
                   "of 0.01 from 0.01 to 0.99 (a float)",
    network_costs="the networks' average cost per test example, mean over the eight runs, at t* and "
                  "at 0.5, the values your code computed (two floats)",
)
def _(threshold, best_threshold, network_costs):
    return _first(lambda: threshold_hint(threshold), lambda: best_threshold_hint(best_threshold),
                  lambda: network_costs_hint(network_costs))


# ch7-ex4 ---------------------------------------------------------------------------------------------

def _forecasts():
    """Pairs (q, p) of 3, 4 and 5 classes (lossutils.brier_score halves the score of 2 classes)."""
    rng = np.random.default_rng(7004)
    for k in (3, 4, 5):
        yield rng.dirichlet(np.ones(k)), rng.dirichlet(np.ones(k))


def expected_brier_hint(expected_brier):
    for q, p in _forecasts():
        got = expected_brier(q, p)
        if close(got, np.sum((q - p) ** 2), rtol=1e-9):
            return "Your Brier expectation misses the part that does not depend on q."
        if not close(got, np.sum((q - p) ** 2) + np.sum(p * (1 - p)), rtol=1e-9):
            return "Expand (q_k - t_k)^2, then use t_k^2 = t_k and E[t_k] = p_k."
    return None


def expected_absolute_hint(expected_absolute):
    for q, p in _forecasts():
        if not close(expected_absolute(q, p), 1 + q @ (1 - 2 * p), rtol=1e-9):
            return ("|q_k - t_k| is q_k when t_k = 0 and 1 - q_k when t_k = 1: weight each case by "
                    "its probability.")
    return None


def brier_minimiser_hint(brier_minimiser):
    if not close(brier_minimiser, [0.5, 0.3, 0.2], atol=1e-9):
        return ("Evaluate the expected Brier score at every forecast of the grid and take the one "
                "where it is smallest.")
    return None


def absolute_minimiser_hint(absolute_minimiser):
    if not close(absolute_minimiser, [1.0, 0.0, 0.0], atol=1e-9):
        return ("The expected absolute error is linear in q: where on the simplex is a linear "
                "function smallest?")
    return None


@exercise(
    "ch7-ex4",
    expected_brier="your function expected_brier(q, p): the expected multi-class Brier score "
                   "sum_k (q_k - t_k)^2 of the forecast q when the class is drawn from p (1-D arrays "
                   "of length K; the check uses K = 3, 4 and 5) (a float)",
    expected_absolute="your function expected_absolute(q, p): the expected absolute error "
                      "sum_k |q_k - t_k| in the same setting (a float)",
    brier_minimiser="the forecast on the grid that minimises the expected Brier score for "
                    "p = (0.5, 0.3, 0.2) (an array of 3)",
    absolute_minimiser="the forecast on the grid that minimises the expected absolute error (an array of 3)",
)
def _(expected_brier, expected_absolute, brier_minimiser, absolute_minimiser):
    return _first(lambda: expected_brier_hint(expected_brier),
                  lambda: expected_absolute_hint(expected_absolute),
                  lambda: brier_minimiser_hint(brier_minimiser),
                  lambda: absolute_minimiser_hint(absolute_minimiser))


# ch7-ex5 ---------------------------------------------------------------------------------------------

# Newton's temperatures (iterated until |L'(beta)| < 1e-10) and the first beta from beta = 1.
TEMPERATURES = (2.33321673, 3.32877383, 2.42456117, 2.85468793,
                2.53093380, 2.59645431, 2.54629464, 2.10710503)
FIRST_BETAS = (-0.56883583, -2.07535040, -0.70203546, -1.15156238,
               -0.83966007, -1.01036664, -0.84701514, -0.21630564)
TEMPERATURE_RTOL = 3e-4  # accepts the three decimals the solution prints
BETA_RTOL = 1e-6


def _logits_and_labels():
    rng = np.random.default_rng(7005)
    return 4 * rng.normal(size=30), rng.integers(0, 2, size=30).astype(float)


def dl_dt_hint(dl_dt):
    """Against the exact derivative at T = 0.5, 1.5, 2 and 3, to rtol 1e-5: finite differences pass."""
    z, y_true = _logits_and_labels()
    for t in (0.5, 1.5, 2.0, 3.0):
        exact = -np.mean((1 / (1 + np.exp(-z / t)) - y_true) * z) / t**2
        got = float(dl_dt(z, y_true, t))
        if close(-got, exact, rtol=1e-5, atol=1e-9):
            return "Your dL/dT has the wrong sign: ds/dT = -z / T^2."
        if not close(got, exact, rtol=1e-5, atol=1e-9):
            return "Apply the chain rule to s_i = z_i / T, and keep the mean's 1/n."
    return None


def newton_update_hint(newton_update):
    z, y_true = _logits_and_labels()
    for beta in (0.0, 0.3, 0.7, 1.0):
        q = 1 / (1 + np.exp(-beta * z))
        step = beta - np.mean((q - y_true) * z) / np.mean(q * (1 - q) * z**2)
        if not close(newton_update(z, y_true, beta), step, rtol=1e-9, atol=1e-12):
            return ("Newton's step is beta - L'(beta) / L''(beta), with the derivatives in beta, "
                    "not in T.")
    return None


def temperatures_hint(temperatures):
    if not close(temperatures, TEMPERATURES, rtol=TEMPERATURE_RTOL):
        return ("Run Newton's method on each network's validation logits at epoch 400, from beta = 0, "
                "until |L'(beta)| < 1e-10, and give T = 1 / beta.")
    return None


def first_betas_hint(first_betas):
    betas = _array(first_betas, 8)
    if betas is None:
        return "Give first_betas as an array of 8, one per network."
    if not close(betas, FIRST_BETAS, rtol=BETA_RTOL):
        return ("Take a single Newton step from beta = 1 on each network's validation logits at epoch "
                "400, and give the beta it lands on.")
    return None


@exercise(
    "ch7-ex5",
    dl_dt="your function dl_dt(z, y_true, t): the derivative dL/dT at temperature t for logits z and "
          "labels y_true (a float)",
    newton_update="your function newton_update(z, y_true, beta): the beta after one Newton step "
                  "from beta (a float)",
    temperatures="Newton's temperatures T = 1 / beta for the eight wide networks, iterated from "
                 "beta = 0 until |L'(beta)| < 1e-10, in the order of wide_runs (an array of 8)",
    first_betas="for each network, beta after one Newton step from beta = 1, the values your code "
                "computed (an array of 8)",
)
def _(dl_dt, newton_update, temperatures, first_betas):
    return _first(lambda: dl_dt_hint(dl_dt), lambda: newton_update_hint(newton_update),
                  lambda: temperatures_hint(temperatures), lambda: first_betas_hint(first_betas))


# ch7-ex6 ---------------------------------------------------------------------------------------------

# The section's grid temperatures (fitted_t), and the values of the solution: the test ECE scaled twice,
# and the constant-confidence forecast's test ECE (exact multiples of 1/500) and log loss.
FITTED_T = np.array([2.32719121, 3.33392379, 2.42202787, 2.84162917,
                     2.52072926, 2.59738604, 2.54602679, 2.10602927])
DOUBLE_ECE = (0.13573890, 0.17131800, 0.15912859, 0.14791198,
              0.16970762, 0.14268051, 0.17202964, 0.12493520)
CONSTANT_ECE = (0.018, 0.012, 0.026, 0.014, 0.016, 0.018, 0.008, 0.010)
CONSTANT_LOG_LOSS = (0.42043023, 0.43011570, 0.41465990, 0.43368743,
                     0.43725174, 0.41338991, 0.43321357, 0.42653729)
SCORES_ATOL = 1e-6
REFIT_ATOL = 0.02  # refit_t x fitted_t: REFIT_GRID's step and the section's together (1.5%), or Newton's


def confidence_hint(confidence):
    if str(confidence).strip().lower() != "under-confident":
        return "Accuracy above confidence in a bin: is the forecast too sure, or not sure enough?"
    return None


def double_ece_hint(double_ece):
    ece = _array(double_ece, 8)
    if ece is None:
        return "Give double_ece as an array of 8, one per run."
    if not close(ece, DOUBLE_ECE, atol=SCORES_ATOL):
        return ("Divide the logits of scaled_p_test by each run's fitted_t once more, then take the "
                "test ECE with the section's ten bins.")
    return None


def refit_t_hint(refit_t):
    refit = _array(refit_t, 8)
    if refit is None:
        return "Give refit_t as an array of 8, one per run."
    if np.any(refit >= 1) or np.any(np.isclose(refit, 0.5)):
        return ("Fit on np.geomspace(0.1, 10, 1001), which reaches well below 1 (TEMPERATURES stops "
                "at 0.5), or by Newton's method.")
    if not close(refit * FITTED_T, np.ones(8), atol=REFIT_ATOL):
        return ("Scale each run's validation logits at epoch 400 twice by its own fitted_t, then refit "
                "the temperature by the validation loss.")
    return None


def constant_ece_hint(constant_ece):
    ece = _array(constant_ece, 8)
    if ece is None:
        return "Give constant_ece as an array of 8, one per run."
    if np.allclose(ece, 0, atol=1e-12):
        return "An ECE of 0 means c was read off the test labels: c is the training accuracy."
    if not close(ece, CONSTANT_ECE, atol=SCORES_ATOL):
        return ("Give every test point the network's accuracy on its own 500 training examples as the "
                "confidence in the class the network predicts, then take the test ECE.")
    return None


def constant_log_loss_hint(constant_log_loss):
    loss = _array(constant_log_loss, 8)
    if loss is None:
        return "Give constant_log_loss as an array of 8, one per run."
    if not close(loss, CONSTANT_LOG_LOSS, atol=SCORES_ATOL):
        return ("The log loss of the constant forecast: -log c when right, -log(1 - c) when wrong, "
                "with c the training accuracy, averaged over the test set.")
    return None


@exercise(
    "ch7-ex6",
    confidence="what the colleague's diagram says about the scaled confidences: 'over-confident', "
               "'under-confident' or 'calibrated' (a string)",
    double_ece="the test ECE (ten bins, expected_calibration_error) of each doubly scaled network, in "
               "the order of the runs, the values your code computed (an array of 8)",
    refit_t="the temperature fitted to each network's doubly scaled validation predictions, on "
            "the grid np.geomspace(0.1, 10, 1001) or by Newton's method (an array of 8)",
    constant_ece="the test ECE of each network's constant-confidence forecast, c its training "
                 "accuracy (an array of 8)",
    constant_log_loss="the test log loss of each constant-confidence forecast (an array of 8, nats)",
)
def _(confidence, double_ece, refit_t, constant_ece, constant_log_loss):
    return _first(lambda: confidence_hint(confidence), lambda: double_ece_hint(double_ece),
                  lambda: refit_t_hint(refit_t), lambda: constant_ece_hint(constant_ece),
                  lambda: constant_log_loss_hint(constant_log_loss))
