"""Private helpers shared by every loss: input checks, reductions, gradients.

Each check costs at most one cheap pass over the data (a sum, a min or a max)
and only looks element by element once something is known to be wrong, so
that the error message can name the argument and the first offending index.
No helper ever writes into an array it was given.
"""

import math
import numbers

import numpy as np

REDUCTIONS = ("mean", "sum", "none")


def with_gradient(grad):
    """Attach ``grad`` to the decorated loss as its ``.grad`` attribute."""

    def attach(loss):
        loss.grad = grad
        grad.__qualname__ = f"{loss.__name__}.grad"
        return loss

    return attach


def check_reduction(reduction):
    if not (isinstance(reduction, str) and reduction in REDUCTIONS):
        raise ValueError(
            f"reduction must be one of 'mean', 'sum' or 'none'; got {reduction!r}."
        )


def check_flag(value, name):
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {value!r}.")


def check_from_logits(from_logits):
    check_flag(from_logits, "from_logits")


def check_number(value, name, low, high, requirement):
    """``value`` as a float in ``[low, high]``, or an error naming ``name``.

    A TypeError for anything but a real number (booleans included), a
    ValueError for nan, infinity or a number outside the interval;
    ``requirement`` completes "{name} must be ...".
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {requirement}; got {value!r}.")
    if not (math.isfinite(value) and low <= value <= high):
        raise ValueError(f"{name} must be {requirement}; got {value!r}.")
    return float(value)


def as_numeric_array(x, name):
    """``x`` as a non-empty real ndarray (integer and bool dtypes kept)."""
    try:
        array = np.asarray(x)
    except ValueError:
        raise ValueError(
            f"{name} is ragged: its rows have different lengths. "
            "Pass a rectangular array (every row the same length)."
        ) from None
    kind = array.dtype.kind
    if kind == "c":
        raise TypeError(
            f"{name} must be real-valued; got complex numbers (dtype {array.dtype}). "
            "Pass np.real(...) or np.abs(...) of it."
        )
    if kind in "US":
        raise TypeError(
            f"{name} must be numeric; got strings (dtype {array.dtype}). "
            "Convert them to numbers first (class names to integers 0, ..., k-1)."
        )
    if kind not in "biuf":
        raise TypeError(f"{name} must be numeric; got an array of dtype {array.dtype}.")
    if array.size == 0:
        raise ValueError(f"{name} is empty (shape {array.shape}); pass at least one sample.")
    return array


def as_float_array(x, name):
    """``x`` as a non-empty float ndarray; a float input is not copied."""
    array = as_numeric_array(x, name)
    if array.dtype.kind != "f":
        array = array.astype(np.float64)
    return array


def check_ndim(array, name, ndims, shapes, hint=""):
    if array.ndim not in ndims:
        raise ValueError(
            f"{name} must have shape {shapes}; got shape {array.shape}.{hint}"
        )


def check_same_shape(y_true, y_pred, hint=""):
    if y_true.shape == y_pred.shape:
        return
    short, long = sorted((y_true.shape, y_pred.shape), key=len)
    if len(short) == 1 and long == short + (1,):
        hint = (
            " Flatten the (n, 1) one with .ravel(): mixed, they would broadcast "
            "to an (n, n) array."
        )
    raise ValueError(
        f"y_true and y_pred must have the same shape; got {y_true.shape} and "
        f"{y_pred.shape}.{hint}"
    )


def _index(shape, flat_index):
    position = np.unravel_index(flat_index, shape)
    if len(position) == 1:
        return str(int(position[0]))
    return "(" + ", ".join(str(int(i)) for i in position) + ")"


def raise_first(bad, array, name, problem, hint=""):
    """Raise a ValueError naming the first element of ``array`` where ``bad``."""
    flat_index = int(np.argmax(bad))
    value = array.reshape(-1)[flat_index]
    where = _index(array.shape, flat_index)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite; found {value} at index {where}.")
    raise ValueError(f"{problem}; found {float(value):.6g} at index {where}.{hint}")


def check_finite(array, name):
    """Raise if ``array`` holds nan or infinity (one sum, then a precise look)."""
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(np.sum(array)):
            return
    bad = ~np.isfinite(array)
    if bad.any():
        raise_first(bad, array, name, "")


def check_result(value, arrays):
    """Return ``value``; if it is not finite, report the non-finite input.

    ``arrays`` maps argument names to the inputs ``value`` was computed from.
    Finite inputs whose loss overflows keep their (infinite) value.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        total = value if isinstance(value, float) else np.sum(value)
    if not np.isfinite(total):
        for name, array in arrays.items():
            check_finite(array, name)
    return value


