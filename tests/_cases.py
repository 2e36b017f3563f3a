"""The registry of every loss, for the shared tests (cf. scikit-learn's test_common).

Each ``Case`` says how to draw valid ``(y_true, y_pred)`` for one loss in one
form (1-D or 2-D targets, probabilities or logits, hard or soft targets),
what the perfect prediction and the smallest loss are, and whether
``y_pred``'s rows are probability distributions (so a finite-difference step
has to keep each row summing to one).

The draws stay away from kinks (|d| = 0 for MAE, |d| = delta for Huber, a
margin of 1 for the hinge) and from the clip boundaries by far more than the
finite-difference step.
"""

import inspect
import math
from dataclasses import dataclass, field

import numpy as np

import lossutils

SEED = 20190128
N_SAMPLES = 7
N_CLASSES = 3
REDUCTIONS = ("mean", "sum", "none")


def _signs(rng, shape):
    return np.where(rng.uniform(size=shape) < 0.5, -1.0, 1.0)


def _away_from(rng, shape, low, high, gap_center, gap):
    """Uniform draws in [low, high] moved out of (gap_center ± gap)."""
    values = rng.uniform(low, high, size=shape)
    close = np.abs(values - gap_center) < gap
    return np.where(close, values + 2 * gap, values)


def _shape(ndim):
    return (N_SAMPLES,) if ndim == 1 else (N_SAMPLES, N_CLASSES)


def _one_hot(labels):
    return np.eye(N_CLASSES)[labels]


def _distributions(rng):
    logits = rng.normal(size=(N_SAMPLES, N_CLASSES))
    return lossutils.softmax(logits)


def _entropy(distributions):
    return -np.sum(distributions * np.log(distributions), axis=-1)


def _binary_entropy(p):
    h = -(p * np.log(p) + (1 - p) * np.log(1 - p))
    return h.mean(axis=1) if h.ndim == 2 else h


def _zeros(y_true):
    return np.zeros(y_true.shape[0])


@dataclass(frozen=True)
class Case:
    id: str
    loss: object
    make: object
    perfect: object
    minimum: object = _zeros
    options: dict = field(default_factory=dict)
    simplex: bool = False

    @property
    def name(self):
        return self.loss.__name__

    @property
    def pred_name(self):
        """The name of the loss's second argument, for the error messages."""
        return list(inspect.signature(self.loss).parameters)[1]

    def draw(self, seed_offset=0):
        return self.make(np.random.default_rng(SEED + seed_offset))


def _regression(ndim, low=-2.0):
    def make(rng):
        y_true = rng.uniform(low, 3.0, size=_shape(ndim))
        step = _signs(rng, y_true.shape) * rng.uniform(0.1, 0.8, size=y_true.shape)
        return y_true, y_true + step

    return make


def _log_regression(ndim):
    def make(rng):
        shape = _shape(ndim)
        return rng.exponential(3.0, size=shape), rng.exponential(3.0, size=shape)

    return make


def _percentage(ndim):
    def make(rng):
        shape = _shape(ndim)
        y_true = _signs(rng, shape) * rng.uniform(0.5, 3.0, size=shape)
        step = _signs(rng, shape) * rng.uniform(0.1, 0.8, size=shape)
        return y_true, y_true + step

    return make


def _huber(ndim, delta):
    def make(rng):
        shape = _shape(ndim)
        y_true = rng.normal(size=shape)
        size = _away_from(rng, shape, 0.05, 2.5 * delta, delta, 0.1 * delta)
        return y_true, y_true + _signs(rng, shape) * size

    return make


def _binary(ndim, form, soft=False):
    def make(rng):
        shape = _shape(ndim)
        if soft:
            y_true = rng.uniform(0.1, 0.9, size=shape)
        else:
            y_true = (rng.uniform(size=shape) < 0.5).astype(float)
        if form == "logits":
            return y_true, rng.normal(0.0, 2.0, size=shape)
        return y_true, rng.uniform(0.1, 0.9, size=shape)

    return make


def _binary_perfect(form, soft=False):
    def perfect(y_true):
        if form == "probabilities":
            return y_true.copy()
        if soft:
            return np.log(y_true / (1 - y_true))
        return 50.0 * (2 * y_true - 1)

    return perfect


