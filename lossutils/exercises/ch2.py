"""Public checks of chapter 2's exercises (book/02_what_is_a_loss)."""

import math

import numpy as np

from . import close, exercise


def _sigmoid(b):
    return 1 / (1 + math.exp(-b))


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
    if any(share < 0.99 for share in shares):
        return ("Count the sample points where the central difference is exactly 0 and divide by the "
                "number of points; with no picture called a panda, precision is 0, not undefined.")
    return None


@exercise(
    "ch2-ex2",
    ranking_mse="the candidates 'A', 'B', 'C' ordered by mean squared error, lowest (best) first "
                "(a list of names)",
    ranking_sum="the candidates ordered by the sum of the per-picture cross-entropies, lowest first "
                "(a list of names)",
)
def _(ranking_mse, ranking_sum):
    for ranking in (ranking_mse, ranking_sum):
        if sorted(ranking) != ["A", "B", "C"]:
            return "Give each ranking as a list of the three names 'A', 'B' and 'C'."
    if list(ranking_sum) != ["C", "B", "A"]:
        return "Order from the lowest loss to the highest, as the chapter's ranking does."
    if list(ranking_mse) != ["C", "B", "A"]:
        return ("Score each candidate with the squared error of its probabilities, averaged over the "
                "twenty pictures, and order from the lowest to the highest.")
    return None


@exercise(
    "ch2-ex3",
    ce_slope="part (a): the derivative dL/db of the binary cross-entropy at w = (0, b), as a function "
             "ce_slope(b, pi) of two floats",
    se_slope="part (a): the same derivative of the squared error, a function se_slope(b, pi)",
    b_zero="part (c): the b at which both derivatives vanish for pi = 2/3 (a float)",
    pushes_back="part (b): which loss still pushes b back when the neuron is confidently wrong in "
                "either direction: one of 'cross-entropy', 'squared error', 'both', 'neither'",
)
def _(ce_slope, se_slope, b_zero, pushes_back):
    points = [(-3.0, 0.3), (0.5, 2 / 3), (2.0, 0.9)]
    if not all(close(ce_slope(b, pi), _sigmoid(b) - pi, rtol=1e-6, atol=1e-9) for b, pi in points):
        return ("Write the cross-entropy of the constant prediction p = sigma(b) with a share pi of "
                "pandas, differentiate in p, multiply by dp/db, and simplify.")
    if not all(close(se_slope(b, pi), 2 * _sigmoid(b) * (1 - _sigmoid(b)) * (_sigmoid(b) - pi),
                     rtol=1e-6, atol=1e-9) for b, pi in points):
        return ("The squared error's derivative in p picks up the same factor dp/db = p(1 - p): check "
                "that factor and the constant in front.")
    if not close(b_zero, math.log(2), rtol=1e-4):
        return "Both derivatives vanish where p = pi; solve sigma(b) = pi for b, with the natural logarithm."
    if pushes_back not in ("cross-entropy", "squared error", "both", "neither"):
        return "Give one of 'cross-entropy', 'squared error', 'both', 'neither'."
    if pushes_back != "cross-entropy":
        return "Take the limits of both derivatives as p goes to 1 and to 0: which tends to 0?"
    return None


@exercise(
    "ch2-ex4",
    transcribed="the transcribed function's scores of the probabilities sigma(2x) and of the lazy "
                "model, in that order (two floats)",
    correct="lossutils.binary_cross_entropy's scores of the same two, in that order (two floats)",
    fixed="your corrected function, fixed(actual, predicted), returning the mean binary cross-entropy "
          "in nats of labels in {0, 1} and probabilities (a float)",
    bias="what gradient descent on the transcribed function does to the neuron's bias: one of "
         "'raises it without limit', 'lowers it without limit', 'leaves it where it is', "
         "'moves it to the log-odds of the share of pandas'",
)
def _(transcribed, correct, fixed, bias):
    if not close(transcribed, [0.113179, 0.000500250], rtol=1e-3, atol=1e-6):
        return ("Score the twenty training pictures (x, y), first with sigma(2x), then with 0.999 for "
                "every picture, using the function as printed.")
    if not close(correct, [0.184258, 3.454378], rtol=1e-3):
        return "Score the same two sets of predictions with lossutils.binary_cross_entropy."
    rng = np.random.default_rng(5)
    actual = (rng.uniform(size=30) < 0.4).astype(float)
    predicted = rng.uniform(0.02, 0.98, size=30)
    from .. import binary_cross_entropy

    if not close(fixed(actual, predicted), binary_cross_entropy(actual, predicted), rtol=1e-6):
        return ("Your fixed function disagrees with lossutils.binary_cross_entropy: what does an "
                "armadillo (y = 0) contribute to the sum?")
    if bias != "raises it without limit":
        return ("With the armadillos' term missing, which way does every picture's gradient push "
                "the probability of 'panda'?")
    return None


@exercise(
    "ch2-ex5",
    f_star="part (a): the minimising score as a function f_star(pi) of the probability of the label +1",
    w_star="part (b): the neuron's weights (w1, b) that minimise expected_loss (two floats)",
    bound_bases="part (c): the bases among 1.5, 2 and e for which log_c(1 + exp(-m)) is an upper bound "
                "of the 0-1 loss on margin_grid (a list of numbers)",
)
def _(f_star, w_star, bound_bases):
    if not all(close(f_star(pi), math.log(pi / (1 - pi)), rtol=1e-6, atol=1e-9) for pi in (0.2, 0.5, 0.85)):
        return ("Set the derivative of the expected loss in f to zero, using d/df log(1 + e^f) = "
                "sigma(f); the answer is in nats.")
    if not close(w_star, [2.0, 0.0], atol=1e-2):
        return ("Minimise expected_loss over (w1, b) with scipy.optimize.minimize, and compare with "
                "the log-odds of the probability the pictures were drawn from.")
    bases = sorted(float(c) for c in bound_bases)
    if len(bases) != 2 or not close(bases, [1.5, 2.0], atol=1e-9):
        return "At m = 0 the bound is log_c 2: for which bases is that at least 1?"
    return None


@exercise(
    "ch2-ex6",
    w_best="part (c): the weights (w1, b) that minimise the training loss of max(1, 1 - m) on the grid "
           "(two floats)",
    min_loss="part (c): that smallest training loss (a float)",
    picked_class="part (b): the class the minimising score f = 0 picks: one of 'panda', 'armadillo', "
                 "'neither'",
    failed_condition="part (b): the condition of Bartlett et al.'s theorem that fails: one of "
                     "'convexity', 'differentiability at 0', 'being an upper bound of the 0-1 loss'",
)
def _(w_best, min_loss, picked_class, failed_condition):
    if not close(w_best, [0.0, 0.0], atol=1e-9):
        return ("Evaluate the mean of max(1, 1 - y f(x)) with labels y in {-1, 1} over the whole grid "
                "of (w1, b) and take the smallest.")
    if not close(min_loss, 1.0, atol=1e-9):
        return "The loss is at least 1 for every margin: what is its mean where every margin is 0?"
    if picked_class != "neither":
        return "Which side of the decision boundary is a score of exactly 0 on?"
    if failed_condition != "differentiability at 0":
        return "Compute the loss's slope just left and just right of m = 0."
    return None
