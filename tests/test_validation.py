"""Bad input raises ValueError or TypeError naming the argument, for every loss and its grad."""

import numpy as np
import pytest

import lossutils
from _cases import FIRST_CASES, N_SAMPLES


def _with(array, value, index=0):
    """A float copy of ``array`` with its element ``index`` (flat) set to ``value``."""
    changed = np.array(array, dtype=float)
    changed.reshape(-1)[index] = value
    return changed


def _ragged(array):
    rows = array.tolist()
    if array.ndim == 2:
        rows[1] = rows[1][:-1]
        return rows
    return [rows[:2], rows[2:3]]


def _common_bad_inputs(case):
    """(id, y_true, y_pred, options, exception, match) for any loss."""
    y_true, y_pred = case.draw()
    ones = np.ones(N_SAMPLES)
    yield "short-y_pred", y_true, y_pred[:-1], {}, ValueError, "y_pred"
    yield "short-y_true", y_true[:-1], y_pred, {}, ValueError, "y_true"
    for value in (np.nan, np.inf, -np.inf):
        yield f"{value}-y_pred", y_true, _with(y_pred, value, 4), {}, ValueError, "y_pred must be finite"
        yield f"{value}-y_true", _with(y_true, value, 4), y_pred, {}, ValueError, "y_true"
    yield "nan-y_true-message", _with(y_true, np.nan, 4), y_pred, {}, ValueError, "y_true must be finite; found nan at index"
    yield "empty", y_true[:0], y_pred[:0], {}, ValueError, "is empty"
    yield "scalar", 1.0, 1.0, {}, ValueError, "y_true"
    yield "3d", y_true[..., None, None], y_pred[..., None, None], {}, ValueError, "shape"
    yield "strings-y_true", y_true.astype(str), y_pred, {}, TypeError, "y_true must be numeric"
    yield "strings-y_pred", y_true, y_pred.astype(str), {}, TypeError, "y_pred must be numeric"
    yield "object-y_pred", y_true, y_pred.astype(object), {}, TypeError, "y_pred"
    yield "none-y_pred", y_true, None, {}, TypeError, "y_pred"
    yield "complex-y_pred", y_true, y_pred + 1j, {}, TypeError, "y_pred must be real"
    yield "ragged-y_pred", y_true, _ragged(y_pred), {}, ValueError, "y_pred is ragged"
    yield "ragged-y_true", _ragged(y_true), y_pred, {}, ValueError, "y_true is ragged"
    for name, weight in [
        ("short", ones[:-1]),
        ("2d", ones[:, None]),
        ("nan", _with(ones, np.nan, 2)),
        ("inf", _with(ones, np.inf, 2)),
        ("negative", _with(ones, -1.0, 2)),
        ("zero", 0 * ones),
        ("strings", ones.astype(str)),
    ]:
        error = TypeError if name == "strings" else ValueError
        options = {"sample_weight": weight}
        yield f"sample_weight-{name}", y_true, y_pred, options, error, "sample_weight"
    for reduction in ("average", None, "Mean"):
        options = {"reduction": reduction}
        yield f"reduction-{reduction}", y_true, y_pred, options, ValueError, "reduction must be one of"