def _smooth_binary(smoothing):
    """The smoothed targets, their best predictions and the smallest loss."""

    def targets(y_true):
        return y_true * (1 - smoothing) + 0.5 * smoothing

    def perfect_for(form):
        return lambda y_true: _binary_perfect(form, soft=True)(targets(y_true))

    return perfect_for, lambda y_true: _binary_entropy(targets(y_true))


def _categorical(form, soft=False):
    def make(rng):
        if soft:
            y_true = _distributions(rng)
        else:
            y_true = _one_hot(rng.integers(0, N_CLASSES, N_SAMPLES))
        if form == "logits":
            return y_true, rng.normal(0.0, 2.0, size=(N_SAMPLES, N_CLASSES))
        return y_true, _distributions(rng)

    return make


def _categorical_perfect(form, soft=False):
    def perfect(y_true):
        if form == "probabilities":
            return y_true.copy()
        return np.log(y_true) if soft else 50.0 * y_true

    return perfect


def _smooth_rows(smoothing, sparse=False):
    """Smoothed one-hot (or soft) rows, their best predictions, the smallest loss."""

    def targets(y_true):
        rows = _one_hot(y_true) if sparse else y_true
        return rows * (1 - smoothing) + smoothing / N_CLASSES

    def perfect_for(form):
        return lambda y_true: _categorical_perfect(form, soft=True)(targets(y_true))

    return perfect_for, lambda y_true: _entropy(targets(y_true))


def _sparse(form):
    def make(rng):
        labels = rng.integers(0, N_CLASSES, N_SAMPLES)
        if form == "logits":
            return labels, rng.normal(0.0, 2.0, size=(N_SAMPLES, N_CLASSES))
        return labels, _distributions(rng)

    return make


def _sparse_perfect(form):
    def perfect(labels):
        return _one_hot(labels) * (1.0 if form == "probabilities" else 50.0)

    return perfect


def _kl(rng):
    return _distributions(rng), _distributions(rng)


def _hinge(ndim, zero_one=False):
    def make(rng):
        shape = _shape(ndim)
        signs = _signs(rng, shape)
        margins = _away_from(rng, shape, -1.5, 2.5, 1.0, 0.1)
        y_true = (signs + 1) / 2 if zero_one else signs
        return y_true, signs * margins

    return make


def _hinge_perfect(zero_one=False):
    def perfect(y_true):
        return 2.0 * (2 * y_true - 1 if zero_one else y_true)

    return perfect


def _regression_cases(loss, make_for_ndim, **options):
    return [
        Case(f"{loss.__name__}-{ndim}d", loss, make_for_ndim(ndim), np.copy, options=options)
        for ndim in (1, 2)
    ]


