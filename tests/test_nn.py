"""Tests of the teaching trainer lossutils.nn (MLP, SGD, Adam)."""

import inspect

import numpy as np
import pytest

import lossutils
from lossutils.nn import MLP, SGD, Adam

# Central differences with step H on float64: truncation error ~H**2 and
# round-off ~eps / H, both far below the tolerance.
H = 1e-6
RTOL, ATOL = 1e-5, 1e-8


def _data(n_inputs=3, n_samples=7, seed=0):
    return np.random.default_rng(seed).normal(size=(n_samples, n_inputs))


def _targets(kind, n_samples, n_outputs, seed=1):
    rng = np.random.default_rng(seed)
    if kind == "binary":
        return rng.integers(0, 2, size=n_samples).astype(float)
    if kind == "multilabel":
        return rng.integers(0, 2, size=(n_samples, n_outputs)).astype(float)
    if kind == "signed":
        return rng.choice([-1.0, 1.0], size=n_samples)
    if kind == "one_hot":
        return np.eye(n_outputs)[rng.integers(0, n_outputs, size=n_samples)]
    if kind == "labels":
        return rng.integers(0, n_outputs, size=n_samples)
    if kind == "distribution":
        rows = rng.uniform(0.1, 1.0, size=(n_samples, n_outputs))
        return rows / rows.sum(axis=1, keepdims=True)
    if kind == "real":
        return rng.normal(size=n_samples)
    if kind == "real_2d":
        return rng.normal(size=(n_samples, n_outputs))
    if kind == "counts":
        return rng.poisson(2.0, size=n_samples).astype(float)
    if kind == "counts_2d":
        return rng.poisson(2.0, size=(n_samples, n_outputs)).astype(float)
    raise AssertionError(kind)


def _numerical_gradient(model, X, y, loss):
    params = model.get_params()
    grad = np.empty_like(params)
    for i in range(params.size):
        values = []
        for step in (H, -H):
            shifted = params.copy()
            shifted[i] += step
            model.set_params(shifted)
            values.append(model.evaluate(X, y, loss=loss)["loss"])
        grad[i] = (values[0] - values[1]) / (2 * H)
    model.set_params(params)
    return grad


GRADIENT_CASES = [
    # fused: the gradient w.r.t. the pre-activation is (p - y) / m
    ("sigmoid", "binary_cross_entropy", 1, "binary"),
    ("sigmoid", "binary_cross_entropy", 3, "multilabel"),
    ("softmax", "categorical_cross_entropy", 3, "one_hot"),
    ("softmax", "sparse_categorical_cross_entropy", 3, "labels"),
    ("softmax", "kl_divergence", 3, "distribution"),
    # through the loss's own gradient with respect to the logits
    ("sigmoid", "binary_focal_cross_entropy", 1, "binary"),
    ("sigmoid", "binary_focal_cross_entropy", 3, "multilabel"),
    ("exponential", "poisson_nll", 1, "counts"),
    ("exponential", "poisson_nll", 2, "counts_2d"),
    # chained through the output activation's derivative
    ("tanh", "hinge", 1, "signed"),
    ("tanh", "squared_hinge", 1, "binary"),
    ("linear", "huber", 1, "real"),
    ("linear", "mean_squared_error", 2, "real_2d"),
    ("linear", "mean_absolute_error", 1, "real"),
    ("sigmoid", "mean_squared_error", 1, "binary"),
    ("softmax", "mean_squared_error", 3, "one_hot"),
]


