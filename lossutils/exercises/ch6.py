"""Public checks of chapter 6's exercises (implementing loss functions)."""

import numpy as np

from . import close, exercise


def _reference_ce(labels, logits):
    from lossutils import sparse_categorical_cross_entropy

    return sparse_categorical_cross_entropy(labels, logits, from_logits=True)


@exercise(
    "ch6-ex1",
    categorical_ce_from_logits="your function categorical_ce_from_logits(labels, logits): integer "
                               "labels of shape (n,), logits of shape (n, K); returns the mean "
                               "cross-entropy in nats (a float)",
)
def _(categorical_ce_from_logits):
    rng = np.random.default_rng(61)
    labels = rng.integers(0, 3, size=6)
    logits = rng.normal(size=(6, 3))
    got = categorical_ce_from_logits(labels, logits)
    if close(got, 6 * _reference_ce(labels, logits), rtol=1e-6):
        return "Your function returns the sum over the examples; the loss is their mean."
    if not close(got, _reference_ce(labels, logits), rtol=1e-6):
        return ("On ordinary logits your function differs from lossutils: is it the negative "
                "log-probability of the true class, averaged over the examples?")
    with np.errstate(all="ignore"):
        got = categorical_ce_from_logits(labels, 1000.0 * logits)
    if not close(got, _reference_ce(labels, 1000.0 * logits), rtol=1e-6):
        return ("Right on ordinary logits, wrong on logits of size 1000: subtract each row's maximum "
                "before exponentiating, and never take the log of a softmax.")
    return None


def _article_grad_expected(y_true, p_pred):
    return -y_true / (len(y_true) * (1e-15 + p_pred))


@exercise(
    "ch6-ex2",
    article_grad="your function article_grad(y_true, p_pred): the gradient of the article's loss "
                 "with respect to each p_i (an array of the shape of p_pred)",
    p_trained="the ten predictions after the 200 clipped gradient steps from p, in the order of p "
              "(an array of 10)",
)
def _(article_grad, p_trained):
    y_true = np.array([1.0, 0.0, 1.0, 1.0, 0.0, 0.0])
    p_pred = np.array([0.2, 0.5, 0.7, 0.95, 0.05, 0.9])
    got = np.asarray(article_grad(y_true, p_pred), dtype=float)
    expected = _article_grad_expected(y_true, p_pred)
    if close(-got, expected, rtol=1e-6):
        return "Your gradient has the wrong sign: the loss falls as a class-1 probability rises."
    if close(got, len(y_true) * expected, rtol=1e-6):
        return "Your gradient is n times too large: the loss is a mean over the examples."
    if not close(got, expected, rtol=1e-6):
        return ("Differentiate the article's formula as written: which of its terms contain the "
                "probabilities of class-0 examples?")
    y = np.array([1, 1, 1, 1, 1, 0, 0, 0, 0, 0])
    p = np.array([0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3])
    p_trained = np.asarray(p_trained, dtype=float)
    if p_trained.shape != (10,):
        return "Give all ten predictions after training, as an array of 10."
    if not close(p_trained[y == 1], np.full(5, 0.99), atol=1e-9):
        return "Run all 200 steps, clipping to [0.01, 0.99] after each, and look at class 1 again."
    if not close(p_trained[y == 0], p[y == 0], atol=1e-9):
        return "Look again at the class-0 predictions: what does your gradient say about them?"
    return None


def _stable_bce(y_true, logits):
    from lossutils import binary_cross_entropy

    return binary_cross_entropy(y_true, logits, from_logits=True)


def _stable_bce_grad(y_true, logits):
    from lossutils import binary_cross_entropy

    return binary_cross_entropy.grad(y_true, logits, from_logits=True)


