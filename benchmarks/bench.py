"""Time lossutils against scikit-learn and against the floor; write RESULTS.md.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench.py``). Every
comparison runs in this one process, the two sides interleaved (A, B, A, B,
...) after a warm-up of each, and reports the ratio of the medians:
lossutils time / reference time, so lower is better.

The floor of a loss of ``(y_true, y_pred)`` is one ``np.sum`` over each input
array: the time of ``np.sum(y_true) + np.sum(y_pred)``, reading every input
once. For the multi-class cross-entropy from logits the reference is one
``scipy.special.logsumexp(logits, axis=1)`` over the same logits.

The losses from logits also have a transcendental floor, timed in the same
interleaved run: binary cross-entropy against one ``np.exp`` and one
``np.log1p`` pass over its n logits, the categorical cross-entropies and
``softmax`` against one ``np.exp`` pass over their (n, k) logits. ``softmax``'s
memory is its peak allocation (``tracemalloc``) over the size of its output.

``--check`` exits with status 1 when a goal is missed; without it the run
always exits 0 (timings on a shared machine are noisy), printing MISS lines.
``--statistic min`` summarises each side's samples by their minimum instead
of their median: on a machine busy with other work, preemption only ever adds
time, and more of it to the longer of two functions, so the minimum is then
the better estimate of what the code itself costs.
"""

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import scipy
import scipy.special
import sklearn
from sklearn import metrics
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

import lossutils
from lossutils import naive
from lossutils.nn import MLP, SGD

SIZES = (10**3, 10**5, 10**6)
LOOP_SIZES = (10**3, 10**4)
N_CLASSES = 10
SEED = 0
# Each timed sample repeats a call until it has run at least this long, so
# microsecond calls at n = 1e3 are not lost in the timer's noise.
MIN_SAMPLE_SECONDS = 0.002
RESULTS = Path(__file__).with_name("RESULTS.md")
DEFAULT_REPEATS = 7
STATISTICS = {"median": statistics.median, "min": min}
# Set from --statistic in main().
STATISTIC = "median"


def _per_call(fn, number):
    start = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - start) / number


def _calls_per_sample(fn):
    once = _per_call(fn, 1)
    return max(1, int(MIN_SAMPLE_SECONDS / max(once, 1e-9)))


def compare(repeats, *fns):
    """Seconds per call of each of ``fns`` (the median, or the minimum with
    ``--statistic min``, of its samples), timed in turn (A, B, A, B, ...)."""
    for fn in fns:
        fn()  # warm-up: caches, lazy imports, first-touch pages
    numbers = [_calls_per_sample(fn) for fn in fns]
    times = [[] for _ in fns]
    for _ in range(repeats):
        for fn, number, samples in zip(fns, numbers, times):
            samples.append(_per_call(fn, number))
    return [STATISTICS[STATISTIC](samples) for samples in times]


def floor_of(*arrays):
    """The floor: one reduction over each input array."""
    def read_once():
        for array in arrays:
            np.sum(array)
    return read_once


def exp_log1p_floor(logits):
    """The transcendental floor of binary cross-entropy from logits."""
    def passes():
        values = np.exp(logits)
        np.log1p(values, out=values)
    return passes


def exp_floor(logits):
    """The transcendental floor of the categorical cross-entropies from logits."""
    return lambda: np.exp(logits)


def make_inputs(n, rng):
    """Inputs for every loss at n samples (k = N_CLASSES for multi-class)."""
    labels = rng.integers(0, N_CLASSES, n)
    logits = rng.normal(size=(n, N_CLASSES))
    proba = scipy.special.softmax(logits, axis=1)
    binary = (rng.random(n) < 0.5).astype(np.float64)
    return {
        "y_true": rng.normal(size=n),
        "y_pred": rng.normal(size=n),
        "positive_true": rng.lognormal(size=n),
        "positive_pred": rng.lognormal(size=n),
        "binary": binary,
        "p": rng.uniform(0.01, 0.99, n),
        "z": rng.normal(size=n),
        "signs": 2 * binary - 1,
        "labels": labels,
        "onehot": np.eye(N_CLASSES)[labels],
        "logits": logits,
        "proba": proba,
        "soft": scipy.special.softmax(rng.normal(size=(n, N_CLASSES)), axis=1),
        "mean_logvar": rng.normal(size=(n, 2)),
        "counts": rng.poisson(3.0, size=n).astype(np.float64),
        "rates": rng.uniform(0.5, 6.0, size=n),
    }


