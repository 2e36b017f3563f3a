"""Public checks of chapter 2's exercises (book/02_what_is_a_loss).

Each value of an answer has one predicate here (``ex<N>_<value>``); the public check says "right" exactly
when all of them hold, and the hidden checks (grading/hidden/ch2.py) give points with the same
predicates, so a student told "right" earns every point. The references and tolerances live only here;
the references of the twenty pictures are computed from the chapter's data, as the chapter makes them.
"""

import math

import numpy as np

from . import UNROUNDED, close, exercise, fraction, word


#: Values the chapter prints to four decimals are accepted to that rounding.
ATOL_4 = 1e-4


def _sigmoid(b):
    return 1 / (1 + math.exp(-b))


def pictures():
    """The chapter's twenty pictures (x, y): ten pandas (y = 1) around +1, ten armadillos around -1."""
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.normal(1.0, 1.0, size=10), rng.normal(-1.0, 1.0, size=10)])
    return x, np.concatenate([np.ones(10), np.zeros(10)])


CANDIDATES = {"A": (0.5, 1.0), "B": (1.0, 0.0), "C": (4.0, 0.0)}


def _probabilities(w):
    x, _ = pictures()
    return 1 / (1 + np.exp(-(w[0] * x + w[1])))


# ch2-ex1: precision and recall are flat at (almost) every one of the 1000 points (both 100%).
def ex1_share(value):
    return 0.99 <= float(value) <= 1


@exercise(
    "ch2-ex1",
    zero_share_precision="the fraction of the 1000 sample points at which the central difference of "
                         "precision is exactly 0 (a number between 0 and 1)",
    zero_share_recall="the same fraction for recall (a number between 0 and 1)",
)
def _(zero_share_precision, zero_share_recall):
    shares = [float(zero_share_precision), float(zero_share_recall)]
    if any(share > 1 for share in shares):
        return "Give fractions between 0 and 1, not percentages."
    if not all(ex1_share(share) for share in shares):
        return ("Count the sample points where the central difference is exactly 0 and divide by the "
                "number of points; with no picture called a panda, precision is 0, not undefined.")
    return None


# ch2-ex2: the candidates' mean squared errors and sums of cross-entropies (A, B, C), not their ranking,
# which the chapter prints.
def ex2_references():
    _, y = pictures()
    p = np.array([_probabilities(w) for w in CANDIDATES.values()])
    mse = np.mean((y - p) ** 2, axis=1)
    ce_sum = -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p), axis=1)
    return mse, ce_sum


def ex2_mse(value):
    return close(value, ex2_references()[0], atol=ATOL_4)


def ex2_ce_sum(value):
    return close(value, ex2_references()[1], atol=ATOL_4)


@exercise(
    "ch2-ex2",
    mse="the mean squared errors of candidates A, B and C over the twenty training pictures (the squared "
        "differences between label and predicted probability, averaged), in that order: three floats, "
        "the values your code computed",
    ce_sum="the sums over the twenty pictures of the per-picture binary cross-entropies of A, B and C, "
           "in that order, in nats: three floats, the values your code computed",
)
def _(mse, ce_sum):
    mse_ref, sum_ref = ex2_references()
    if np.shape(mse) != (3,) or np.shape(ce_sum) != (3,):
        return "Give each answer as three numbers, for A, B and C in that order."
    if not ex2_mse(mse):
        if close(mse, mse_ref, atol=1e-2):
            return UNROUNDED
        if close(mse, 20 * mse_ref, rtol=1e-3):
            return "Average the twenty squared errors rather than adding them up."
        return ("Square the difference between each picture's label (1 for a panda, 0 for an armadillo) "
                "and the candidate's predicted probability, and average over the twenty pictures; keep "
                "the order A, B, C.")
    if not ex2_ce_sum(ce_sum):
        if close(ce_sum, sum_ref, atol=1e-2):
            return UNROUNDED
        if close(ce_sum, sum_ref / 20, rtol=1e-3):
            return "Add the twenty per-picture losses up (reduction='sum') rather than averaging them."
        if close(ce_sum, sum_ref / math.log(2), rtol=1e-3):
            return "Use natural logarithms: the chapter's cross-entropy is in nats."
        return ("Compute each picture's binary cross-entropy for the candidate and add them up; keep the "
                "order A, B, C.")
    return None


# ch2-ex3: dL/db = p - pi and 2 p (1 - p) (p - pi); zero at ln 2 (the page prints 0.693); only
# cross-entropy pushes back.
EX3_POINTS = [(b, pi) for b in (-9.0, -3.0, -2.5, -0.4, 0.0, 0.5, 1.3, 2.0, 6.0)
              for pi in (0.05, 0.3, 0.5, 2 / 3, 0.9, 0.97)]
EX3_ANSWERS = ("cross-entropy", "squared error", "both", "neither")


def _ce_reference(b, pi):
    return _sigmoid(b) - pi


