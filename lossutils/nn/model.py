"""The network of lossutils.nn: parameters, forward pass and backpropagation.

An :class:`MLP` holds its parameters in one flat vector; the arrays in
:attr:`MLP.weights` and :attr:`MLP.biases` are views into it, so an
optimiser updates them all with one vectorised step and
:meth:`MLP.get_params` / :meth:`MLP.set_params` give the flat vector that
finite-difference checks and loss landscapes need. Its training loop
(:meth:`MLP.fit`, :meth:`MLP.evaluate`) is in :mod:`lossutils.nn.training`.
"""

import numbers

import numpy as np

import lossutils
from ..activations import _sigmoid, _softmax
from ._checks import (
    _as_float_array,
    _check_choice,
    _check_loss_options,
    _check_positive_int,
    _check_sample_weight,
    _check_weight_total,
    _resolve_loss,
)
from .training import Trainer

__all__ = ["MLP"]


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


def _exponential(z):
    # A new array: the pre-activation (the log-rate) stays intact for the loss.
    return np.exp(z)


def _exponential_backward(grad, a):
    return grad * a


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
    "exponential": (_exponential, _exponential_backward),
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
    ("sigmoid", "binary_focal_cross_entropy"),
    ("exponential", "poisson_nll"),
}


class MLP(Trainer):
    """A fully connected feed-forward network (multilayer perceptron).

    Introduced in Chapter 1, *Neural-network learning as optimisation*.

    Parameters
    ----------
    layer_sizes : sequence of int
        Units per layer, input first: ``(2, 50, 1)`` is two inputs, one
        hidden layer of 50 units and one output.
    hidden_activation : {"relu", "tanh", "sigmoid", "linear"}, default="relu"
        Activation of every hidden layer.
    output_activation : {"linear", "sigmoid", "tanh", "softmax", "exponential"}, default="linear"
        Activation of the output layer. ``"softmax"`` needs at least two outputs.
        ``"exponential"`` outputs :math:`e^z > 0`, the rate of a Poisson
        distribution (Keras' ``exponential`` activation); with
        ``loss="poisson_nll"`` the gradient is taken at the log-rate ``z``
        itself, :math:`e^z - y` per example.
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

    # ----------------------------------------------------------- forward pass

    def _forward(self, X):
        """Return every layer's activation (X first) and the output pre-activation.

        The pre-activation is only meaningful for sigmoid, softmax and
        exponential outputs, whose kernels leave their argument intact (the
        others may overwrite it).
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
        if known and pair in _FROM_LOGITS and (options or pair not in _FUSED):
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
        self._loss_value(y, activations[-1], loss, weight, options)  # the loss checks y once
        output_delta, one_hot = self._output_delta_fn(loss, weight is not None, options)
        target = self._one_hot(y) if one_hot else y
        self._backward(activations, output_delta(target, activations[-1], logits, weight))
        return ([g.copy() for g in self._weight_grads], [g.copy() for g in self._bias_grads])

    def gradient_vector(self, X, y, *, loss, sample_weight=None, class_weight=None,
                        loss_options=None):
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
        weight_grads, bias_grads = self.gradients(
            X, y, loss=loss, sample_weight=sample_weight, class_weight=class_weight,
            loss_options=loss_options,
        )
        return np.concatenate([
            part.ravel() for pair in zip(weight_grads, bias_grads) for part in pair
        ])

    # --------------------------------------------------------- the objective

    def _loss_value(self, y, output, loss, weight=None, options=None):
        """The (weighted) mean loss of ``output`` against ``y``, as a Python float."""
        if self.n_outputs == 1:
            # The losses see one-output targets as the chapters write them, (n,).
            y, output = y[:, 0], output[:, 0]
        return float(loss(y, output, sample_weight=weight, **(options or {})))


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