@pytest.mark.parametrize("output_activation, loss, n_outputs, kind", GRADIENT_CASES)
def test_gradients_match_finite_differences(output_activation, loss, n_outputs, kind):
    X = _data()
    y = _targets(kind, X.shape[0], n_outputs)
    model = MLP((3, 4, n_outputs), hidden_activation="tanh",
                output_activation=output_activation, seed=2)
    analytic = model.gradient_vector(X, y, loss=loss)
    np.testing.assert_allclose(analytic, _numerical_gradient(model, X, y, loss),
                               rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("hidden_activation", ["relu", "tanh", "sigmoid", "linear"])
def test_gradients_through_two_hidden_layers(hidden_activation):
    X = _data()
    y = _targets("binary", X.shape[0], 1)
    model = MLP((3, 5, 4, 1), hidden_activation=hidden_activation,
                output_activation="sigmoid", seed=4)
    analytic = model.gradient_vector(X, y, loss="binary_cross_entropy")
    numerical = _numerical_gradient(model, X, y, "binary_cross_entropy")
    np.testing.assert_allclose(analytic, numerical, rtol=RTOL, atol=ATOL)


def test_gradients_come_as_arrays_shaped_like_the_parameters():
    model = MLP((3, 4, 2), output_activation="softmax", seed=0)
    X, y = _data(), _targets("labels", 7, 2)
    loss = lossutils.get_loss("sparse_categorical_cross_entropy")
    weight_grads, bias_grads = model.gradients(X, y, loss=loss)
    assert [g.shape for g in weight_grads] == [w.shape for w in model.weights]
    assert [g.shape for g in bias_grads] == [b.shape for b in model.biases]
    flat = np.concatenate([p.ravel() for pair in zip(weight_grads, bias_grads) for p in pair])
    np.testing.assert_array_equal(flat, model.gradient_vector(X, y, loss=loss.__name__))


def test_fused_gradient_stays_finite_when_the_output_saturates():
    X = _data()
    y = _targets("binary", X.shape[0], 1)
    model = MLP((3, 4, 1), output_activation="sigmoid", seed=0)
    model.set_params(1000 * model.get_params())
    assert np.all(np.isfinite(model.gradient_vector(X, y, loss="binary_cross_entropy")))


def test_focal_gradient_is_taken_at_the_logits_and_stays_finite_when_saturated():
    X = _data()
    y = _targets("binary", X.shape[0], 1)
    model = MLP((3, 4, 1), output_activation="sigmoid", seed=0)
    model.set_params(1000 * model.get_params())
    for options in ({}, {"loss_options": {"gamma": 1.0, "alpha": 0.25}}):
        gradient = model.gradient_vector(X, y, loss="binary_focal_cross_entropy", **options)
        assert np.all(np.isfinite(gradient)) and np.any(gradient != 0)


def test_exponential_output_is_a_positive_rate_and_fits_poisson_counts():
    rng = np.random.default_rng(3)
    X = rng.uniform(-1.0, 1.0, size=(400, 1))
    rate = np.exp(0.5 + 1.2 * X[:, 0])
    y = rng.poisson(rate).astype(float)
    model = MLP((1, 1), output_activation="exponential", seed=0)
    assert np.all(model.predict(X) > 0)
    model.fit(X, y, loss="poisson_nll", optimizer=SGD(learning_rate=0.1), epochs=200,
              batch_size=400, shuffle=False)
    # a one-layer model with a log link is Poisson regression: it recovers the coefficients
    np.testing.assert_allclose([model.biases[0][0], model.weights[0][0, 0]], [0.5, 1.2], atol=0.15)
    with pytest.raises(ValueError, match="output is exponential"):
        model.fit(X, y, loss="poisson_nll", optimizer=SGD(), epochs=1, metrics=["accuracy"])


def test_initialisation_is_keras_he_uniform_from_the_seed():
    model = MLP((2, 50, 3), output_activation="softmax", seed=7)
    rng = np.random.default_rng(7)
    for weight, bias in zip(model.weights, model.biases):
        limit = np.sqrt(6 / weight.shape[0])
        np.testing.assert_array_equal(weight, rng.uniform(-limit, limit, size=weight.shape))
        np.testing.assert_array_equal(bias, 0.0)
    assert model.n_params == 2 * 50 + 50 + 50 * 3 + 3


def test_params_round_trip_and_views():
    model = MLP((3, 4, 2), seed=0)
    params = model.get_params()
    params[0] += 1.0  # a copy: the model is unchanged
    assert model.weights[0][0, 0] == params[0] - 1.0
    model.set_params(params)
    assert model.weights[0][0, 0] == params[0]
    model.weights[1][:] = 0.0  # in-place edits of the views reach the model
    np.testing.assert_array_equal(model.predict(_data()), 0.0)


def test_sgd_follows_the_keras_momentum_rule():
    w = np.array([1.0, -2.0])
    grads = [np.array([0.5, 1.0]), np.array([-1.0, 2.0]), np.array([0.25, 0.0])]
    expected_w, velocity = w.copy(), np.zeros(2)
    opt = SGD(learning_rate=0.1, momentum=0.9)
    for g in grads:
        velocity = 0.9 * velocity - 0.1 * g
        expected_w = expected_w + velocity
        opt.update(w, g)
    np.testing.assert_allclose(w, expected_w, rtol=0, atol=1e-15)

    plain = np.array([1.0])
    SGD(learning_rate=0.5).update(plain, np.array([4.0]))
    assert plain[0] == -1.0


def test_sgd_starts_a_new_velocity_for_a_new_array():
    opt = SGD(learning_rate=1.0, momentum=0.5)
    a = np.array([0.0])
    opt.update(a, np.array([1.0]))
    b = np.array([0.0])
    opt.update(b, np.array([1.0]))
    assert a[0] == b[0] == -1.0


def _xor(n_samples=400, seed=0):
    X = np.random.default_rng(seed).uniform(-1, 1, size=(n_samples, 2))
    return X, (X[:, 0] * X[:, 1] > 0).astype(float)


def test_learns_a_xor_like_problem():
    X, y = _xor()
    model = MLP((2, 16, 1), output_activation="sigmoid", seed=0)
    history = model.fit(X[:300], y[:300], loss="binary_cross_entropy",
                        optimizer=SGD(learning_rate=0.1, momentum=0.9), epochs=60,
                        validation_data=(X[300:], y[300:]), metrics=["accuracy"])
    assert history["loss"][-1] < history["loss"][0]
    assert history["accuracy"][-1] > 0.9
    assert history["val_accuracy"][-1] > 0.9


def test_learns_three_classes_with_softmax():
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 3.0], [3.0, -2.0], [-3.0, -2.0]])
    labels = rng.integers(0, 3, size=300)
    X = centres[labels] + rng.normal(size=(300, 2))
    model = MLP((2, 16, 3), output_activation="softmax", seed=0)
    history = model.fit(X, np.eye(3)[labels], loss="categorical_cross_entropy",
                        optimizer=SGD(learning_rate=0.05, momentum=0.9), epochs=20,
                        metrics=["accuracy"])
    assert history["accuracy"][-1] > 0.9
    assert model.evaluate(X, labels, loss="sparse_categorical_cross_entropy",
                          metrics=["accuracy"])["accuracy"] == history["accuracy"][-1]


