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
    # Any Monte Carlo sample of 100 000 inputs or more lands within 0.002 of H(Y|X) = 0.4005.
    return close(floor_fixed, 0.4005, atol=2e-3)


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
    # Any well-trained model is accepted: near the floor, as logistic regression is.
    return (0 < test_nll < 0.43) + (0 < test_nll < 0.41)


@hidden("ps4-p3", points=1)
def _(test_accuracy, **_):
    return 0.80 < test_accuracy < 0.86
