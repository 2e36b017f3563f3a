"""A small multilayer perceptron trained by mini-batch SGD, in NumPy.

The course re-runs the companion article's Keras experiments with this
trainer, so that every step of training (initialisation, forward pass,
loss gradient, backpropagation, momentum update) is code a reader can open.
It follows Keras where that matters for the results: He-uniform initial
weights, zero biases, classical momentum, shuffled mini-batches.

All arithmetic is in float64. Parameters live in one flat vector; the
arrays in :attr:`MLP.weights` and :attr:`MLP.biases` are views into it, so
the optimiser updates them all with one vectorised step and
:meth:`MLP.get_params` / :meth:`MLP.set_params` give the flat vector that
finite-difference checks and loss landscapes need.
"""

import inspect
import numbers

import numpy as np

import lossutils
from .activations import _sigmoid, _softmax

__all__ = ["MLP", "SGD", "Adam"]


# Activations. Each forward function may overwrite its argument (a fresh
# pre-activation array); sigmoid and softmax are the package's own stable
# kernels, shared with lossutils.activations. Each backward function takes
# the gradient with respect to the activation's output and that output, and
# returns the gradient with respect to its input. Derivatives are written in
# terms of the output, so the forward pass need not keep the pre-activations.

def _identity(z):
    return z


def _identity_backward(grad, a):
    return grad


def _relu(z):
    return np.maximum(z, 0.0, out=z)


def _relu_backward(grad, a):
    return np.multiply(grad, a > 0.0, out=grad)


def _tanh(z):
    return np.tanh(z, out=z)


def _tanh_backward(grad, a):
    return grad * (1.0 - a * a)


def _sigmoid_backward(grad, a):
    return grad * (a * (1.0 - a))


def _softmax_backward(grad, a):
    # Jacobian-vector product of softmax: a * (g - <g, a>) row by row.
    return a * (grad - np.sum(grad * a, axis=1, keepdims=True))


_HIDDEN_ACTIVATIONS = {
    "relu": (_relu, _relu_backward),
    "tanh": (_tanh, _tanh_backward),
    "sigmoid": (_sigmoid, _sigmoid_backward),
    "linear": (_identity, _identity_backward),
}

_OUTPUT_ACTIVATIONS = {
    "linear": (_identity, _identity_backward),
    "sigmoid": (_sigmoid, _sigmoid_backward),
    "tanh": (_tanh, _tanh_backward),
    "softmax": (_softmax, _softmax_backward),
}

# (output activation, loss name) pairs whose gradient with respect to the
# pre-activation simplifies to (p - y) / (number of averaged terms).
_FUSED = {
    ("sigmoid", "binary_cross_entropy"),
    ("softmax", "categorical_cross_entropy"),
    ("softmax", "sparse_categorical_cross_entropy"),
    ("softmax", "kl_divergence"),
}

# Pairs whose loss takes the output pre-activation itself (from_logits=True).
# With loss options (label smoothing, focal parameters, ...) the fused (p - y)
# may no longer be the gradient, so these pairs ask the loss's own .grad for
# the gradient with respect to the logits: exact, and as stable as the loss.
_FROM_LOGITS = {
    ("sigmoid", "binary_cross_entropy"),
    ("softmax", "categorical_cross_entropy"),
    ("softmax", "sparse_categorical_cross_entropy"),
}

# Keyword arguments of a loss that the trainer sets itself.
_TRAINER_OWNED = ("sample_weight", "reduction", "from_logits")


def _check_positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive int; got {value!r}.")
    if value < 1:
        raise ValueError(f"{name} must be a positive int; got {value}.")
    return int(value)


def _check_choice(value, name, choices):
    if value not in choices:
        raise ValueError(
            f"unknown {name} {value!r}; choose one of {', '.join(map(repr, choices))}."
        )
    return value


def _as_float_array(value, name):
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be an array of numbers; {error}") from None
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must hold finite numbers; found nan or inf.")
    return array


def _resolve_loss(loss):
    if isinstance(loss, str) or callable(getattr(loss, "grad", None)):
        return lossutils.get_loss(loss)  # unknown names: a ValueError listing the known ones
    raise TypeError(
        "loss must be a lossutils loss or its name, such as 'mean_squared_error'; "
        f"got {loss!r}."
    )


def _check_number(value, name, requirement):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {requirement}; got {value!r}.")
    return float(value)


def _check_learning_rate(learning_rate):
    learning_rate = _check_number(learning_rate, "learning_rate", "a positive number")
    if not (np.isfinite(learning_rate) and learning_rate > 0):
        raise ValueError(f"learning_rate must be a positive number; got {learning_rate}.")
    return learning_rate


def _check_unit_interval(value, name):
    value = _check_number(value, name, "a number in [0, 1)")
    if not 0 <= value < 1:
        raise ValueError(f"{name} must be in [0, 1); got {value}.")
    return value


def _check_weight_decay(weight_decay):
    weight_decay = _check_number(weight_decay, "weight_decay", "a non-negative number")
    if not (np.isfinite(weight_decay) and weight_decay >= 0):
        raise ValueError(
            f"weight_decay must be a non-negative number (0 switches it off); got {weight_decay}."
        )
    return weight_decay


def _check_loss_options(loss, loss_options):
    """Return the loss options as a dict, each a keyword argument of ``loss``."""
    if loss_options is None:
        return {}
    if not isinstance(loss_options, dict):
        raise TypeError(
            "loss_options must be a dict of the loss's keyword arguments, such as "
            f"{{'delta': 0.5}} for huber; got {type(loss_options).__name__}."
        )
    parameters = inspect.signature(loss).parameters
    known = [name for name, parameter in parameters.items()
             if parameter.kind is inspect.Parameter.KEYWORD_ONLY and name not in _TRAINER_OWNED]
    for key in loss_options:
        if key in _TRAINER_OWNED:
            fix = {
                "sample_weight": "pass sample_weight= (or class_weight=) to fit itself",
                "reduction": "the trainer minimises the (weighted) mean",
                "from_logits": "the loss sees the output activation's values; choose "
                               "output_activation instead",
            }[key]
            raise ValueError(f"loss_options cannot set {key!r}: {fix}.")
        if key not in known:
            raise ValueError(
                f"loss_options has {key!r}, which {loss.__name__} does not take; its options "
                f"are: {', '.join(map(repr, known)) if known else 'none'}."
            )
    return dict(loss_options)


