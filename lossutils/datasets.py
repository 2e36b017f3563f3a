"""The companion article's three test problems, split as the article splits them.

Each function builds 1000 samples with scikit-learn and returns the first
500 for training and the last 500 for testing, as
``X_train, X_test, y_train, y_test``.

scikit-learn is a dependency of the course, not of ``lossutils`` (whose
only dependency is NumPy): it is imported inside these functions, so
``import lossutils`` works without it.
"""

import importlib

__all__ = ["regression", "circles", "blobs"]

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