def _bits(array):
    """A float array's bit patterns, as unsigned integers of its item size."""
    return array.view(np.dtype(f"u{array.dtype.itemsize}"))


def negative_abs(x):
    """``-np.abs(x)`` of a float array, in one pass: x with its sign bit set."""
    result = np.empty_like(x)
    sign = _bits(np.array(-0.0, dtype=x.dtype))
    np.bitwise_or(_bits(x), sign, out=_bits(result))
    return result


def _within_zero_and(array, high):
    """Whether a float array lies in [+0, high], for high >= 0, in one pass.

    Read as unsigned integers, the bit patterns of non-negative floats are
    ordered as the floats are, and every negative number (-0.0 included)
    and every nan reads as larger than the pattern of ``high``.
    """
    limit = _bits(np.array(high, dtype=array.dtype))
    return bool(_bits(array).max() <= limit)


def check_interval(array, name, low, high, problem, hint=""):
    """Raise unless every element lies in ``[low, high]`` (nan included)."""
    if low == 0 and high >= 0 and array.dtype.kind == "f":
        if _within_zero_and(array, high):
            return
    elif array.min() >= low and array.max() <= high:
        return
    bad = ~((array >= low) & (array <= high))
    if bad.any():  # the one-pass test also turns away -0.0
        raise_first(bad, array, name, problem, hint)


def check_probabilities(y_pred, hint):
    check_interval(
        y_pred, "y_pred", 0, 1, "y_pred must hold probabilities in [0, 1]", hint
    )


def check_labels(labels, n_classes, problem=None):
    """Class labels in ``0, ..., n_classes - 1`` as an intp array, or a ValueError.

    ``labels`` is numeric; floats must hold whole numbers. ``problem`` is the
    message's first part, by default one that names ``y_pred``'s columns.
    """
    if problem is None:
        problem = (
            f"y_true must hold integer class labels 0, ..., {n_classes - 1} "
            f"(y_pred has {n_classes} columns)"
        )
    if not (labels.min() >= 0 and labels.max() <= n_classes - 1):
        raise_first(~((labels >= 0) & (labels <= n_classes - 1)), labels, "y_true", problem)
    if labels.dtype.kind == "f":
        fractional = labels != np.floor(labels)
        if fractional.any():
            raise_first(fractional, labels, "y_true", problem)
    return labels.astype(np.intp)


def check_rows_sum_to_one(array, problem, hint=""):
    """Raise unless every row sums to one within sqrt(eps); return the sums."""
    # einsum: NumPy's sum along short rows is several times slower.
    sums = np.einsum("ij->i", array)
    tolerance = math.sqrt(np.finfo(array.dtype).eps)
    off = ~(np.abs(sums - 1) <= tolerance)
    if off.any():
        row = int(np.argmax(off))
        raise ValueError(
            f"{problem}; row {row} sums to {float(sums[row]):.10g} (the tolerance for "
            f"{array.dtype} is {tolerance:.2g}).{hint}"
        )
    return sums


def check_sample_weight(sample_weight, n_samples, reduction):
    if sample_weight is None:
        return None
    weight = as_float_array(sample_weight, "sample_weight")
    if weight.shape != (n_samples,):
        raise ValueError(
            f"sample_weight must have shape ({n_samples},), one weight per sample; "
            f"got shape {weight.shape}."
        )
    check_finite(weight, "sample_weight")
    if not weight.min() >= 0:
        raise_first(weight < 0, weight, "sample_weight", "sample_weight must be non-negative")
    if reduction == "mean" and not weight.sum() > 0:
        raise ValueError(
            "sample_weight sums to zero, so the weighted mean (reduction='mean') is "
            "undefined. Give at least one sample a positive weight, or pass "
            "reduction='sum'."
        )
    return weight