def _check_sample_weight(sample_weight, n_samples, name="sample_weight"):
    weight = _as_float_array(sample_weight, name)
    if weight.shape != (n_samples,):
        raise ValueError(
            f"{name} must have shape ({n_samples},), one weight per sample of X; "
            f"got shape {weight.shape}."
        )
    if np.any(weight < 0):
        index = int(np.argmax(weight < 0))
        raise ValueError(
            f"{name} must be non-negative; found {weight[index]:.6g} at index {index}. "
            "A weight of 0 leaves a sample out."
        )
    return weight


def _check_weight_total(weight, name):
    if weight is not None and not weight.sum() > 0:
        raise ValueError(
            f"{name} sum to zero, so the weighted mean loss is undefined; give at least "
            "one sample a positive weight."
        )


class _Optimizer:
    """What SGD and Adam share: the checks of :meth:`update` and coupled L2."""

    def update(self, params, grads):
        """Take one step in place: ``params`` is changed, nothing is returned.

        Parameters
        ----------
        params : ndarray of float
            The parameters, updated in place.
        grads : array_like, same shape as ``params``
            The gradient of the loss at ``params``.

        Examples
        --------
        >>> import numpy as np
        >>> from lossutils.nn import SGD
        >>> w = np.array([1.0])
        >>> SGD(learning_rate=0.5).update(w, np.array([1.0]))
        >>> w
        array([0.5])
        """
        if not isinstance(params, np.ndarray) or params.dtype.kind != "f":
            raise TypeError(
                "params must be a float NumPy array (it is updated in place); "
                f"got {type(params).__name__}"
                + (f" of dtype {params.dtype}" if isinstance(params, np.ndarray) else "")
                + ". Convert it with np.asarray(params, dtype=float) first."
            )
        if not params.flags.writeable:
            raise ValueError("params must be writeable; it is updated in place.")
        grads = _as_float_array(grads, "grads")
        if grads.shape != params.shape:
            raise ValueError(
                f"grads has shape {grads.shape} but params has shape {params.shape}; "
                "they must match."
            )
        self._update(params, grads)

    def _decayed(self, params, grads):
        # Coupled L2 (torch.optim's weight_decay): the gradient of
        # loss + weight_decay / 2 * ||w||^2. A new array, so the caller's
        # gradient is never changed; skipped at 0 so existing runs stay bitwise.
        if self.weight_decay == 0.0:
            return grads
        return grads + self.weight_decay * params


class SGD(_Optimizer):
    """Stochastic gradient descent with classical momentum, as Keras' ``SGD``.

    Each call to :meth:`update` performs

    .. math::

        v \\leftarrow \\mu v - \\eta g, \\qquad w \\leftarrow w + v

    with learning rate :math:`\\eta` and momentum :math:`\\mu`; with
    ``momentum=0`` this is plain gradient descent :math:`w \\leftarrow w - \\eta g`.

    Introduced in Chapter 1, *Neural-network learning as optimisation*.

    Parameters
    ----------
    learning_rate : float, default=0.01
        Step size :math:`\\eta > 0`.
    momentum : float, default=0.0
        Momentum :math:`\\mu` in :math:`[0, 1)`.
    weight_decay : float, default=0.0
        Coupled L2 penalty :math:`\\lambda \\ge 0`, as ``torch.optim.SGD``'s
        ``weight_decay``: :math:`g` is replaced by :math:`g + \\lambda w`
        before the momentum step.

    Notes
    -----
    The velocity :math:`v` starts at zero and belongs to the parameter array
    the optimiser was last used on: updating a different array starts a new
    velocity. :meth:`MLP.fit` therefore continues with the same velocity when
    it is called again with the same model and optimiser, as Keras does.

    With ``weight_decay`` :math:`\\lambda`, the step follows the gradient of

    .. math::

        L(w) + \\frac{\\lambda}{2} \\lVert w \\rVert^2,

    the negative log-posterior under a Gaussian prior
    :math:`w \\sim \\mathcal N(0, \\sigma^2 I)` when :math:`L` is the summed
    negative log-likelihood and :math:`\\lambda = 1 / \\sigma^2`: gradient
    descent then finds the maximum a posteriori (MAP) estimate. Every
    parameter is decayed, biases included (as ``torch.optim.SGD`` on
    ``model.parameters()``). :meth:`MLP.fit` minimises the *mean* loss, so
    there :math:`\\lambda = 1 / (n \\sigma^2)` for :math:`n` training samples.

    Examples
    --------
    Two steps down :math:`f(w) = w_1^2 + w_2^2`, whose gradient is :math:`2w`:

    >>> import numpy as np
    >>> from lossutils.nn import SGD
    >>> w = np.array([1.0, -2.0])
    >>> opt = SGD(learning_rate=0.1, momentum=0.9)
    >>> for _ in range(2):
    ...     opt.update(w, 2 * w)
    >>> w
    array([ 0.46, -0.92])

    Weight decay alone (a zero loss gradient) shrinks :math:`w` by
    :math:`1 - \\eta \\lambda` per step:

    >>> w = np.array([1.0, -2.0])
    >>> SGD(learning_rate=0.1, weight_decay=0.5).update(w, np.zeros(2))
    >>> w
    array([ 0.95, -1.9 ])
    """

    def __init__(self, learning_rate=0.01, momentum=0.0, weight_decay=0.0):
        self.learning_rate = _check_learning_rate(learning_rate)
        self.momentum = _check_unit_interval(momentum, "momentum")
        self.weight_decay = _check_weight_decay(weight_decay)
        self._params = None
        self._velocity = None

    def __repr__(self):
        decay = f", weight_decay={self.weight_decay!r}" if self.weight_decay else ""
        return f"SGD(learning_rate={self.learning_rate!r}, momentum={self.momentum!r}{decay})"

    def _update(self, params, grads):
        grads = self._decayed(params, grads)
        if self.momentum == 0.0:
            params -= self.learning_rate * grads
            return
        if self._params is not params:
            self._params = params
            self._velocity = np.zeros_like(params)
        velocity = self._velocity
        velocity *= self.momentum
        velocity -= self.learning_rate * grads
        params += velocity


