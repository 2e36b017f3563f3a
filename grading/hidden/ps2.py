"""Hidden checks of problem set 2 (15 automatic points; 15 more by rubric)."""

import numpy as np

from lossutils.exercises import close, hidden


def _pi(seed):
    return np.random.default_rng(seed).uniform(0.05, 0.95, size=5)


# The statement prescribes the grid np.linspace(-3, 3, 6001), which contains -1 and 1; the tolerance of
# one grid step (0.001) also accepts any grid at least as fine (the slopes of C are at most 1).
@hidden("ps2-p1", points=3)
def _(seed, f_star, **_):
    return close(f_star, np.sign(2 * _pi(seed) - 1), atol=1e-3)


@hidden("ps2-p1", points=2)
def _(seed, risk_min, **_):
    pi = _pi(seed)
    return close(risk_min, 2 * np.minimum(pi, 1 - pi), atol=1e-3)


@hidden("ps2-p2", points=2)
def _(error_buggy, **_):
    return close(error_buggy, 0.1725, rtol=1e-3)


@hidden("ps2-p2", points=2)
def _(error_fixed, **_):
    # Central differences at step 1e-6 agree to ~1e-10; forward differences (~1e-7) fail.
    return bool(0 <= error_fixed < 1e-8)


@hidden("ps2-p3", points=1)
def _(accuracy_majority, **_):
    return close(accuracy_majority, 0.496, atol=1e-9)


@hidden("ps2-p3", points=1)
def _(accuracy_logistic, **_):
    # The statement names LogisticRegression() (C=1); two test points (0.004) of slack accept the
    # unpenalised fit (0.464) and other solvers.
    return close(accuracy_logistic, 0.462, atol=0.0045)


@hidden("ps2-p3", points=2)
def _(accuracy_poly, **_):
    # C=1 gives 0.852, unpenalised 0.850; the majority class 0.496 and a line 0.462 are far outside.
    return close(accuracy_poly, 0.852, atol=0.0045)


@hidden("ps2-p3", points=2)
def _(test_accuracy, **_):
    return bool(0.8 < test_accuracy <= 1)
