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
    pred = case.pred_name  # y_pred, or y_proba for the Brier score
    yield "short-y_pred", y_true, y_pred[:-1], {}, ValueError, pred
    yield "short-y_true", y_true[:-1], y_pred, {}, ValueError, "y_true"
    for value in (np.nan, np.inf, -np.inf):
        yield f"{value}-y_pred", y_true, _with(y_pred, value, 4), {}, ValueError, f"{pred} must be finite"
        yield f"{value}-y_true", _with(y_true, value, 4), y_pred, {}, ValueError, "y_true"
    yield "nan-y_true-message", _with(y_true, np.nan, 4), y_pred, {}, ValueError, "y_true must be finite; found nan at index"
    yield "empty", y_true[:0], y_pred[:0], {}, ValueError, "is empty"
    yield "scalar", 1.0, 1.0, {}, ValueError, "y_true"
    yield "3d", y_true[..., None, None], y_pred[..., None, None], {}, ValueError, "shape"
    yield "strings-y_true", y_true.astype(str), y_pred, {}, TypeError, "y_true must be numeric"
    yield "strings-y_pred", y_true, y_pred.astype(str), {}, TypeError, f"{pred} must be numeric"
    yield "object-y_pred", y_true, y_pred.astype(object), {}, TypeError, pred
    yield "none-y_pred", y_true, None, {}, TypeError, pred
    yield "complex-y_pred", y_true, y_pred + 1j, {}, TypeError, f"{pred} must be real"
    yield "ragged-y_pred", y_true, _ragged(y_pred), {}, ValueError, f"{pred} is ragged"
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


# Losses of probabilities (with from_logits=False), and the hint their
# message ends with.
PROBABILITY_HINTS = {
    "binary_cross_entropy": "pass from_logits=True",
    "binary_focal_cross_entropy": "pass from_logits=True",
    "categorical_cross_entropy": "pass from_logits=True",
    "sparse_categorical_cross_entropy": "pass from_logits=True",
    "kl_divergence": "softmax",
    "brier_score": "",
}
# Losses whose targets are class labels: an integer per sample.
LABEL_LOSSES = ("sparse_categorical_cross_entropy", "multiclass_hinge", "brier_score")