def _log_loss_binary(data):
    return lambda: metrics.log_loss(data["binary"], data["p"])


def _log_loss_multiclass(data):
    classes = np.arange(N_CLASSES)
    return lambda: metrics.log_loss(data["labels"], data["proba"], labels=classes)


def _hinge_loss_multiclass(data):
    classes = np.arange(N_CLASSES)
    return lambda: metrics.hinge_loss(data["labels"], data["logits"], labels=classes)


def _brier_multiclass(data):
    classes = np.arange(N_CLASSES)
    return lambda: metrics.brier_score_loss(data["labels"], data["proba"], labels=classes)


# name, lossutils loss, keyword options, (y_true key, y_pred key),
# (scikit-learn's name, a factory of the scikit-learn call) or None.
CASES = [
    ("mean_squared_error", lossutils.mean_squared_error, {}, ("y_true", "y_pred"),
     ("mean_squared_error",
      lambda d: lambda: metrics.mean_squared_error(d["y_true"], d["y_pred"]))),
    ("mean_absolute_error", lossutils.mean_absolute_error, {}, ("y_true", "y_pred"),
     ("mean_absolute_error",
      lambda d: lambda: metrics.mean_absolute_error(d["y_true"], d["y_pred"]))),
    ("mean_squared_logarithmic_error", lossutils.mean_squared_logarithmic_error, {},
     ("positive_true", "positive_pred"),
     ("mean_squared_log_error",
      lambda d: lambda: metrics.mean_squared_log_error(d["positive_true"], d["positive_pred"]))),
    ("mean_absolute_percentage_error", lossutils.mean_absolute_percentage_error, {},
     ("positive_true", "positive_pred"),
     ("mean_absolute_percentage_error",
      lambda d: lambda: metrics.mean_absolute_percentage_error(
          d["positive_true"], d["positive_pred"]))),
    ("huber", lossutils.huber, {}, ("y_true", "y_pred"), None),
    ("binary_cross_entropy", lossutils.binary_cross_entropy, {}, ("binary", "p"),
     ("log_loss (binary)", _log_loss_binary)),
    ("binary_cross_entropy (logits)", lossutils.binary_cross_entropy,
     {"from_logits": True}, ("binary", "z"), None),
    ("categorical_cross_entropy", lossutils.categorical_cross_entropy, {},
     ("onehot", "proba"), ("log_loss (10 classes)", _log_loss_multiclass)),
    ("categorical_cross_entropy (logits)", lossutils.categorical_cross_entropy,
     {"from_logits": True}, ("onehot", "logits"), None),
    ("sparse_categorical_cross_entropy", lossutils.sparse_categorical_cross_entropy, {},
     ("labels", "proba"), ("log_loss (10 classes)", _log_loss_multiclass)),
    ("sparse_categorical_cross_entropy (logits)", lossutils.sparse_categorical_cross_entropy,
     {"from_logits": True}, ("labels", "logits"), None),
    ("kl_divergence", lossutils.kl_divergence, {}, ("soft", "proba"), None),
    ("binary_focal_cross_entropy", lossutils.binary_focal_cross_entropy, {},
     ("binary", "p"), None),
    ("binary_focal_cross_entropy (logits)", lossutils.binary_focal_cross_entropy,
     {"from_logits": True}, ("binary", "z"), None),
    ("hinge", lossutils.hinge, {}, ("signs", "z"),
     ("hinge_loss", lambda d: lambda: metrics.hinge_loss(d["signs"], d["z"]))),
    ("squared_hinge", lossutils.squared_hinge, {}, ("signs", "z"), None),
    ("multiclass_hinge", lossutils.multiclass_hinge, {}, ("labels", "logits"),
     ("hinge_loss (10 classes)", _hinge_loss_multiclass)),
    ("gaussian_nll", lossutils.gaussian_nll, {}, ("y_true", "mean_logvar"), None),
    ("laplace_nll", lossutils.laplace_nll, {}, ("y_true", "mean_logvar"), None),
    ("poisson_nll", lossutils.poisson_nll, {}, ("counts", "rates"), None),
    ("poisson_nll (log-rates)", lossutils.poisson_nll, {"from_logits": True},
     ("counts", "z"), None),
    ("brier_score", lossutils.brier_score, {}, ("binary", "p"),
     ("brier_score_loss (binary)",
      lambda d: lambda: metrics.brier_score_loss(d["binary"], d["p"]))),
    ("brier_score (10 classes)", lossutils.brier_score, {}, ("labels", "proba"),
     ("brier_score_loss (10 classes)", _brier_multiclass)),
]

