"""Public checks of chapter 6's exercises (implementing loss functions).

Each value has one check here, a function returning None (right) or a hint; the public check runs them
in order and the hidden checks (``grading/hidden/ch6.py``) call the same functions, so that a value called
right earns its points, with the same reference, the same cases and the same tolerance.
"""

import numpy as np

from . import close, exercise, first_hint as _first


# ch6-ex1 ---------------------------------------------------------------------------------------------

def _reference_ce(labels, logits):
    from lossutils import sparse_categorical_cross_entropy

    return sparse_categorical_cross_entropy(labels, logits, from_logits=True)


def ce_cases(scale):
    """(labels, logits) pairs: one example of 2 classes, 7 of 4, 50 of 10, 6 of 3; logits times ``scale``."""
    rng = np.random.default_rng(6001)
    for n, k in ((1, 2), (7, 4), (50, 10), (6, 3)):
        yield rng.integers(0, k, size=n), scale * rng.normal(size=(n, k))


def ce_ordinary_hint(categorical_ce_from_logits):
    """Ordinary logits (of size about 1), to rtol 1e-9."""
    for labels, logits in ce_cases(1.0):
        got = categorical_ce_from_logits(labels, logits)
        if len(labels) > 1 and close(got, len(labels) * _reference_ce(labels, logits), rtol=1e-9):
            return "Your function returns the sum over the examples; the loss is their mean."
        if not close(got, _reference_ce(labels, logits), rtol=1e-9):
            return ("On ordinary logits your function differs from lossutils: is it the negative "
                    "log-probability of the true class, averaged over the examples?")
    return None


def ce_large_hint(categorical_ce_from_logits):
    """Logits of size about 1000, to rtol 1e-9."""
    with np.errstate(all="ignore"):
        for labels, logits in ce_cases(1000.0):
            if not close(categorical_ce_from_logits(labels, logits), _reference_ce(labels, logits),
                         rtol=1e-9):
                return ("Wrong on logits of size 1000: subtract each row's maximum before "
                        "exponentiating, and never take the log of a softmax.")
    return None


@exercise(
    "ch6-ex1",
    categorical_ce_from_logits="your function categorical_ce_from_logits(labels, logits): integer "
                               "labels of shape (n,), logits of shape (n, K); returns the mean "
                               "cross-entropy in nats (a float)",
)
def _(categorical_ce_from_logits):
    return _first(lambda: ce_ordinary_hint(categorical_ce_from_logits),
                  lambda: ce_large_hint(categorical_ce_from_logits))


# ch6-ex2 ---------------------------------------------------------------------------------------------

def _article_grad_cases():
    yield np.array([1.0, 0.0, 1.0, 1.0, 0.0, 0.0]), np.array([0.2, 0.5, 0.7, 0.95, 0.05, 0.9])
    rng = np.random.default_rng(6002)
    yield rng.integers(0, 2, size=12).astype(float), rng.uniform(0.01, 0.99, size=12)


def article_grad_hint(article_grad):
    """The gradient of the article's loss, -y_i / (n (1e-15 + p_i)), to rtol 1e-9."""
    for y_true, p_pred in _article_grad_cases():
        got = np.asarray(article_grad(y_true, p_pred), dtype=float)
        expected = -y_true / (len(y_true) * (1e-15 + p_pred))
        if close(-got, expected, rtol=1e-9):
            return "Your gradient has the wrong sign: the loss falls as a class-1 probability rises."
        if close(got, len(y_true) * expected, rtol=1e-9):
            return "Your gradient is n times too large: the loss is a mean over the examples."
        if not close(got, expected, rtol=1e-9):
            return ("Differentiate the article's formula as written: which of its terms contain the "
                    "probabilities of class-0 examples?")
    return None


P_START = np.array([0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3])  # the chapter's p; y = 1 for the first five


def _ten(p_trained):
    p_trained = np.asarray(p_trained, dtype=float)
    if p_trained.shape != (10,):
        return None
    return p_trained


def p_class_1_hint(p_trained):
    """The five class-1 predictions after training: at the upper clip, 0.99, to atol 1e-9."""
    got = _ten(p_trained)
    if got is None:
        return "Give all ten predictions after training, in the order of p, as an array of 10."
    if not close(got[:5], np.full(5, 0.99), atol=1e-9):
        return "Run all 200 steps, clipping to [0.01, 0.99] after each, and look at class 1 again."
    return None


def p_class_0_hint(p_trained):
    """The five class-0 predictions after training: where they started, to atol 1e-9."""
    got = _ten(p_trained)
    if got is None:
        return "Give all ten predictions after training, in the order of p, as an array of 10."
    if not close(got[5:], P_START[5:], atol=1e-9):
        return "Look again at the class-0 predictions: what does your gradient say about them?"
    return None