CASES = [
    *_regression_cases(lossutils.mean_squared_error, _regression),
    *_regression_cases(lossutils.mean_absolute_error, _regression),
    *_regression_cases(lossutils.mean_squared_logarithmic_error, _log_regression),
    *_regression_cases(lossutils.mean_absolute_percentage_error, _percentage),
    *_regression_cases(lossutils.huber, lambda ndim: _huber(ndim, 1.0)),
    Case("huber-delta0.3", lossutils.huber, _huber(1, 0.3), np.copy, options={"delta": 0.3}),
]
for _form in ("probabilities", "logits"):
    _logits = {"from_logits": _form == "logits"}
    CASES += [
        *(
            Case(
                f"binary_cross_entropy-{ndim}d-{_form}",
                lossutils.binary_cross_entropy,
                _binary(ndim, _form),
                _binary_perfect(_form),
                options=_logits,
            )
            for ndim in (1, 2)
        ),
        Case(
            f"binary_cross_entropy-soft-{_form}",
            lossutils.binary_cross_entropy,
            _binary(2, _form, soft=True),
            _binary_perfect(_form, soft=True),
            minimum=_binary_entropy,
            options=_logits,
        ),
        Case(
            f"categorical_cross_entropy-onehot-{_form}",
            lossutils.categorical_cross_entropy,
            _categorical(_form),
            _categorical_perfect(_form),
            options=_logits,
            simplex=_form == "probabilities",
        ),
        Case(
            f"categorical_cross_entropy-soft-{_form}",
            lossutils.categorical_cross_entropy,
            _categorical(_form, soft=True),
            _categorical_perfect(_form, soft=True),
            minimum=_entropy,
            options=_logits,
            simplex=_form == "probabilities",
        ),
        Case(
            f"sparse_categorical_cross_entropy-{_form}",
            lossutils.sparse_categorical_cross_entropy,
            _sparse(_form),
            _sparse_perfect(_form),
            options=_logits,
            simplex=_form == "probabilities",
        ),
    ]
    _smoothed = {**_logits, "label_smoothing": 0.2}
    for _ndim in (1, 2):
        _perfect_for, _minimum = _smooth_binary(0.2)
        CASES.append(
            Case(
                f"binary_cross_entropy-{_ndim}d-{_form}-smoothed",
                lossutils.binary_cross_entropy,
                _binary(_ndim, _form),
                _perfect_for(_form),
                minimum=_minimum,
                options=_smoothed,
            )
        )
    for _id, _loss, _make, _sparse_targets in (
        ("categorical_cross_entropy-onehot", lossutils.categorical_cross_entropy,
         _categorical(_form), False),
        ("categorical_cross_entropy-soft", lossutils.categorical_cross_entropy,
         _categorical(_form, soft=True), False),
        ("sparse_categorical_cross_entropy", lossutils.sparse_categorical_cross_entropy,
         _sparse(_form), True),
    ):
        _perfect_for, _minimum = _smooth_rows(0.2, sparse=_sparse_targets)
        CASES.append(
            Case(
                f"{_id}-{_form}-smoothed",
                _loss,
                _make,
                _perfect_for(_form),
                minimum=_minimum,
                options=_smoothed,
                simplex=_form == "probabilities",
            )
        )
    for _ndim, _focal in ((1, {}), (2, {}), (1, {"gamma": 0.5, "alpha": 0.25}), (1, {"gamma": 0.0})):
        CASES.append(
            Case(
                f"binary_focal_cross_entropy-{_ndim}d-{_form}-"
                + ("-".join(f"{k}{v}" for k, v in _focal.items()) or "default"),
                lossutils.binary_focal_cross_entropy,
                _binary(_ndim, _form),
                _binary_perfect(_form),
                options={**_logits, **_focal},
            )
        )
CASES += [
    Case("kl_divergence", lossutils.kl_divergence, _kl, np.copy, simplex=True),
    *(
        Case(f"{loss.__name__}-{ndim}d", loss, _hinge(ndim), _hinge_perfect())
        for loss in (lossutils.hinge, lossutils.squared_hinge)
        for ndim in (1, 2)
    ),
    *(
        Case(
            f"{loss.__name__}-zero-one",
            loss,
            _hinge(1, zero_one=True),
            _hinge_perfect(zero_one=True),
        )
        for loss in (lossutils.hinge, lossutils.squared_hinge)
    ),
]


def _multiclass_scores(rng):
    """Scores whose best wrong class is clear (no near-ties) and whose margins
    stay away from the kink at 1."""
    labels = rng.integers(0, N_CLASSES, N_SAMPLES)
    scores = np.empty((N_SAMPLES, N_CLASSES))
    for row, label in enumerate(labels):
        wrong = rng.permutation(np.arange(N_CLASSES - 1) * 0.7) + rng.uniform(-1, 1)
        scores[row, np.arange(N_CLASSES) != label] = wrong
        margin = _away_from(rng, (), -1.5, 2.5, 1.0, 0.1)
        scores[row, label] = wrong.max() + margin
    return labels, scores


CASES.append(
    Case(
        "multiclass_hinge",
        lossutils.multiclass_hinge,
        _multiclass_scores,
        lambda labels: 2.0 * _one_hot(labels),
    )
)


def _brier(n_classes):
    def make(rng):
        labels = rng.integers(0, max(n_classes, 2), N_SAMPLES)
        if n_classes == 1:
            return labels, rng.uniform(0.1, 0.9, N_SAMPLES)
        logits = rng.normal(size=(N_SAMPLES, n_classes))
        return labels, lossutils.softmax(logits)

    return make


def _brier_perfect(n_classes):
    def perfect(labels):
        if n_classes == 1:
            return labels.astype(float)
        return np.eye(n_classes)[labels]

    return perfect