def _se_reference(b, pi):
    p = _sigmoid(b)
    return 2 * p * (1 - p) * (p - pi)


def ex3_ce_slope(ce_slope):
    return fraction(lambda b=b, pi=pi: close(ce_slope(b, pi), _ce_reference(b, pi), rtol=1e-8, atol=1e-12)
                    for b, pi in EX3_POINTS) == 1


def ex3_se_slope(se_slope):
    return fraction(lambda b=b, pi=pi: close(se_slope(b, pi), _se_reference(b, pi), rtol=1e-8, atol=1e-12)
                    for b, pi in EX3_POINTS) == 1


def ex3_b_zero(value):
    return close(value, math.log(2), atol=6e-4)


def ex3_pushes_back(value):
    return word(value) == "cross-entropy"


@exercise(
    "ch2-ex3",
    ce_slope="part (a): the derivative dL/db of the binary cross-entropy at w = (0, b), as a function "
             "ce_slope(b, pi) of two floats",
    se_slope="part (a): the same derivative of the squared error, a function se_slope(b, pi)",
    pushes_back="part (b): which loss still pushes b back when the neuron is confidently wrong in "
                "either direction: one of 'cross-entropy', 'squared error', 'both', 'neither'",
    b_zero="part (c): the b at which both derivatives vanish for pi = 2/3, the value your code computed "
           "(a float)",
)
def _(ce_slope, se_slope, pushes_back, b_zero):
    if not ex3_ce_slope(ce_slope):
        return ("Write the cross-entropy of the constant prediction p = sigma(b) with a share pi of "
                "pandas, differentiate in p, multiply by dp/db, and simplify.")
    if not ex3_se_slope(se_slope):
        return ("The squared error's derivative in p picks up the same factor dp/db = p(1 - p): check "
                "that factor and the constant in front.")
    if word(pushes_back) not in EX3_ANSWERS:
        return "Give one of 'cross-entropy', 'squared error', 'both', 'neither'."
    if not ex3_pushes_back(pushes_back):
        return "Take the limits of both derivatives as p goes to 1 and to 0: which tends to 0?"
    if not ex3_b_zero(b_zero):
        if close(b_zero, math.log(2), atol=1e-2):
            return UNROUNDED
        return "Solve the derivatives = 0 for b, with the natural logarithm, at pi = 2/3."
    return None


# ch2-ex4: transcribed 0.1132 / 0.0005 (prefers the lazy model), lossutils 0.1843 / 3.4544, as the
# page prints them.
def ex4_references():
    x, y = pictures()
    sets = (1 / (1 + np.exp(-2 * x)), np.full(20, 0.999))
    transcribed = [-np.mean(y * np.log(1e-15 + p)) for p in sets]
    correct = [-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) for p in sets]
    return np.array(transcribed), np.array(correct)


EX4_FIXED_CASES = ((5, 30, 0.4, 0.02), (2024, 20, 0.5, 0.001), (2025, 50, 0.1, 0.001), (2026, 7, 0.9, 0.001))
EX4_BIAS = ("raises it without limit", "lowers it without limit", "leaves it where it is",
            "moves it to the log-odds of the share of pandas")


def ex4_transcribed(value):
    return close(value, ex4_references()[0], atol=ATOL_4)


def ex4_correct(value):
    return close(value, ex4_references()[1], atol=ATOL_4)


def _ex4_case(fixed, case):
    from .. import binary_cross_entropy

    seed, n, share, margin = case
    rng = np.random.default_rng(seed)
    actual = (rng.uniform(size=n) < share).astype(float)
    predicted = rng.uniform(margin, 1 - margin, size=n)
    return close(fixed(actual, predicted), binary_cross_entropy(actual, predicted), rtol=1e-8)


def ex4_fixed(fixed):
    return fraction(lambda case=case: _ex4_case(fixed, case) for case in EX4_FIXED_CASES) == 1


def ex4_bias(value):
    return word(value) == "raises it without limit"


@exercise(
    "ch2-ex4",
    transcribed="the transcribed function's scores of the probabilities sigma(2x) and of the lazy "
                "model on the twenty training pictures, in that order (two floats, the values your code "
                "computed)",
    correct="lossutils.binary_cross_entropy's scores of the same two, in that order (two floats, the "
            "values your code computed)",
    fixed="your corrected function, fixed(actual, predicted), returning the mean binary cross-entropy "
          "in nats of labels in {0, 1} and probabilities (a float)",
    bias="what gradient descent on the transcribed function does to the neuron's bias: one of "
         "'raises it without limit', 'lowers it without limit', 'leaves it where it is', "
         "'moves it to the log-odds of the share of pandas'",
)
def _(transcribed, correct, fixed, bias):
    transcribed_ref, correct_ref = ex4_references()
    if not ex4_transcribed(transcribed):
        if close(transcribed, transcribed_ref, atol=1e-2):
            return UNROUNDED
        return ("Score the twenty training pictures (x, y), first with sigma(2x), then with 0.999 for "
                "every picture, using the function as printed.")
    if not ex4_correct(correct):
        if close(correct, correct_ref, atol=1e-2):
            return UNROUNDED
        return "Score the same two sets of predictions with lossutils.binary_cross_entropy."
    if not ex4_fixed(fixed):
        return ("Your fixed function disagrees with lossutils.binary_cross_entropy: what does an "
                "armadillo (y = 0) contribute to the sum?")
    if word(bias) not in EX4_BIAS:
        return "Give one of the four answers the description lists, as a string."
    if not ex4_bias(bias):
        return ("With the armadillos' term missing, which way does every picture's gradient push "
                "the probability of 'panda'?")
    return None