# The multi-class cross-entropies from logits against one logsumexp, and
# against one np.exp pass over their logits.
LOGSUMEXP_CASES = (
    "categorical_cross_entropy (logits)",
    "sparse_categorical_cross_entropy (logits)",
)
# Binary cross-entropy from logits against one np.exp and one np.log1p pass.
EXP_LOG1P_CASES = ("binary_cross_entropy (logits)",)


def _covered():
    names = {case[1].__name__ for case in CASES}
    missing = set(lossutils.LOSSES) - names
    if missing:
        raise SystemExit(f"bench.py does not time {sorted(missing)}: add them to CASES.")


def bench_losses(repeats, rng, log):
    rows = []
    for n in SIZES:
        data = make_inputs(n, rng)
        for name, loss, options, (true_key, pred_key), sklearn_case in CASES:
            y_true, y_pred = data[true_key], data[pred_key]
            call = lambda: loss(y_true, y_pred, **options)  # noqa: E731
            grad = lambda: loss.grad(y_true, y_pred, **options)  # noqa: E731
            floor = floor_of(y_true, y_pred)
            row = {"n": n, "name": name}
            if sklearn_case is not None:
                row["reference"] = f"sklearn `{sklearn_case[0]}`"
                reference = sklearn_case[1](data)
            elif name in LOGSUMEXP_CASES:
                row["reference"] = "scipy `logsumexp(logits, axis=1)`"
                logits = data["logits"]
                reference = lambda: scipy.special.logsumexp(logits, axis=1)  # noqa: E731
            timed = [call, floor]
            if "reference" in row:
                timed.append(reference)
            if name in LOGSUMEXP_CASES:
                row["transcendental"] = "one `np.exp`"
                timed.append(exp_floor(y_pred))
            elif name in EXP_LOG1P_CASES:
                row["transcendental"] = "one `np.exp` + one `np.log1p`"
                timed.append(exp_log1p_floor(y_pred))
            times = compare(repeats, *timed)
            row["ms"], row["floor_ms"] = times[:2]
            if "reference" in row:
                row["reference_ms"] = times[2]
                row["ratio"] = row["ms"] / row["reference_ms"]
            if "transcendental" in row:
                row["transcendental_ms"] = times[-1]
            row["grad_ms"], row["grad_floor_ms"] = compare(repeats, grad, floor)
            rows.append(row)
            log(_loss_line(row))
    return rows


def _loss_line(row):
    line = (
        f"n={row['n']:>7} {row['name']:<42} {row['ms'] * 1e3:9.3f} ms  "
        f"x{row['ms'] / row['floor_ms']:6.2f} floor  grad {row['grad_ms'] * 1e3:9.3f} ms "
        f"x{row['grad_ms'] / row['grad_floor_ms']:6.2f} floor"
    )
    if "ratio" in row:
        line += f"  x{row['ratio']:5.2f} {row['reference']}"
    if "transcendental_ms" in row:
        line += f"  x{row['ms'] / row['transcendental_ms']:5.2f} {row['transcendental']}"
    return line


SOFTMAX_SHAPE = (10**5, N_CLASSES)


def bench_softmax(repeats, rng, log):
    """softmax over (1e5, 10) logits: time against np.exp, peak memory against its output."""
    logits = rng.normal(size=SOFTMAX_SHAPE)
    ms, exp_ms, scipy_ms = compare(
        repeats,
        lambda: lossutils.softmax(logits),
        exp_floor(logits),
        lambda: scipy.special.softmax(logits, axis=1),
    )
    lossutils.softmax(logits)
    tracemalloc.start()
    try:
        output = lossutils.softmax(logits)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    result = {"ms": ms, "exp_ms": exp_ms, "scipy_ms": scipy_ms,
              "peak_bytes": peak, "output_bytes": output.nbytes}
    log(f"softmax {SOFTMAX_SHAPE}: {ms * 1e3:.3f} ms, x{ms / exp_ms:.2f} one np.exp, "
        f"x{ms / scipy_ms:.2f} scipy softmax; peak memory x{peak / output.nbytes:.2f} its output")
    return result