@exercise(
    "ch6-ex2",
    article_grad="your function article_grad(y_true, p_pred): the gradient of the article's mean loss "
                 "with respect to each p_i (an array of the shape of p_pred)",
    p_trained="the ten predictions after the 200 clipped gradient steps from p, in the order of p "
              "(an array of 10)",
)
def _(article_grad, p_trained):
    return _first(lambda: article_grad_hint(article_grad), lambda: p_class_1_hint(p_trained),
                  lambda: p_class_0_hint(p_trained))


# ch6-ex3 ---------------------------------------------------------------------------------------------

def indices_hint(inf_index, nan_index):
    """Both are example 0, the logit -800."""
    if inf_index != 0 or nan_index != 0:
        return ("Evaluate the student's terms example by example: which exponential exceeds the "
                "largest float64, about e^709.8?")
    return None


def _extreme_cases():
    rng = np.random.default_rng(6003)
    yield np.array([1.0, 0.0, 1.0, 0.0, 1.0, 0.0]), np.array([-800.0, -5.0, 0.0, 5.0, 800.0, 750.0])
    y_true = rng.integers(0, 2, size=40).astype(float)
    yield y_true, rng.choice([-1.0, 1.0], size=40) * rng.uniform(0, 1000, size=40)
    yield y_true[:10], rng.normal(size=10)


def fixed_loss_hint(fixed_loss):
    """Equal to lossutils's stable loss on logits of either sign up to 1000, to rtol 1e-9."""
    from lossutils import binary_cross_entropy

    with np.errstate(all="ignore"):
        for y_true, logits in _extreme_cases():
            if not close(fixed_loss(y_true, logits),
                         binary_cross_entropy(y_true, logits, from_logits=True), rtol=1e-9):
                return ("Your fixed loss differs from lossutils on very large logits of either sign: "
                        "never exponentiate a positive number.")
    return None


def fixed_grad_hint(fixed_grad):
    """Equal to lossutils's gradient on the same logits, to rtol 1e-9 (atol 1e-15)."""
    from lossutils import binary_cross_entropy

    with np.errstate(all="ignore"):
        for y_true, logits in _extreme_cases():
            if not close(fixed_grad(y_true, logits),
                         binary_cross_entropy.grad(y_true, logits, from_logits=True),
                         rtol=1e-9, atol=1e-15):
                return ("Your fixed gradient differs from lossutils on very large logits: write it "
                        "with the sigmoid, and divide by the number of examples.")
    return None


def quiet_loss_hint(quiet_loss):
    """What the student's code returns in float64: exactly 0."""
    try:
        exact_zero = float(quiet_loss) == 0.0
    except (TypeError, ValueError):
        exact_zero = False
    if not exact_zero:
        return "Give what the student's code returns, not the true value: evaluate it in float64."
    return None


@exercise(
    "ch6-ex3",
    inf_index="the index (counting from 0) of the example that makes the student's loss inf (an int)",
    nan_index="the index (counting from 0) of the example whose gradient entry is nan (an int)",
    fixed_loss="your fixed loss, a function (y_true, logits) -> the mean loss (a float)",
    fixed_grad="your fixed gradient, a function (y_true, logits) -> the gradient of the mean loss "
               "with respect to the logits (an array)",
    quiet_loss="what the student's loss function returns for one example with y = 1, z = 40, "
               "evaluated in float64 (a float)",
)
def _(inf_index, nan_index, fixed_loss, fixed_grad, quiet_loss):
    return _first(lambda: indices_hint(inf_index, nan_index), lambda: fixed_loss_hint(fixed_loss),
                  lambda: fixed_grad_hint(fixed_grad), lambda: quiet_loss_hint(quiet_loss))


# ch6-ex4 ---------------------------------------------------------------------------------------------

# The floor on y_two, and the two runs of 300 steps: the loss returned by the last step (the loss before
# the 300th update; after it: 0.54048 and 0.04994, within the tolerance), and the mean predicted
# probability of class 1 on the test set, over its class-0 and its class-1 examples.
FLOOR = 0.508338
FINAL_LOSSES = (0.54055, 0.05001)
STUDENT_MEAN_P = (0.027986, 0.838504)
FIXED_MEAN_P = (0.027382, 0.932260)
FLOOR_ATOL = 5e-4  # accepts the printed 0.5083 and 0.508
LOSS_RTOL = 5e-3  # accepts 299 or 300 updates
MEAN_P_ATOL = 1e-3  # accepts three decimals, and 299 updates; not the training set (4e-3 and 1.2e-2 off)