@exercise(
    "ch6-ex3",
    inf_index="the index (counting from 0) of the example that makes the student's loss inf (an int)",
    nan_index="the index (counting from 0) of the example whose gradient entry is nan (an int)",
    fixed_loss="your fixed loss, a function (y_true, logits) -> the mean loss (a float)",
    fixed_grad="your fixed gradient, a function (y_true, logits) -> the gradient of the mean loss "
               "with respect to the logits (an array)",
    quiet_loss="what the student's loss returns for one example with y = 1, z = 40 (a float)",
)
def _(inf_index, nan_index, fixed_loss, fixed_grad, quiet_loss):
    if inf_index != 0 or nan_index != 0:
        return ("Evaluate the student's terms example by example: which exponential exceeds the "
                "largest float64, about e^709.8?")
    y_true = np.array([1.0, 0.0, 1.0, 0.0, 1.0, 0.0])
    logits = np.array([-800.0, -5.0, 0.0, 5.0, 800.0, 750.0])
    with np.errstate(all="ignore"):
        loss, grad = fixed_loss(y_true, logits), fixed_grad(y_true, logits)
    if not close(loss, _stable_bce(y_true, logits), rtol=1e-9):
        return ("Your fixed loss differs from lossutils on very large logits of either sign: never "
                "exponentiate a positive number.")
    if not close(grad, _stable_bce_grad(y_true, logits), rtol=1e-9, atol=1e-15):
        return ("Your fixed gradient differs from lossutils on very large logits: write it with the "
                "sigmoid, and divide by the number of examples.")
    if quiet_loss != 0.0:
        return "Give what the student's code returns, not the true value: evaluate it in float64."
    return None


@exercise(
    "ch6-ex4",
    floor="the smallest value the student's loss can take on the labels y_two (a float, nats)",
    final_losses="the training loss after the 300 steps, (student's, fixed) (two floats)",
    student_mean_p="the student's model on the test set: the mean predicted probability of class 1 "
                   "over the test examples of class 0, then over those of class 1 (two floats)",
    fixed_mean_p="the same two means for the fixed model (two floats)",
)
def _(floor, final_losses, student_mean_p, fixed_mean_p):
    if not close(floor, 0.50834, atol=5e-4):
        return ("Take each class's smallest loss when the 'logit' can only lie in [0, 1], and "
                "weight the two by how often each label occurs in y_two.")
    student, fixed = np.asarray(final_losses, dtype=float)
    if not (student > floor and fixed < 0.1):
        return "The student's final loss lies above the floor, and the fixed one falls below 0.1."
    if not (close(student, 0.5405, rtol=0.01) and close(fixed, 0.0500, rtol=0.01)):
        return "Run 300 steps from w = 0, b = 0 at learning rate 0.5, with X_two and y_two."
    if not (close(student_mean_p, [0.0280, 0.8385], atol=2e-3)
            and close(fixed_mean_p, [0.0274, 0.9323], atol=2e-3)):
        return ("Average the predicted probability of class 1, sigmoid(X_two_test @ w + b), over "
                "the test examples of each class separately.")
    return None


@exercise(
    "ch6-ex5",
    k_no_zero="the smallest k for which the scale S = 2**k leaves no entry 0 in float16 (an int)",
    k_no_overflow="the largest k for which no scaled entry overflows (an int)",
    k_all_normal="the smallest k for which every scaled entry is a normal float16 number (an int)",
    error_at_16="the largest relative error of the entries after unscaling, at S = 2**16 (a float)",
)
def _(k_no_zero, k_no_overflow, k_all_normal, error_at_16):
    if k_no_zero == 10:
        return ("In float16 a value rounds to 0 only below half of the smallest subnormal number: "
                "round the scaled gradient and look, rather than compare with the smallest subnormal.")
    if k_no_zero != 9:
        return "Round the scaled gradient to float16 for each power of two and look for zeros."
    if k_no_overflow != 42:
        return "Find the largest power of two at which the largest entry, times S, stays below 65504."
    if k_all_normal != 20:
        return "A normal float16 number is at least np.finfo(np.float16).smallest_normal, 2^-14."
    if not close(error_at_16, 3.243e-3, rtol=0.02):
        return ("Scale in float32, round to float16, unscale in float32, and take the largest "
                "|restored - g| / g over the entries.")
    return None
