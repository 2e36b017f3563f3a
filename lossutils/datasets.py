"""The companion article's three test problems, split as the article splits them.

Each function builds 1000 samples with scikit-learn and returns the first
500 for training and the last 500 for testing, as
``X_train, X_test, y_train, y_test``.

scikit-learn is a dependency of the course, not of ``lossutils`` (whose
only dependency is NumPy): it is imported inside these functions, so
``import lossutils`` works without it.
"""

import importlib

__all__ = ["regression", "circles", "blobs", "counts", "counts_rate", "imbalanced",
           "imbalanced_posterior"]

_N_SAMPLES = 1000
_N_TRAIN = 500


def _sklearn(module):
    try:
        return importlib.import_module(f"sklearn.{module}")
    except ImportError:
        raise ImportError(
            "lossutils.datasets needs scikit-learn, a dependency of the course but not "
            "of lossutils itself; install it with `pip install scikit-learn`."
        ) from None


def _split(X, y):
    return X[:_N_TRAIN], X[_N_TRAIN:], y[:_N_TRAIN], y[_N_TRAIN:]


def _standardise(values):
    # What StandardScaler does: subtract the mean, divide by the population
    # standard deviation (ddof=0), column by column.
    return _sklearn("preprocessing").StandardScaler().fit_transform(values)


def regression():
    """The regression problem: 20 inputs, one real-valued target.

    Introduced in Chapter 5, *Choosing a loss*.

    ``make_regression(n_samples=1000, n_features=20, noise=0.1, random_state=1)``;
    then every column of ``X`` and the target ``y`` are standardised with
    scikit-learn's ``StandardScaler`` (mean 0, population standard deviation
    1), fitted on all 1000 samples as in the article (so the test set's
    statistics leak into the scaling; the article accepts this for simplicity).

    Returns
    -------
    X_train : ndarray of shape (500, 20)
    X_test : ndarray of shape (500, 20)
    y_train : ndarray of shape (500,)
    y_test : ndarray of shape (500,)

    Notes
    -----
    scikit-learn is imported inside the function (a course dependency, not a
    dependency of ``lossutils``). About half of the standardised targets are
    negative, which matters for the mean squared logarithmic error.

    Examples
    --------
    >>> from lossutils.datasets import regression
    >>> X_train, X_test, y_train, y_test = regression()
    >>> X_train.shape, X_test.shape, y_train.shape, y_test.shape
    ((500, 20), (500, 20), (500,), (500,))
    """
    X, y = _sklearn("datasets").make_regression(
        n_samples=_N_SAMPLES, n_features=20, noise=0.1, random_state=1
    )
    X = _standardise(X)
    y = _standardise(y.reshape(-1, 1))[:, 0]
    return _split(X, y)


def circles():
    """The two-circles problem: two inputs, labels 0 (outer) and 1 (inner).

    Introduced in Chapter 1, *Neural-network learning as optimisation*.

    ``make_circles(n_samples=1000, noise=0.1, random_state=1)``, unscaled
    (the inputs already lie within about [-1.2, 1.25]).

    Returns
    -------
    X_train : ndarray of shape (500, 2)
    X_test : ndarray of shape (500, 2)
    y_train : ndarray of int, shape (500,)
        Labels in {0, 1}; for the hinge losses the article maps 0 to -1
        (``2 * y - 1``); ``lossutils``' hinge losses accept both.
    y_test : ndarray of int, shape (500,)

    Notes
    -----
    scikit-learn is imported inside the function (a course dependency, not a
    dependency of ``lossutils``).

    Examples
    --------
    >>> import numpy as np
    >>> from lossutils.datasets import circles
    >>> X_train, X_test, y_train, y_test = circles()
    >>> X_train.shape, np.unique(y_train).tolist()
    ((500, 2), [0, 1])
    """
    X, y = _sklearn("datasets").make_circles(
        n_samples=_N_SAMPLES, noise=0.1, random_state=1
    )
    return _split(X, y)


def blobs():
    """The blobs problem: two inputs, three classes labelled 0, 1, 2.

    Introduced in Chapter 5, *Choosing a loss*.

    ``make_blobs(n_samples=1000, centers=3, n_features=2, cluster_std=2,
    random_state=2)``, unscaled.

    Returns
    -------
    X_train : ndarray of shape (500, 2)
    X_test : ndarray of shape (500, 2)
    y_train : ndarray of int, shape (500,)
        Integer labels, as sparse categorical cross-entropy wants them; the
        one-hot rows that categorical cross-entropy and KL divergence want are
        ``np.eye(3)[y_train]``.
    y_test : ndarray of int, shape (500,)

    Notes
    -----
    scikit-learn is imported inside the function (a course dependency, not a
    dependency of ``lossutils``).

    Examples
    --------
    >>> import numpy as np
    >>> from lossutils.datasets import blobs
    >>> X_train, X_test, y_train, y_test = blobs()
    >>> X_test.shape, np.unique(y_test).tolist()
    ((500, 2), [0, 1, 2])
    """
    X, y = _sklearn("datasets").make_blobs(
        n_samples=_N_SAMPLES, centers=3, n_features=2, cluster_std=2, random_state=2
    )
    return _split(X, y)


