"""Losses, their gradients and a small teaching trainer for the course.

*Loss Functions for Training Deep Neural Networks*: every loss of the book,
in NumPy, with its gradient, validated inputs and the numerics done right.

The losses share one calling convention::

    loss(y_true, y_pred, *, sample_weight=None, reduction="mean", ...)
    loss.grad(y_true, y_pred, *, sample_weight=None, reduction="mean", ...)

:data:`LOSSES` holds every loss by name, ``brier_score`` included (a
metric with a gradient). ``expected_calibration_error`` is a metric without
one, so it is exported but not a loss.

``lossutils.nn`` (a small multi-layer perceptron and its trainer),
``lossutils.datasets``, ``lossutils.plots`` and ``lossutils.naive`` (the
source article's loops) are submodules, imported on their own.

Examples
--------
>>> import lossutils
>>> lossutils.get_loss("huber") is lossutils.huber
True
>>> lossutils.mean_squared_error([1, 2], [1, 4])
2.0
"""

from .activations import log_softmax, logsumexp, sigmoid, softmax
from .classification import (
    binary_cross_entropy,
    binary_focal_cross_entropy,
    categorical_cross_entropy,
    kl_divergence,
    sparse_categorical_cross_entropy,
)
from .likelihood import gaussian_nll, laplace_nll, poisson_nll
from .margin import hinge, multiclass_hinge, squared_hinge
from .regression import (
    huber,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    mean_squared_logarithmic_error,
)
from .scoring import brier_score, expected_calibration_error

LOSSES = {
    loss.__name__: loss
    for loss in (
        mean_squared_error,
        mean_absolute_error,
        mean_squared_logarithmic_error,
        mean_absolute_percentage_error,
        huber,
        binary_cross_entropy,
        binary_focal_cross_entropy,
        categorical_cross_entropy,
        sparse_categorical_cross_entropy,
        kl_divergence,
        hinge,
        squared_hinge,
        multiclass_hinge,
        gaussian_nll,
        laplace_nll,
        poisson_nll,
        brier_score,
    )
}


def get_loss(name_or_loss):
    """Look a loss up by name; a loss (anything with a ``.grad``) passes through.

    Parameters
    ----------
    name_or_loss : str or callable
        A key of :data:`LOSSES`, such as ``"mean_squared_error"``, or a loss.

    Returns
    -------
    loss : callable
        The loss function, with its ``.grad``.

    Examples
    --------
    >>> from lossutils import get_loss
    >>> get_loss("mean_absolute_error")([0.0, 1.0], [0.0, 3.0])
    1.0
    """
    if callable(name_or_loss) and callable(getattr(name_or_loss, "grad", None)):
        return name_or_loss
    if isinstance(name_or_loss, str):
        if name_or_loss in LOSSES:
            return LOSSES[name_or_loss]
        raise ValueError(
            f"unknown loss {name_or_loss!r}; the known losses are: "
            f"{', '.join(sorted(LOSSES))}."
        )
    raise TypeError(
        "name_or_loss must be a loss name (a str) or a loss function with a .grad; "
        f"got {name_or_loss!r}."
    )


__all__ = [
    *LOSSES,
    "expected_calibration_error",
    "sigmoid",
    "softmax",
    "log_softmax",
    "logsumexp",
    "LOSSES",
    "get_loss",
]