def reduce(losses, sample_weight, reduction):
    """Reduce per-sample losses, shape (n,), or per-output ones, shape (n, k).

    A per-output array is first averaged over its k outputs, as Keras does.
    Weighted "none" returns ``w * loss``, so that its sum is the "sum".
    """
    if sample_weight is None and reduction != "none":
        total = float(np.sum(losses))
        if losses.ndim == 2:
            total /= losses.shape[1]
        return total / losses.shape[0] if reduction == "mean" else total
    per_sample = losses.mean(axis=1) if losses.ndim == 2 else losses
    if sample_weight is None:
        return per_sample
    if reduction == "none":
        return sample_weight * per_sample
    total = float(np.dot(sample_weight, per_sample))
    return total / float(np.sum(sample_weight)) if reduction == "mean" else total


# Elements per block of rows in reduce_blockwise and apply_blockwise: every
# temporary of a block stays in the CPU cache and its memory is reused from
# one block to the next, whereas whole-array temporaries of a million samples
# each cost fresh pages (page faults) and a trip to main memory. The Python
# loop over about thirty blocks per million elements costs next to nothing.
# The reductions avoid BLAS (np.dot, @): on a shared two-core machine its
# threaded dot products stalled for milliseconds while the other core was busy.
BLOCK_ELEMENTS = 2**15


def row_blocks(arrays):
    """Slices cutting row-aligned ``arrays`` into blocks of about BLOCK_ELEMENTS."""
    n_samples = arrays[0].shape[0]
    row_size = max(array.size // n_samples for array in arrays)
    step = max(1, BLOCK_ELEMENTS // row_size)
    return [slice(start, start + step) for start in range(0, n_samples, step)]


def apply_blockwise(values_of, arrays):
    """``values_of(*arrays)``, computed block by block into one new array.

    ``values_of`` maps row-aligned arrays to an array with one row per sample
    and must treat rows independently; only its result is full size.
    """
    blocks = row_blocks(arrays)
    first = values_of(*(array[blocks[0]] for array in arrays))
    if len(blocks) == 1:
        return first
    result = np.empty((arrays[0].shape[0],) + first.shape[1:], dtype=first.dtype)
    result[blocks[0]] = first
    for rows in blocks[1:]:
        result[rows] = values_of(*(array[rows] for array in arrays))
    return result


def reduce_blockwise(losses_of, arrays, sample_weight, reduction):
    """``reduce(losses_of(*arrays), sample_weight, reduction)``, block by block.

    ``losses_of`` maps row-aligned arrays to per-sample losses, shape (n,),
    or per-output ones, shape (n, k); it is applied to blocks of rows, so it
    must treat rows independently. reduction="none" needs every value and is
    computed in one go.
    """
    if reduction == "none":
        return reduce(losses_of(*arrays), sample_weight, reduction)
    n_samples = arrays[0].shape[0]
    total = 0.0
    for rows in row_blocks(arrays):
        losses = losses_of(*(array[rows] for array in arrays))
        if sample_weight is None:
            total += float(np.sum(losses))
        else:
            per_sample = losses.sum(axis=1) if losses.ndim == 2 else losses
            total += float(np.einsum("i,i->", sample_weight[rows], per_sample))
    if losses.ndim == 2:
        total /= losses.shape[1]
    if reduction == "sum":
        return total
    return total / (n_samples if sample_weight is None else float(np.sum(sample_weight)))


def scale_gradient(grad, sample_weight, reduction, dtype, per_output):
    """Turn per-sample gradients into the gradient of the reduced loss.

    ``grad`` is freshly computed (it is scaled in place); ``per_output`` says
    that a 2-D loss is the mean over its outputs, so each output gets 1/k.
    """
    factor = 1.0 / grad.shape[1] if per_output and grad.ndim == 2 else 1.0
    if sample_weight is None:
        if reduction == "mean":
            factor /= grad.shape[0]
        if factor != 1.0:
            grad *= factor
    else:
        if reduction == "mean":
            factor /= float(np.sum(sample_weight))
        weight = sample_weight * factor
        grad *= weight[:, np.newaxis] if grad.ndim == 2 else weight
    return grad.astype(dtype, copy=False)
