"""Hidden checks of chapter 4's section on building a loss (04a): 15 points over 4 exercises."""

import numpy as np

from lossutils.exercises import close, hidden

_RNG = np.random.default_rng(2024)
_SAMPLES = [np.sort(_RNG.exponential(size=n)) for n in (7, 10, 31)]


def _midpoints(sample):
    # Locations between the data points and beyond them, where MAE(mu) is differentiable.
    inner = (sample[1:] + sample[:-1]) / 2
    return np.concatenate([[sample[0] - 0.5], inner, [sample[-1] + 0.5]])


# ch4a-ex-laplace (3 points): the best log-scale, the profile loss and the slope of MAE.


@hidden("ch4a-ex-laplace", points=1)
def _(best_log_scale, **_):
    return all(close(best_log_scale(y, mu), np.log(np.mean(np.abs(y - mu))), rtol=1e-9)
               for y in _SAMPLES for mu in _midpoints(y)[::3])


@hidden("ch4a-ex-laplace", points=1)
def _(profile_loss, **_):
    return all(close(profile_loss(y, mu), 1 + np.log(2 * np.mean(np.abs(y - mu))), rtol=1e-9)
               for y in _SAMPLES for mu in _midpoints(y)[::3])


@hidden("ch4a-ex-laplace", points=1)
def _(mae_slope, **_):
    return all(close(mae_slope(y, mu), (np.sum(y < mu) - np.sum(y > mu)) / y.size, atol=1e-9)
               for y in _SAMPLES for mu in _midpoints(y))


# ch4a-ex-deviance (4 points): the mean deviance (positive counts, zeros) and its gradient in z.

_COUNTS = np.array([0.0, 1.0, 4.0, 0.0, 9.0, 2.0, 17.0])
_Z = np.array([-1.0, 0.3, 1.2, 0.5, 2.5, -0.4, 2.0])


@hidden("ch4a-ex-deviance", points=1)
def _(mean_deviance, **_):
    y, rate = _COUNTS[_COUNTS > 0], np.exp(_Z[_COUNTS > 0])
    return close(mean_deviance(y, rate), np.mean(2 * (y * np.log(y / rate) - (y - rate))), rtol=1e-9)


@hidden("ch4a-ex-deviance", points=1)
def _(mean_deviance, **_):
    rate = np.exp(_Z)
    expected = np.mean(2 * (np.where(_COUNTS > 0, _COUNTS * np.log(np.where(_COUNTS > 0, _COUNTS, 1) / rate),
                                     0.0) - (_COUNTS - rate)))
    return close(mean_deviance(_COUNTS, rate), expected, rtol=1e-9)


@hidden("ch4a-ex-deviance", points=2)
def _(deviance_grad, **_):
    return close(deviance_grad(_COUNTS, _Z), 2 * (np.exp(_Z) - _COUNTS) / _COUNTS.size, rtol=1e-9)


# ch4a-ex-waiting (4 points): the gradient, the canonical link, the two predicted lasting gaps.


def _predicted_least_squares():
    x = np.linspace(-1.5, 1.5, 100_001)
    features = np.column_stack([np.ones_like(x), x, np.sin(2 * x)])
    mean = np.exp(0.3 + 0.8 * x + 0.4 * np.sin(2 * x))

    def moment(power):
        return (features * mean[:, None] ** power).T @ features / x.size

    m2_inverse = np.linalg.inv(moment(2))
    return np.trace(moment(0) @ m2_inverse @ moment(4) @ m2_inverse) / 400


@hidden("ch4a-ex-waiting", points=1)
def _(nll_grad, **_):
    y, z = np.array([0.01, 0.7, 1.0, 3.0, 12.0]), np.array([-2.0, 0.0, 0.4, 1.1, 2.0])
    return close(nll_grad(y, z), 1 - y * np.exp(-z), rtol=1e-9)


@hidden("ch4a-ex-waiting", points=1)
def _(canonical_is_log, **_):
    return canonical_is_log is False or (isinstance(canonical_is_log, np.bool_) and not canonical_is_log)


@hidden("ch4a-ex-waiting", points=1)
def _(predicted_ml, **_):
    return close(predicted_ml, 3 / 400, rtol=1e-6)


@hidden("ch4a-ex-waiting", points=1)
def _(predicted_ls, **_):
    return close(predicted_ls, _predicted_least_squares(), rtol=0.02)


# ch4a-ex-diverge (4 points): the failing step, the Poisson run's largest gradient, the two gradients.


@hidden("ch4a-ex-diverge", points=1)
def _(failing_step, **_):
    return close(failing_step, 5)


@hidden("ch4a-ex-diverge", points=1)
def _(poisson_largest_gradient, **_):
    return close(poisson_largest_gradient, 31.5, rtol=0.01)


@hidden("ch4a-ex-diverge", points=1)
def _(grad_z_squared, **_):
    y, rate = np.array([0.0, 1.0, 6.0, 30.0]), np.array([0.2, 1.0, 2.5, 40.0])
    return close(grad_z_squared(y, rate), 2 * (rate - y) * rate, rtol=1e-9)


@hidden("ch4a-ex-diverge", points=1)
def _(grad_z_poisson, **_):
    y, rate = np.array([0.0, 1.0, 6.0, 30.0]), np.array([0.2, 1.0, 2.5, 40.0])
    return close(grad_z_poisson(y, rate), rate - y, rtol=1e-9)
