"""Public checks of problem set 7 (implementing losses).

Each check is as strict as the hidden check that grades the same value, so that an answer called right
earns its automatic points. Seeded values are recomputed from the recorded seed, never printed.
"""

import numpy as np

from . import close, exercise

# Problem 2's values on the test logits of its network (the hidden checks recompute them by training it).
BUGGY = 0.452678
FIXED = 0.415353
WORST_ERROR = 0.203453


def _logits(seed):
    rng = np.random.default_rng(seed)
    offset = rng.uniform(-1000.0, 1000.0, size=(8, 1))
    scale = 10.0 ** rng.uniform(-1.0, 2.0, size=(8, 1))
    return offset + scale * rng.standard_normal((8, 5))


def _logsumexp(z):
    from scipy.special import logsumexp

    return logsumexp(z, axis=1)


@exercise(
    "ps7-p1",
    seed="your student number, the seed your logits were drawn with (an int)",
    lse="the log-sum-exp of each of your 8 rows of logits (an array of 8 floats)",
    gradient="the gradient of each row's log-sum-exp with respect to that row's 5 logits (an 8 x 5 array)",
    naive_failures="how many of the 8 rows np.log(np.sum(np.exp(z))) returns inf, -inf or nan for (an int)",
)
def _(seed, lse, gradient, naive_failures):
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        return "Give seed as an int, the student number you set at the top."
    lse, gradient = np.asarray(lse, dtype=float), np.asarray(gradient, dtype=float)
    if lse.shape != (8,) or gradient.shape != (8, 5):
        return "Give lse as 8 numbers, one per row, and gradient as an 8 x 5 array."
    z = _logits(int(seed))
    row_max, right_lse = z.max(axis=1), _logsumexp(z)
    if not np.all(np.isfinite(lse)):
        return "Some of your log-sum-exps are not finite: shift each row before exponentiating."
    if not close(lse, right_lse, rtol=1e-13, atol=1e-13):
        if close(lse, row_max, rtol=1e-13, atol=1e-13):
            return ("Those are the rows' largest logits, the limit of the soft maximum as tau -> 0: the "
                    "log-sum-exp adds the log of the sum of the shifted terms.")
        if not np.all((row_max <= lse) & (lse <= row_max + np.log(5) + 1e-9 * np.maximum(np.abs(row_max), 1))):
            return "Part 1 bounds each row's log-sum-exp by its largest logit and that plus log K; some of yours are outside."
        return ("Some log-sum-exps are off by more than rounding: shift each row by its own largest logit; "
                "is seed the one your logits were drawn with?")
    right_gradient = np.exp(z - right_lse[:, None])
    if not close(gradient, right_gradient, rtol=1e-9, atol=1e-12):
        if gradient.min() < 0 or np.abs(gradient.sum(axis=1) - 1).max() > 1e-9:
            return "Part 2 says each row of the gradient is non-negative and adds up to 1."
        if close(gradient, np.full((8, 5), 0.2)):
            return "Equal weights are the gradient only when a row's logits are all equal: which function is it?"
        if close(gradient, np.eye(5)[z.argmax(axis=1)], atol=1e-12):
            return ("A one-hot gradient is the limit as tau -> 0 (the arg-max): the log-sum-exp's own gradient "
                    "is the softmax of the row.")
        return "Some rows of your gradient are off: part 2 names the function it is; compute it from shifted terms."
    if not isinstance(naive_failures, (int, np.integer)) or isinstance(naive_failures, bool):
        return "naive_failures counts rows: give a whole number (an int)."
    with np.errstate(over="ignore", divide="ignore"):
        naive = np.log(np.sum(np.exp(z), axis=1))
    if int(naive_failures) != int(np.sum(~np.isfinite(naive))):
        return ("Count again: run np.log(np.sum(np.exp(z))) on each row and count the results that are inf, "
                "-inf or nan (np.isfinite).")
    return None


def _batch():
    """A float32 batch with rows of very different scales, and one row moved up by 200."""
    rng = np.random.default_rng(2024)
    logits = rng.uniform(-60.0, 60.0, size=(200, 1)) + 10.0 ** rng.uniform(-1.0, 1.5, (200, 1)) * \
        rng.standard_normal((200, 3))
    logits = logits.astype(np.float32)
    labels = rng.integers(0, 3, size=200)
    moved = logits.copy()
    moved[0] += 200
    return logits, moved, labels


def _reference(logits, labels):
    z = np.asarray(logits, dtype=float)
    return float(np.mean(_logsumexp(z) - z[np.arange(len(labels)), labels]))