def _fit(seed, column=False, **options):
    X, y = _xor(200)
    if column:
        y = y[:, np.newaxis]
    model = MLP((2, 8, 1), output_activation="sigmoid", seed=seed)
    history = model.fit(X, y, loss="binary_cross_entropy",
                        optimizer=SGD(learning_rate=0.05, momentum=0.9), epochs=5, **options)
    return model, history


def test_same_seed_gives_identical_runs():
    model_a, history_a = _fit(3)
    model_b, history_b = _fit(3)
    assert history_a == history_b
    np.testing.assert_array_equal(model_a.get_params(), model_b.get_params())


def test_different_seed_gives_a_different_run():
    assert _fit(3)[1] != _fit(4)[1]


def test_shuffling_changes_the_run():
    assert _fit(3)[1] != _fit(3, shuffle=False)[1]


def test_history_keys_lengths_and_python_floats():
    X, y = _xor(100)
    model = MLP((2, 4, 1), output_activation="sigmoid", seed=0)
    history = model.fit(X[:60], y[:60], loss="binary_cross_entropy", optimizer=SGD(),
                        epochs=3, batch_size=16, validation_data=(X[60:], y[60:]),
                        metrics=["accuracy", "mean_squared_error"])
    assert list(history) == ["loss", "accuracy", "mean_squared_error", "val_loss",
                             "val_accuracy", "val_mean_squared_error"]
    for values in history.values():
        assert len(values) == 3
        assert all(type(value) is float for value in values)
    no_validation = MLP((2, 4, 1), seed=0).fit(X, y, loss="huber", optimizer=SGD(), epochs=2)
    assert list(no_validation) == ["loss"]


def test_recorded_loss_is_the_full_training_loss_at_the_end_of_the_epoch():
    X, y = _xor(100)
    model = MLP((2, 4, 1), output_activation="sigmoid", seed=0)
    history = model.fit(X, y, loss="binary_cross_entropy", optimizer=SGD(), epochs=2)
    final = lossutils.binary_cross_entropy(y, model.predict(X))
    assert history["loss"][-1] == pytest.approx(final, rel=1e-12)


def test_accuracy_for_each_kind_of_output():
    X = _data(n_samples=6)
    sigmoid = MLP((3, 4, 1), output_activation="sigmoid", seed=0)
    p = sigmoid.predict(X)
    y = (p > 0.5).astype(float)
    y[0] = 1 - y[0]
    assert sigmoid.evaluate(X, y, loss="binary_cross_entropy",
                            metrics=["accuracy"])["accuracy"] == pytest.approx(5 / 6)

    tanh = MLP((3, 4, 1), output_activation="tanh", seed=0)
    signs = np.where(tanh.predict(X) > 0, 1.0, -1.0)
    assert tanh.evaluate(X, signs, loss="hinge", metrics=["accuracy"])["accuracy"] == 1.0
    assert tanh.evaluate(X, (signs + 1) / 2, loss="hinge",
                         metrics=["accuracy"])["accuracy"] == 1.0

    softmax = MLP((3, 4, 3), output_activation="softmax", seed=0)
    labels = softmax.predict(X).argmax(axis=1)
    one_hot = np.eye(3)[labels]
    assert softmax.evaluate(X, one_hot, loss="categorical_cross_entropy",
                            metrics=["accuracy"])["accuracy"] == 1.0
    assert softmax.evaluate(X, (labels + 1) % 3, loss="sparse_categorical_cross_entropy",
                            metrics=["accuracy"])["accuracy"] == 0.0


def test_single_output_targets_may_be_1d_or_a_column():
    assert _fit(0)[1] == _fit(0, column=True)[1]
    X, _ = _xor(100)
    assert MLP((2, 4, 1), seed=0).predict(X).shape == (100,)
    assert MLP((2, 4, 3), seed=0).predict(X).shape == (100, 3)


def test_loss_may_be_given_as_a_function():
    X, y = _xor(50)
    by_name = MLP((2, 4, 1), seed=0).fit(X, y, loss="mean_squared_error",
                                         optimizer=SGD(), epochs=2)
    by_function = MLP((2, 4, 1), seed=0).fit(X, y, loss=lossutils.mean_squared_error,
                                             optimizer=SGD(), epochs=2)
    assert by_name == by_function


def test_reprs_hold_no_memory_addresses():
    assert repr(MLP((2, 3, 1), output_activation="sigmoid", seed=5)) == (
        "MLP(layer_sizes=(2, 3, 1), hidden_activation='relu', "
        "output_activation='sigmoid', seed=5)"
    )
    assert repr(SGD(learning_rate=0.01, momentum=0.9)) == "SGD(learning_rate=0.01, momentum=0.9)"


@pytest.mark.parametrize("kwargs, error, match", [
    ({"layer_sizes": (3,)}, ValueError, "layer_sizes"),
    ({"layer_sizes": (3, 0, 1)}, ValueError, "layer_sizes"),
    ({"layer_sizes": (3, 2.5, 1)}, TypeError, "layer_sizes"),
    ({"layer_sizes": 3}, TypeError, "layer_sizes"),
    ({"hidden_activation": "elu"}, ValueError, "hidden_activation.*'relu'"),
    ({"output_activation": "relu"}, ValueError, "output_activation.*'softmax'"),
    ({"output_activation": "softmax"}, ValueError, "at least two output units"),
    ({"seed": None}, TypeError, "seed"),
    ({"seed": 1.0}, TypeError, "seed"),
    ({"seed": -1}, ValueError, "seed must be a non-negative int"),
])
def test_bad_model_arguments(kwargs, error, match):
    arguments = {"layer_sizes": (3, 4, 1), **kwargs}
    with pytest.raises(error, match=match):
        MLP(arguments.pop("layer_sizes"), **arguments)