# ch2-ex5: f* = log(pi / (1 - pi)); w* = (2, 0) (any optimiser to 1e-3); bases 1.5 and 2.
EX5_SHARES = (0.01, 0.1, 0.2, 0.3, 0.5, 0.6, 0.85, 0.9, 0.999)


def ex5_f_star(f_star):
    return fraction(lambda pi=pi: close(f_star(pi), math.log(pi / (1 - pi)), rtol=1e-8, atol=1e-12)
                    for pi in EX5_SHARES) == 1


def ex5_w_star(value):
    return close(value, [2.0, 0.0], atol=1e-3)


def ex5_bound_bases(value):
    try:
        return close(sorted(float(c) for c in value), [1.5, 2.0], atol=1e-9)
    except (TypeError, ValueError):
        return False


@exercise(
    "ch2-ex5",
    f_star="part (a): the minimising score as a function f_star(pi) of the probability of the label +1",
    w_star="part (b): the neuron's weights (w1, b) that minimise expected_loss, as your optimiser "
           "returned them (two floats)",
    bound_bases="part (c): the bases among 1.5, 2 and e for which log_c(1 + exp(-m)) is an upper bound "
                "of the 0-1 loss on margin_grid (a list of numbers)",
)
def _(f_star, w_star, bound_bases):
    if not ex5_f_star(f_star):
        return ("Set the derivative of the expected loss in f to zero, using d/df log(1 + e^f) = "
                "sigma(f); the answer is in nats.")
    if not ex5_w_star(w_star):
        if close(w_star, [2.0, 0.0], atol=2e-2):
            return ("Nearly: tighten your optimiser's tolerance (e.g. tol=1e-8) and give the weights it "
                    "returns, unrounded.")
        return ("Minimise expected_loss over (w1, b) with scipy.optimize.minimize, and compare with "
                "the log-odds of the probability the pictures were drawn from.")
    if not ex5_bound_bases(bound_bases):
        return "At m = 0 the bound is log_c 2: for which bases is that at least 1?"
    return None


# ch2-ex6: on the grid np.linspace(-4, 4, 161) of both weights only w = (0, 0), loss exactly 1; the
# score 0 picks no class; the loss is not differentiable at 0.
EX6_CLASSES = ("panda", "armadillo", "neither")
EX6_CONDITIONS = ("convexity", "differentiability at 0", "being an upper bound of the 0-1 loss")


def ex6_w_best(value):
    return close(value, [0.0, 0.0], atol=1e-9)


def ex6_min_loss(value):
    return close(value, 1.0, atol=ATOL_4)


def ex6_picked_class(value):
    return word(value) == "neither"


def ex6_failed_condition(value):
    return word(value) == "differentiability at 0"


@exercise(
    "ch2-ex6",
    w_best="part (c): the weights (w1, b) that minimise the training loss of max(1, 1 - m) over the grid "
           "np.linspace(-4, 4, 161) of w1 and of b (two floats)",
    min_loss="part (c): that smallest training loss, the value your code computed (a float)",
    picked_class="part (b): the class the minimising score f = 0 picks: one of 'panda', 'armadillo', "
                 "'neither'",
    failed_condition="part (b): the condition of Bartlett et al.'s theorem that fails: one of "
                     "'convexity', 'differentiability at 0', 'being an upper bound of the 0-1 loss'",
)
def _(w_best, min_loss, picked_class, failed_condition):
    if not ex6_w_best(w_best):
        return ("Evaluate the mean of max(1, 1 - y f(x)) over the twenty pictures, with labels y in "
                "{-1, 1}, at every point of the grid np.linspace(-4, 4, 161) of w1 and of b, and take the "
                "smallest.")
    if not ex6_min_loss(min_loss):
        return "Give the training loss at the grid point you found, the mean over the twenty pictures."
    if word(picked_class) not in EX6_CLASSES:
        return "Give one of 'panda', 'armadillo', 'neither'."
    if not ex6_picked_class(picked_class):
        return "Apply the classifier's decision rule, the sign of the score, to the minimiser you found in (b)."
    if word(failed_condition) not in EX6_CONDITIONS:
        return "Give one of the three conditions the description lists, as a string."
    if not ex6_failed_condition(failed_condition):
        return "Go through the theorem's conditions one by one with what you showed in (a) and (b)."
    return None