def function_works(function):
    """Whether a cross-entropy from logits, function(logits, labels) -> float, is right on the batch of
    _batch(), whole, one example at a time, and with one row moved up by 200 (a hint if not)."""
    logits, moved, labels = _batch()
    right = _reference(logits, labels)
    with np.errstate(all="ignore"):
        whole = float(function(logits, labels))
        single = float(np.mean([function(logits[i:i + 1], labels[i:i + 1]) for i in range(len(labels))]))
        shifted = float(function(moved, labels))
    if not close(whole, right, rtol=1e-5, atol=1e-4):
        return ("Your function is off on a batch whose rows have very different scales: does each row get "
                "its own shift?")
    if not close(single, right, rtol=1e-5, atol=1e-4):
        return "Your function is off on batches of one example: call it with logits of shape (1, K)."
    if not close(shifted, right, rtol=1e-5, atol=1e-4):
        return ("Your function changes its value when one example's logits are all raised by 200, which "
                "changes no probability: every other row's terms must not underflow.")
    return None


@exercise(
    "ps7-p2",
    buggy="the test cross-entropy the student's function returns (a float, nats)",
    fixed="the test cross-entropy of your fixed function (a float, nats)",
    worst_error="the largest amount by which the buggy function overstates one test example's loss (a float, nats)",
    fixed_function="your fixed function itself, called as fixed_function(logits, labels) with float32 logits "
                   "of shape (n, K) and integer labels of shape (n,), returning the mean cross-entropy "
                   "(a function)",
)
def _(buggy, fixed, worst_error, fixed_function):
    if not close(buggy, BUGGY, atol=9.5e-5):
        return "buggy is what cross_entropy_from_logits(test_logits, yb_test) returns."
    if not fixed < buggy:
        return "Which way does the guard move a log?"
    if not close(fixed, FIXED, atol=9.5e-5):
        return "Compare your fix with lossutils.categorical_cross_entropy(..., from_logits=True)."
    if not callable(fixed_function):
        return "Give fixed_function as the function itself (its name, without parentheses)."
    hint = function_works(fixed_function)
    if hint:
        return hint
    if not worst_error >= buggy - fixed:
        return "The largest error of one example cannot be below the mean error, buggy - fixed."
    if not close(worst_error, WORST_ERROR, atol=1.9e-3):
        return ("worst_error is off: the error of one example is log(1 + 1e-7 / s), s its sum after the "
                "batch's shift; take its largest value over the test set.")
    return None


def _counts_values():
    from scipy.special import gammaln, xlogy

    from lossutils.datasets import counts, counts_rate

    X_train, X_test, y_train, y_test = counts()
    y_tiny = y_train[:20].astype(float)

    def nll(y, rate):
        return float(np.mean(rate - y * np.log(rate) + gammaln(y + 1)))

    return (float(np.mean(y_tiny - xlogy(y_tiny, y_tiny) + gammaln(y_tiny + 1))),
            nll(y_test, np.full(len(y_test), y_train.mean())), nll(y_test, counts_rate(X_test)))


#: Problem 3's accepted distance of the chosen model from the floor: from two paired standard errors of
#: the test set below it (2 x 0.008: a model can land below the floor on 500 counts) to 0.04 above it.
GAP_LOW, GAP_HIGH = -0.016, 0.04


@exercise(
    "ps7-p3",
    lowest="the lowest possible mean Poisson NLL, log y! included, on the first 20 training examples (a float, nats)",
    trivial="the test mean Poisson NLL, log y! included, of predicting the training mean count (a float, nats)",
    floor="the test mean Poisson NLL, log y! included, of the true rate counts_rate(X_test) (a float, nats)",
    chosen="your chosen model's test mean Poisson NLL, log y! included (the mean over seeds for a network) (a float)",
)
def _(lowest, trivial, floor, chosen):
    right_lowest, right_trivial, right_floor = _counts_values()
    if not lowest > 0:
        return "The Poisson NLL with log y! cannot reach 0: where is each example's loss smallest?"
    if not close(lowest, right_lowest, atol=1e-4):
        if right_lowest < lowest < right_lowest + 0.02:
            return ("That is close to what training reaches: give the lowest possible value itself, with each "
                    "rate equal to its own count (and 0 log 0 = 0).")
        return "The lowest value is reached when each rate equals its own count: compute it from the 20 counts."
    if not close(floor, right_floor, atol=1e-4):
        return "The floor is the NLL of counts_rate(X_test) against y_test, log y! included."
    if not close(trivial, right_trivial, atol=1e-4):
        return "The trivial model predicts the mean of y_train for every test input."
    gap = float(chosen) - right_floor
    if not gap > GAP_LOW:
        return ("Your model is further below the floor than the test set's sampling error allows: is chosen "
                "the test mean NLL with log y! included, averaged over seeds?")
    if not gap < GAP_HIGH:
        return "Your model is well above the floor: check its output layer, its loss and its training."
    return None