@pytest.mark.parametrize("change, error, match", [
    ({"X": np.zeros(5)}, ValueError, r"X must be a 2-D array of shape \(n_samples, 2\)"),
    ({"X": np.zeros((5, 3))}, ValueError, r"X must be a 2-D array"),
    ({"X": [["a", "b"]] * 5}, TypeError, "X must be an array of numbers"),
    ({"X": np.full((5, 2), np.nan)}, ValueError, "X must hold finite"),
    ({"y": np.zeros(4)}, ValueError, r"y must have one row per sample \(5\)"),
    ({"y": np.zeros((5, 2))}, ValueError, r"y must have shape \(5,\) or \(5, 1\)"),
    ({"loss": "cross_entropy"}, ValueError, "unknown loss 'cross_entropy'"),
    ({"loss": np.mean}, TypeError, "loss must be a lossutils loss or its name"),
    ({"optimizer": "sgd"}, TypeError, "optimizer must be a lossutils.nn.SGD"),
    ({"epochs": 0}, ValueError, "epochs must be a positive int"),
    ({"epochs": 2.0}, TypeError, "epochs must be a positive int"),
    ({"batch_size": -1}, ValueError, "batch_size must be a positive int"),
    ({"metrics": ["precision"]}, ValueError, "unknown metric 'precision'.*'accuracy'"),
    ({"validation_data": np.zeros((5, 2))}, TypeError, "validation_data must be a pair"),
    ({"validation_data": (np.zeros((5, 3)), np.zeros(5))}, ValueError,
     r"validation_data\[0\] must be a 2-D array"),
    ({"shuffle": "yes"}, TypeError, "shuffle"),
])
def test_bad_fit_arguments(change, error, match):
    arguments = {"X": np.zeros((5, 2)), "y": np.zeros(5), "loss": "mean_squared_error",
                 "optimizer": SGD(), "epochs": 1, **change}
    model = MLP((2, 3, 1), output_activation="sigmoid", seed=0)
    with pytest.raises(error, match=match):
        model.fit(arguments.pop("X"), arguments.pop("y"), **arguments)


def test_unknown_loss_names_the_known_losses():
    with pytest.raises(ValueError, match="mean_squared_error"):
        MLP((2, 3, 1)).fit(np.zeros((4, 2)), np.zeros(4), loss="mse_loss",
                           optimizer=SGD(), epochs=1)


def test_accuracy_needs_a_classifier_output_and_class_labels():
    with pytest.raises(ValueError, match="accuracy.*linear"):
        MLP((2, 3, 1)).fit(np.zeros((4, 2)), np.zeros(4), loss="mean_squared_error",
                           optimizer=SGD(), epochs=1, metrics=["accuracy"])
    with pytest.raises(ValueError, match=r"labels in \{0, 1\}"):
        MLP((2, 3, 1), output_activation="sigmoid").evaluate(
            np.zeros((4, 2)), [0.0, 0.5, 1.0, 1.0], loss="mean_squared_error",
            metrics=["accuracy"])


def test_integer_labels_must_be_classes_of_the_model():
    with pytest.raises(ValueError, match=r"integer class labels in \[0, 3\)"):
        MLP((2, 3, 3), output_activation="softmax").fit(
            np.zeros((4, 2)), [0, 1, 2, 3], loss="sparse_categorical_cross_entropy",
            optimizer=SGD(), epochs=1)


def test_a_metric_that_does_not_fit_the_targets_fails_before_training():
    model = MLP((2, 3, 3), output_activation="softmax", seed=0)
    before = model.get_params()
    with pytest.raises(ValueError):
        model.fit(np.zeros((4, 2)), [0, 1, 2, 1], loss="sparse_categorical_cross_entropy",
                  optimizer=SGD(), epochs=1, metrics=["categorical_cross_entropy"])
    np.testing.assert_array_equal(model.get_params(), before)


def test_bad_labels_are_caught_by_the_loss_before_training_on_the_fused_path():
    model = MLP((2, 3, 1), output_activation="sigmoid", seed=0)
    before = model.get_params()
    with pytest.raises(ValueError):
        model.fit(np.zeros((4, 2)), [0.0, 1.0, 2.0, 1.0], loss="binary_cross_entropy",
                  optimizer=SGD(), epochs=1)
    np.testing.assert_array_equal(model.get_params(), before)


@pytest.mark.parametrize("kwargs, error, match", [
    ({"learning_rate": 0.0}, ValueError, "learning_rate"),
    ({"learning_rate": "0.1"}, TypeError, "learning_rate"),
    ({"momentum": 1.0}, ValueError, "momentum"),
    ({"momentum": -0.1}, ValueError, "momentum"),
])
def test_bad_optimizer_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        SGD(**kwargs)


