"""Public checks of chapter 1's exercises (book/01_optimisation).

Each value of an answer has one predicate here (``ex<N>_<value>``, or a function that returns the fraction
of its cases that are right); the public check says "right" exactly when all of them hold, and the hidden
checks (grading/hidden/ch1.py) give points with the same predicates, so a student told "right" earns every
point. The references and tolerances live only here.
"""

import numpy as np

from . import UNROUNDED, close, exercise, fraction, word


def _tanh_network(sizes, seed, n):
    """A tanh network with a linear output, random data for it, and its MSE gradient (flat)."""
    from ..nn import MLP

    net = MLP(sizes, hidden_activation="tanh", output_activation="linear", seed=seed)
    rng = np.random.default_rng(seed + 1000)
    X, y = rng.normal(size=(n, sizes[0])), rng.normal(size=n)
    (W1, W2), (b1, b2) = net.weights, net.biases
    return (W1, b1, W2, b2, X, y), net.gradient_vector(X, y, loss="mean_squared_error")


# Backpropagation is exact up to rounding (about 1e-15 here, in whatever order it sums); central
# differences are not, at any step (their best is about 1e-10 relative), so they fail.
GRADIENT_RTOL, GRADIENT_ATOL = 1e-10, 1e-13

# ch1-ex1: the hand-written backward pass on networks of several sizes (2 inputs, as in the exercise).
EX1_CASES = (((2, 3, 1), 21, 8), ((2, 3, 1), 22, 5))


def _ex1_case(backward, case):
    args, expected = _tanh_network(*case)
    return close(np.ravel(np.asarray(backward(*args), dtype=float)), expected, rtol=GRADIENT_RTOL,
                 atol=GRADIENT_ATOL)


def ex1_backward(backward):
    """The fraction of :data:`EX1_CASES` on which ``backward`` returns MLP's gradient."""
    return fraction(lambda case=case: _ex1_case(backward, case) for case in EX1_CASES)


@exercise(
    "ch1-ex1",
    backward="your backward pass, a function backward(W1, b1, W2, b2, X, y) of the weights and biases "
             "of a tanh network with one linear output, the inputs X (n rows) and targets y (shape (n,)), "
             "returning the gradient of the mean squared error as one flat vector in the order of "
             "MLP.gradient_vector: W1 row by row, b1, W2, b2",
)
def _(backward):
    if ex1_backward(backward) == 1:
        return None
    args, expected = _tanh_network(*EX1_CASES[0])
    got = np.asarray(backward(*args), dtype=float).ravel()
    if got.shape != expected.shape:
        return (f"Return one flat vector with an entry per parameter ({expected.size} for this network): "
                "concatenate the raveled blocks in the order W1, b1, W2, b2.")
    if close(got, expected, rtol=1e-4, atol=1e-8):
        return ("Your gradient agrees only to some digits: an approximation such as finite differences "
                "is not enough here. Backpropagation, the chain rule applied exactly, agrees with "
                "MLP.gradient_vector up to rounding.")
    ratio = got / expected
    if np.allclose(ratio, ratio[0], rtol=1e-6):
        return ("Every entry is off by the same factor: check the constant in the output error "
                "delta2 (the derivative of the mean of n squared errors).")
    return ("Compare your blocks one at a time with net.gradient_vector: the output layer's first "
            "(h.T @ delta2), then the hidden layer's, where the error passes back through W2 and tanh'.")


# ch1-ex2: the rescaled network of seed 0 (L(w) = 0.375156) and the midpoint (0.403934). The page prints
# both to four decimals; either rounding is accepted.
EX2_RESCALED, EX2_MIDPOINT = 0.37515585340426844, 0.4039342159390541
EX2_ATOL = 1e-4


def ex2_largest_change(value):
    return abs(float(value)) < 1e-9


def ex2_loss_rescaled(value):
    return close(value, EX2_RESCALED, atol=EX2_ATOL)


def ex2_loss_midpoint(value):
    return close(value, EX2_MIDPOINT, atol=EX2_ATOL)


@exercise(
    "ch1-ex2",
    largest_change="the largest absolute change of a prediction on the 500 training points after the "
                   "rescaling, the value your code computed (a float)",
    loss_rescaled="the training loss (training_loss on X_train, y_train) of the rescaled network, the "
                  "value your code computed (a float)",
    loss_midpoint="the training loss at the midpoint of the trained and the rescaled weight vectors, the "
                  "value your code computed (a float)",
)
def _(largest_change, loss_rescaled, loss_midpoint):
    if not ex2_largest_change(largest_change):
        return ("The rescaled network should make the same predictions up to rounding: multiply the "
                "unit's incoming weights and its bias by gamma, and only its own outgoing weight by "
                "1/gamma.")
    if not ex2_loss_rescaled(loss_rescaled):
        if close(loss_rescaled, EX2_RESCALED, atol=1e-2):
            return UNROUNDED
        return "Evaluate the rescaled weight vector with training_loss on the training set."
    if not ex2_loss_midpoint(loss_midpoint):
        if close(loss_midpoint, EX2_MIDPOINT, atol=1e-2):
            return UNROUNDED
        return ("Average the two flat parameter vectors (get_params) entry by entry and evaluate that "
                "vector on the training set.")
    return None


