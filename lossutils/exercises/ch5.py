"""Public checks of chapter 5's exercises (choosing a loss), as strict as the hidden ones on every value.

Each value has one check here, ``check_<name>``, returning None when it is right or else a hint; the
public check gives the first hint, and the hidden checks (grading/hidden/ch5.py) give the points of the
values whose check returns None, so that "right." means full marks.
"""

import functools

import numpy as np

from . import close, exercise

# Points the checks evaluate a student's functions at: targets inside (0, 1), moderate logits, and a
# grid of extreme logits (every pair of -25, -5, 0, 5, 25).
_RNG = np.random.default_rng(5005)
_Y = _RNG.uniform(0.01, 0.99, size=20)
_Z = _RNG.uniform(-3.0, 3.0, size=(20, 2))
_EXTREME = np.array([[s, t] for s in (-25.0, -5.0, 0.0, 5.0, 25.0) for t in (-25.0, -5.0, 0.0, 5.0, 25.0)])

NLL_RTOL = 1e-8  # the loss against scipy's Beta log-density at the student's own parameters
GRAD_RTOL, GRAD_ATOL = 1e-5, 1e-7  # the gradient against central differences of the true Beta NLL
THETA_ATOL = 1e-3  # the fitted parameters (their standard errors are 0.008 to 0.022)

# The data set the exercise fits: x uniform on [-1, 1], mu(x) = sigmoid(0.5 + 1.5 x), phi = 20.
DATA_SEED, DATA_SIZE = 0, 4000


def _true_nll(parameters):
    from scipy import stats

    def nll(y, z):
        a, b = parameters(z)
        return -stats.beta.logpdf(y, a, b)
    return nll


def _central_differences(loss, y, z, step=1e-6):
    """d loss(y, z)_i / d z_ik for every example i and logit k, shape (n, 2)."""
    gradient = np.zeros_like(z)
    for k in range(z.shape[1]):
        shift = np.zeros_like(z)
        shift[:, k] = step
        gradient[:, k] = (loss(y, z + shift) - loss(y, z - shift)) / (2 * step)
    return gradient


def busy_data():
    """The exercise's data set, as its statement draws it: x and y, 4000 of each."""
    import lossutils

    rng = np.random.default_rng(DATA_SEED)
    x = rng.uniform(-1.0, 1.0, size=DATA_SIZE)
    mu = lossutils.sigmoid(0.5 + 1.5 * x)
    return x, rng.beta(20.0 * mu, 20.0 * (1 - mu))


@functools.lru_cache(maxsize=1)
def _theta_reference():
    """The maximum-likelihood (theta_0, theta_1, theta_2) on the exercise's data, to about 1e-6."""
    from scipy import optimize, stats

    import lossutils

    x, y = busy_data()

    def mean_nll(theta):
        mu, phi = lossutils.sigmoid(theta[0] + theta[1] * x), np.exp(theta[2])
        return -stats.beta.logpdf(y, mu * phi, (1 - mu) * phi).mean()

    return optimize.minimize(mean_nll, np.zeros(3), method="BFGS", options={"gtol": 1e-9}).x


def check_parameters(parameters):
    a, b = (np.asarray(v, dtype=float) for v in parameters(_EXTREME))
    if a.shape != (len(_EXTREME),) or b.shape != a.shape:
        return "parameters(z) must return two arrays, alpha and beta, with one entry per row of z."
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b)) and np.all(a > 0) and np.all(b > 0)):
        return ("Some logits give a Beta parameter that is not positive and finite: choose activations "
                "whose outputs are valid for every real logit (the check tries logits up to +-25).")
    return None


def check_nll(parameters, nll):
    if not close(nll(_Y, _Z), _true_nll(parameters)(_Y, _Z), rtol=NLL_RTOL, atol=1e-10):
        return ("Your loss is not minus the log of the Beta density at your parameters: check "
                "log B(alpha, beta) and the signs of the (alpha - 1) log y and (beta - 1) log(1 - y) terms.")
    return None


def check_grad(parameters, grad):
    # Against the true Beta NLL at the student's own parameters, not the student's loss.
    want = _central_differences(_true_nll(parameters), _Y, _Z)
    if not close(grad(_Y, _Z), want, rtol=GRAD_RTOL, atol=GRAD_ATOL):
        return ("Your gradient differs from central finite differences of the Beta NLL: apply the chain "
                "rule through both activations, dl/dz = dl/dalpha dalpha/dz + dl/dbeta dbeta/dz.")
    return None


