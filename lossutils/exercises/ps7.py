"""Public checks of problem set 7 (implementing losses)."""

import numpy as np

from . import close, exercise


def _logits(seed):
    rng = np.random.default_rng(seed)
    offset = rng.uniform(-1000.0, 1000.0, size=(8, 1))
    scale = 10.0 ** rng.uniform(-1.0, 2.0, size=(8, 1))
    return offset + scale * rng.standard_normal((8, 5))


@exercise(
    "ps7-p1",
    seed="your student number, the seed your logits were drawn with (an int)",
    lse="the log-sum-exp of each of your 8 rows of logits (an array of 8 floats)",
    gradient="the gradient of each row's log-sum-exp with respect to that row's 5 logits (an 8 x 5 array)",
    naive_failures="how many of the 8 rows np.log(np.sum(np.exp(z))) returns inf, -inf or nan for (an int)",
)
def _(seed, lse, gradient, naive_failures):
    # Only what the right answer must satisfy: the bounds of part 1 and the gradient of part 2.
    lse, gradient = np.asarray(lse, dtype=float), np.asarray(gradient, dtype=float)
    if lse.shape != (8,) or gradient.shape != (8, 5):
        return "Give lse as 8 numbers, one per row, and gradient as an 8 x 5 array."
    row_max = _logits(int(seed)).max(axis=1)
    if not np.all(np.isfinite(lse)):
        return "Some of your log-sum-exps are not finite: shift each row before exponentiating."
    if not np.all((row_max <= lse) & (lse <= row_max + np.log(5) + 1e-9 * np.maximum(np.abs(row_max), 1))):
        return "Part 1 bounds each row's log-sum-exp by its largest logit and that plus log K; some of yours are outside."
    if gradient.min() < 0 or np.abs(gradient.sum(axis=1) - 1).max() > 1e-9:
        return "Part 2 says each row of the gradient is non-negative and adds up to 1."
    if int(naive_failures) != naive_failures or not 0 <= naive_failures <= 8:
        return "naive_failures counts rows: a whole number from 0 to 8."
    return None


@exercise(
    "ps7-p2",
    buggy="the test cross-entropy the student's function returns (a float, nats)",
    fixed="the test cross-entropy of your fixed function (a float, nats)",
    worst_error="the largest amount by which the buggy function overstates one test example's loss (a float, nats)",
)
def _(buggy, fixed, worst_error):
    if not close(buggy, 0.4527, atol=5e-4):
        return "buggy is what cross_entropy_from_logits(test_logits, yb_test) prints."
    if not fixed < buggy:
        return "Which way does the guard move a log?"
    if not close(fixed, 0.4154, atol=1e-3):
        return "Compare your fix with lossutils.categorical_cross_entropy(..., from_logits=True)."
    if not worst_error >= buggy - fixed:
        return "The largest error of one example cannot be below the mean error, buggy - fixed."
    return None


@exercise(
    "ps7-p3",
    lowest="the lowest possible mean Poisson NLL, log y! included, on the first 20 training examples (a float, nats)",
    trivial="the test mean Poisson NLL, log y! included, of predicting the training mean count (a float, nats)",
    floor="the test mean Poisson NLL, log y! included, of the true rate counts_rate(X_test) (a float, nats)",
    chosen="your chosen model's test mean Poisson NLL, log y! included (the mean over seeds for a network) (a float)",
)
def _(lowest, trivial, floor, chosen):
    if not lowest > 0:
        return "The Poisson NLL with log y! cannot reach 0: where is each example's loss smallest?"
    if not lowest < 1.5:
        return "The lowest value is reached when each rate equals its own count."
    if not trivial > floor > 0:
        return "The trivial model should be worse than the true rate, and both NLLs positive."
    if not close(floor, 1.3962, atol=1e-3):
        return "The floor is the NLL of counts_rate(X_test) against y_test, log y! included."
    if not close(trivial, 1.7182, atol=1e-3):
        return "The trivial model predicts the mean of y_train for every test input."
    if not floor < chosen < trivial:
        return "Your model should lie between the floor and the trivial model."
    return None
