"""Hidden checks of chapter 7's exercises (ch7-ex1 3, ch7-ex2 4, ch7-ex3 4, ch7-ex4 4, ch7-ex5 5,
ch7-ex6 5 points)."""

import numpy as np

import lossutils
from lossutils.exercises import close, hidden

FITTED_T = np.array([2.32719121, 3.33392379, 2.42202787, 2.84162917,
                     2.52072926, 2.59738604, 2.54602679, 2.10602927])


@hidden("ch7-ex1", points=1)
def _(uniform_ce, **_):
    return close(uniform_ce, np.log(3), atol=1e-4)


@hidden("ch7-ex1", points=1)
def _(prior_ce, **_):
    return close(prior_ce, 1.0296530, atol=1e-4)


@hidden("ch7-ex1", points=1)
def _(kl, **_):
    return close(kl, 0.0689593, atol=1e-4)


@hidden("ch7-ex2", points=2)
def _(mean_differences, **_):
    # one point in three per difference; epochs tied in validation accuracy: the first
    expected = [0.05, 0.0721328, -0.0045]
    return 2 * sum(close(got, want, atol=2e-4) for got, want in zip(mean_differences, expected)) / 3


@hidden("ch7-ex2", points=1)
def _(optimism, **_):
    return close(optimism, 0.066, atol=2e-4)


@hidden("ch7-ex2", points=1)
def _(beyond_noise, **_):
    return beyond_noise is False or beyond_noise is np.False_


@hidden("ch7-ex3", points=2)
def _(threshold, **_):
    rng = np.random.default_rng(7003)
    costs = rng.uniform(0.1, 10, size=(6, 2))
    return all(close(threshold(fp, fn), fp / (fp + fn), rtol=1e-9) for fp, fn in costs)


@hidden("ch7-ex3", points=1)
def _(best_threshold, **_):
    return abs(best_threshold - 1 / 6) <= 0.01 + 1e-9


@hidden("ch7-ex3", points=1)
def _(network_costs, **_):
    return close(network_costs, [0.31625, 0.4635], atol=1e-4)


def _forecasts():
    rng = np.random.default_rng(7004)
    for k in (2, 3, 5):
        yield rng.dirichlet(np.ones(k)), rng.dirichlet(np.ones(k))


@hidden("ch7-ex4", points=1)
def _(expected_brier, **_):
    return all(close(expected_brier(q, p), np.sum((q - p) ** 2) + np.sum(p * (1 - p)), rtol=1e-9)
               for q, p in _forecasts())


@hidden("ch7-ex4", points=1)
def _(expected_absolute, **_):
    return all(close(expected_absolute(q, p), 1 + q @ (1 - 2 * p), rtol=1e-9)
               for q, p in _forecasts())


@hidden("ch7-ex4", points=1)
def _(brier_minimiser, **_):
    return close(brier_minimiser, [0.5, 0.3, 0.2], atol=1e-9)


@hidden("ch7-ex4", points=1)
def _(absolute_minimiser, **_):
    return close(absolute_minimiser, [1.0, 0.0, 0.0], atol=1e-9)


def _logits_and_labels():
    rng = np.random.default_rng(7005)
    return 4 * rng.normal(size=30), rng.integers(0, 2, size=30).astype(float)


@hidden("ch7-ex5", points=1)
def _(dl_dt, **_):
    z, y_true = _logits_and_labels()
    ok = True
    for t in (0.5, 2.0, 3.0):
        def loss(s):
            return lossutils.binary_cross_entropy(y_true, z / s, from_logits=True)
        central = (loss(t + 1e-6) - loss(t - 1e-6)) / 2e-6
        ok &= close(dl_dt(z, y_true, t), central, rtol=1e-5, atol=1e-9)
    return ok


@hidden("ch7-ex5", points=1)
def _(newton_update, **_):
    z, y_true = _logits_and_labels()
    ok = True
    for beta in (0.0, 0.3, 1.0):
        q = lossutils.sigmoid(beta * z)
        step = beta - np.mean((q - y_true) * z) / np.mean(q * (1 - q) * z**2)
        ok &= close(newton_update(z, y_true, beta), step, rtol=1e-9, atol=1e-12)
    return ok


@hidden("ch7-ex5", points=2)
def _(temperatures, **_):
    return close(temperatures, [2.33321673, 3.32877383, 2.42456117, 2.85468793,
                                2.53093380, 2.59645431, 2.54629464, 2.10710503], rtol=1e-4)


@hidden("ch7-ex5", points=1)
def _(first_betas, **_):
    return close(first_betas, [-0.56883583, -2.07535040, -0.70203546, -1.15156238,
                               -0.83966007, -1.01036664, -0.84701514, -0.21630564], rtol=1e-6)


@hidden("ch7-ex6", points=1)
def _(confidence, **_):
    return confidence == "under-confident"


@hidden("ch7-ex6", points=1)
def _(double_ece, **_):
    return close(double_ece, [0.13573890, 0.17131800, 0.15912859, 0.14791198,
                              0.16970762, 0.14268051, 0.17202964, 0.12493520], atol=1e-6)


@hidden("ch7-ex6", points=1)
def _(refit_t, **_):
    # a grid of any reasonable step, or Newton's method: T* / T^2, about 1 / T
    return close(np.asarray(refit_t) * FITTED_T, np.ones(8), atol=0.02)


@hidden("ch7-ex6", points=1)
def _(constant_ece, **_):
    return close(constant_ece, [0.018, 0.012, 0.026, 0.014, 0.016, 0.018, 0.008, 0.010], atol=1e-9)


@hidden("ch7-ex6", points=1)
def _(constant_log_loss, **_):
    return close(constant_log_loss, [0.42043023, 0.43011570, 0.41465990, 0.43368743,
                                     0.43725174, 0.41338991, 0.43321357, 0.42653729], atol=1e-6)