def _pair(value):
    try:
        value = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return value if value.shape == (2,) and np.all(np.isfinite(value)) else None


def floor_hint(floor):
    if not close(floor, FLOOR, atol=FLOOR_ATOL):
        return ("Find each class's smallest loss when the 'logit' can only lie in [0, 1]; the floor of "
                "the mean over y_two counts each class as often as it occurs there.")
    return None


def final_losses_hint(final_losses):
    losses = _pair(final_losses)
    if losses is None:
        return "Give final_losses as two numbers: the student's final training loss, then the fixed one's."
    if not (losses[0] > FLOOR and losses[1] < 0.1):
        return "The student's final loss lies above the floor, and the fixed one falls below 0.1."
    if not close(losses, FINAL_LOSSES, rtol=LOSS_RTOL):
        return "Run 300 steps from w = 0, b = 0 at learning rate 0.5, with X_two and y_two."
    return None


def _mean_p_hint(mean_p, expected, model):
    means = _pair(mean_p)
    if means is None:
        return f"Give the {model} model's two means as two numbers: over class 0, then over class 1."
    if not close(means, expected, atol=MEAN_P_ATOL):
        return (f"For the {model} model after its 300 steps, average the predicted probability of class "
                "1 over the test examples (X_two_test, y_two_test) of each class separately.")
    return None


def student_mean_p_hint(student_mean_p):
    return _mean_p_hint(student_mean_p, STUDENT_MEAN_P, "student's")


def fixed_mean_p_hint(fixed_mean_p):
    return _mean_p_hint(fixed_mean_p, FIXED_MEAN_P, "fixed")


@exercise(
    "ch6-ex4",
    floor="the smallest value the student's loss can take on the labels y_two, the value your code "
          "computed (a float, nats)",
    final_losses="the training loss on X_two, y_two at the end of the 300 steps, the student's then the "
                 "fixed one's (two floats, nats)",
    student_mean_p="the student's model after the 300 steps: the mean predicted probability of class 1, "
                   "sigmoid(X_two_test @ w + b), over the test examples of class 0 (y_two_test == 0), "
                   "then over those of class 1 (two floats)",
    fixed_mean_p="the same two means for the fixed model after its 300 steps (two floats)",
)
def _(floor, final_losses, student_mean_p, fixed_mean_p):
    return _first(lambda: floor_hint(floor), lambda: final_losses_hint(final_losses),
                  lambda: student_mean_p_hint(student_mean_p), lambda: fixed_mean_p_hint(fixed_mean_p))


# ch6-ex5 ---------------------------------------------------------------------------------------------

ERROR_AT_16 = 3.2430e-3
ERROR_RTOL = 0.02  # accepts the printed 3.2e-03, and the error relative to the restored value


def k_no_zero_hint(k_no_zero):
    if k_no_zero == 10:
        return ("In float16 a value rounds to 0 only below half of the smallest subnormal number: "
                "round the scaled gradient and look, rather than compare with the smallest subnormal.")
    if k_no_zero != 9:
        return "Round the scaled gradient to float16 for each power of two and look for zeros."
    return None


def k_no_overflow_hint(k_no_overflow):
    if k_no_overflow != 42:
        return "Find the largest power of two at which the largest entry, times S, stays below 65504."
    return None


def k_all_normal_hint(k_all_normal):
    if k_all_normal != 20:
        return "A normal float16 number is at least np.finfo(np.float16).smallest_normal, 2^-14."
    return None


def error_at_16_hint(error_at_16):
    if not close(error_at_16, ERROR_AT_16, rtol=ERROR_RTOL):
        return ("Scale in float32, round to float16, unscale in float32, and take the largest "
                "|restored - g| / g over the entries.")
    return None


@exercise(
    "ch6-ex5",
    k_no_zero="the smallest k for which the scale S = 2**k leaves no entry 0 in float16 (an int)",
    k_no_overflow="the largest k for which no scaled entry overflows (an int)",
    k_all_normal="the smallest k for which every scaled entry is a normal float16 number (an int)",
    error_at_16="the largest relative error |restored - g| / g over the entries after unscaling, at "
                "S = 2**16, the value your code computed (a float)",
)
def _(k_no_zero, k_no_overflow, k_all_normal, error_at_16):
    return _first(lambda: k_no_zero_hint(k_no_zero), lambda: k_no_overflow_hint(k_no_overflow),
                  lambda: k_all_normal_hint(k_all_normal), lambda: error_at_16_hint(error_at_16))