def _specific_bad_inputs(case):
    """Inputs outside the domain of this particular loss."""
    y_true, y_pred = case.draw()
    logits = case.options.get("from_logits")
    name = case.name
    if logits is not None:
        yield "from_logits-str", y_true, y_pred, {"from_logits": "yes"}, TypeError, "from_logits"
    probabilities = logits is False or name == "kl_divergence"
    if probabilities:
        hint = "softmax" if name == "kl_divergence" else "pass from_logits=True"
        for value in (1.7, -0.2):
            message = rf"y_pred must hold probabilities in \[0, 1\]; found {value} at index .*{hint}"
            yield f"probability-{value}", y_true, _with(y_pred, value, 3), {}, ValueError, message
    if case.simplex:
        unnormalised = y_pred * 0.9
        yield "rows-not-normalised", y_true, unnormalised, {}, ValueError, "row 0 sums to 0.9"
    if name == "binary_cross_entropy":
        for value in (2.0, -1.0):
            yield f"target-{value}", _with(y_true, value, 1), y_pred, {}, ValueError, "y_true must hold binary"
    if name in ("categorical_cross_entropy", "kl_divergence"):
        negative = np.array([[1.5, -0.5, 0.0]] + y_true[1:].tolist())
        yield "target-negative", negative, y_pred, {}, ValueError, "y_true must be .* non-negative"
        double = np.array([[1.0, 1.0, 0.0]] + y_true[1:].tolist())
        yield "target-row-sum", double, y_pred, {}, ValueError, "row of y_true .* row 0 sums to 2"
        labels = np.arange(N_SAMPLES) % 3
        yield "integer-labels", labels, y_pred, {}, ValueError, "y_true must have shape"
    if name == "categorical_cross_entropy":
        labels = np.arange(N_SAMPLES) % 3
        yield "labels-hint", labels, y_pred, {}, ValueError, "sparse_categorical_cross_entropy"
    if name == "sparse_categorical_cross_entropy":
        for value in (3, -1, 1.5):
            labels = _with(y_true, value, 2)
            yield f"label-{value}", labels, y_pred, {}, ValueError, "integer class labels 0, ..., 2"
        yield "label-too-big-int", np.full(N_SAMPLES, 3), y_pred, {}, ValueError, "found 3 at index 0"
        one_hot = np.eye(3)[y_true]
        yield "one-hot-hint", one_hot, y_pred, {}, ValueError, "categorical_cross_entropy"
        yield "label-names", np.array(["cat"] * N_SAMPLES), y_pred, {}, TypeError, "integers"
    if name in ("hinge", "squared_hinge"):
        for value in (2.0, 0.5, 0.0):
            signs = np.where(y_true > 0, 1.0, -1.0)
            yield f"label-{value}", _with(signs, value, 1), y_pred, {}, ValueError, r"labels in \{-1, 1\}"
    if name == "mean_squared_logarithmic_error":
        yield "log-y_true", _with(y_true, -1.0, 1), y_pred, {}, ValueError, "y_true must be greater than -1"
        yield "log-y_pred", y_true, _with(y_pred, -1.5, 1), {}, ValueError, "y_pred must be greater than -1"
    if name == "gaussian_nll":
        yield "column-targets", y_true[:, None], y_pred, {}, ValueError, r"\.ravel\(\)"
        yield "one-column-y_pred", y_true, y_pred[:, :1], {}, ValueError, r"y_pred must have shape \(n, 2\)"
        yield "same-shape", y_true, y_pred[:, 0], {}, ValueError, "log-variances"
    if name == "huber":
        for delta in (0, -1.0, np.nan, np.inf, "1", True):
            yield f"delta-{delta!r}", y_true, y_pred, {"delta": delta}, ValueError, "delta"
    if y_true.ndim == 1 and name not in ("sparse_categorical_cross_entropy", "gaussian_nll"):
        yield "column-vector", y_true, y_pred[:, None], {}, ValueError, r"\.ravel\(\)"


BAD_INPUTS = [
    pytest.param(case, *bad[1:], id=f"{case.id}-{bad[0]}")
    for case in FIRST_CASES
    for bad in (*_common_bad_inputs(case), *_specific_bad_inputs(case))
]


@pytest.mark.parametrize("function", ["loss", "grad"])
@pytest.mark.parametrize("case, y_true, y_pred, options, error, match", BAD_INPUTS)
def test_bad_input_raises(case, y_true, y_pred, options, error, match, function):
    options = {**case.options, **options}
    call = case.loss if function == "loss" else case.loss.grad
    with pytest.raises(error, match=match) as raised:
        call(y_true, y_pred, **options)
    assert not isinstance(raised.value, IndexError)


def test_message_style():
    with pytest.raises(ValueError) as raised:
        lossutils.binary_cross_entropy([1, 0, 1, 0], [0.5, 0.2, 0.3, 1.7])
    assert str(raised.value) == (
        "y_pred must hold probabilities in [0, 1]; found 1.7 at index 3. "
        "If these are logits, pass from_logits=True."
    )


def test_zero_weights_are_fine_for_sum():
    assert lossutils.mean_squared_error([1, 2], [3, 4], sample_weight=[0, 0], reduction="sum") == 0.0


def test_booleans_are_targets():
    assert lossutils.binary_cross_entropy([True, False], [0.5, 0.5]) == pytest.approx(np.log(2))
    assert lossutils.hinge([True, False], [2.0, -2.0]) == 0.0


def test_overflowing_finite_input_is_not_reported_as_non_finite():
    assert lossutils.mean_squared_error([0.0], [1e200]) == np.inf


@pytest.mark.parametrize(
    "function, kwargs",
    [
        (lossutils.softmax, {}),
        (lossutils.log_softmax, {}),
        (lossutils.logsumexp, {}),
        (lossutils.sigmoid, {}),
    ],
)
def test_activations_reject_bad_input(function, kwargs):
    with pytest.raises(ValueError, match="z must be finite"):
        function([0.0, np.nan], **kwargs)
    with pytest.raises(ValueError, match="z must be finite"):
        function([0.0, np.inf], **kwargs)
    with pytest.raises(TypeError, match="z must be numeric"):
        function(["a", "b"], **kwargs)
    with pytest.raises(ValueError, match="z is empty"):
        function([], **kwargs)
    if function is not lossutils.sigmoid:
        for axis in (2, -3, 1.0):
            with pytest.raises(ValueError, match="axis") as raised:
                function(np.zeros((2, 3)), axis=axis)
            assert not isinstance(raised.value, IndexError)
        with pytest.raises(ValueError, match="scalar"):
            function(1.0)