def check_theta(theta):
    if np.shape(theta) != (3,):
        return "theta must hold three numbers: theta_0, theta_1 and theta_2."
    if not close(theta, _theta_reference(), atol=THETA_ATOL):
        return ("Your theta is not the minimiser of the mean Beta NLL on the exercise's 4000 examples: "
                "draw them as the statement does (seed 0), use z_1 = theta_0 + theta_1 x and z_2 = theta_2, "
                "and run the optimiser until it reports convergence.")
    return None


def check_loss_at_0(loss_at_0):
    try:
        values = [float(v) for v in loss_at_0]
    except (TypeError, ValueError):
        return "Give two numbers: the loss for (alpha, beta) = (0.5, 2), then for (2, 2)."
    if len(values) != 2:
        return "Give two numbers: the loss for (alpha, beta) = (0.5, 2), then for (2, 2)."
    if values != [-np.inf, np.inf]:
        return ("Look at the density y^(alpha - 1) (1 - y)^(beta - 1) / B(alpha, beta) as y tends to 0, "
                "once for alpha < 1 and once for alpha > 1, then take minus its log.")
    return None


@exercise(
    "ch5-ex-design",
    parameters="your output activations, as a function parameters(z): logits z of shape (n, 2) -> "
               "the Beta parameters (alpha, beta), a pair of arrays of shape (n,)",
    nll="one example's negative log-likelihood, as a function nll(y, z): targets y in (0, 1) of shape "
        "(n,) and logits z of shape (n, 2) -> the per-example losses in nats, shape (n,)",
    grad="its gradient with respect to the logits, your derived formula (not finite differences), as a "
         "function grad(y, z) -> an array of shape (n, 2)",
    theta="the fitted (theta_0, theta_1, theta_2) of z_1 = theta_0 + theta_1 x, z_2 = theta_2 on the "
          "statement's 4000 examples (mean sigmoid(z_1), precision exp(z_2)), minimised until the "
          "gradient of the mean NLL is below 1e-5: the array of 3 your code computed",
    loss_at_0="the loss -log p(y) at the target y = 0 for (alpha, beta) = (0.5, 2) and for (2, 2): a "
              "pair of floats (np.inf or -np.inf for an infinite one)",
)
def _(parameters, nll, grad, theta, loss_at_0):
    for hint in (check_parameters(parameters), check_nll(parameters, nll), check_grad(parameters, grad),
                 check_theta(theta), check_loss_at_0(loss_at_0)):
        if hint is not None:
            return hint
    return None


LAYERS = ("one sigmoid unit", "two softmax units", "one tanh unit", "one ReLU unit")
PREDICTION_ATOL = 1e-6
SLOPE_ATOL = 1e-6


def layer_names(fixes):
    """The layers named, spaces at the ends and case aside; a single name may be given as a string."""
    if isinstance(fixes, str):
        fixes = [fixes]
    return {" ".join(str(name).split()).lower() for name in fixes}


def check_prediction(prediction):
    if not close(prediction, 1.0, atol=PREDICTION_ATOL):
        return "Write out the softmax of a single logit z: numerator and denominator."
    return None


def check_slope(slope):
    if not close(slope, 0.0, atol=SLOPE_ATOL):
        return "The derivative of the output is that of the function you just simplified, not of a sigmoid."
    return None


def check_fixes(fixes):
    known = {name.lower() for name in LAYERS}
    if not layer_names(fixes) <= known:
        return f"Choose the names from {', '.join(repr(name) for name in LAYERS)}."
    if layer_names(fixes) != {"one sigmoid unit", "two softmax units"}:
        return ("Cross-entropy needs an output that is a probability (or probabilities summing to one) "
                "and that can vary with its logits: check each layer against both conditions.")
    return None


@exercise(
    "ch5-ex-one-unit-softmax",
    prediction="the probability the one-unit softmax output predicts, the same for every input (a number)",
    slope="the largest absolute derivative of that output with respect to its logit (a number)",
    fixes="the output layers, among 'one sigmoid unit', 'two softmax units', 'one tanh unit' and "
          "'one ReLU unit', that train correctly with cross-entropy on labels in {0, 1} (a list of names)",
)
def _(prediction, slope, fixes):
    for hint in (check_prediction(prediction), check_slope(slope), check_fixes(fixes)):
        if hint is not None:
            return hint
    return None
