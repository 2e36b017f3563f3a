"""Tests of lossutils.plots on the non-interactive Agg backend."""

import matplotlib

matplotlib.use("Agg")

import configparser  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.contour import ContourSet  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from lossutils.plots import (  # noqa: E402
    PALETTE,
    animation_html,
    plot_history,
    plot_loss_surface,
    plot_losses,
    plot_runs,
)

HISTORY = {
    "loss": [0.7, 0.5, 0.4, 0.35],
    "accuracy": [0.5, 0.7, 0.8, 0.85],
    "val_loss": [0.72, 0.6, 0.5, 0.45],
    "val_accuracy": [0.5, 0.6, 0.7, 0.75],
}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _legend(ax):
    return [text.get_text() for text in ax.get_legend().get_texts()]


def test_plot_history_loss_only():
    fig = plot_history({"loss": [1.0, 0.5]})
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    assert len(ax.get_lines()) == 1 and _legend(ax) == ["train"]
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "loss"
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), [1, 2])


def test_plot_history_with_metric_and_validation():
    fig = plot_history(HISTORY, "accuracy", title="Two circles")
    loss_ax, metric_ax = fig.axes
    for ax in (loss_ax, metric_ax):
        assert _legend(ax) == ["train", "validation"]
        assert [line.get_color() for line in ax.get_lines()] == list(PALETTE[:2])
    assert metric_ax.get_ylabel() == "accuracy"
    assert fig.get_suptitle() == "Two circles"


def test_plot_history_into_given_axes():
    fig, axes = plt.subplots(1, 2)
    assert plot_history(HISTORY, "accuracy", axes=axes) is fig
    with pytest.raises(ValueError, match="axes must hold 1 Axes"):
        plot_history(HISTORY, axes=axes)


@pytest.mark.parametrize("history, metric, match", [
    ({"accuracy": [1.0]}, None, "'loss' key"),
    ([0.5, 0.4], None, "history must be a dict"),
    (HISTORY, "precision", "'accuracy'"),
    (HISTORY, "val_accuracy", "validation curves are drawn automatically"),
])
def test_plot_history_errors(history, metric, match):
    with pytest.raises(ValueError, match=match):
        plot_history(history, metric)


def _bowl(w1, w2):
    return w1**2 + 4 * w2**2


def test_plot_loss_surface_with_labelled_paths():
    paths = {"plain": np.array([[2.0, 1.5], [1.0, 0.5], [0.0, 0.0]]),
             "momentum": np.array([[-2.0, 1.5], [-0.5, -0.5]])}
    ax = plot_loss_surface(_bowl, (-2.5, 2.5), (-2, 2), paths=paths, minimum=(0, 0),
                           resolution=21, title="A bowl")
    assert isinstance(ax, Axes)
    assert len(ax.get_lines()) == 2
    assert _legend(ax) == ["plain", "momentum", "minimum"]
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()) == ("$w_1$", "$w_2$", "A bowl")
    # start and end markers of each path, and the minimum
    assert len(ax.collections) - _n_contour_collections(ax) == 5


def _n_contour_collections(ax):
    return sum(isinstance(c, ContourSet) for c in ax.collections)


def test_plot_loss_surface_path_forms():
    one = np.array([[1.0, 1.0], [0.5, 0.5]])
    ax = plot_loss_surface(_bowl, (-2, 2), (-2, 2), paths=one, resolution=11)
    assert _legend(ax) == ["descent path"]
    ax = plot_loss_surface(_bowl, (-2, 2), (-2, 2), paths=[one, one[::-1]], resolution=11)
    assert _legend(ax) == ["path 1", "path 2"]
    ax = plot_loss_surface(_bowl, (-2, 2), (-2, 2), resolution=11, levels=[0.5, 1, 2])
    assert len(ax.get_lines()) == 0 and ax.get_legend() is None


def test_plot_loss_surface_evaluates_f_on_the_grid():
    calls = []

    def f(w1, w2):
        calls.append((w1, w2))
        return w1 + w2

    plot_loss_surface(f, (0, 1), (0, 2), resolution=3)
    assert len(calls) == 9 and (0.0, 0.0) in calls and (1.0, 2.0) in calls


@pytest.mark.parametrize("kwargs, error, match", [
    ({"f": 3}, TypeError, "f must be a function"),
    ({"w1_range": (1, 0)}, ValueError, "w1_range must have low < high"),
    ({"w2_range": 5}, ValueError, "w2_range must be a pair"),
    ({"paths": [np.zeros((3, 3))]}, ValueError, r"shape \(steps, 2\)"),
    ({"resolution": 1}, ValueError, "resolution"),
])
def test_plot_loss_surface_errors(kwargs, error, match):
    arguments = {"f": _bowl, "w1_range": (-1, 1), "w2_range": (-1, 1), **kwargs}
    with pytest.raises(error, match=match):
        plot_loss_surface(arguments.pop("f"), arguments.pop("w1_range"),
                          arguments.pop("w2_range"), **arguments)


def test_plot_losses_values_and_functions():
    r = np.linspace(-2, 2, 41)
    fig, ax = plt.subplots()
    returned = plot_losses(r, {"squared": r**2, "absolute": np.abs, "zero": np.zeros(41)},
                           title="Regression losses", ax=ax)
    assert returned is ax
    assert len(ax.get_lines()) == 3 and _legend(ax) == ["squared", "absolute", "zero"]
    np.testing.assert_array_equal(ax.get_lines()[1].get_ydata(), np.abs(r))
    assert ax.get_ylabel() == "loss" and ax.get_title() == "Regression losses"