class Adam(_Optimizer):
    """Adam (Kingma and Ba, 2015): steps scaled per parameter by gradient moments.

    Introduced in Chapter 1, *Neural-network learning as optimisation*.

    Parameters
    ----------
    learning_rate : float, default=0.001
        Step size :math:`\\eta > 0` (Keras' and PyTorch's default).
    beta_1 : float, default=0.9
        Decay rate :math:`\\beta_1` in :math:`[0, 1)` of the first moment.
    beta_2 : float, default=0.999
        Decay rate :math:`\\beta_2` in :math:`[0, 1)` of the second moment.
    epsilon : float, default=1e-8
        :math:`\\epsilon > 0` added to :math:`\\sqrt{\\hat v}`. PyTorch's
        default and the paper's, with the update written as the paper's
        Algorithm 1, as ``torch.optim.Adam`` computes it. Keras' 1e-7 is
        added to the *uncorrected* :math:`\\sqrt{v}` (the paper's
        :math:`\\hat\\epsilon` form, section 2), which is a different
        quantity: with Keras' form early steps, while
        :math:`1 - \\beta_2^t` is small, are damped more. We follow the
        paper and PyTorch so that the equations below are the ones printed
        in Kingma and Ba.
    weight_decay : float, default=0.0
        Coupled L2 penalty :math:`\\lambda \\ge 0`, as ``torch.optim.Adam``'s
        ``weight_decay`` (not AdamW's decoupled decay): :math:`g` is
        replaced by :math:`g + \\lambda w` before the moments are updated.

    Notes
    -----
    At step :math:`t = 1, 2, \\ldots` with gradient :math:`g_t`:

    .. math::

        m_t &= \\beta_1 m_{t-1} + (1 - \\beta_1) g_t, \\qquad
        v_t = \\beta_2 v_{t-1} + (1 - \\beta_2) g_t^2, \\\\
        \\hat m_t &= \\frac{m_t}{1 - \\beta_1^t}, \\qquad
        \\hat v_t = \\frac{v_t}{1 - \\beta_2^t}, \\\\
        w_t &= w_{t-1} - \\eta \\, \\frac{\\hat m_t}{\\sqrt{\\hat v_t} + \\epsilon},

    element by element, with :math:`m_0 = v_0 = 0`. The bias corrections
    :math:`1 - \\beta^t` undo the pull of the zero start towards zero: without
    them the first step would be :math:`(1 - \\beta_1) / \\sqrt{1 - \\beta_2}
    \\approx 3.2` times too small. The first step moves every parameter by
    about :math:`\\eta` whatever the gradient's scale.

    The moments and :math:`t` belong to the parameter array the optimiser
    was last used on, as SGD's velocity: :meth:`MLP.fit` called again with
    the same model and optimiser continues from them, as Keras does.

    Examples
    --------
    The first step moves each parameter by about the learning rate against
    the sign of its gradient:

    >>> import numpy as np
    >>> from lossutils.nn import Adam
    >>> w = np.array([1.0, -2.0])
    >>> Adam(learning_rate=0.1).update(w, np.array([5.0, -0.01]))
    >>> w
    array([ 0.9..., -1.9...])
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-8,
                 weight_decay=0.0):
        self.learning_rate = _check_learning_rate(learning_rate)
        self.beta_1 = _check_unit_interval(beta_1, "beta_1")
        self.beta_2 = _check_unit_interval(beta_2, "beta_2")
        epsilon = _check_number(epsilon, "epsilon", "a positive number")
        if not (np.isfinite(epsilon) and epsilon > 0):
            raise ValueError(f"epsilon must be a positive number; got {epsilon}.")
        self.epsilon = epsilon
        self.weight_decay = _check_weight_decay(weight_decay)
        self._params = None
        self._m = self._v = None
        self._t = 0

    def __repr__(self):
        decay = f", weight_decay={self.weight_decay!r}" if self.weight_decay else ""
        return (
            f"Adam(learning_rate={self.learning_rate!r}, beta_1={self.beta_1!r}, "
            f"beta_2={self.beta_2!r}, epsilon={self.epsilon!r}{decay})"
        )

    def _update(self, params, grads):
        grads = self._decayed(params, grads)
        if self._params is not params:
            self._params = params
            self._m = np.zeros_like(params)
            self._v = np.zeros_like(params)
            self._t = 0
        self._t += 1
        m, v = self._m, self._v
        m *= self.beta_1
        m += (1.0 - self.beta_1) * grads
        v *= self.beta_2
        v += (1.0 - self.beta_2) * (grads * grads)
        m_hat = m / (1.0 - self.beta_1 ** self._t)
        v_hat = v / (1.0 - self.beta_2 ** self._t)
        params -= self.learning_rate * m_hat / (np.sqrt(v_hat) + self.epsilon)



class MLP:
    """A fully connected feed-forward network (multilayer perceptron).

    Introduced in Chapter 1, *Neural-network learning as optimisation*.

    Parameters
    ----------
    layer_sizes : sequence of int
        Units per layer, input first: ``(2, 50, 1)`` is two inputs, one
        hidden layer of 50 units and one output.
    hidden_activation : {"relu", "tanh", "sigmoid", "linear"}, default="relu"
        Activation of every hidden layer.
    output_activation : {"linear", "sigmoid", "tanh", "softmax"}, default="linear"
        Activation of the output layer. ``"softmax"`` needs at least two outputs.
    seed : int, default=0
        Seed of the model's own ``np.random.default_rng(seed)``, which draws
        the initial weights and then the shuffling order of :meth:`fit`.
        Two models built with the same arguments train identically.

    Attributes
    ----------
    weights : tuple of ndarray
        ``weights[i]`` has shape ``(layer_sizes[i], layer_sizes[i + 1])``;
        layer ``i`` computes ``a @ weights[i] + biases[i]``.
    biases : tuple of ndarray
        ``biases[i]`` has shape ``(layer_sizes[i + 1],)``.
    n_params : int
        Total number of parameters.

    Notes
    -----
    Initial weights are He-uniform, as Keras' ``he_uniform``: drawn from
    :math:`U(-\\ell, \\ell)` with :math:`\\ell = \\sqrt{6 / n_{\\text{in}}}`, layer
    by layer in order; biases start at zero.

    The arrays in ``weights`` and ``biases`` are views into one flat
    parameter vector (order: ``weights[0]`` row by row, ``biases[0]``,
    ``weights[1]``, ...). Change them in place (``model.weights[0][:] = ...``)
    or with :meth:`set_params`; the tuples themselves cannot be reassigned.

    Examples
    --------
    >>> from lossutils.nn import MLP
    >>> model = MLP((2, 50, 1), output_activation="sigmoid", seed=0)
    >>> model
    MLP(layer_sizes=(2, 50, 1), hidden_activation='relu', output_activation='sigmoid', seed=0)
    >>> [w.shape for w in model.weights], model.n_params
    ([(2, 50), (50, 1)], 201)
    >>> bool(abs(model.weights[0]).max() <= (6 / 2) ** 0.5)
    True
    """

    def __init__(self, layer_sizes, *, hidden_activation="relu",
                 output_activation="linear", seed=0):
        try:
            sizes = tuple(layer_sizes)
        except TypeError:
            raise TypeError(
                f"layer_sizes must be a sequence of positive ints such as (2, 50, 1); "
                f"got {layer_sizes!r}."
            ) from None
        if len(sizes) < 2:
            raise ValueError(
                "layer_sizes needs at least an input and an output size, such as (2, 1); "
                f"got {layer_sizes!r}."
            )
        sizes = tuple(_check_positive_int(size, "each entry of layer_sizes") for size in sizes)
        _check_choice(hidden_activation, "hidden_activation", tuple(_HIDDEN_ACTIVATIONS))
        _check_choice(output_activation, "output_activation", tuple(_OUTPUT_ACTIVATIONS))
        if output_activation == "softmax" and sizes[-1] < 2:
            raise ValueError(
                "output_activation='softmax' needs at least two output units (a softmax "
                "of one value is always 1); use 'sigmoid' for a single probability."
            )
        if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
            raise TypeError(f"seed must be a non-negative int; got {seed!r}.")
        if seed < 0:
            raise ValueError(f"seed must be a non-negative int; got {seed}.")

        self.layer_sizes = sizes
        self.hidden_activation = hidden_activation
        self.output_activation = output_activation
        self.seed = int(seed)
        self._rng = np.random.default_rng(self.seed)

        shapes = list(zip(sizes[:-1], sizes[1:]))
        self.n_params = sum(n_in * n_out + n_out for n_in, n_out in shapes)
        self._params = np.zeros(self.n_params)
        self._grads = np.zeros(self.n_params)
        self._weights, self._biases = self._views(self._params, shapes)
        self._weight_grads, self._bias_grads = self._views(self._grads, shapes)
        for weight in self._weights:
            limit = np.sqrt(6.0 / weight.shape[0])
            weight[...] = self._rng.uniform(-limit, limit, size=weight.shape)

        n_layers = len(shapes)
        hidden = _HIDDEN_ACTIVATIONS[hidden_activation]
        output = _OUTPUT_ACTIVATIONS[output_activation]
        self._forward_fns = [hidden[0]] * (n_layers - 1) + [output[0]]
        self._hidden_backward = hidden[1]
        self._output_backward = output[1]

    @staticmethod
    def _views(flat, shapes):
        weights, biases, start = [], [], 0
        for n_in, n_out in shapes:
            weights.append(flat[start:start + n_in * n_out].reshape(n_in, n_out))
            start += n_in * n_out
            biases.append(flat[start:start + n_out])
            start += n_out
        return tuple(weights), tuple(biases)

    def __repr__(self):
        return (
            f"MLP(layer_sizes={self.layer_sizes!r}, "
            f"hidden_activation={self.hidden_activation!r}, "
            f"output_activation={self.output_activation!r}, seed={self.seed!r})"
        )

    @property
    def weights(self):
        return self._weights

    @property
    def biases(self):
        return self._biases

    @property
    def n_outputs(self):
        """Number of output units, ``layer_sizes[-1]``."""
        return self.layer_sizes[-1]

    # ----------------------------------------------------------------- params

    def get_params(self):
        """Return a copy of all parameters as one flat vector.

        Returns
        -------
        ndarray of shape (n_params,)
            ``weights[0]`` row by row, ``biases[0]``, ``weights[1]``, ...

        Examples
        --------
        >>> from lossutils.nn import MLP
        >>> model = MLP((3, 4, 2), seed=1)
        >>> model.get_params().shape
        (26,)
        """
        return self._params.copy()

    def set_params(self, params):
        """Overwrite all parameters from a flat vector laid out as :meth:`get_params`.

        Parameters
        ----------
        params : array_like of shape (n_params,)

        Examples
        --------
        >>> import numpy as np
        >>> from lossutils.nn import MLP
        >>> model = MLP((3, 4, 2), seed=1)
        >>> model.set_params(np.zeros(model.n_params))
        >>> float(abs(model.weights[1]).sum())
        0.0
        """
        params = _as_float_array(params, "params")
        if params.shape != (self.n_params,):
            raise ValueError(
                f"params must have shape ({self.n_params},) (see get_params); "
                f"got {params.shape}."
            )
        self._params[...] = params

    # ------------------------------------------------------------ validation

    def _check_X(self, X, name="X"):
        X = _as_float_array(X, name)
        if X.ndim != 2 or X.shape[1] != self.layer_sizes[0] or X.shape[0] == 0:
            raise ValueError(
                f"{name} must be a 2-D array of shape (n_samples, {self.layer_sizes[0]}) "
                f"with n_samples >= 1 for this model; got shape {X.shape}."
            )
        return X

    def _check_y(self, y, n_samples, name="y"):
        """Return y as the trainer uses it: (n, 1) floats for one output, (n, k)
        floats for k outputs, (n,) integer labels for a softmax output, and (n,)
        floats otherwise (one target per sample for a loss whose prediction has
        several columns, such as gaussian_nll's mean and log-variance)."""
        y = _as_float_array(y, name)
        if y.ndim == 0 or y.shape[0] != n_samples:
            raise ValueError(
                f"{name} must have one row per sample ({n_samples}); got shape {y.shape}."
            )
        k = self.n_outputs
        if k == 1:
            if y.shape not in ((n_samples,), (n_samples, 1)):
                raise ValueError(
                    f"{name} must have shape ({n_samples},) or ({n_samples}, 1) for a model "
                    f"with one output; got {y.shape}."
                )
            return y.reshape(n_samples, 1)
        if y.ndim == 1 and self.output_activation != "softmax":
            return y
        if y.ndim == 1:
            if np.any((y != np.round(y)) | (y < 0) | (y >= k)):
                raise ValueError(
                    f"{name} of shape ({n_samples},) for a model with {k} outputs must hold "
                    f"integer class labels in [0, {k}); otherwise pass shape ({n_samples}, {k})."
                )
            return y.astype(np.intp)
        if y.shape != (n_samples, k):
            raise ValueError(
                f"{name} must have shape ({n_samples}, {k}) (or ({n_samples},) integer "
                f"labels) for a model with {k} outputs; got {y.shape}."
            )
        return y

    def _check_metrics(self, metrics):
        if isinstance(metrics, str):
            metrics = (metrics,)
        metrics = tuple(metrics)
        known = ("accuracy", *sorted(lossutils.LOSSES))
        for metric in metrics:
            if metric not in known:
                raise ValueError(
                    f"unknown metric {metric!r}; use 'accuracy' or a loss name: "
                    f"{', '.join(map(repr, known[1:]))}."
                )
        if "accuracy" in metrics and self.output_activation == "linear":
            raise ValueError(
                "metric 'accuracy' needs a classifier output (sigmoid, tanh or softmax); "
                "this model's output is linear, so its predictions are not classes."
            )
        return metrics

    def _check_accuracy_labels(self, y, name):
        if self.output_activation == "softmax" or y.ndim == 1:
            return
        allowed = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 0.0, 1.0)}[self.output_activation]
        if not np.all(np.isin(y, allowed)):
            labels = "{0, 1}" if self.output_activation == "sigmoid" else "{-1, 1} or {0, 1}"
            raise ValueError(
                f"metric 'accuracy' with a {self.output_activation} output needs {name} "
                f"labels in {labels}."
            )

    # ----------------------------------------------------------- forward pass

    def _forward(self, X):
        """Return every layer's activation (X first) and the output pre-activation.

        The pre-activation is only meaningful for sigmoid and softmax outputs,
        whose kernels leave their argument intact (the others may overwrite it).
        """
        activations = [X]
        a = X
        for weight, bias, activation in zip(self._weights, self._biases, self._forward_fns):
            z = a @ weight
            z += bias
            a = activation(z)
            activations.append(a)
        return activations, z

    def _output(self, X):
        return self._forward(X)[0][-1]

    def predict(self, X):
        """Return the network's outputs (after the output activation).

        Parameters
        ----------
        X : array_like of shape (n_samples, layer_sizes[0])

        Returns
        -------
        ndarray of shape (n_samples,) for one output, else (n_samples, n_outputs)

        Examples
        --------
        >>> import numpy as np
        >>> from lossutils.nn import MLP
        >>> model = MLP((2, 3, 1), output_activation="sigmoid")
        >>> model.predict(np.zeros((4, 2)))
        array([0.5, 0.5, 0.5, 0.5])
        """
        output = self._output(self._check_X(X))
        return output[:, 0] if self.n_outputs == 1 else output

    # ---------------------------------------------------------- backward pass

    def _output_delta_fn(self, loss, weighted=False, options=None):
        """Return f(target, output, logits, weight) -> gradient of the (weighted)
        mean loss w.r.t. the output layer's pre-activation, and whether the
        target must be one-hot. ``weight`` is the batch's sample weights, or
        None when ``weighted`` is false."""
        name = getattr(loss, "__name__", None)
        known = lossutils.LOSSES.get(name) is loss
        pair = (self.output_activation, name)
        if options and known and pair in _FROM_LOGITS:
            logit_grad = loss.grad
            if self.n_outputs == 1:
                def delta(target, p, logits, weight):
                    return logit_grad(target[:, 0], logits[:, 0], sample_weight=weight,
                                      from_logits=True, **options)[:, np.newaxis]
            else:
                def delta(target, p, logits, weight):
                    return logit_grad(target, logits, sample_weight=weight,
                                      from_logits=True, **options)
            return delta, False
        fused = pair in _FUSED and known and not options
        if fused and self.output_activation == "sigmoid":
            # Binary cross-entropy averages over every entry (samples x labels);
            # weighted, over samples with weights w_i / sum(w), as the loss does.
            if weighted:
                def delta(target, p, logits, weight):
                    share = weight / (weight.sum() * target.shape[1])
                    return (p - target) * share[:, np.newaxis]
            else:
                def delta(target, p, logits, weight):
                    return (p - target) / target.size
            return delta, False
        if fused:
            # d/dz of -sum(t log softmax(z)) is p * sum(t) - t; rows of t sum
            # to one for one-hot, sparse (made one-hot) and probability targets.
            if weighted:
                def delta(target, p, logits, weight):
                    share = weight / weight.sum()
                    return (p * target.sum(axis=1, keepdims=True) - target) * share[:, np.newaxis]
            else:
                def delta(target, p, logits, weight):
                    return (p * target.sum(axis=1, keepdims=True) - target) / target.shape[0]
            return delta, name == "sparse_categorical_cross_entropy"
        grad, backward = loss.grad, self._output_backward
        options = options or {}
        if self.n_outputs == 1:
            def delta(target, a, logits, weight):
                return backward(
                    grad(target[:, 0], a[:, 0], sample_weight=weight, **options)[:, np.newaxis], a
                )
        else:
            def delta(target, a, logits, weight):
                return backward(grad(target, a, sample_weight=weight, **options), a)
        return delta, False

    def _backward(self, activations, delta):
        """Fill self._grads from the output-layer delta (in place)."""
        for i in range(len(self._weights) - 1, -1, -1):
            np.matmul(activations[i].T, delta, out=self._weight_grads[i])
            np.sum(delta, axis=0, out=self._bias_grads[i])
            if i:
                delta = self._hidden_backward(delta @ self._weights[i].T, activations[i])

    def _one_hot(self, labels):
        return np.eye(self.n_outputs)[labels]

    def gradients(self, X, y, *, loss, sample_weight=None, class_weight=None,
                  loss_options=None):
        """Return the gradient of the (weighted) mean loss on ``(X, y)`` for every parameter.

        This is exactly what one step of :meth:`fit` uses on a batch.

        Parameters
        ----------
        X : array_like of shape (n_samples, layer_sizes[0])
        y : array_like
            Targets, shaped as for :meth:`fit`.
        loss : str or loss function
            A ``lossutils`` loss or its name.
        sample_weight : array_like of shape (n_samples,), optional
            Non-negative weight of each sample: the loss is the weighted mean
            :math:`\\sum_i w_i \\ell_i / \\sum_i w_i`, as the ``lossutils`` losses'
            own ``sample_weight``.
        class_weight : dict, optional
            Class label -> weight, multiplied into the sample weights (Keras'
            meaning); a class without a key keeps weight 1. Needs class labels:
            a softmax output (integer labels, or the arg-max of one-hot rows),
            or one sigmoid ({0, 1}) or tanh ({-1, 1} or {0, 1}) output.
        loss_options : dict, optional
            Keyword arguments for the loss and its gradient, such as
            ``{"delta": 0.5}`` for ``huber``.

        Returns
        -------
        weight_grads : list of ndarray
            Same shapes as :attr:`weights`.
        bias_grads : list of ndarray
            Same shapes as :attr:`biases`.

        Examples
        --------
        >>> import numpy as np
        >>> from lossutils.nn import MLP
        >>> model = MLP((2, 3, 1), output_activation="sigmoid")
        >>> X, y = np.array([[1.0, 2.0], [0.5, -1.0]]), np.array([1.0, 0.0])
        >>> weight_grads, bias_grads = model.gradients(X, y, loss="binary_cross_entropy")
        >>> [g.shape for g in weight_grads], [g.shape for g in bias_grads]
        ([(2, 3), (3, 1)], [(3,), (1,)])
        """
        X = self._check_X(X)
        y = self._check_y(y, X.shape[0])
        loss = _resolve_loss(loss)
        options = _check_loss_options(loss, loss_options)
        weight = self._sample_weights(y, sample_weight, class_weight)
        activations, logits = self._forward(X)
        self._scores(y, activations[-1], loss, (), weight, options)  # the loss checks y once
        output_delta, one_hot = self._output_delta_fn(loss, weight is not None, options)
        target = self._one_hot(y) if one_hot else y
        self._backward(activations, output_delta(target, activations[-1], logits, weight))
        return ([g.copy() for g in self._weight_grads], [g.copy() for g in self._bias_grads])

    def gradient_vector(self, X, y, *, loss, **weights_and_options):
        """Return :meth:`gradients` as one flat vector laid out as :meth:`get_params`.

        Examples
        --------
        >>> import numpy as np
        >>> from lossutils.nn import MLP
        >>> model = MLP((2, 3, 1))
        >>> model.gradient_vector(np.ones((4, 2)), np.zeros(4), loss="mean_squared_error").shape
        (13,)

        It takes the same ``sample_weight``, ``class_weight`` and
        ``loss_options`` as :meth:`gradients`.
        """
        weight_grads, bias_grads = self.gradients(X, y, loss=loss, **weights_and_options)
        return np.concatenate([
            part.ravel() for pair in zip(weight_grads, bias_grads) for part in pair
        ])

    # --------------------------------------------------------------- metrics

    def _scores(self, y, output, loss, metrics, weight=None, options=None):
        if self.n_outputs == 1:
            # The losses see one-output targets as the chapters write them, (n,).
            y, output = y[:, 0], output[:, 0]
        scores = {"loss": float(loss(y, output, sample_weight=weight, **(options or {})))}
        for metric in metrics:
            if metric == "accuracy":
                scores[metric] = self._accuracy(y, output)
            else:
                scores[metric] = float(lossutils.LOSSES[metric](y, output))
        return scores

    def _accuracy(self, y, output):
        if self.output_activation == "softmax":
            labels = y if y.ndim == 1 else y.argmax(axis=1)
            return float(np.mean(output.argmax(axis=1) == labels))
        # sigmoid: threshold 0.5 on p; tanh: the sign, with labels in {-1, 1}
        # or {0, 1} (y > 0 reads both as the positive class).
        threshold = 0.5 if self.output_activation == "sigmoid" else 0.0
        return float(np.mean((output > threshold) == (y > threshold)))

    def evaluate(self, X, y, *, loss, metrics=(), sample_weight=None, class_weight=None,
                 loss_options=None):
        """Return the (weighted) mean loss and the metrics on ``(X, y)``.

        Parameters
        ----------
        X : array_like of shape (n_samples, layer_sizes[0])
        y : array_like
            Targets, shaped as for :meth:`fit`.
        loss : str or loss function
            A ``lossutils`` loss or its name.
        metrics : sequence of str, default=()
            ``"accuracy"`` and/or names of ``lossutils`` losses, unweighted
            and with their default options (as Keras' ``metrics``, not its
            ``weighted_metrics``).
        sample_weight : array_like of shape (n_samples,), optional
            Non-negative weight of each sample: the loss is the weighted mean
            :math:`\\sum_i w_i \\ell_i / \\sum_i w_i`, as the ``lossutils`` losses'
            own ``sample_weight``.
        class_weight : dict, optional
            Class label -> weight, multiplied into the sample weights (Keras'
            meaning); a class without a key keeps weight 1. Needs class labels:
            a softmax output (integer labels, or the arg-max of one-hot rows),
            or one sigmoid ({0, 1}) or tanh ({-1, 1} or {0, 1}) output.
        loss_options : dict, optional
            Keyword arguments for the loss and its gradient, such as
            ``{"delta": 0.5}`` for ``huber``.

        Returns
        -------
        dict
            ``{"loss": float, metric: float, ...}``.

        Examples
        --------
        >>> import numpy as np
        >>> from lossutils.nn import MLP
        >>> model = MLP((2, 3, 1), output_activation="sigmoid")
        >>> model.evaluate(np.zeros((4, 2)), [0, 1, 1, 0], loss="binary_cross_entropy")
        {'loss': 0.6931471805599453}
        """
        X = self._check_X(X)
        y = self._check_y(y, X.shape[0])
        loss = _resolve_loss(loss)
        options = _check_loss_options(loss, loss_options)
        weight = self._sample_weights(y, sample_weight, class_weight)
        metrics = self._check_metrics(metrics)
        if "accuracy" in metrics:
            self._check_accuracy_labels(y, "y")
        return self._scores(y, self._output(X), loss, metrics, weight, options)

    def _sample_weights(self, y, sample_weight, class_weight, name="sample_weight"):
        """The weight of each sample (sample weight times class weight), or None."""
        n_samples = y.shape[0]
        weight = None
        if sample_weight is not None:
            weight = _check_sample_weight(sample_weight, n_samples, name)
        if class_weight is not None:
            per_class = self._class_weights(y, class_weight)
            weight = per_class if weight is None else weight * per_class
        _check_weight_total(weight, "the sample weights" if class_weight is None
                            else "the sample weights times the class weights")
        return weight

    def _class_weights(self, y, class_weight):
        if not isinstance(class_weight, dict):
            raise TypeError(
                "class_weight must be a dict mapping class labels to weights, such as "
                f"{{0: 1.0, 1: 5.0}}; got {type(class_weight).__name__}."
            )
        if self.output_activation == "softmax":
            classes = tuple(range(self.n_outputs))
            labels = y if y.ndim == 1 else y.argmax(axis=1)
        elif self.n_outputs == 1 and self.output_activation in ("sigmoid", "tanh"):
            classes = (0, 1) if self.output_activation == "sigmoid" else (-1, 0, 1)
            labels = y[:, 0]
            if not np.all(np.isin(labels, classes)):
                allowed = "{0, 1}" if self.output_activation == "sigmoid" else "{-1, 1} or {0, 1}"
                raise ValueError(
                    f"class_weight needs y to hold class labels in {allowed} for a "
                    f"{self.output_activation} output; pass sample_weight for other targets."
                )
        else:
            raise ValueError(
                "class_weight needs class labels: a softmax output, or a single sigmoid or "
                f"tanh output; this model has {self.n_outputs} {self.output_activation} "
                "output(s). Pass per-sample weights as sample_weight instead."
            )
        weight = np.ones(y.shape[0])
        for key, value in class_weight.items():
            if isinstance(key, bool) or not isinstance(key, numbers.Real) or key not in classes:
                raise ValueError(
                    f"class_weight has key {key!r}, which is not a class label of this model; "
                    f"the labels are {', '.join(map(str, classes))}."
                )
            if (isinstance(value, bool) or not isinstance(value, numbers.Real)
                    or not (np.isfinite(value) and value >= 0)):
                raise ValueError(
                    f"class_weight[{key!r}] must be a non-negative finite number; got {value!r}."
                )
            weight[labels == key] = value
        return weight

    # -------------------------------------------------------------- training

    def fit(self, X, y, *, loss, optimizer, epochs, batch_size=32,
            validation_data=None, metrics=(), shuffle=True, sample_weight=None,
            class_weight=None, loss_options=None):
        """Train with mini-batch gradient descent; return the learning curves.

        Introduced in Chapter 1, *Neural-network learning as optimisation*.

        Parameters
        ----------
        X : array_like of shape (n_samples, layer_sizes[0])
        y : array_like
            Targets: shape ``(n_samples,)`` or ``(n_samples, 1)`` for a model with
            one output; ``(n_samples, n_outputs)`` (one-hot, probabilities or
            values), or ``(n_samples,)`` for several outputs: integer labels
            for a softmax output, otherwise one target per sample for a loss
            whose prediction has several columns (``gaussian_nll``).
        loss : str or loss function
            A ``lossutils`` loss or its name, e.g. ``"binary_cross_entropy"``.
        optimizer : SGD or Adam
            Its state (SGD's velocity, Adam's moments and step count) carries
            over between calls.
        epochs : int
            Passes over the training set.
        batch_size : int, default=32
            Samples per gradient step; the last batch of an epoch may be smaller.
        validation_data : tuple (X_val, y_val) or (X_val, y_val, sample_weight_val), optional
            Evaluated at the end of every epoch, never trained on, with the
            same ``loss_options``; as in Keras, ``class_weight`` applies to
            training only, and validation samples are weighted only by
            ``sample_weight_val``.
        metrics : sequence of str, default=()
            ``"accuracy"`` and/or names of ``lossutils`` losses.
        shuffle : bool, default=True
            Reshuffle the training set before each epoch, with the model's
            own generator (so the run is reproducible from ``seed``).
        sample_weight : array_like of shape (n_samples,), optional
            Non-negative weight of each sample: the loss is the weighted mean
            :math:`\\sum_i w_i \\ell_i / \\sum_i w_i`, as the ``lossutils`` losses'
            own ``sample_weight``.
        class_weight : dict, optional
            Class label -> weight, multiplied into the sample weights (Keras'
            meaning); a class without a key keeps weight 1. Needs class labels:
            a softmax output (integer labels, or the arg-max of one-hot rows),
            or one sigmoid ({0, 1}) or tanh ({-1, 1} or {0, 1}) output.
        loss_options : dict, optional
            Keyword arguments for the loss and its gradient, such as
            ``{"delta": 0.5}`` for ``huber``.

        Returns
        -------
        dict of str to list of float
            One value per epoch under ``"loss"``, each metric name, and, with
            validation data, ``"val_loss"`` and ``"val_" + metric``.

        Notes
        -----
        The recorded ``"loss"`` (and each metric) is evaluated on the whole
        training set with the weights at the end of the epoch. Keras instead
        reports the running mean of the batch losses seen during the epoch,
        while the weights were still changing, so its curve lags ours by
        about half an epoch. Both ``"loss"`` and ``"val_loss"`` here measure
        the same weights.

        Each step uses the gradient of the batch-mean loss (with weights, the
        batch's weighted mean :math:`\\sum_{i \\in B} w_i \\ell_i / \\sum_{i \\in B} w_i`, as
        ``torch.nn``'s weighted losses; a batch whose weights are all zero takes
        no step). The recorded ``"loss"`` is the same weighted mean over the
        whole training set; the metrics are unweighted. For sigmoid with
        binary cross-entropy, and softmax with categorical, sparse categorical
        cross-entropy or KL divergence, the gradient with respect to the output
        pre-activation :math:`z` is computed directly as
        :math:`(p - y) / m` (:math:`m` = entries averaged): exact and stable even
        when :math:`p` saturates; with sample weights, each row is scaled by
        :math:`w_i / \\sum w` instead of :math:`1 / n`. With ``loss_options``
        these pairs (except KL divergence) take the gradient from the loss
        itself at the pre-activation (``loss.grad(..., from_logits=True)``), so
        an option that changes the gradient, such as label smoothing, is
        honoured exactly. Every other pair chains ``loss.grad`` through the
        derivative of the output activation.

        ``accuracy`` is the fraction of correct classes: :math:`p > 0.5` for a
        sigmoid output; the sign for a tanh output (labels in :math:`\\{-1, 1\\}`
        or :math:`\\{0, 1\\}`); the arg-max for softmax (one-hot or integer labels).

        Examples
        --------
        >>> import numpy as np
        >>> from lossutils.nn import MLP, SGD
        >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
        >>> y = np.array([0, 1, 1, 0])
        >>> model = MLP((2, 8, 1), output_activation="sigmoid", seed=3)
        >>> history = model.fit(X, y, loss="binary_cross_entropy", epochs=500,
        ...                     optimizer=SGD(learning_rate=0.1, momentum=0.9),
        ...                     batch_size=4, metrics=["accuracy"])
        >>> sorted(history), len(history["loss"])
        (['accuracy', 'loss'], 500)
        >>> history["accuracy"][-1]
        1.0
        """
        X = self._check_X(X)
        y = self._check_y(y, X.shape[0])
        loss = _resolve_loss(loss)
        if not isinstance(optimizer, _Optimizer):
            raise TypeError(
                f"optimizer must be a lossutils.nn.SGD or lossutils.nn.Adam instance, such as "
                f"SGD(learning_rate=0.01, momentum=0.9) or Adam(); got {optimizer!r}."
            )
        epochs = _check_positive_int(epochs, "epochs")
        batch_size = _check_positive_int(batch_size, "batch_size")
        metrics = self._check_metrics(metrics)
        if not isinstance(shuffle, bool):
            raise TypeError(f"shuffle must be True or False; got {shuffle!r}.")
        options = _check_loss_options(loss, loss_options)
        weight = self._sample_weights(y, sample_weight, class_weight)
        weight_val = None
        if validation_data is not None:
            if not isinstance(validation_data, (tuple, list)) or len(validation_data) not in (2, 3):
                raise TypeError(
                    "validation_data must be a pair (X_val, y_val) or a triple "
                    "(X_val, y_val, sample_weight_val); "
                    f"got {type(validation_data).__name__}."
                )
            X_val, y_val = validation_data[:2]
            X_val = self._check_X(X_val, "validation_data[0]")
            y_val = self._check_y(y_val, X_val.shape[0], "validation_data[1]")
            if len(validation_data) == 3:
                weight_val = self._sample_weights(y_val, validation_data[2], None,
                                                  "validation_data[2]")
        if "accuracy" in metrics:
            self._check_accuracy_labels(y, "y")
            if validation_data is not None:
                self._check_accuracy_labels(y_val, "validation_data[1]")

        # Let the loss and the metrics check the targets once, before any
        # step: the fused gradients never call the loss, and a bad metric
        # should not fail only after the first epoch.
        self._scores(y, self._output(X), loss, metrics, weight, options)
        if validation_data is not None:
            self._scores(y_val, self._output(X_val), loss, metrics, weight_val, options)
        output_delta, one_hot = self._output_delta_fn(loss, weight is not None, options)
        target = self._one_hot(y) if one_hot else y

        keys = ["loss", *metrics]
        history = {key: [] for key in keys}
        if validation_data is not None:
            history.update({"val_" + key: [] for key in keys})

        n_samples = X.shape[0]
        starts = range(0, n_samples, batch_size)
        for _ in range(epochs):
            if shuffle:
                order = self._rng.permutation(n_samples)
                X_epoch, target_epoch = X[order], target[order]
                weight_epoch = None if weight is None else weight[order]
            else:
                X_epoch, target_epoch, weight_epoch = X, target, weight
            for start in starts:
                stop = start + batch_size
                batch_weight = None if weight is None else weight_epoch[start:stop]
                if batch_weight is not None and not batch_weight.sum() > 0:
                    continue  # its weighted mean is undefined: nothing to learn from
                activations, logits = self._forward(X_epoch[start:stop])
                delta = output_delta(target_epoch[start:stop], activations[-1], logits,
                                     batch_weight)
                self._backward(activations, delta)
                optimizer._update(self._params, self._grads)

            scores = self._scores(y, self._output(X), loss, metrics, weight, options)
            for key, value in scores.items():
                history[key].append(value)
            if validation_data is not None:
                scores = self._scores(y_val, self._output(X_val), loss, metrics, weight_val,
                                      options)
                for key, value in scores.items():
                    history["val_" + key].append(value)
        return history
