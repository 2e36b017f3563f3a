"""Public checks of chapter 5's exercises (choosing a loss)."""

import numpy as np

from . import close, exercise

# Points the checks evaluate a student's functions at: moderate logits and targets inside (0, 1).
_RNG = np.random.default_rng(50)
_Y = _RNG.uniform(0.05, 0.95, size=6)
_Z = _RNG.uniform(-2.0, 2.0, size=(6, 2))
_EXTREME = np.array([[-20.0, -20.0], [-20.0, 20.0], [20.0, -20.0], [20.0, 20.0], [0.0, 0.0]])


def _beta_nll(y, a, b):
    from scipy import stats

    return -stats.beta.logpdf(y, a, b)


def _central_differences(loss, y, z, step=1e-6):
    """d loss(y, z)_i / d z_ik for every example i and logit k, shape (n, 2)."""
    gradient = np.zeros_like(z)
    for k in range(z.shape[1]):
        shift = np.zeros_like(z)
        shift[:, k] = step
        gradient[:, k] = (loss(y, z + shift) - loss(y, z - shift)) / (2 * step)
    return gradient


@exercise(
    "ch5-ex-design",
    parameters="your output activations, as a function parameters(z): logits z of shape (n, 2) -> "
               "the Beta parameters (alpha, beta), a pair of arrays of shape (n,)",
    nll="one example's negative log-likelihood, as a function nll(y, z): targets y in (0, 1) of shape "
        "(n,) and logits z of shape (n, 2) -> the per-example losses in nats, shape (n,)",
    grad="its gradient with respect to the logits, as a function grad(y, z) -> an array of shape (n, 2)",
)
def _(parameters, nll, grad):
    a, b = (np.asarray(v, dtype=float) for v in parameters(_EXTREME))
    if a.shape != (len(_EXTREME),) or b.shape != a.shape:
        return "parameters(z) must return two arrays, alpha and beta, with one entry per row of z."
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b)) and np.all(a > 0) and np.all(b > 0)):
        return ("Some logits give a Beta parameter that is not positive and finite: choose activations "
                "whose outputs are valid for every real logit.")
    a, b = parameters(_Z)
    if not close(nll(_Y, _Z), _beta_nll(_Y, a, b), rtol=1e-6, atol=1e-9):
        return ("Your loss is not minus the log of the Beta density at your parameters: check "
                "log B(alpha, beta) and the signs of the (alpha - 1) log y and (beta - 1) log(1 - y) terms.")
    if not close(grad(_Y, _Z), _central_differences(nll, _Y, _Z), rtol=1e-4, atol=1e-6):
        return ("Your gradient differs from central finite differences of your loss: apply the chain rule "
                "through both activations, dl/dz = dl/dalpha dalpha/dz + dl/dbeta dbeta/dz.")
    return None


_LAYERS = {"one sigmoid unit", "two softmax units", "one tanh unit", "one ReLU unit"}


@exercise(
    "ch5-ex-one-unit-softmax",
    prediction="the probability the one-unit softmax output predicts, the same for every input (a number)",
    slope="the largest absolute derivative of that output with respect to its logit (a number)",
    fixes="the output layers, among 'one sigmoid unit', 'two softmax units', 'one tanh unit' and "
          "'one ReLU unit', that train correctly with cross-entropy on labels in {0, 1} (a list of names)",
)
def _(prediction, slope, fixes):
    if not close(prediction, 1.0, atol=1e-9):
        return "Write out the softmax of a single logit z: numerator and denominator."
    if not close(slope, 0.0, atol=1e-6):
        return "The derivative of the output is that of the function you just simplified, not of a sigmoid."
    if not set(fixes) <= _LAYERS:
        return f"Choose the names from {', '.join(sorted(_LAYERS))}."
    if set(fixes) != {"one sigmoid unit", "two softmax units"}:
        return ("Cross-entropy needs an output that is a probability (or probabilities summing to one) "
                "and that can vary with its logits: check each layer against both conditions.")
    return None
