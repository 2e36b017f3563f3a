"""Hidden checks of problem set 3 (13 automatic points; 17 more by rubric)."""

import numpy as np

from lossutils.exercises import close, hidden


def _estimates(seed):
    y = np.random.default_rng(seed).normal(0.2, 1.0, size=20)
    mle = y.mean()
    return mle, np.sign(mle) * max(abs(mle) - 1.0 / (20 * 0.5), 0.0)


@hidden("ps3-p1", points=2)
def _(seed, mu_mle, **_):
    return close(mu_mle, _estimates(seed)[0], rtol=1e-6, atol=1e-9)


@hidden("ps3-p1", points=3)
def _(seed, mu_map, **_):
    # atol 1e-5: a bounded numerical minimiser at its default tolerance stops ~1e-6 from an exact 0.
    return close(mu_map, _estimates(seed)[1], rtol=1e-5, atol=1e-5)


@hidden("ps3-p2", points=2)
def _(var_buggy, **_):
    return close(var_buggy, 0.5150, atol=5e-4)


@hidden("ps3-p2", points=1)
def _(var_fixed, **_):
    return close(var_fixed, 0.2653, atol=5e-4)


@hidden("ps3-p2", points=1)
def _(var_closed_form, **_):
    return close(var_closed_form, 0.2653, atol=5e-4)


@hidden("ps3-p3", points=1)
def _(nll_prior, **_):
    return close(nll_prior, 0.6932, atol=5e-4)


@hidden("ps3-p3", points=2)
def _(nll_poly, **_):
    # C = 100, chosen on validation, refitted on 500 examples; C = 1 gives 0.4141 and C = 1000 0.3508.
    return close(nll_poly, 0.3514, atol=5e-4)


@hidden("ps3-p3", points=1)
def _(test_nll, **_):
    # The weight decay is graded by the rubric (how it was chosen), not here.
    return bool(0 < test_nll < 0.45)
