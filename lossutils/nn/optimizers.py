"""The optimisers of lossutils.nn: SGD with momentum and Adam, each with coupled L2.

An optimiser's :meth:`update` changes a flat parameter vector in place; its
state (SGD's velocity, Adam's moments and step count) belongs to the array
it was last used on, so :meth:`lossutils.nn.MLP.fit` called again with the
same model and optimiser continues where it stopped, as Keras does.
"""

import numbers

import numpy as np

from ._checks import _as_float_array

__all__ = ["SGD", "Adam"]


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

    Introduced in Chapter 4, *Cross-entropy*, where it meets a saturated sigmoid.

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
    :math:`1 - \\beta^t` undo the pull of the zero start towards zero, which
    is stronger for :math:`v` than for :math:`m`: without them the first step
    would be :math:`(1 - \\beta_1) / \\sqrt{1 - \\beta_2} \\approx 3.2` times too
    large (Kingma and Ba 2015, sections 3 and 6.4). The first step moves every parameter by
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
