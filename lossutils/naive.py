"""The source article's loop implementations, and a corrected loop.

J. Brownlee's "Loss and Loss Functions for Training Deep Learning Neural
Networks" (2019) computes three losses with plain Python loops over lists.
The ``article_*`` functions follow the article's recipe step by step, so the
book can run them; :func:`binary_cross_entropy` is the corrected loop.
They take lists (or 1-D/2-D arrays), use ``math.log`` and check only that the
lengths agree. Use :mod:`lossutils`' vectorised losses for real work.

Introduced in Chapter 6, *Implementing loss functions*.
"""

import math

__all__ = [
    "article_mean_squared_error",
    "article_binary_cross_entropy",
    "article_categorical_cross_entropy",
    "binary_cross_entropy",
]

# The article adds 1e-15 inside every log so that log(0) cannot happen.
GUARD = 1e-15


def _check_lengths(actual, predicted):
    if len(actual) != len(predicted):
        raise ValueError(
            f"actual and predicted must have the same length; got {len(actual)} "
            f"and {len(predicted)}."
        )
    if len(actual) == 0:
        raise ValueError("actual is empty; pass at least one sample.")


def article_mean_squared_error(actual, predicted):
    r"""Mean squared error as a loop, as the article writes it (correct).

    Introduced in Chapter 6, *Implementing loss functions*.

    Parameters
    ----------
    actual : sequence of float, length n
        Targets.
    predicted : sequence of float, length n
        Predictions.

    Returns
    -------
    loss : float

    See Also
    --------
    lossutils.mean_squared_error : The vectorised version; same value.

    Notes
    -----
    The sum of squared differences times :math:`1/n`:

    .. math:: \frac{1}{n} \sum_{i=1}^{n} (y_i - \hat y_i)^2

    Examples
    --------
    >>> from lossutils.naive import article_mean_squared_error
    >>> article_mean_squared_error([0.0, 1.0], [0.0, 3.0])
    2.0
    """
    _check_lengths(actual, predicted)
    total = 0.0
    for i in range(len(actual)):
        total += (actual[i] - predicted[i]) ** 2.0
    return float(1.0 / len(actual) * total)


def article_binary_cross_entropy(actual, predicted):
    r"""Binary cross-entropy as the article writes it: with a term missing.

    Introduced in Chapter 6, *Implementing loss functions*.

    Parameters
    ----------
    actual : sequence of {0, 1}, length n
        Labels.
    predicted : sequence of float, length n
        Predicted probabilities of class 1.

    Returns
    -------
    loss : float
        Minus the mean of :math:`y_i \log(10^{-15} + p_i)`.

    See Also
    --------
    binary_cross_entropy : The corrected loop.
    lossutils.binary_cross_entropy : The vectorised, clipped version.

    Notes
    -----
    The article sums only the first term of the log loss,

    .. math:: -\frac{1}{n} \sum_{i=1}^{n} y_i \log(10^{-15} + p_i),

    dropping :math:`(1 - y_i) \log(1 - p_i)`. Samples of class 0 then add
    nothing whatever is predicted for them, so predicting ``p = 1`` for every
    sample scores the same as predicting every label exactly: the "loss"
    cannot tell a useless model from a perfect one.

    Examples
    --------
    >>> from lossutils.naive import article_binary_cross_entropy
    >>> y = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    >>> p = [0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3]
    >>> round(article_binary_cross_entropy(y, p), 4)
    0.1168
    >>> round(article_binary_cross_entropy(y, [1.0] * 10), 4) == 0
    True
    """
    _check_lengths(actual, predicted)
    total = 0.0
    for i in range(len(actual)):
        total += actual[i] * math.log(GUARD + predicted[i])
    return float(-(total / len(actual)))


def binary_cross_entropy(actual, predicted):
    r"""Binary cross-entropy as a loop, with both terms (the corrected version).

    Introduced in Chapter 6, *Implementing loss functions*.

    Parameters
    ----------
    actual : sequence of float in [0, 1], length n
        Labels (or soft targets).
    predicted : sequence of float in [0, 1], length n
        Predicted probabilities of class 1.

    Returns
    -------
    loss : float

    See Also
    --------
    article_binary_cross_entropy : The article's version, missing a term.
    lossutils.binary_cross_entropy : The vectorised version.

    Notes
    -----
    .. math:: -\frac{1}{n} \sum_{i=1}^{n}
              \left[ y_i \log(10^{-15} + p_i)
              + (1 - y_i) \log(10^{-15} + 1 - p_i) \right]

    The article's guard :math:`10^{-15}` is kept inside both logarithms, so
    ``p = 0`` or ``p = 1`` gives a large finite loss instead of an error.
    :func:`lossutils.binary_cross_entropy` clips to ``[eps, 1 - eps]``
    instead; away from 0 and 1 the two agree to about ``1e-14``.

    Examples
    --------
    >>> from lossutils.naive import binary_cross_entropy
    >>> y = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    >>> p = [0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3]
    >>> round(binary_cross_entropy(y, p), 4)
    0.2469
    """
    _check_lengths(actual, predicted)
    total = 0.0
    for i in range(len(actual)):
        y, p = actual[i], predicted[i]
        total += y * math.log(GUARD + p) + (1 - y) * math.log(GUARD + 1 - p)
    return float(-(total / len(actual)))


def article_categorical_cross_entropy(actual, predicted):
    r"""Categorical cross-entropy as a double loop, as the article writes it.

    Correct for one-hot (or soft) targets. Introduced in Chapter 6,
    *Implementing loss functions*.

    Parameters
    ----------
    actual : sequence of n rows of k floats
        One-hot rows.
    predicted : sequence of n rows of k floats
        Predicted probabilities, rows summing to one.

    Returns
    -------
    loss : float

    See Also
    --------
    lossutils.categorical_cross_entropy : The vectorised version; same value.

    Notes
    -----
    .. math:: -\frac{1}{n} \sum_{i=1}^{n} \sum_{j=1}^{k}
              y_{ij} \log(10^{-15} + p_{ij})

    Examples
    --------
    >>> from lossutils.naive import article_categorical_cross_entropy
    >>> y = [[1, 0, 0], [0, 1, 0]]
    >>> p = [[0.8, 0.1, 0.1], [0.2, 0.5, 0.3]]
    >>> round(article_categorical_cross_entropy(y, p), 4)
    0.4581
    """
    _check_lengths(actual, predicted)
    for row_true, row_pred in zip(actual, predicted):
        _check_lengths(row_true, row_pred)
    total = 0.0
    for i in range(len(actual)):
        for j in range(len(actual[i])):
            total += actual[i][j] * math.log(GUARD + predicted[i][j])
    return float(-(total / len(actual)))