def bench_loops(repeats, rng, log):
    """The source article's loops (on Python lists) against the vectorised losses."""
    rows = []
    for n in LOOP_SIZES:
        data = make_inputs(n, rng)
        cases = [
            ("`naive.article_mean_squared_error`", naive.article_mean_squared_error,
             lossutils.mean_squared_error, "y_true", "y_pred"),
            ("`naive.article_binary_cross_entropy` (a term missing)",
             naive.article_binary_cross_entropy, lossutils.binary_cross_entropy, "binary", "p"),
            ("`naive.binary_cross_entropy` (the corrected loop)", naive.binary_cross_entropy,
             lossutils.binary_cross_entropy, "binary", "p"),
            ("`naive.article_categorical_cross_entropy`",
             naive.article_categorical_cross_entropy, lossutils.categorical_cross_entropy,
             "onehot", "proba"),
        ]
        for name, loop, vectorised, true_key, pred_key in cases:
            y_true, y_pred = data[true_key], data[pred_key]
            true_list, pred_list = y_true.tolist(), y_pred.tolist()
            vector_s, loop_s = compare(
                repeats, lambda: vectorised(y_true, y_pred), lambda: loop(true_list, pred_list)
            )
            rows.append({"n": n, "name": name, "loop_ms": loop_s, "vector_ms": vector_s})
            log(f"n={n:>7} {name:<55} loop {loop_s * 1e3:9.3f} ms  "
                f"vectorised {vector_s * 1e3:7.3f} ms  x{loop_s / vector_s:7.1f} faster")
    return rows


FIT = {
    "layers": (2, 50, 1),
    "learning_rate": 0.01,
    "momentum": 0.9,
    "batch_size": 32,
    "epochs": 50,
    "n_samples": 500,
}


