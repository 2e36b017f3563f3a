"""Hidden checks of chapter 4's exercises (book/04_cross_entropy): 4 + 3 + 3 + 4 points.

Every check uses the public check's predicate (lossutils.exercises.ch4), so its reference and tolerance:
an answer the public check calls right earns every point here.
"""

from lossutils.exercises import ch4 as public
from lossutils.exercises import hidden


# ch4-ex1: H = 3 bits = 3 ln 2 nats; H(fair, loaded) = 3.456436 bits; KL 0.456436 bits; a code for
# single rolls: 0.5 extra (Huffman) or 0.625 (lengths ceil(-log2 q)).
@hidden("ch4-ex1", points=1)
def _(h_bits, h_nats, **_):
    return public.ex1_entropy(h_bits, h_nats)


@hidden("ch4-ex1", points=1)
def _(ce_bits, **_):
    return public.ex1_ce_bits(ce_bits)


@hidden("ch4-ex1", points=1)
def _(extra_blocks, **_):
    return public.ex1_extra_blocks(extra_blocks)


@hidden("ch4-ex1", points=1)
def _(extra_single, **_):
    return public.ex1_extra_single(extra_single)


# ch4-ex2: the Hessian diag(q) - q q^T at logits of several lengths (2 points, shared by the cases);
# the direction of 1.
@hidden("ch4-ex2", points=2)
def _(hessian, **_):
    return 2 * public.ex2_hessian(hessian)


@hidden("ch4-ex2", points=1)
def _(zero_direction, **_):
    return public.ex2_zero_direction(zero_direction)


# ch4-ex3: s* = log 0.25, minimum (log 2 pi + log 0.25 + 1) / 2, both to 1e-4; -> -inf.
@hidden("ch4-ex3", points=1)
def _(s_min, **_):
    return public.ex3_s_min(s_min)


@hidden("ch4-ex3", points=1)
def _(nll_min, **_):
    return public.ex3_nll_min(nll_min)


@hidden("ch4-ex3", points=1)
def _(as_r_to_0, **_):
    return public.ex3_as_r_to_0(as_r_to_0)


# ch4-ex4: step size; shared-rate gap +0.035, doubled -0.006 (seeds 0-7, validation set); the
# gradient-length ratios at the default start on X_fit.
@hidden("ch4-ex4", points=1)
def _(measures, **_):
    return public.ex4_measures(measures)


@hidden("ch4-ex4", points=1)
def _(gap_shared, **_):
    return public.ex4_gap_shared(gap_shared)


@hidden("ch4-ex4", points=1)
def _(gap_doubled, **_):
    return public.ex4_gap_doubled(gap_doubled)


@hidden("ch4-ex4", points=1)
def _(length_ratios, **_):
    return public.ex4_length_ratios(length_ratios)
