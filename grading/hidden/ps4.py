"""Hidden checks of problem set 4 (14 automatic points; 16 more by rubric)."""

import numpy as np

from lossutils.exercises import close, hidden


# The course's own numbers (book/problem_set_4.ipynb): problem 2's code as given, with its fixed sample of
# 200 000 inputs, and the test set of lossutils.datasets.blobs.
FLOOR_BUGGY = 0.57699
EXCESS = 0.01506
NLL_PRIOR = 1.09929
NLL_LOGISTIC = 0.39735


def _gradients(seed, saturated):
    z = np.random.default_rng(seed).normal(size=5)
    t = np.eye(5)[np.argmin(z)]
    if saturated:
        z = z + 12 * np.eye(5)[np.argmax(z)]
    q = np.exp(z - z.max())
    q /= q.sum()
    return 2 * (np.diag(q) - np.outer(q, q)) @ (q - t), q - t


@hidden("ps4-p1", points=2)
def _(seed, grad_se, **_):
    return close(grad_se, _gradients(seed, False)[0], rtol=1e-6, atol=1e-9)


@hidden("ps4-p1", points=1)
def _(seed, grad_ce, **_):
    return close(grad_ce, _gradients(seed, False)[1], rtol=1e-6, atol=1e-9)


@hidden("ps4-p1", points=1)
def _(seed, grad_se_saturated, **_):
    return close(grad_se_saturated, _gradients(seed, True)[0], rtol=1e-4, atol=1e-12)


@hidden("ps4-p1", points=1)
def _(seed, grad_ce_saturated, **_):
    return close(grad_ce_saturated, _gradients(seed, True)[1], rtol=1e-6, atol=1e-9)


@hidden("ps4-p2", points=1)
def _(floor_buggy, **_):
    return close(floor_buggy, FLOOR_BUGGY, atol=5e-4)


@hidden("ps4-p2", points=2)
def _(floor_fixed, **_):
    # H(Y|X) = 0.4006 (20 million draws); a sample of n inputs has a standard error of 0.274 / sqrt(n),
    # 0.0009 at the 100 000 the statement asks for at least, so 3e-3 is more than 3 standard errors.
    return close(floor_fixed, 0.4006, atol=3e-3)


@hidden("ps4-p2", points=1)
def _(excess_over_truth, **_):
    return close(excess_over_truth, EXCESS, atol=5e-4)


@hidden("ps4-p3", points=1)
def _(nll_prior, **_):
    return close(nll_prior, NLL_PRIOR, atol=5e-4)


@hidden("ps4-p3", points=1)
def _(nll_logistic, **_):
    return close(nll_logistic, NLL_LOGISTIC, atol=5e-4)


@hidden("ps4-p3", points=2)
def _(test_nll, **_):
    # Rewards the method, not the luck of 500 test points: full marks within about two test standard
    # errors (2 x 0.029) of the floor 0.40, which a linear softmax (0.399) and a 16-unit network chosen
    # on validation (0.417 over 8 seeds, 0.393 to 0.442) both reach; the model's size is the rubric's.
    # Below 0.36 is beneath even the true posterior's 0.382 on these points: not a test cross-entropy.
    if not 0.36 < test_nll:
        return 0
    return 2 if test_nll < 0.46 else 1 if test_nll < 0.52 else 0


@hidden("ps4-p3", points=1)
def _(test_accuracy, **_):
    return 0.80 < test_accuracy < 0.86