def bench_fit(repeats, rng, log):
    """One MLP fit against MLPClassifier with the same network and optimiser."""
    from sklearn.datasets import make_circles

    X, y = make_circles(n_samples=FIT["n_samples"], noise=0.1, random_state=SEED)

    def ours():
        model = MLP(FIT["layers"], hidden_activation="relu", output_activation="sigmoid",
                    seed=SEED)
        optimizer = SGD(learning_rate=FIT["learning_rate"], momentum=FIT["momentum"])
        model.fit(X, y, loss="binary_cross_entropy", optimizer=optimizer,
                  epochs=FIT["epochs"], batch_size=FIT["batch_size"])

    def theirs():
        classifier = MLPClassifier(
            hidden_layer_sizes=FIT["layers"][1:-1], activation="relu", solver="sgd",
            learning_rate="constant", learning_rate_init=FIT["learning_rate"],
            momentum=FIT["momentum"], nesterovs_momentum=False,
            batch_size=FIT["batch_size"], max_iter=FIT["epochs"], alpha=0.0,
            early_stopping=False, tol=0.0, n_iter_no_change=FIT["epochs"] + 1,
            shuffle=True, random_state=SEED,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            classifier.fit(X, y)
        assert classifier.n_iter_ == FIT["epochs"], classifier.n_iter_

    ours_s, theirs_s = compare(repeats, ours, theirs)
    log(f"fit: lossutils.nn {ours_s * 1e3:.1f} ms, MLPClassifier {theirs_s * 1e3:.1f} ms, "
        f"x{ours_s / theirs_s:.2f}")
    return {"ms": ours_s, "reference_ms": theirs_s, "ratio": ours_s / theirs_s}


def _row(rows, name, n=SIZES[-1]):
    return next(row for row in rows if row["name"] == name and row["n"] == n)


def evaluate_goals(loss_rows, fit, softmax):
    """The issues' goals: (description, measured ratio, limit)."""
    mse = _row(loss_rows, "mean_squared_error")
    goals = [
        ("MSE / sklearn `mean_squared_error`", mse["ratio"], 0.5),
        ("MSE / floor", mse["ms"] / mse["floor_ms"], 2.5),
        ("binary cross-entropy / sklearn `log_loss`",
         _row(loss_rows, "binary_cross_entropy")["ratio"], 0.25),
    ]
    for name in LOGSUMEXP_CASES:
        goals.append((f"{name} / `logsumexp`", _row(loss_rows, name)["ratio"], 1.5))
    goals.append(("`MLP.fit` / `MLPClassifier.fit`", fit["ratio"], 1.0))
    row = _row(loss_rows, EXP_LOG1P_CASES[0])
    goals.append((f"{row['name']} / one `np.exp` + one `np.log1p` pass over the logits",
                  row["ms"] / row["transcendental_ms"], 1.15))
    for name in LOGSUMEXP_CASES:
        row = _row(loss_rows, name, n=10**5)
        goals.append((f"{name} / one `np.exp` pass over the logits, n = 1e5 x {N_CLASSES}",
                      row["ms"] / row["transcendental_ms"], 1.5))
    goals.append((f"`softmax` peak memory / its output, 1e5 x {N_CLASSES}",
                  softmax["peak_bytes"] / softmax["output_bytes"], 1.5))
    return [(text, ratio, limit, ratio <= limit) for text, ratio, limit, in goals]


def _machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            cpu = next(line.split(":", 1)[1].strip() for line in cpuinfo
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{cpu}, {os.cpu_count()} logical CPUs (nproc {len(os.sched_getaffinity(0))}); "
            f"Python {platform.python_version()}, NumPy {np.__version__}, "
            f"SciPy {scipy.__version__}, scikit-learn {sklearn.__version__}")


def _size(n):
    return f"1e{len(str(n)) - 1}" if str(n).strip("0") == "1" else str(n)


def _ms(seconds):
    return f"{seconds * 1e3:.3f}"


def _load():
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "unknown"


def write_markdown(path, loss_rows, loop_rows, fit, softmax, goals, repeats, seconds, load):
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    options = [f"--statistic {STATISTIC}"] if STATISTIC != "median" else []
    options += [f"--repeats {repeats}"] if repeats != DEFAULT_REPEATS else []
    command = f"make bench BENCH_ARGS='{' '.join(options)}'" if options else "make bench"
    lines = [
        "# lossutils benchmarks",
        "",
        f"Written by `{command}` (`benchmarks/bench.py`) on {now}, in {seconds:.0f} s.",
        f"Machine: {_machine()}. Load average over the last minute (all processes): "
        f"{load} at the start, {_load()} at the end.",
        "Run it again with `make bench`; `make bench BENCH_ARGS=--check` also exits with "
        "status 1 when a goal is missed (plain `make bench` reports a MISS and exits 0).",
        "",
        f"Each number is the {'median' if STATISTIC == 'median' else 'minimum'} of {repeats} "
        "timed samples; the two sides of each ratio run "
        "interleaved (A, B, A, B, ...) in one process after one warm-up call each, timed with "
        "`time.perf_counter`. A sample repeats the call until it lasts at least "
        f"{MIN_SAMPLE_SECONDS * 1e3:.0f} ms and reports the time per call. "
        "**Ratio = lossutils time / reference time: lower is better.** "
        "The machine may be shared, so expect ratios to move by 10-20 % between runs.",
        "",
        "- **floor**: one `np.sum` over each input array, the time of "
        "`np.sum(y_true) + np.sum(y_pred)`: reading the inputs once. No loss can be "
        "computed without reading its inputs, so this is the physical lower bound.",
        "- **logsumexp**: for the multi-class cross-entropy from logits, one "
        "`scipy.special.logsumexp(logits, axis=1)` over the same (n, 10) logits.",
        "- **transcendental floor** of the losses from logits, the exponentials and "
        "logarithms they cannot avoid: for binary cross-entropy one `np.exp` and one "
        "`np.log1p` pass over its n logits (`e = np.exp(z); np.log1p(e, out=e)`), for the "
        "categorical cross-entropies and `softmax` one `np.exp` pass over their (n, 10) logits.",
        "- Inputs (float64, seed 0): normal targets and predictions; probabilities in "
        "[0.01, 0.99] with 0/1 labels; 10 classes, probabilities = softmax of normal logits; "
        "hinge labels in {-1, 1} with normal decision values.",
        "- How lossutils keeps close to the floor: each loss is computed over blocks of "
        "about 32,000 numbers (`reduce_blockwise` and `apply_blockwise` in "
        "`lossutils/_validation.py`), so its temporaries stay in the CPU cache instead of "
        "costing fresh memory per call; input checks are single passes (a min, a max, a sum). "
        "NumPy's own `max` and `sum` along short rows cost several times an `np.exp` of the "
        "whole array, so the cross-entropies from logits copy each block of rows of up to 32 "
        "classes transposed, to (classes, rows), and take the row maxima, the shift, the "
        "exponentials and the row sums as passes over long contiguous rows of the copy "
        "(`_transposed_shift`, `_column_sums_in_place` in `lossutils/activations.py`). The "
        "results are bit for bit those of the plain expressions, except the categorical "
        "cross-entropy with soft targets, within a few units in the last place "
        "(`tests/test_speed.py`).",
        "",
        "## Goals",
        "",
        "At n = 1e6 unless the goal says otherwise (the categorical cross-entropies' "
        "transcendental goals are at n = 1e5 rows of 10 classes).",
        "",
        "| goal | measured | limit | result |",
        "| --- | ---: | ---: | --- |",
    ]
    for text, ratio, limit, passed in goals:
        lines.append(f"| {text} | {ratio:.2f}x | {limit:.2f}x | "
                     f"{'PASS' if passed else '**MISS**'} |")
    lines += [
        "",
        "## Losses against scikit-learn and the floor",
        "",
        "| n | loss | lossutils ms | reference | reference ms | ratio | floor ms | / floor |",
        "| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for row in loss_rows:
        reference = ("| {reference} | {ms} | {ratio:.2f}x ".format(
            reference=row["reference"], ms=_ms(row["reference_ms"]), ratio=row["ratio"])
            if "reference" in row else "| - | - | - ")
        lines.append(
            f"| {_size(row['n'])} | {row['name']} | {_ms(row['ms'])} {reference}"
            f"| {_ms(row['floor_ms'])} | {row['ms'] / row['floor_ms']:.2f}x |"
        )
    lines += [
        "",
        "## From logits against the transcendental floor",
        "",
        "What a loss computes beyond the transcendental passes, each a pass of NumPy over "
        "the data (times profiled with `time.perf_counter` on 1e6 numbers in cache, on the "
        "machine above): binary cross-entropy checks its targets (one pass, about 0.08 ms), "
        "computes u = z y, u - z and min(u - z, u) (which is -(max(z, 0) - z y), exactly), "
        "-|z| by setting the sign bit, the difference of the two terms and its total (each "
        "0.1-0.25 ms) besides `np.exp` and `np.log1p` (about 0.55 and 0.6 ms), so about "
        "1.0 ms over a floor of about 1.2 ms. The categorical cross-entropies copy each block "
        "transposed (about 0.4 ms per 1e6 logits: with the `np.exp` pass alone that is already "
        "about 1.6x the floor), then take the row maxima (0.13 ms), the shift (0.2 ms), the "
        "targets' logits (0.2 ms) and the row sums and their logs (0.3 ms); the one-hot form "
        "also reads and checks a second (n, 10) array (non-negative, rows summing to one) and "
        "weights it with `einsum`. NumPy cannot fuse these passes into the exponential's, so "
        "the transcendental goals would need a fused, compiled kernel, which the package's "
        "NumPy-only rule excludes. Passes could be saved by splitting the total into separate "
        "sums (sum(max(z, 0)) - z . y, or logsumexp minus sum(t z)), but that gives up "
        "cancellations that are exact sample by sample: for confident right predictions the "
        "error would be eps times the logits' size, not eps times the loss.",
        "",
        "| n | loss | lossutils ms | transcendental floor | floor ms | ratio |",
        "| ---: | --- | ---: | --- | ---: | ---: |",
    ]
    for row in loss_rows:
        if "transcendental_ms" in row:
            lines.append(
                f"| {_size(row['n'])} | {row['name']} | {_ms(row['ms'])} | "
                f"{row['transcendental']} | {_ms(row['transcendental_ms'])} | "
                f"{row['ms'] / row['transcendental_ms']:.2f}x |"
            )
    rows, classes = SOFTMAX_SHAPE
    lines += [
        "",
        f"`softmax` of ({_size(rows)}, {classes}) logits: {_ms(softmax['ms'])} ms, "
        f"{softmax['ms'] / softmax['exp_ms']:.2f}x one `np.exp` pass ({_ms(softmax['exp_ms'])} "
        f"ms) and {softmax['ms'] / softmax['scipy_ms']:.2f}x `scipy.special.softmax` "
        f"({_ms(softmax['scipy_ms'])} ms). Its peak allocation is "
        f"{softmax['peak_bytes'] / softmax['output_bytes']:.2f}x its output "
        f"({softmax['output_bytes'] / 1e6:.1f} MB): besides the output, only the "
        "temporaries of one block of rows (it works through the rows a cache-sized block at a "
        "time, in place in the output); any temporary of the logits' size would make it at "
        "least 2x.",
        "",
        "## Gradients against the floor",
        "",
        "scikit-learn has no gradient functions; `loss.grad` returns a new array of the "
        "shape of `y_pred`, so it also writes n (or n x k) numbers.",
        "",
        "| n | loss | `.grad` ms | floor ms | / floor |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    for row in loss_rows:
        lines.append(
            f"| {_size(row['n'])} | {row['name']} | {_ms(row['grad_ms'])} | "
            f"{_ms(row['grad_floor_ms'])} | {row['grad_ms'] / row['grad_floor_ms']:.2f}x |"
        )
    lines += [
        "",
        "## The source article's loops against the vectorised losses",
        "",
        "The loops run on Python lists, as in the article; the vectorised losses on arrays "
        "(with every input check).",
        "",
        "| n | loop | loop ms | vectorised ms | loop / vectorised |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    for row in loop_rows:
        lines.append(
            f"| {_size(row['n'])} | {row['name']} | {_ms(row['loop_ms'])} | "
            f"{_ms(row['vector_ms'])} | {row['loop_ms'] / row['vector_ms']:.0f}x |"
        )
    lines += [
        "",
        "## Training: `lossutils.nn` against `MLPClassifier`",
        "",
        f"`make_circles(n_samples={FIT['n_samples']}, noise=0.1)`; both a 2-50-1 network, ReLU, "
        f"plain SGD with learning rate {FIT['learning_rate']} and momentum {FIT['momentum']} "
        f"(no Nesterov), batch {FIT['batch_size']}, {FIT['epochs']} epochs, shuffled, no "
        "regularisation (`alpha=0`), no early stopping (`tol=0`). `MLP.fit` also evaluates "
        "the loss on the whole training set after every epoch (its history); "
        "`MLPClassifier` records the mean batch loss.",
        "",
        "| lossutils ms | MLPClassifier ms | ratio |",
        "| ---: | ---: | ---: |",
        f"| {fit['ms'] * 1e3:.1f} | {fit['reference_ms'] * 1e3:.1f} | {fit['ratio']:.2f}x |",
        "",
    ]
    path.write_text("\n".join(lines))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=DEFAULT_REPEATS,
                        help=f"timed samples per side (at least 5; default {DEFAULT_REPEATS})")
    parser.add_argument("--check", action="store_true",
                        help="exit with status 1 if a goal is missed")
    parser.add_argument("--output", type=Path, default=RESULTS,
                        help=f"the markdown table to write (default {RESULTS.name})")
    parser.add_argument("--statistic", choices=sorted(STATISTICS), default="median",
                        help="summarise each side's samples by their median (default) or, "
                             "on a busy machine, their minimum")
    args = parser.parse_args(argv)
    global STATISTIC
    STATISTIC = args.statistic
    if args.repeats < 5:
        parser.error("--repeats must be at least 5")
    _covered()

    def log(line):
        print(line, flush=True)

    started = time.perf_counter()
    load = _load()
    rng = np.random.default_rng(SEED)
    log(_machine())
    loss_rows = bench_losses(args.repeats, rng, log)
    loop_rows = bench_loops(args.repeats, rng, log)
    fit = bench_fit(args.repeats, rng, log)
    softmax = bench_softmax(args.repeats, rng, log)
    goals = evaluate_goals(loss_rows, fit, softmax)
    seconds = time.perf_counter() - started
    write_markdown(args.output, loss_rows, loop_rows, fit, softmax, goals, args.repeats,
                   seconds, load)
    log("")
    for text, ratio, limit, passed in goals:
        log(f"{'PASS' if passed else 'MISS'}  {text}: {ratio:.2f}x (limit {limit:.2f}x)")
    log(f"Wrote {args.output} in {seconds:.0f} s.")
    if args.check and not all(goal[-1] for goal in goals):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