def test_plot_losses_errors():
    r = np.linspace(-1, 1, 5)
    with pytest.raises(ValueError, match="has 4 values but x has 5"):
        plot_losses(r, {"short": np.zeros(4)})
    with pytest.raises(TypeError, match="curves must be a non-empty dict"):
        plot_losses(r, [r**2])


def test_plot_history_names_the_held_out_split():
    history = {"loss": [0.7, 0.5], "val_loss": [0.8, 0.6]}
    fig = plot_history(history, held_out="test")
    assert _legend(fig.axes[0]) == ["train", "test"]
    plt.close(fig)
    with pytest.raises(TypeError, match="held_out"):
        plot_history(history, held_out="")


def test_plot_runs_draws_every_run_and_the_mean():
    runs = np.array([[1.0, 0.5, 0.25], [1.0, 0.7, 0.45]])
    ax = plot_runs([1, 2, 3], runs, label="MSE", color=PALETTE[2], log=True)
    lines = ax.get_lines()
    assert len(lines) == 3 and _legend(ax) == ["MSE, mean of 2 runs"]
    np.testing.assert_allclose(lines[-1].get_ydata(), runs.mean(axis=0))
    assert lines[0].get_alpha() < 1 and ax.get_yscale() == "log"
    plt.close(ax.figure)


@pytest.mark.parametrize("runs, match", [
    (np.zeros((2, 4)), r"shape \(n_runs, 3\)"),
    (np.array([[1.0, np.nan, 0.0]]), "finite"),
])
def test_plot_runs_errors(runs, match):
    with pytest.raises(ValueError, match=match):
        plot_runs([1, 2, 3], runs)


def test_plot_runs_median():
    runs = np.array([[1.0, 0.5], [2.0, 0.4], [9.0, 0.1]])
    ax = plot_runs([1, 2], runs, center="median")
    np.testing.assert_allclose(ax.get_lines()[-1].get_ydata(), [2.0, 0.4])
    assert _legend(ax) == ["median of 3 runs"]
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="center"):
        plot_runs([1, 2], runs, center="mode")


def _animation(n_frames=3):
    from matplotlib.animation import FuncAnimation

    fig, ax = plt.subplots(figsize=(1, 1), dpi=20)
    (line,) = ax.plot([], [])

    def draw(t):
        line.set_data([0, t], [0, t])
        return [line]

    return fig, FuncAnimation(fig, draw, frames=n_frames)


def test_animation_html_is_offline_and_labelled():
    fig, anim = _animation(3)
    player = animation_html(anim, alt='A line "growing" <left to right>.')
    html = player.html
    assert player.n_frames == 3 and repr(player).startswith("<animation player, 3 frames:")
    assert not re.search(r"https?://|<link", html), "the player must not load anything"
    assert 'action="' not in html
    # The frame image says what it shows (escaped); every control has an accessible name.
    assert re.search(r'<img id="_anim_img[0-9a-f]+" alt="A line &quot;growing&quot; '
                     r'&lt;left to right&gt;.">', html)
    assert re.search(r'<input id="_anim_slider[0-9a-f]+" type="range" aria-label="[^"]+"', html)
    buttons = re.findall(r"<button[^>]*>", html)
    assert len(buttons) == 9 and all("aria-label=" in b for b in buttons)
    radios = re.findall(r'<input type="radio"[^>]*>', html)
    assert [re.search(r'aria-label="([^"]+)"', r).group(1) for r in radios] == [
        "Once", "Loop", "Reflect"]
    assert re.search(r'value="loop" aria-label="Loop" id="[^"]+"\s*checked', html)
    assert not plt.fignum_exists(fig.number), "the static figure should be closed"


def test_animation_html_keeps_the_figure_when_asked_and_checks_its_arguments():
    fig, anim = _animation(2)
    player = animation_html(anim, alt="Two frames.", default_mode="once", close=False)
    assert plt.fignum_exists(fig.number)
    assert re.search(r'value="once" aria-label="Once" id="[^"]+"\s*checked', player.html)
    with pytest.raises(TypeError, match="alt must be a non-empty str"):
        animation_html(anim, alt=" ")
    with pytest.raises(ValueError, match="default_mode"):
        animation_html(anim, alt="Two frames.", default_mode="bounce")


def test_nbval_sanitising_still_matches_the_player():
    """Two runs of the same animation differ only where tests/nbval_sanitize.cfg replaces them."""
    config = configparser.ConfigParser()
    config.read(Path(__file__).with_name("nbval_sanitize.cfg"))
    rules = [(config[name]["regex"], config[name]["replace"]) for name in config.sections()]

    def sanitised(html):
        for pattern, replacement in rules:
            html = re.sub(pattern, replacement, html)
        return html

    first = animation_html(_animation(2)[1], alt="Two frames.").html
    second = animation_html(_animation(2)[1], alt="Two frames.").html
    ids = set(re.findall(r"[0-9a-f]{32}", first))
    assert len(ids) == 1 and ids.isdisjoint(re.findall(r"[0-9a-f]{32}", second))
    assert sanitised(first) == sanitised(second)
    assert not re.search(r"[0-9a-f]{32}", sanitised(first))
    assert sanitised(first).count("data:image/png;base64,FRAME") == 2