# The two problem-set data sets are drawn with NumPy from a known process, so that their floors
# (the true rate, the Bayes posterior) can be computed exactly.
_COUNTS_SEED = 5
_IMBALANCED_SEED = 6
IMBALANCED_PRIOR = 0.05
_IMBALANCED_SHIFT = (2.0, 1.0)


def counts_rate(X):
    """The true Poisson rate of the :func:`counts` problem at inputs ``X`` (shape (n, 3)).

    :math:`\\lambda(x) = \\exp(0.2 + 0.9 x_1 - 0.6 x_2 + 0.5 x_1 x_3)`.
    """
    import numpy as np

    X = np.asarray(X, dtype=float)
    return np.exp(0.2 + 0.9 * X[:, 0] - 0.6 * X[:, 1] + 0.5 * X[:, 0] * X[:, 2])


def counts():
    """The counts problem: three inputs, a count target drawn from a Poisson distribution.

    Introduced in the problem sets (sessions 5 and 7), after Chapter 4's section *Building a loss
    from a distribution*.

    1000 inputs uniform on :math:`[-1, 1]^3` and counts
    :math:`y \\sim \\mathrm{Poisson}(\\lambda(x))` with the rate of :func:`counts_rate`, drawn with
    ``numpy.random.default_rng(5)``; the first 500 for training, the last 500 for testing. The
    rate is log-linear in :math:`(x_1, x_2, x_1 x_3)`: a Poisson regression on the inputs alone
    misses the interaction, one with the products of pairs of inputs can reach the floor.

    Returns
    -------
    X_train : ndarray of shape (500, 3)
    X_test : ndarray of shape (500, 3)
    y_train : ndarray of int, shape (500,)
    y_test : ndarray of int, shape (500,)

    Examples
    --------
    >>> from lossutils.datasets import counts
    >>> X_train, X_test, y_train, y_test = counts()
    >>> X_train.shape, int(y_train.min()) >= 0
    ((500, 3), True)
    """
    import numpy as np

    rng = np.random.default_rng(_COUNTS_SEED)
    X = rng.uniform(-1.0, 1.0, size=(_N_SAMPLES, 3))
    y = rng.poisson(counts_rate(X)).astype(np.int64)
    return _split(X, y)


def imbalanced_posterior(X):
    """The Bayes posterior :math:`P(y = 1 \\mid x)` of the :func:`imbalanced` problem at ``X`` (n, 2).

    The classes are Gaussian with the identity covariance, so the posterior's logit is linear:
    :math:`\\log\\frac{\\pi}{1 - \\pi} + \\mu_1^\\top x - \\lVert\\mu_1\\rVert^2 / 2`.
    """
    import numpy as np

    X = np.asarray(X, dtype=float)
    mu = np.asarray(_IMBALANCED_SHIFT)
    logit = np.log(IMBALANCED_PRIOR / (1 - IMBALANCED_PRIOR)) + X @ mu - mu @ mu / 2
    return 1.0 / (1.0 + np.exp(-logit))


def imbalanced():
    """The imbalanced problem: two inputs, labels 0 (common) and 1 (rare, 5% of the population).

    Introduced in the problem sets (sessions 6 and 8), after Chapter 5's section *Beyond the
    defaults*.

    1000 labels drawn with probability 0.05 of class 1 (``numpy.random.default_rng(6)``); inputs
    standard normal for class 0 and standard normal shifted by (2, 1) for class 1. The Bayes
    posterior is :func:`imbalanced_posterior`. The first 500 for training, the last 500 for testing.

    Returns
    -------
    X_train : ndarray of shape (500, 2)
    X_test : ndarray of shape (500, 2)
    y_train : ndarray of int, shape (500,)
    y_test : ndarray of int, shape (500,)

    Examples
    --------
    >>> from lossutils.datasets import imbalanced
    >>> X_train, X_test, y_train, y_test = imbalanced()
    >>> X_train.shape, sorted(set(y_train.tolist()))
    ((500, 2), [0, 1])
    """
    import numpy as np

    rng = np.random.default_rng(_IMBALANCED_SEED)
    y = (rng.random(_N_SAMPLES) < IMBALANCED_PRIOR).astype(np.int64)
    X = rng.standard_normal((_N_SAMPLES, 2)) + y[:, None] * np.asarray(_IMBALANCED_SHIFT)
    return _split(X, y)