def _specific_bad_inputs(case):
    """Inputs outside the domain of this particular loss."""
    y_true, y_pred = case.draw()
    logits = case.options.get("from_logits")
    name = case.name
    pred = case.pred_name
    if logits is not None:
        yield "from_logits-str", y_true, y_pred, {"from_logits": "yes"}, TypeError, "from_logits"
    if name in PROBABILITY_HINTS and not logits:
        hint = PROBABILITY_HINTS[name]
        for value in (1.7, -0.2):
            message = rf"{pred} must hold probabilities in \[0, 1\]; found {value} at index .*{hint}"
            yield f"probability-{value}", y_true, _with(y_pred, value, 3), {}, ValueError, message
    if case.simplex:
        unnormalised = y_pred * 0.9
        yield "rows-not-normalised", y_true, unnormalised, {}, ValueError, "row 0 sums to 0.9"
    if name in ("binary_cross_entropy", "binary_focal_cross_entropy"):
        for value in (2.0, -1.0):
            yield f"target-{value}", _with(y_true, value, 1), y_pred, {}, ValueError, "y_true must hold binary"
    if "label_smoothing" in case.options:
        for value in (-0.1, 1.5, np.nan):
            yield f"label_smoothing-{value}", y_true, y_pred, {"label_smoothing": value}, ValueError, "label_smoothing must be a number in \\[0, 1\\]"
        for value in ("0.1", None, True):
            yield f"label_smoothing-{value!r}", y_true, y_pred, {"label_smoothing": value}, TypeError, "label_smoothing"
    if name == "binary_focal_cross_entropy":
        yield "soft-target", _with(y_true, 0.5, 2), y_pred, {}, ValueError, "binary labels .* found 0.5 at index .*For soft targets use binary_cross_entropy"
        for value in (-1.0, np.inf, np.nan):
            yield f"gamma-{value}", y_true, y_pred, {"gamma": value}, ValueError, "gamma must be a non-negative finite number"
        for value in ("2", None, False):
            yield f"gamma-{value!r}", y_true, y_pred, {"gamma": value}, TypeError, "gamma"
        for value in (-0.1, 1.01, np.nan):
            yield f"alpha-{value}", y_true, y_pred, {"alpha": value}, ValueError, "alpha must be None or a number in \\[0, 1\\]"
        yield "alpha-str", y_true, y_pred, {"alpha": "0.25"}, TypeError, "alpha"
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
    if name in LABEL_LOSSES:
        n_classes = 2 if y_pred.ndim == 1 else y_pred.shape[1]
        labels_message = (
            "binary labels 0 or 1" if y_pred.ndim == 1
            else f"integer class labels 0, ..., {n_classes - 1}"
        )
        for value in (n_classes, -1, 1.5):
            labels = _with(y_true, value, 2)
            yield f"label-{value}", labels, y_pred, {}, ValueError, labels_message
        too_big = np.full(N_SAMPLES, n_classes)
        yield "label-too-big-int", too_big, y_pred, {}, ValueError, f"found {n_classes} at index 0"
    if name == "sparse_categorical_cross_entropy":
        one_hot = np.eye(3)[y_true]
        yield "one-hot-hint", one_hot, y_pred, {}, ValueError, "categorical_cross_entropy"
        yield "label-names", np.array(["cat"] * N_SAMPLES), y_pred, {}, TypeError, "integers"
    if name in ("multiclass_hinge", "brier_score") and y_pred.ndim == 2:
        one_hot = np.eye(y_pred.shape[1])[y_true]
        yield "one-hot-hint", one_hot, y_pred, {}, ValueError, r"argmax\(axis=1\)"
    if name == "multiclass_hinge":
        yield "one-column", y_true * 0, y_pred[:, :1], {}, ValueError, "at least two columns"
        yield "decision-values", y_true % 2, y_pred[:, 0], {}, ValueError, "use hinge"
    if name == "brier_score" and y_pred.ndim == 1:
        yield "column-vector", y_true, y_pred[:, None], {}, ValueError, r"\.ravel\(\)"
    if name == "poisson_nll":
        yield "negative-count", _with(y_true, -1.0, 2), y_pred, {}, ValueError, "y_true must hold counts, which are non-negative; found -1 at index"
        yield "full-str", y_true, y_pred, {"full": "yes"}, TypeError, "full must be True or False"
        if not logits:
            for value in (0.0, -2.0):
                yield f"rate-{value}", y_true, _with(y_pred, value, 3), {}, ValueError, rf"positive rates .* found {value:g} at index .*pass from_logits=True"
    if name in ("hinge", "squared_hinge"):
        for value in (2.0, 0.5, 0.0):
            signs = np.where(y_true > 0, 1.0, -1.0)
            yield f"label-{value}", _with(signs, value, 1), y_pred, {}, ValueError, r"labels in \{-1, 1\}"
    if name == "mean_squared_logarithmic_error":
        yield "log-y_true", _with(y_true, -1.0, 1), y_pred, {}, ValueError, "y_true must be greater than -1"
        yield "log-y_pred", y_true, _with(y_pred, -1.5, 1), {}, ValueError, "y_pred must be greater than -1"
    if name in ("gaussian_nll", "laplace_nll"):
        scale = "log-variances" if name == "gaussian_nll" else "log-scales"
        yield "column-targets", y_true[:, None], y_pred, {}, ValueError, r"\.ravel\(\)"
        yield "one-column-y_pred", y_true, y_pred[:, :1], {}, ValueError, r"y_pred must have shape \(n, 2\)"
        yield "same-shape", y_true, y_pred[:, 0], {}, ValueError, scale
    if name == "huber":
        for delta in (0, -1.0, np.nan, np.inf, "1", True):
            yield f"delta-{delta!r}", y_true, y_pred, {"delta": delta}, ValueError, "delta"
    pairs_of_1d = y_pred.ndim == 1  # one prediction per target
    if y_true.ndim == 1 and pairs_of_1d and name != "brier_score":
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