CASES += [
    Case(
        f"brier_score-{'binary' if k == 1 else f'{k}-columns'}",
        lossutils.brier_score,
        _brier(k),
        _brier_perfect(k),
        simplex=k > 1,
    )
    for k in (1, 2, N_CLASSES)
]


def _counts(ndim, form):
    def make(rng):
        shape = _shape(ndim)
        counts = rng.poisson(3.0, size=shape).astype(float)
        if form == "logits":
            return counts, rng.normal(1.0, 0.5, size=shape)
        return counts, rng.uniform(0.5, 6.0, size=shape)

    return make


def _counts_perfect(form):
    """The rate y, or nearly 0 (a tiny rate, a very negative log-rate) for y = 0."""

    def perfect(counts):
        if form == "logits":
            return np.log(np.where(counts > 0, counts, np.exp(-700.0)))
        return np.where(counts > 0, counts, 1e-300)

    return perfect


def _counts_minimum(full):
    """y - y log y (0 log 0 = 0), plus log y! for the full likelihood."""

    def minimum(counts):
        safe = np.where(counts > 0, counts, 1.0)
        smallest = counts - counts * np.log(safe)
        if full:
            smallest = smallest + np.vectorize(lambda y: math.lgamma(y + 1))(counts)
        return smallest.mean(axis=1) if smallest.ndim == 2 else smallest

    return minimum


for _form in ("probabilities", "logits"):
    for _ndim, _full in ((1, False), (2, False), (1, True)):
        CASES.append(
            Case(
                f"poisson_nll-{_ndim}d-{'rates' if _form == 'probabilities' else 'log-rates'}"
                + ("-full" if _full else ""),
                lossutils.poisson_nll,
                _counts(_ndim, _form),
                _counts_perfect(_form),
                _counts_minimum(_full),
                options={"from_logits": _form == "logits", "full": _full},
            )
        )


def _gaussian(rng):
    y_true = rng.normal(size=N_SAMPLES)
    mean = y_true + _signs(rng, N_SAMPLES) * rng.uniform(0.1, 0.8, size=N_SAMPLES)
    log_var = rng.uniform(-1.5, 1.5, size=N_SAMPLES)
    return y_true, np.column_stack([mean, log_var])


def _gaussian_perfect(y_true):
    """The exact mean with the smallest variance the loss allows."""
    low = lossutils.likelihood.LOG_VARIANCE_RANGE[0]
    return np.column_stack([y_true, np.full(y_true.shape[0], low)])


def _gaussian_minimum(y_true):
    # A log-density: its minimum is negative, 0.5 (log(2 pi) + s_min).
    low = lossutils.likelihood.LOG_VARIANCE_RANGE[0]
    return np.full(y_true.shape[0], 0.5 * (np.log(2 * np.pi) + low))


CASES.append(
    Case("gaussian_nll", lossutils.gaussian_nll, _gaussian, _gaussian_perfect, _gaussian_minimum)
)


def _laplace(rng):
    y_true = rng.normal(size=N_SAMPLES)
    location = y_true + _signs(rng, N_SAMPLES) * rng.uniform(0.1, 0.8, size=N_SAMPLES)
    log_scale = rng.uniform(-1.5, 1.5, size=N_SAMPLES)
    return y_true, np.column_stack([location, log_scale])


def _laplace_perfect(y_true):
    """The exact location with the smallest scale the loss allows."""
    low = lossutils.likelihood.LOG_SCALE_RANGE[0]
    return np.column_stack([y_true, np.full(y_true.shape[0], low)])


def _laplace_minimum(y_true):
    low = lossutils.likelihood.LOG_SCALE_RANGE[0]
    return np.full(y_true.shape[0], np.log(2) + low)


CASES.append(
    Case("laplace_nll", lossutils.laplace_nll, _laplace, _laplace_perfect, _laplace_minimum)
)

CASE_IDS = [case.id for case in CASES]
assert len(set(CASE_IDS)) == len(CASE_IDS), "case ids must be unique"

# One case per loss and form (options, and 1-D or 2-D predictions), for the
# input-validation tests.
FIRST_CASES = list(
    {
        (case.name, str(case.options), case.draw()[1].ndim): case for case in reversed(CASES)
    }.values()
)
