"""Hidden checks of chapter 4's exercises (book/04_cross_entropy): 4 + 3 + 3 + 4 points."""

import math

import numpy as np

from lossutils.exercises import close, hidden


# ch4-ex1: H = 3 bits = 3 ln 2 nats; H(fair, loaded) = 3.456436 bits; KL 0.456436 bits; a code for
# single rolls: 0.5 extra (Huffman) or 0.625 (lengths ceil(-log2 q)).
@hidden("ch4-ex1", points=1)
def _(h_bits, h_nats, **_):
    return close(h_bits, 3.0, rtol=1e-9) and close(h_nats, 3 * math.log(2), rtol=1e-9)


@hidden("ch4-ex1", points=1)
def _(ce_bits, **_):
    return close(ce_bits, 3.4564356, rtol=1e-6)


@hidden("ch4-ex1", points=1)
def _(extra_blocks, **_):
    return close(extra_blocks, 0.4564356, rtol=1e-5)


@hidden("ch4-ex1", points=1)
def _(extra_single, **_):
    return close(extra_single, 0.5, atol=1e-9) or close(extra_single, 0.625, atol=1e-9)


# ch4-ex2: the Hessian diag(q) - q q^T at logits of several lengths; the direction of 1.
def _expected_hessian(z):
    q = np.exp(z - z.max())
    q /= q.sum()
    return np.diag(q) - np.outer(q, q)


@hidden("ch4-ex2", points=2)
def _(hessian, **_):
    rng = np.random.default_rng(44)
    cases = [rng.normal(scale=2.0, size=k) for k in (2, 3, 4, 6)] + [np.array([5.0, -3.0, 0.0, 1.0])]
    right = sum(close(np.asarray(hessian(z), dtype=float), _expected_hessian(z), rtol=1e-7, atol=1e-12)
                for z in cases)
    return 2 * right / len(cases)


@hidden("ch4-ex2", points=1)
def _(zero_direction, **_):
    u = np.asarray(zero_direction, dtype=float).ravel()
    return u.shape == (4,) and np.linalg.norm(u) > 1e-9 and np.allclose(u, u[0], rtol=1e-6, atol=0)


# ch4-ex3: s* = log 0.25 = -1.386294, minimum (log 2 pi + log 0.25 + 1) / 2 = 0.725791; -> -inf.
@hidden("ch4-ex3", points=1)
def _(s_min, **_):
    return close(s_min, math.log(0.25), atol=1e-4)


@hidden("ch4-ex3", points=1)
def _(nll_min, **_):
    return close(nll_min, 0.5 * (math.log(2 * math.pi) + math.log(0.25) + 1), atol=1e-5)


@hidden("ch4-ex3", points=1)
def _(as_r_to_0, **_):
    return as_r_to_0 == "falls without bound"


# ch4-ex4: step size; shared-rate gap +0.035, doubled -0.006 (seeds 0-7, validation set); the
# gradient-length ratios at the default start, which do not depend on any training.
_RATIOS = [0.46532, 0.28353, 0.37760, 0.30119, 0.31931, 0.45690, 0.36586, 0.28684]


@hidden("ch4-ex4", points=1)
def _(measures, **_):
    return measures == "step size"


@hidden("ch4-ex4", points=1)
def _(gap_shared, **_):
    return 0.02 <= float(gap_shared) <= 0.05


@hidden("ch4-ex4", points=1)
def _(gap_doubled, gap_shared, **_):
    return -0.02 <= float(gap_doubled) <= 0.01 and float(gap_doubled) < float(gap_shared) - 0.015


@hidden("ch4-ex4", points=1)
def _(length_ratios, **_):
    return close(np.ravel(np.asarray(length_ratios, dtype=float)), _RATIOS, atol=2e-3)
