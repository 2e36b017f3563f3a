"""Public checks of chapter 1's exercises (book/01_optimisation)."""

import numpy as np

from . import close, exercise


def _tanh_network(sizes, seed, n):
    """A tanh network with a linear output, random data for it, and its MSE gradient blocks."""
    from ..nn import MLP

    net = MLP(sizes, hidden_activation="tanh", output_activation="linear", seed=seed)
    rng = np.random.default_rng(seed + 100)
    X, y = rng.normal(size=(n, sizes[0])), rng.normal(size=n)
    return net, X, y, net.gradient_vector(X, y, loss="mean_squared_error")


@exercise(
    "ch1-ex1",
    backward="your backward pass, a function backward(W1, b1, W2, b2, X, y) of the weights and biases "
             "of a tanh network with one linear output, the inputs X (n rows) and targets y (shape (n,)), "
             "returning the gradient of the mean squared error as one flat vector in the order of "
             "MLP.gradient_vector: W1 row by row, b1, W2, b2",
)
def _(backward):
    net, X, y, expected = _tanh_network((2, 3, 1), seed=7, n=8)
    (W1, W2), (b1, b2) = net.weights, net.biases
    got = np.asarray(backward(W1, b1, W2, b2, X, y), dtype=float).ravel()
    if got.shape != expected.shape:
        return (f"Return one flat vector with an entry per parameter ({expected.size} for this network): "
                "concatenate the raveled blocks in the order W1, b1, W2, b2.")
    if close(got, expected, rtol=1e-6, atol=1e-10):
        return None
    ratio = got / expected
    if np.allclose(ratio, ratio[0], rtol=1e-6):
        return ("Every entry is off by the same factor: check the constant in the output error "
                "delta2 (the derivative of the mean of n squared errors).")
    return ("Compare your blocks one at a time with net.gradient_vector: the output layer's first "
            "(h.T @ delta2), then the hidden layer's, where the error passes back through W2 and tanh'.")


@exercise(
    "ch1-ex2",
    largest_change="the largest absolute change of a training prediction after the rescaling (a float)",
    loss_rescaled="the training loss of the rescaled network (a float)",
    loss_midpoint="the training loss at the midpoint of the trained and the rescaled weight vectors "
                  "(a float)",
)
def _(largest_change, loss_rescaled, loss_midpoint):
    if not abs(float(largest_change)) < 1e-9:
        return ("The rescaled network should make the same predictions up to rounding: multiply the "
                "unit's incoming weights and its bias by gamma, and only its own outgoing weight by "
                "1/gamma.")
    if not close(loss_rescaled, 0.375156, atol=5e-4):
        return "Evaluate the rescaled weight vector with training_loss on the training set."
    if not close(loss_midpoint, 0.403934, atol=5e-4):
        return ("Average the two flat parameter vectors (get_params) entry by entry and evaluate that "
                "vector on the training set.")
    return None


@exercise(
    "ch1-ex3",
    best_rate="part (a): the learning rate as a function best_rate(lambda_min, lambda_max) of the "
              "Hessian's smallest and largest eigenvalues",
    best_factor="part (a): the factor by which the error then shrinks per step, as a function "
                "best_factor(kappa) of the condition number",
    measured_factor="part (b): the factor by which the length of the error vector shrank per step on "
                    "the line model at that rate (a float, e.g. the mean of the step-to-step ratios)",
)
def _(best_rate, best_factor, measured_factor):
    if not close(best_rate(1.0, 3.0), 0.5, rtol=1e-9) or not close(best_rate(0.2, 5.0), 2 / 5.2, rtol=1e-9):
        return ("The best rate balances the two extreme directions: set |1 - eta lambda_min| equal to "
                "|1 - eta lambda_max| with the signs they have there.")
    if not close(best_factor(3.0), 0.5, rtol=1e-9) or not close(best_factor(100.0), 99 / 101, rtol=1e-9):
        return "Put your rate into 1 - eta lambda_min and write the result with kappa alone."
    if not close(measured_factor, 0.545252, rtol=1e-3):
        return ("Run gradient descent on the line model at your best rate and divide the error's length "
                "after each step by its length before.")
    return None


@exercise(
    "ch1-ex4",
    wrong_block="part (b): the name of the gradient that is wrong, one of 'W1', 'b1', 'W2', 'b2'",
    fixed_backward="your fixed function, with the signature and return value of buggy_backward "
                   "(the four gradient arrays W1, b1, W2, b2 in their parameters' shapes)",
)
def _(wrong_block, fixed_backward):
    if wrong_block not in ("W1", "b1", "W2", "b2"):
        return "Give the name of the block as a string: 'W1', 'b1', 'W2' or 'b2'."
    net, X, y, expected = _tanh_network((3, 3, 1), seed=3, n=6)
    (W1, W2), (b1, b2) = net.weights, net.biases
    got = fixed_backward(W1, b1, W2, b2, X, y)
    shapes = [W1.shape, b1.shape, W2.shape, b2.shape]
    if len(got) != 4 or [np.shape(g) for g in got] != shapes:
        return "Return the four gradients in the order W1, b1, W2, b2, each in its parameter's shape."
    blocks = np.split(expected, np.cumsum([np.prod(s) for s in shapes])[:-1])
    wrong = [name for name, g, e in zip(("W1", "b1", "W2", "b2"), got, blocks)
             if not close(np.ravel(g), e, rtol=1e-6, atol=1e-10)]
    if wrong:
        return (f"Your fixed function's {', '.join(wrong)} gradient still differs from finite "
                "differences: compare each block, and work out with (a) which index of the matrix "
                "belongs to the input and which to the hidden unit.")
    if wrong_block != "W1":
        return ("Your fixed function is right, but the block you name is not the one the finite-"
                "difference check flags in buggy_backward.")
    return None
