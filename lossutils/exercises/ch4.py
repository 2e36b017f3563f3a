"""Public checks of chapter 4's exercises (book/04_cross_entropy)."""

import math

import numpy as np

from . import close, exercise


def _softmax_hessian(z):
    q = np.exp(z - np.max(z))
    q /= q.sum()
    return np.diag(q) - np.outer(q, q)


@exercise(
    "ch4-ex1",
    h_bits="the entropy of the fair eight-sided die in bits (a float)",
    h_nats="the same entropy in nats (a float)",
    ce_bits="the cross-entropy H(fair, loaded) in bits (a float)",
    extra_blocks="the extra bits per roll in the limit of coding long blocks of rolls (a float)",
    extra_single="the extra bits per roll of your code for single rolls built for the loaded belief "
                 "(a float)",
)
def _(h_bits, h_nats, ce_bits, extra_blocks, extra_single):
    if not close(h_bits, 3.0, rtol=1e-6):
        return "A fair die with 8 faces: each face has probability 1/8; use log base 2 for bits."
    if not close(h_nats, 3 * math.log(2), rtol=1e-6):
        return "Nats use the natural logarithm: convert the bits by a factor ln 2."
    if not close(ce_bits, 3.456435, rtol=1e-4):
        return ("The cross-entropy averages -log2 q over the fair die's faces, where q is the loaded "
                "belief (1/2 for one face, 1/14 for each of the others).")
    if not close(extra_blocks, 0.456435, rtol=1e-3):
        return ("In the limit of long blocks the extra cost is a KL divergence: which distribution comes "
                "first, and is it in bits?")
    if not (close(extra_single, 0.5, atol=1e-9) or close(extra_single, 0.625, atol=1e-9)):
        return ("Give each face a whole number of bits from the loaded belief (a Huffman code, or "
                "ceil(-log2 q)), average the lengths over the fair die, and subtract the entropy.")
    return None


@exercise(
    "ch4-ex2",
    hessian="the Hessian of the cross-entropy with respect to the logits, as a function hessian(z) of "
            "a logit vector z of any length K, returning a K x K array",
    zero_direction="a non-zero direction u with u^T H u = 0 for the four logits of the solution's check "
                   "(an array of 4 numbers)",
)
def _(hessian, zero_direction):
    z = np.array([0.3, -1.2, 2.0, 0.1])
    got = np.asarray(hessian(z), dtype=float)
    if got.shape != (4, 4):
        return "Return a K x K matrix for K logits."
    if close(got, -_softmax_hessian(z), rtol=1e-6, atol=1e-12):
        return "Check the sign: the Hessian of a convex function has a non-negative diagonal."
    if not close(got, _softmax_hessian(z), rtol=1e-6, atol=1e-12):
        return ("Differentiate the gradient q - t once more in z: you need the softmax's Jacobian, "
                "off-diagonal entries included.")
    u = np.asarray(zero_direction, dtype=float).ravel()
    if u.shape != (4,) or not np.linalg.norm(u) > 1e-9:
        return "Give a non-zero vector with one entry per logit."
    if not np.allclose(u, u[0], rtol=1e-6, atol=1e-9 * np.linalg.norm(u)):
        return ("u^T H u is the variance of u_Y for a class Y drawn from q: when is that variance zero "
                "if every class has positive probability?")
    return None


@exercise(
    "ch4-ex3",
    s_min="the log-variance s that minimises the loss for r = 0.5 (a float)",
    nll_min="the smallest value of the loss for r = 0.5, in nats (a float)",
    as_r_to_0="what the minimum does as r -> 0: one of 'falls without bound', 'tends to 0', "
              "'tends to log(2 pi) / 2', 'rises without bound'",
)
def _(s_min, nll_min, as_r_to_0):
    if close(s_min, math.log(0.5), rtol=1e-3):
        return "s is the log of the variance, not of the standard deviation."
    if not close(s_min, math.log(0.25), atol=1e-3):
        return ("Minimise eq-ch4-gaussian-nll in s for r = 0.5 (e.g. scipy.optimize.minimize_scalar), "
                "or set its derivative in s to zero.")
    if not close(nll_min, 0.5 * (math.log(2 * math.pi) + math.log(0.25) + 1), atol=1e-3):
        return "Evaluate the loss at its minimiser, the constant log(2 pi) / 2 included."
    if as_r_to_0 != "falls without bound":
        return "Write the minimum as a function of r and let r shrink."
    return None


@exercise(
    "ch4-ex4",
    measures="what the classmate's comparison mostly measures: one of 'saturation', 'step size', "
             "'overfitting', 'noise between seeds'",
    gap_shared="the mean over seeds 0 to 7 of the paired difference in validation accuracy, "
               "cross-entropy minus squared error, both at rate 0.01 (a float)",
    gap_doubled="the same mean paired difference with squared error at rate 0.02 (a float)",
    length_ratios="for each of seeds 0 to 7, the length of squared error's full parameter gradient "
                  "divided by cross-entropy's, at the default start on the 400 training examples "
                  "(8 floats, in seed order)",
)
def _(measures, gap_shared, gap_doubled, length_ratios):
    if measures not in ("saturation", "step size", "overfitting", "noise between seeds"):
        return "Give one of 'saturation', 'step size', 'overfitting', 'noise between seeds'."
    ratios = np.asarray(length_ratios, dtype=float).ravel()
    if ratios.shape != (8,):
        return "Give one gradient-length ratio per seed, eight in all."
    if np.any(ratios > 1):
        return "Divide squared error's gradient length by cross-entropy's, not the other way round."
    if not close(ratios.mean(), 0.3571, atol=0.01):
        return ("Compare MLP.gradient_vector of the two losses for new_network(seed, 0.0) on X_fit, "
                "y_fit, before any training, and divide their Euclidean norms.")
    if not gap_shared > 0.015:
        return ("Subtract squared error's validation accuracy from cross-entropy's seed by seed, then "
                "average; train on the 400 fitting examples and score on the 100 validation ones.")
    if not -0.025 < gap_doubled < 0.015:
        return "Rerun squared error at rate 0.02 on the same seeds and pair it with cross-entropy at 0.01."
    if measures != "step size":
        return "Read eq-ch4-logit-gradients at outputs between 0.06 and 0.89: what does 2p(1 - p) scale?"
    return None
