"""The training loop of lossutils.nn and its history: fit, evaluate, metrics.

:class:`Trainer` gives :class:`lossutils.nn.MLP` its :meth:`~Trainer.fit`
and :meth:`~Trainer.evaluate` (as Keras' ``Model`` inherits them from its
``Trainer``); the model supplies the forward pass, the backpropagation and
the weighted objective they use.
"""

import numpy as np

import lossutils
from ._checks import _check_loss_options, _check_positive_int, _resolve_loss
from .optimizers import _Optimizer


class Trainer:
    """Mini-batch training, evaluation and learning curves, mixed into :class:`MLP`."""

    def _check_metrics(self, metrics):
        if isinstance(metrics, str):
            metrics = (metrics,)
        metrics = tuple(metrics)
        known = ("accuracy", *sorted(lossutils.LOSSES))
        for metric in metrics:
            if metric not in known:
                raise ValueError(
                    f"unknown metric {metric!r}; use 'accuracy' or a loss name: "
                    f"{', '.join(map(repr, known[1:]))}."
                )
        if "accuracy" in metrics and self.output_activation in ("linear", "exponential"):
            raise ValueError(
                "metric 'accuracy' needs a classifier output (sigmoid, tanh or softmax); "
                f"this model's output is {self.output_activation}, so its predictions are "
                "not classes."
            )
        return metrics

    def _check_accuracy_labels(self, y, name):
        if self.output_activation == "softmax" or y.ndim == 1:
            return
        allowed = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 0.0, 1.0)}[self.output_activation]
        if not np.all(np.isin(y, allowed)):
            labels = "{0, 1}" if self.output_activation == "sigmoid" else "{-1, 1} or {0, 1}"
            raise ValueError(
                f"metric 'accuracy' with a {self.output_activation} output needs {name} "
                f"labels in {labels}."
            )

    # --------------------------------------------------------------- metrics

    def _scores(self, y, output, loss, metrics, weight=None, options=None):
        scores = {"loss": self._loss_value(y, output, loss, weight, options)}
        if self.n_outputs == 1:
            y, output = y[:, 0], output[:, 0]
        for metric in metrics:
            if metric == "accuracy":
                scores[metric] = self._accuracy(y, output)
            else:
                scores[metric] = float(lossutils.LOSSES[metric](y, output))
        return scores

    def _accuracy(self, y, output):
        if self.output_activation == "softmax":
            labels = y if y.ndim == 1 else y.argmax(axis=1)
            return float(np.mean(output.argmax(axis=1) == labels))
        # sigmoid: threshold 0.5 on p; tanh: the sign, with labels in {-1, 1}
        # or {0, 1} (y > 0 reads both as the positive class).
        threshold = 0.5 if self.output_activation == "sigmoid" else 0.0
        return float(np.mean((output > threshold) == (y > threshold)))

    def evaluate(self, X, y, *, loss, metrics=(), sample_weight=None, class_weight=None,
                 loss_options=None):
        """Return the (weighted) mean loss and the metrics on ``(X, y)``.

        Parameters
        ----------
        X : array_like of shape (n_samples, layer_sizes[0])
        y : array_like
            Targets, shaped as for :meth:`fit`.
        loss : str or loss function
            A ``lossutils`` loss or its name.
        metrics : sequence of str, default=()
            ``"accuracy"`` and/or names of ``lossutils`` losses, unweighted
            and with their default options (as Keras' ``metrics``, not its
            ``weighted_metrics``).
        sample_weight : array_like of shape (n_samples,), optional
            Non-negative weight of each sample: the loss is the weighted mean
            :math:`\\sum_i w_i \\ell_i / \\sum_i w_i`, as the ``lossutils`` losses'
            own ``sample_weight``.
        class_weight : dict, optional
            Class label -> weight, multiplied into the sample weights (Keras'
            meaning); a class without a key keeps weight 1. Needs class labels:
            a softmax output (integer labels, or the arg-max of one-hot rows),
            or one sigmoid ({0, 1}) or tanh ({-1, 1} or {0, 1}) output.
        loss_options : dict, optional
            Keyword arguments for the loss and its gradient, such as
            ``{"delta": 0.5}`` for ``huber``.

        Returns
        -------
        dict
            ``{"loss": float, metric: float, ...}``.

        Examples
        --------
        >>> import numpy as np
        >>> from lossutils.nn import MLP
        >>> model = MLP((2, 3, 1), output_activation="sigmoid")
        >>> model.evaluate(np.zeros((4, 2)), [0, 1, 1, 0], loss="binary_cross_entropy")
        {'loss': 0.6931471805599453}
        """
        X = self._check_X(X)
        y = self._check_y(y, X.shape[0])
        loss = _resolve_loss(loss)
        options = _check_loss_options(loss, loss_options)
        weight = self._sample_weights(y, sample_weight, class_weight)
        metrics = self._check_metrics(metrics)
        if "accuracy" in metrics:
            self._check_accuracy_labels(y, "y")
        return self._scores(y, self._output(X), loss, metrics, weight, options)

    # -------------------------------------------------------------- training

    def fit(self, X, y, *, loss, optimizer, epochs, batch_size=32,
            validation_data=None, metrics=(), shuffle=True, sample_weight=None,
            class_weight=None, loss_options=None):
        """Train with mini-batch gradient descent; return the learning curves.

        Introduced in Chapter 1, *Neural-network learning as optimisation*.

        Parameters
        ----------
        X : array_like of shape (n_samples, layer_sizes[0])
        y : array_like
            Targets: shape ``(n_samples,)`` or ``(n_samples, 1)`` for a model with
            one output; ``(n_samples, n_outputs)`` (one-hot, probabilities or
            values), or ``(n_samples,)`` for several outputs: integer labels
            for a softmax output, otherwise one target per sample for a loss
            whose prediction has several columns (``gaussian_nll``).
        loss : str or loss function
            A ``lossutils`` loss or its name, e.g. ``"binary_cross_entropy"``.
        optimizer : SGD or Adam
            Its state (SGD's velocity, Adam's moments and step count) carries
            over between calls.
        epochs : int
            Passes over the training set.
        batch_size : int, default=32
            Samples per gradient step; the last batch of an epoch may be smaller.
        validation_data : tuple (X_val, y_val) or (X_val, y_val, sample_weight_val), optional
            Evaluated at the end of every epoch, never trained on, with the
            same ``loss_options``; as in Keras, ``class_weight`` applies to
            training only, and validation samples are weighted only by
            ``sample_weight_val``.
        metrics : sequence of str, default=()
            ``"accuracy"`` and/or names of ``lossutils`` losses.
        shuffle : bool, default=True
            Reshuffle the training set before each epoch, with the model's
            own generator (so the run is reproducible from ``seed``).
        sample_weight : array_like of shape (n_samples,), optional
            Non-negative weight of each sample: the loss is the weighted mean
            :math:`\\sum_i w_i \\ell_i / \\sum_i w_i`, as the ``lossutils`` losses'
            own ``sample_weight``.
        class_weight : dict, optional
            Class label -> weight, multiplied into the sample weights (Keras'
            meaning); a class without a key keeps weight 1. Needs class labels:
            a softmax output (integer labels, or the arg-max of one-hot rows),
            or one sigmoid ({0, 1}) or tanh ({-1, 1} or {0, 1}) output.
        loss_options : dict, optional
            Keyword arguments for the loss and its gradient, such as
            ``{"delta": 0.5}`` for ``huber``.

        Returns
        -------
        dict of str to list of float
            One value per epoch under ``"loss"``, each metric name, and, with
            validation data, ``"val_loss"`` and ``"val_" + metric``.

        Notes
        -----
        The recorded ``"loss"`` (and each metric) is evaluated on the whole
        training set with the weights at the end of the epoch. Keras instead
        reports the running mean of the batch losses seen during the epoch,
        while the weights were still changing, so its curve lags ours by
        about half an epoch. Both ``"loss"`` and ``"val_loss"`` here measure
        the same weights.

        Each step uses the gradient of the batch-mean loss. With weights it is
        the gradient of :math:`\\sum_{i \\in B} w_i \\ell_i / (|B| \\bar w)`, where
        :math:`\\bar w` is the mean weight over the whole training set: Keras'
        ``sum_over_batch_size`` divided by :math:`\\bar w`. Its expectation over
        batches is the gradient of the weighted mean over the training set,
        :math:`\\sum_i w_i \\ell_i / \\sum_i w_i`, so a rare heavy example counts
        in proportion to its weight whatever batch it falls in. (Dividing each
        batch by its own :math:`\\sum_{i \\in B} w_i`, as ``torch.nn``'s weighted
        losses do for one batch, would not: a heavy example would weigh less
        in the batches it inflates.) A batch whose weights are all zero takes
        no step. The recorded ``"loss"`` is the weighted mean over the whole
        training set; the metrics are unweighted. For sigmoid with
        binary cross-entropy, and softmax with categorical, sparse categorical
        cross-entropy or KL divergence, the gradient with respect to the output
        pre-activation :math:`z` is computed directly as
        :math:`(p - y) / m` (:math:`m` = entries averaged): exact and stable even
        when :math:`p` saturates; with sample weights, each row is scaled by
        its weight share as above. With ``loss_options`` these pairs (except
        KL divergence) take the gradient from the loss itself at the
        pre-activation (``loss.grad(..., from_logits=True)``), so an option
        that changes the gradient, such as label smoothing, is honoured
        exactly; so do sigmoid with ``binary_focal_cross_entropy`` and an
        exponential output with ``poisson_nll``, with or without options.
        Every other pair chains ``loss.grad`` through the derivative of the
        output activation.

        ``accuracy`` is the fraction of correct classes: :math:`p > 0.5` for a
        sigmoid output; the sign for a tanh output (labels in :math:`\\{-1, 1\\}`
        or :math:`\\{0, 1\\}`); the arg-max for softmax (one-hot or integer labels).

        Examples
        --------
        >>> import numpy as np
        >>> from lossutils.nn import MLP, SGD
        >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
        >>> y = np.array([0, 1, 1, 0])
        >>> model = MLP((2, 8, 1), output_activation="sigmoid", seed=3)
        >>> history = model.fit(X, y, loss="binary_cross_entropy", epochs=500,
        ...                     optimizer=SGD(learning_rate=0.1, momentum=0.9),
        ...                     batch_size=4, metrics=["accuracy"])
        >>> sorted(history), len(history["loss"])
        (['accuracy', 'loss'], 500)
        >>> history["accuracy"][-1]
        1.0
        """
        X = self._check_X(X)
        y = self._check_y(y, X.shape[0])
        loss = _resolve_loss(loss)
        if not isinstance(optimizer, _Optimizer):
            raise TypeError(
                f"optimizer must be a lossutils.nn.SGD or lossutils.nn.Adam instance, such as "
                f"SGD(learning_rate=0.01, momentum=0.9) or Adam(); got {optimizer!r}."
            )
        epochs = _check_positive_int(epochs, "epochs")
        batch_size = _check_positive_int(batch_size, "batch_size")
        metrics = self._check_metrics(metrics)
        if not isinstance(shuffle, bool):
            raise TypeError(f"shuffle must be True or False; got {shuffle!r}.")
        options = _check_loss_options(loss, loss_options)
        weight = self._sample_weights(y, sample_weight, class_weight)
        weight_val = None
        if validation_data is not None:
            if not isinstance(validation_data, (tuple, list)) or len(validation_data) not in (2, 3):
                raise TypeError(
                    "validation_data must be a pair (X_val, y_val) or a triple "
                    "(X_val, y_val, sample_weight_val); "
                    f"got {type(validation_data).__name__}."
                )
            X_val, y_val = validation_data[:2]
            X_val = self._check_X(X_val, "validation_data[0]")
            y_val = self._check_y(y_val, X_val.shape[0], "validation_data[1]")
            if len(validation_data) == 3:
                weight_val = self._sample_weights(y_val, validation_data[2], None,
                                                  "validation_data[2]")
        if "accuracy" in metrics:
            self._check_accuracy_labels(y, "y")
            if validation_data is not None:
                self._check_accuracy_labels(y_val, "validation_data[1]")

        # Let the loss and the metrics check the targets once, before any
        # step: the fused gradients never call the loss, and a bad metric
        # should not fail only after the first epoch.
        self._scores(y, self._output(X), loss, metrics, weight, options)
        if validation_data is not None:
            self._scores(y_val, self._output(X_val), loss, metrics, weight_val, options)
        output_delta, one_hot = self._output_delta_fn(loss, weight is not None, options)
        target = self._one_hot(y) if one_hot else y

        keys = ["loss", *metrics]
        history = {key: [] for key in keys}
        if validation_data is not None:
            history.update({"val_" + key: [] for key in keys})

        n_samples = X.shape[0]
        starts = range(0, n_samples, batch_size)
        # A weighted batch's gradient is scaled by sum_B(w) / (|B| mean(w)), so
        # that its expectation over batches is the gradient of the weighted
        # mean over the whole training set (see Notes).
        mean_weight = None if weight is None else weight.mean()
        for _ in range(epochs):
            if shuffle:
                order = self._rng.permutation(n_samples)
                X_epoch, target_epoch = X[order], target[order]
                weight_epoch = None if weight is None else weight[order]
            else:
                X_epoch, target_epoch, weight_epoch = X, target, weight
            for start in starts:
                stop = start + batch_size
                batch_weight = None if weight is None else weight_epoch[start:stop]
                if batch_weight is not None and not batch_weight.sum() > 0:
                    continue  # its weighted mean is undefined: nothing to learn from
                activations, logits = self._forward(X_epoch[start:stop])
                delta = output_delta(target_epoch[start:stop], activations[-1], logits,
                                     batch_weight)
                if batch_weight is not None:
                    scale = batch_weight.sum() / (batch_weight.size * mean_weight)
                    if scale != 1.0:
                        delta = delta * scale
                self._backward(activations, delta)
                optimizer._update(self._params, self._grads)

            scores = self._scores(y, self._output(X), loss, metrics, weight, options)
            for key, value in scores.items():
                history[key].append(value)
            if validation_data is not None:
                scores = self._scores(y_val, self._output(X_val), loss, metrics, weight_val,
                                      options)
                for key, value in scores.items():
                    history["val_" + key].append(value)
        return history