def test_bad_update_and_set_params_arguments():
    with pytest.raises(TypeError, match="params must be a float NumPy array"):
        SGD().update([1.0, 2.0], [0.0, 0.0])
    with pytest.raises(ValueError, match="grads has shape"):
        SGD().update(np.zeros(2), np.zeros(3))
    with pytest.raises(ValueError, match=r"params must have shape \(13,\)"):
        MLP((2, 3, 1)).set_params(np.zeros(12))


def test_sgd_weight_decay_is_coupled_l2_before_momentum():
    # torch.optim.SGD: g <- g + weight_decay * w, then the momentum step.
    w = np.array([1.0, -2.0])
    grads = [np.array([0.5, 1.0]), np.array([-1.0, 2.0]), np.array([0.25, 0.0])]
    expected_w, velocity = w.copy(), np.zeros(2)
    opt = SGD(learning_rate=0.1, momentum=0.9, weight_decay=0.01)
    for g in grads:
        velocity = 0.9 * velocity - 0.1 * (g + 0.01 * expected_w)
        expected_w = expected_w + velocity
        caller_g = g.copy()
        opt.update(w, caller_g)
        np.testing.assert_array_equal(caller_g, g)  # the caller's gradient is untouched
    np.testing.assert_allclose(w, expected_w, rtol=0, atol=1e-15)


def test_weight_decay_zero_is_bitwise_the_run_without_it():
    X, y = _xor(200)
    runs = []
    for opt in (SGD(learning_rate=0.05, momentum=0.9),
                SGD(learning_rate=0.05, momentum=0.9, weight_decay=0.0)):
        model = MLP((2, 8, 1), output_activation="sigmoid", seed=3)
        runs.append((model.fit(X, y, loss="binary_cross_entropy", optimizer=opt, epochs=3),
                     model.get_params()))
    assert runs[0][0] == runs[1][0]
    np.testing.assert_array_equal(runs[0][1], runs[1][1])


def test_weight_decay_shrinks_the_weights_of_a_fit():
    X, y = _xor(200)
    norms = []
    for decay in (0.0, 0.01):
        model = MLP((2, 16, 1), output_activation="sigmoid", seed=0)
        model.fit(X, y, loss="binary_cross_entropy", epochs=20,
                  optimizer=SGD(learning_rate=0.1, momentum=0.9, weight_decay=decay))
        norms.append(np.linalg.norm(model.get_params()))
    assert norms[1] < 0.9 * norms[0]


def _adam_reference(w, grads, lr, b1, b2, eps, decay=0.0):
    m = v = np.zeros_like(w)
    for t, g in enumerate(grads, start=1):
        g = g + decay * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
        w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w


@pytest.mark.parametrize("decay", [0.0, 0.1])
def test_adam_follows_kingma_and_ba_algorithm_1(decay):
    rng = np.random.default_rng(0)
    w0 = rng.normal(size=5)
    grads = [rng.normal(scale=s, size=5) for s in (1.0, 1e-3, 10.0, 0.5)]
    w = w0.copy()
    opt = Adam(learning_rate=0.01, weight_decay=decay)
    for g in grads:
        opt.update(w, g)
    np.testing.assert_allclose(w, _adam_reference(w0, grads, 0.01, 0.9, 0.999, 1e-8, decay),
                               rtol=1e-13, atol=1e-15)


def test_adam_defaults_and_first_step_size():
    opt = Adam()
    assert (opt.learning_rate, opt.beta_1, opt.beta_2, opt.epsilon) == (1e-3, 0.9, 0.999, 1e-8)
    w = np.zeros(3)
    opt.update(w, np.array([1e3, -1e-3, 2.0]))
    # bias-corrected: the first step is lr * g / (|g| + eps), about lr whatever |g|
    np.testing.assert_allclose(w, [-1e-3, 1e-3, -1e-3], rtol=1e-4)


@pytest.mark.parametrize("make_optimizer", [
    lambda: SGD(learning_rate=0.05, momentum=0.9),
    lambda: Adam(learning_rate=0.01),
], ids=["sgd", "adam"])
def test_optimizer_state_carries_over_between_fit_calls(make_optimizer):
    X, y = _xor(200)
    once = MLP((2, 8, 1), output_activation="sigmoid", seed=3)
    history = once.fit(X, y, loss="binary_cross_entropy", optimizer=make_optimizer(), epochs=2)
    twice = MLP((2, 8, 1), output_activation="sigmoid", seed=3)
    optimizer = make_optimizer()
    first = twice.fit(X, y, loss="binary_cross_entropy", optimizer=optimizer, epochs=1)
    second = twice.fit(X, y, loss="binary_cross_entropy", optimizer=optimizer, epochs=1)
    assert first["loss"] + second["loss"] == history["loss"]
    np.testing.assert_array_equal(once.get_params(), twice.get_params())


def test_adam_trains_the_xor_problem():
    X, y = _xor()
    model = MLP((2, 16, 1), output_activation="sigmoid", seed=0)
    history = model.fit(X, y, loss="binary_cross_entropy", optimizer=Adam(learning_rate=0.01),
                        epochs=60, metrics=["accuracy"])
    assert history["accuracy"][-1] > 0.9


