"""Checks shared by the model, its training loop and the optimisers of lossutils.nn."""

import inspect
import numbers

import numpy as np

import lossutils

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
