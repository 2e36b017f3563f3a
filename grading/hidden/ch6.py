"""Hidden checks of chapter 6's exercises (ch6-ex1 3, ch6-ex2 4, ch6-ex3 5, ch6-ex4 4, ch6-ex5 4 points)."""

import numpy as np

import lossutils
from lossutils.exercises import close, hidden


def _sparse_ce(labels, logits):
    return lossutils.sparse_categorical_cross_entropy(labels, logits, from_logits=True)


def _ce_cases(scale):
    rng = np.random.default_rng(6001)
    for n, k in ((1, 2), (7, 4), (50, 10)):
        yield rng.integers(0, k, size=n), scale * rng.normal(size=(n, k))


@hidden("ch6-ex1", points=1)
def _(categorical_ce_from_logits, **_):
    return all(close(categorical_ce_from_logits(y, z), _sparse_ce(y, z), rtol=1e-9)
               for y, z in _ce_cases(1.0))


@hidden("ch6-ex1", points=2)
def _(categorical_ce_from_logits, **_):
    with np.errstate(all="ignore"):
        return all(close(categorical_ce_from_logits(y, z), _sparse_ce(y, z), rtol=1e-9)
                   for y, z in _ce_cases(1000.0))


@hidden("ch6-ex2", points=2)
def _(article_grad, **_):
    rng = np.random.default_rng(6002)
    y_true = rng.integers(0, 2, size=12).astype(float)
    p_pred = rng.uniform(0.01, 0.99, size=12)
    return close(article_grad(y_true, p_pred), -y_true / (12 * (1e-15 + p_pred)), rtol=1e-9)


@hidden("ch6-ex2", points=1)
def _(p_trained, **_):
    return close(np.asarray(p_trained)[:5], np.full(5, 0.99), atol=1e-12)


@hidden("ch6-ex2", points=1)
def _(p_trained, **_):
    return close(np.asarray(p_trained)[5:], [0.1, 0.4, 0.2, 0.1, 0.3], atol=1e-12)


@hidden("ch6-ex3", points=1)
def _(inf_index, nan_index, **_):
    return inf_index == 0 and nan_index == 0


def _extreme_cases():
    rng = np.random.default_rng(6003)
    yield np.array([1.0, 0.0, 1.0, 0.0, 1.0]), np.array([-800.0, -5.0, 0.0, 5.0, 800.0])
    y_true = rng.integers(0, 2, size=40).astype(float)
    yield y_true, rng.choice([-1.0, 1.0], size=40) * rng.uniform(0, 1000, size=40)
    yield y_true[:10], rng.normal(size=10)


@hidden("ch6-ex3", points=1.5)
def _(fixed_loss, **_):
    with np.errstate(all="ignore"):
        return all(close(fixed_loss(y, z), lossutils.binary_cross_entropy(y, z, from_logits=True),
                         rtol=1e-9) for y, z in _extreme_cases())


@hidden("ch6-ex3", points=1.5)
def _(fixed_grad, **_):
    with np.errstate(all="ignore"):
        return all(close(fixed_grad(y, z),
                         lossutils.binary_cross_entropy.grad(y, z, from_logits=True),
                         rtol=1e-9, atol=1e-15) for y, z in _extreme_cases())


@hidden("ch6-ex3", points=1)
def _(quiet_loss, **_):
    return float(quiet_loss) == 0.0


@hidden("ch6-ex4", points=1)
def _(floor, **_):
    return close(floor, 0.508338, atol=2e-4)


@hidden("ch6-ex4", points=1)
def _(final_losses, **_):
    # after 299 or 300 updates (0.05001 or 0.04994): either counts
    return close(final_losses, [0.54055, 0.05001], rtol=5e-3)


@hidden("ch6-ex4", points=1)
def _(student_mean_p, **_):
    return close(student_mean_p, [0.027986, 0.838504], atol=5e-4)


@hidden("ch6-ex4", points=1)
def _(fixed_mean_p, **_):
    return close(fixed_mean_p, [0.027382, 0.932260], atol=5e-4)


@hidden("ch6-ex5", points=1)
def _(k_no_zero, **_):
    return k_no_zero == 9


@hidden("ch6-ex5", points=1)
def _(k_no_overflow, **_):
    return k_no_overflow == 42


@hidden("ch6-ex5", points=1)
def _(k_all_normal, **_):
    return k_all_normal == 20


@hidden("ch6-ex5", points=1)
def _(error_at_16, **_):
    return close(error_at_16, 3.2430e-3, rtol=5e-3)