# ch1-ex3: eta* = 2 / (l_min + l_max), factor (kappa - 1) / (kappa + 1); on the line model (kappa = 3.40)
# every one of the first 20 step ratios equals that factor, 0.5453 as the page prints it.
EX3_RATE_CASES = ((1.0, 3.0), (0.2, 5.0), (0.05, 7.0), (2.0, 2.0), (0.3, 40.0))
EX3_KAPPAS = (1.0, 3.0, 3.4, 10.0, 100.0, 1e4)
EX3_FACTOR = 0.5452520782005605
EX3_ATOL = 1e-4


def ex3_best_rate(best_rate):
    return fraction(lambda a=a, b=b: close(best_rate(a, b), 2 / (a + b), rtol=1e-9)
                    for a, b in EX3_RATE_CASES) == 1


def ex3_best_factor(best_factor):
    return fraction(lambda k=k: close(best_factor(k), (k - 1) / (k + 1), rtol=1e-9, atol=1e-12)
                    for k in EX3_KAPPAS) == 1


def ex3_measured_factor(value):
    return close(value, EX3_FACTOR, atol=EX3_ATOL)


@exercise(
    "ch1-ex3",
    best_rate="part (a): the learning rate as a function best_rate(lambda_min, lambda_max) of the "
              "Hessian's smallest and largest eigenvalues",
    best_factor="part (a): the factor by which the error then shrinks per step, as a function "
                "best_factor(kappa) of the condition number",
    measured_factor="part (b): the factor by which the length of the error vector shrank per step on "
                    "the line model at that rate, over the first 20 steps (the mean of the 20 "
                    "step-to-step ratios, the value your code computed; a float)",
)
def _(best_rate, best_factor, measured_factor):
    if not ex3_best_rate(best_rate):
        return ("The best rate balances the two extreme directions: set |1 - eta lambda_min| equal to "
                "|1 - eta lambda_max| with the signs they have there.")
    if not ex3_best_factor(best_factor):
        return "Put your rate into 1 - eta lambda_min and write the result with kappa alone."
    if not ex3_measured_factor(measured_factor):
        if close(measured_factor, EX3_FACTOR, atol=1e-2):
            return UNROUNDED
        return ("Run gradient descent on the line model at your best rate for 20 steps and divide the "
                "error's length after each step by its length before; later steps reach rounding "
                "level, where the ratios mean nothing.")
    return None


# ch1-ex4: the W1 gradient of buggy_backward is transposed; the fixed function on fresh 3-3-1 networks.
EX4_CASES = (((3, 3, 1), 31, 7), ((3, 3, 1), 32, 7))
EX4_BLOCKS = ("w1", "b1", "w2", "b2")


def ex4_wrong_block(value):
    return word(value) == "w1"


def _ex4_case(fixed_backward, case):
    args, expected = _tanh_network(*case)
    got = fixed_backward(*args)
    shapes = [a.shape for a in args[:4]]
    return (len(got) == 4 and [np.shape(g) for g in got] == shapes
            and close(np.concatenate([np.ravel(g) for g in got]), expected, rtol=GRADIENT_RTOL,
                      atol=GRADIENT_ATOL))


def ex4_fixed_backward(fixed_backward):
    """The fraction of :data:`EX4_CASES` on which ``fixed_backward`` returns the right four blocks."""
    return fraction(lambda case=case: _ex4_case(fixed_backward, case) for case in EX4_CASES)


@exercise(
    "ch1-ex4",
    wrong_block="part (b): the name of the gradient that is wrong, one of 'W1', 'b1', 'W2', 'b2' "
                "(a string)",
    fixed_backward="your fixed function, with the signature and return value of buggy_backward "
                   "(the four gradient arrays W1, b1, W2, b2 in their parameters' shapes)",
)
def _(wrong_block, fixed_backward):
    if word(wrong_block) not in EX4_BLOCKS:
        return "Give the name of the block as a string: 'W1', 'b1', 'W2' or 'b2'."
    if ex4_fixed_backward(fixed_backward) < 1:
        args, expected = _tanh_network(*EX4_CASES[0])
        got = fixed_backward(*args)
        shapes = [a.shape for a in args[:4]]
        if len(got) != 4 or [np.shape(g) for g in got] != shapes:
            return "Return the four gradients in the order W1, b1, W2, b2, each in its parameter's shape."
        blocks = np.split(expected, np.cumsum([np.prod(s) for s in shapes])[:-1])
        wrong = [name for name, g, e in zip(("W1", "b1", "W2", "b2"), got, blocks)
                 if not close(np.ravel(g), e, rtol=GRADIENT_RTOL, atol=GRADIENT_ATOL)]
        return (f"Your fixed function's {', '.join(wrong) or 'output'} gradient still differs from "
                "finite differences: compare each block, and work out with (a) which index of the "
                "matrix belongs to the input and which to the hidden unit.")
    if not ex4_wrong_block(wrong_block):
        return ("Your fixed function is right, but the block you name is not the one the finite-"
                "difference check flags in buggy_backward.")
    return None