@pytest.mark.parametrize("make, error, match", [
    (lambda: SGD(weight_decay=-0.1), ValueError, "weight_decay must be a non-negative"),
    (lambda: SGD(weight_decay="0.1"), TypeError, "weight_decay"),
    (lambda: Adam(learning_rate=0), ValueError, "learning_rate"),
    (lambda: Adam(beta_1=1.0), ValueError, r"beta_1 must be in \[0, 1\)"),
    (lambda: Adam(beta_2=-0.5), ValueError, "beta_2"),
    (lambda: Adam(epsilon=0.0), ValueError, "epsilon must be a positive"),
    (lambda: Adam(weight_decay=np.inf), ValueError, "weight_decay"),
])
def test_bad_weight_decay_and_adam_arguments(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_optimizer_reprs():
    assert repr(SGD(learning_rate=0.1, weight_decay=0.001)) == (
        "SGD(learning_rate=0.1, momentum=0.0, weight_decay=0.001)")
    assert repr(Adam()) == (
        "Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-08)")


# ------------------------------------------------- sample weights, class weights, loss options

def _numerical_objective_gradient(model, X, y, loss, **weights_and_options):
    params = model.get_params()
    grad = np.empty_like(params)
    for i in range(params.size):
        values = []
        for step in (H, -H):
            shifted = params.copy()
            shifted[i] += step
            model.set_params(shifted)
            values.append(model.evaluate(X, y, loss=loss, **weights_and_options)["loss"])
        grad[i] = (values[0] - values[1]) / (2 * H)
    model.set_params(params)
    return grad


def _check_objective_gradient(output_activation, loss, n_outputs, kind, **weights_and_options):
    X = _data()
    y = _targets(kind, X.shape[0], n_outputs)
    model = MLP((3, 4, n_outputs), hidden_activation="tanh",
                output_activation=output_activation, seed=2)
    analytic = model.gradient_vector(X, y, loss=loss, **weights_and_options)
    numerical = _numerical_objective_gradient(model, X, y, loss, **weights_and_options)
    np.testing.assert_allclose(analytic, numerical, rtol=RTOL, atol=ATOL)
    return analytic


WEIGHTS = np.array([0.5, 2.0, 0.0, 1.0, 3.0, 0.25, 1.5])


@pytest.mark.parametrize("output_activation, loss, n_outputs, kind", GRADIENT_CASES)
def test_weighted_gradients_match_finite_differences(output_activation, loss, n_outputs, kind):
    weighted = _check_objective_gradient(output_activation, loss, n_outputs, kind,
                                         sample_weight=WEIGHTS)
    X = _data()
    y = _targets(kind, X.shape[0], n_outputs)
    model = MLP((3, 4, n_outputs), hidden_activation="tanh",
                output_activation=output_activation, seed=2)
    assert not np.allclose(weighted, model.gradient_vector(X, y, loss=loss))


@pytest.mark.parametrize("output_activation, loss, n_outputs, kind, class_weight", [
    ("sigmoid", "binary_cross_entropy", 1, "binary", {0: 0.5, 1: 4.0}),
    ("softmax", "sparse_categorical_cross_entropy", 3, "labels", {0: 2.0, 2: 0.25}),
    ("softmax", "categorical_cross_entropy", 3, "one_hot", {1: 3.0}),
    ("tanh", "hinge", 1, "signed", {-1: 1.0, 1: 5.0}),
])
def test_class_weighted_gradients_match_finite_differences(output_activation, loss, n_outputs,
                                                            kind, class_weight):
    _check_objective_gradient(output_activation, loss, n_outputs, kind,
                              class_weight=class_weight, sample_weight=WEIGHTS)


def test_huber_delta_is_passed_to_the_loss_and_its_gradient():
    X = _data()
    y = 3 * _targets("real", X.shape[0], 1)
    model = MLP((3, 4, 1), hidden_activation="tanh", seed=2)
    options = {"loss_options": {"delta": 0.3}}
    analytic = model.gradient_vector(X, y, loss="huber", **options)
    np.testing.assert_allclose(analytic, _numerical_objective_gradient(model, X, y, "huber",
                                                                       **options),
                               rtol=RTOL, atol=ATOL)
    assert not np.allclose(analytic, model.gradient_vector(X, y, loss="huber"))
    expected = lossutils.huber(y, model.predict(X), delta=0.3)
    assert model.evaluate(X, y, loss="huber", **options)["loss"] == expected
    _check_objective_gradient("linear", "huber", 1, "real", sample_weight=WEIGHTS,
                              loss_options={"delta": 0.3})


def _smoothed(loss, n_classes):
    """A stand-in for the coming label_smoothing option of the fused losses:
    the registered name, from_logits, and an option that changes the gradient."""
    def smoothed(y_true, y_pred, *, sample_weight=None, reduction="mean", from_logits=False,
                 label_smoothing=0.0):
        y_true = np.asarray(y_true)
        if loss is lossutils.sparse_categorical_cross_entropy:
            y_true, inner = np.eye(n_classes)[y_true.astype(int)], lossutils.categorical_cross_entropy
        else:
            inner = loss
        y_true = y_true * (1 - label_smoothing) + label_smoothing / n_classes
        return y_true, inner, dict(sample_weight=sample_weight, reduction=reduction,
                                   from_logits=from_logits)

    def value(y_true, y_pred, **kwargs):
        y_true, inner, rest = smoothed(y_true, y_pred, **kwargs)
        return inner(y_true, y_pred, **rest)

    def grad(y_true, y_pred, **kwargs):
        y_true, inner, rest = smoothed(y_true, y_pred, **kwargs)
        return inner.grad(y_true, y_pred, **rest)

    value.__name__ = loss.__name__
    value.__signature__ = inspect.signature(smoothed)
    value.grad = grad
    return value


@pytest.mark.parametrize("output_activation, loss, n_outputs, kind, n_classes", [
    ("sigmoid", "binary_cross_entropy", 1, "binary", 2),
    ("sigmoid", "binary_cross_entropy", 3, "multilabel", 2),
    ("softmax", "categorical_cross_entropy", 3, "one_hot", 3),
    ("softmax", "sparse_categorical_cross_entropy", 3, "labels", 3),
])
def test_an_option_on_a_fused_pair_uses_the_losss_logit_gradient(
        monkeypatch, output_activation, loss, n_outputs, kind, n_classes):
    fake = _smoothed(lossutils.LOSSES[loss], n_classes)
    monkeypatch.setitem(lossutils.LOSSES, loss, fake)
    for weights in ({}, {"sample_weight": WEIGHTS}):
        smoothed = _check_objective_gradient(output_activation, fake, n_outputs, kind,
                                             loss_options={"label_smoothing": 0.2}, **weights)
        X = _data()
        y = _targets(kind, X.shape[0], n_outputs)
        model = MLP((3, 4, n_outputs), hidden_activation="tanh",
                    output_activation=output_activation, seed=2)
        # the fused (p - y) of the unsmoothed targets would be wrong
        assert not np.allclose(smoothed, model.gradient_vector(X, y, loss=loss, **weights))


def test_unit_weights_and_empty_options_give_bitwise_the_same_run():
    X, y = _xor(200)
    runs = []
    for extra in ({}, {"loss_options": {}}, {"sample_weight": None, "class_weight": None}):
        model = MLP((2, 8, 1), output_activation="sigmoid", seed=3)
        runs.append(model.fit(X, y, loss="binary_cross_entropy", epochs=3,
                              optimizer=SGD(learning_rate=0.05, momentum=0.9), **extra))
    assert runs[0] == runs[1] == runs[2]
    model = MLP((2, 8, 1), output_activation="sigmoid", seed=3)
    unit = model.fit(X, y, loss="binary_cross_entropy", epochs=3, sample_weight=np.ones(200),
                     optimizer=SGD(learning_rate=0.05, momentum=0.9))
    np.testing.assert_allclose(unit["loss"], runs[0]["loss"], rtol=1e-12)


def test_class_weight_equals_the_same_sample_weights():
    X, y = _xor(200)
    histories = []
    for weights in ({"class_weight": {0: 1.0, 1: 3.0}}, {"sample_weight": np.where(y == 1, 3.0, 1.0)}):
        model = MLP((2, 8, 1), output_activation="sigmoid", seed=3)
        histories.append(model.fit(X, y, loss="binary_cross_entropy", epochs=3,
                                   optimizer=SGD(learning_rate=0.05, momentum=0.9), **weights))
    assert histories[0] == histories[1]


def test_weighted_history_is_the_weighted_training_loss():
    X, y = _xor(100)
    w = np.linspace(0.0, 2.0, 100)
    model = MLP((2, 4, 1), output_activation="sigmoid", seed=0)
    history = model.fit(X, y, loss="binary_cross_entropy", optimizer=SGD(), epochs=2,
                        sample_weight=w, class_weight={1: 2.0},
                        validation_data=(X[:30], y[:30], w[:30]), metrics=["accuracy"])
    p = model.predict(X)
    combined = w * np.where(y == 1, 2.0, 1.0)
    assert history["loss"][-1] == pytest.approx(
        lossutils.binary_cross_entropy(y, p, sample_weight=combined), rel=1e-12)
    assert history["val_loss"][-1] == pytest.approx(
        lossutils.binary_cross_entropy(y[:30], p[:30], sample_weight=w[:30]), rel=1e-12)
    assert history["accuracy"][-1] == model.evaluate(X, y, loss="binary_cross_entropy",
                                                     metrics=["accuracy"])["accuracy"]


def test_zero_weight_batches_take_no_step():
    X, y = _xor(64)
    model = MLP((2, 4, 1), output_activation="sigmoid", seed=0)
    before = model.get_params()
    w = np.zeros(64)
    w[0] = 1.0
    model.fit(X, y, loss="binary_cross_entropy", optimizer=SGD(learning_rate=0.1), epochs=1,
              batch_size=8, shuffle=False, sample_weight=w)
    # One step only, on the batch holding the one weighted example, scaled by
    # sum_B(w) / (|B| mean(w)) = 8: as large as the 8 steps of full-batch descent.
    one_step = MLP((2, 4, 1), output_activation="sigmoid", seed=0)
    one_step.fit(X[:8], y[:8], loss="binary_cross_entropy", optimizer=SGD(learning_rate=0.8),
                 epochs=1, batch_size=8, shuffle=False, sample_weight=w[:8])
    assert not np.array_equal(model.get_params(), before)
    np.testing.assert_allclose(model.get_params(), one_step.get_params(), rtol=1e-12, atol=1e-15)


def test_weighted_batch_steps_average_to_the_weighted_full_gradient():
    # Over an epoch of small steps, the steps add up to n_batches times the
    # gradient of the weighted mean over the whole training set, however the
    # weights fall into the batches (a rare heavy class, here).
    X, y = _xor(64)
    w = np.where(np.arange(64) % 16 == 0, 15.0, 1.0)
    model = MLP((2, 4, 1), output_activation="sigmoid", seed=0)
    before = model.get_params()
    full = model.gradient_vector(X, y, loss="binary_cross_entropy", sample_weight=w)
    rate = 1e-7
    model.fit(X, y, loss="binary_cross_entropy", optimizer=SGD(learning_rate=rate), epochs=1,
              batch_size=8, shuffle=False, sample_weight=w)
    moved = (before - model.get_params()) / rate
    np.testing.assert_allclose(moved, 8 * full, rtol=1e-5, atol=1e-9)
    # dividing each batch by its own sum of weights would not: it is off by far more
    model.set_params(before)
    per_batch = sum(
        model.gradient_vector(X[i:i + 8], y[i:i + 8], loss="binary_cross_entropy",
                              sample_weight=w[i:i + 8]) for i in range(0, 64, 8))
    assert np.abs(per_batch - 8 * full).max() > 100 * np.abs(moved - 8 * full).max()


@pytest.mark.parametrize("model_args, change, error, match", [
    ({}, {"sample_weight": np.ones(4)}, ValueError,
     r"sample_weight must have shape \(5,\), one weight per sample of X"),
    ({}, {"sample_weight": [1, 1, -2, 1, 1]}, ValueError,
     "sample_weight must be non-negative; found -2 at index 2"),
    ({}, {"sample_weight": [1, 1, np.nan, 1, 1]}, ValueError, "sample_weight must hold finite"),
    ({}, {"sample_weight": np.zeros(5)}, ValueError, "sample weights sum to zero"),
    ({}, {"class_weight": {2: 1.0}}, ValueError,
     "class_weight has key 2, which is not a class label of this model; the labels are 0, 1"),
    ({}, {"class_weight": {"1": 1.0}}, ValueError, "class_weight has key '1'"),
    ({}, {"class_weight": {1: -1.0}}, ValueError, r"class_weight\[1\] must be a non-negative"),
    ({}, {"class_weight": [1.0, 2.0]}, TypeError, "class_weight must be a dict"),
    ({}, {"class_weight": {0: 0.0, 1: 0.0}}, ValueError, "times the class weights sum to zero"),
    ({}, {"y": np.full(5, 0.5), "class_weight": {0: 1.0}}, ValueError,
     r"class_weight needs y to hold class labels in \{0, 1\}"),
    ({"output_activation": "linear"}, {"class_weight": {0: 1.0}}, ValueError,
     "class_weight needs class labels.*sample_weight"),
    ({}, {"loss_options": {"gamma": 2.0}}, ValueError,
     "loss_options has 'gamma', which binary_cross_entropy does not take; its options are: 'label_smoothing'"),
    ({}, {"loss": "huber", "loss_options": {"delta_": 2.0}}, ValueError,
     "loss_options has 'delta_', which huber does not take; its options are: 'delta'"),
    ({}, {"loss_options": {"from_logits": True}}, ValueError,
     "loss_options cannot set 'from_logits'.*output_activation"),
    ({}, {"loss_options": {"sample_weight": np.ones(5)}}, ValueError,
     "loss_options cannot set 'sample_weight'"),
    ({}, {"loss_options": [("delta", 1.0)]}, TypeError, "loss_options must be a dict"),
    ({}, {"loss": "huber", "loss_options": {"delta": -1.0}}, ValueError, "delta"),
    ({}, {"validation_data": (np.zeros((3, 2)), np.zeros(3), np.ones(2))}, ValueError,
     r"validation_data\[2\] must have shape \(3,\)"),
])
def test_bad_weights_and_options(model_args, change, error, match):
    arguments = {"X": np.zeros((5, 2)), "y": np.array([0.0, 1.0, 1.0, 0.0, 1.0]),
                 "loss": "binary_cross_entropy", "optimizer": SGD(), "epochs": 1, **change}
    model = MLP((2, 3, 1), **{"output_activation": "sigmoid", "seed": 0, **model_args})
    before = model.get_params()
    with pytest.raises(error, match=match):
        model.fit(arguments.pop("X"), arguments.pop("y"), **arguments)
    np.testing.assert_array_equal(model.get_params(), before)


def test_evaluate_and_gradients_check_weights_and_options_too():
    model = MLP((2, 3, 3), output_activation="softmax", seed=0)
    X, y = np.zeros((4, 2)), np.array([0, 1, 2, 1])
    with pytest.raises(ValueError, match="class_weight has key 3.*0, 1, 2"):
        model.evaluate(X, y, loss="sparse_categorical_cross_entropy", class_weight={3: 1.0})
    with pytest.raises(ValueError, match="sample_weight must have shape"):
        model.gradients(X, y, loss="sparse_categorical_cross_entropy", sample_weight=[1.0])
    with pytest.raises(ValueError, match="loss_options has 'delta'"):
        model.gradient_vector(X, y, loss="sparse_categorical_cross_entropy",
                              loss_options={"delta": 1.0})


def test_public_names_stay_importable_from_lossutils_nn():
    import lossutils.nn as nn
    from lossutils.nn.training import Trainer

    assert nn.__all__ == ["MLP", "SGD", "Adam"]
    assert (nn.MLP.__module__, nn.SGD.__module__, nn.Adam.__module__) == (
        "lossutils.nn.model", "lossutils.nn.optimizers", "lossutils.nn.optimizers")
    assert issubclass(nn.MLP, Trainer) and nn.MLP.fit is Trainer.fit
    assert "Introduced in Chapter" in nn.MLP.fit.__doc__
