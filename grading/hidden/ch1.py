"""Hidden checks of chapter 1's exercises (book/01_optimisation): 2 + 3 + 3 + 3 points."""

import numpy as np

from lossutils.exercises import close, hidden
from lossutils.nn import MLP


def _case(sizes, seed, n):
    net = MLP(sizes, hidden_activation="tanh", output_activation="linear", seed=seed)
    rng = np.random.default_rng(seed + 1000)
    X, y = rng.normal(size=(n, sizes[0])), rng.normal(size=n)
    (W1, W2), (b1, b2) = net.weights, net.biases
    return (W1, b1, W2, b2, X, y), net.gradient_vector(X, y, loss="mean_squared_error")


# ch1-ex1: the hand-written backward pass against MLP's, on two networks it was not written on.
@hidden("ch1-ex1", points=1)
def _(backward, **_):
    args, expected = _case((2, 3, 1), seed=21, n=8)
    return close(np.ravel(backward(*args)), expected, rtol=1e-8, atol=1e-12)


@hidden("ch1-ex1", points=1)
def _(backward, **_):
    args, expected = _case((2, 3, 1), seed=22, n=5)
    return close(np.ravel(backward(*args)), expected, rtol=1e-8, atol=1e-12)


# ch1-ex2: the rescaled network of seed 0 (L(w) = 0.375156) and the midpoint (0.403934).
@hidden("ch1-ex2", points=1)
def _(largest_change, **_):
    return abs(float(largest_change)) < 1e-10


@hidden("ch1-ex2", points=1)
def _(loss_rescaled, **_):
    return close(loss_rescaled, 0.375156, atol=1e-4)


@hidden("ch1-ex2", points=1)
def _(loss_midpoint, **_):
    return close(loss_midpoint, 0.403934, atol=1e-4)


# ch1-ex3: eta* = 2 / (l_min + l_max), factor (kappa - 1) / (kappa + 1); line model 0.545252.
@hidden("ch1-ex3", points=1)
def _(best_rate, **_):
    pairs = [(1.0, 3.0), (0.05, 7.0), (2.0, 2.0), (0.3, 40.0)]
    return all(close(best_rate(a, b), 2 / (a + b), rtol=1e-9) for a, b in pairs)


@hidden("ch1-ex3", points=1)
def _(best_factor, **_):
    return all(close(best_factor(k), (k - 1) / (k + 1), rtol=1e-9) for k in (1.0, 3.4, 10.0, 1e4))


@hidden("ch1-ex3", points=1)
def _(measured_factor, **_):
    return close(measured_factor, 0.545252, rtol=1e-4)


# ch1-ex4: the W1 gradient is transposed; the fixed function on fresh 3-3-1 networks.
@hidden("ch1-ex4", points=1)
def _(wrong_block, **_):
    return wrong_block == "W1"


@hidden("ch1-ex4", points=2)
def _(fixed_backward, **_):
    earned = 0
    for seed in (31, 32):
        args, expected = _case((3, 3, 1), seed=seed, n=7)
        got = fixed_backward(*args)
        shapes = [a.shape for a in args[:4]]
        if len(got) == 4 and [np.shape(g) for g in got] == shapes:
            earned += close(np.concatenate([np.ravel(g) for g in got]), expected, rtol=1e-8, atol=1e-12)
    return earned
