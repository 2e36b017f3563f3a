"""The plots the chapters share: learning curves, loss surfaces, loss curves, animations.

Every helper draws with the same small palette, labels its axes, and returns
what it drew on (a ``Figure`` for multi-panel plots, an ``Axes`` otherwise)
without showing it: notebook cells end with ``plt.show()``. Pass ``ax=``
(or ``axes=``) to draw into a figure of your own; a figure the helper
creates itself gets a tight layout.
"""

import html as _html
import re
from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np

__all__ = [
    "PALETTE", "AnimationPlayer", "animation_html", "plot_history", "plot_loss_surface",
    "plot_losses", "plot_runs",
]

#: Okabe-Ito colours (distinguishable with colour-vision deficiencies), in the
#: order the helpers use them: train, validation, then further series.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")

_PANEL_WIDTH, _PANEL_HEIGHT = 5.0, 3.5


def _style(ax, xlabel, ylabel, title):
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    ax.grid(alpha=0.3)


def _new_axes(ax):
    if ax is not None:
        return ax, False
    _, ax = plt.subplots(figsize=(_PANEL_WIDTH, _PANEL_HEIGHT))
    return ax, True


def _as_curve(values, name):
    curve = np.asarray(values, dtype=float)
    if curve.ndim != 1 or curve.size == 0:
        raise ValueError(
            f"{name} must be a non-empty 1-D sequence of numbers; got shape {curve.shape}."
        )
    return curve


def plot_history(history, metric=None, *, title=None, axes=None, held_out="validation"):
    """Plot learning curves: the loss, and optionally a metric, per epoch.

    Training curves are solid, held-out curves (``"val_"`` keys) dashed.

    Introduced in Chapter 1, *Neural-network learning as optimisation*.

    Parameters
    ----------
    history : dict of str to list of float
        As returned by :meth:`lossutils.nn.MLP.fit`; must contain ``"loss"``.
    metric : str, optional
        A further key of ``history`` (such as ``"accuracy"``), drawn in a
        second panel to the right of the loss.
    title : str, optional
        Title above the whole figure.
    axes : Axes or sequence of Axes, optional
        One Axes per panel (one, or two with ``metric``) to draw into; by
        default a new figure is made.
    held_out : str, default="validation"
        Legend name of the ``"val_"`` curves: the split they were measured on.
        ``MLP.fit`` calls whatever it is given ``validation_data``; when that is
        the test set, say so with ``held_out="test"``.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the panels (``fig.axes``).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from lossutils.plots import plot_history
    >>> history = {"loss": [0.7, 0.5, 0.4], "val_loss": [0.7, 0.6, 0.5],
    ...            "accuracy": [0.5, 0.7, 0.8], "val_accuracy": [0.5, 0.6, 0.7]}
    >>> fig = plot_history(history, "accuracy", title="Two circles")
    >>> type(fig).__name__, len(fig.axes)
    ('Figure', 2)
    >>> plt.close(fig)
    """
    if not isinstance(held_out, str) or not held_out:
        raise TypeError(f"held_out must be a non-empty str naming the split; got {held_out!r}.")
    if not isinstance(history, Mapping) or "loss" not in history:
        raise ValueError(
            "history must be a dict with a 'loss' key, as returned by MLP.fit; "
            f"got {type(history).__name__}"
            + (f" with keys {sorted(history)}" if isinstance(history, Mapping) else "")
            + "."
        )
    keys = ["loss"]
    if metric is not None:
        if metric not in history or metric.startswith("val_") or metric == "loss":
            choices = sorted(k for k in history if k != "loss" and not k.startswith("val_"))
            raise ValueError(
                f"metric {metric!r} is not a training metric in history; "
                f"choose one of {choices} (validation curves are drawn automatically)."
            )
        keys.append(metric)

    created = axes is None
    if created:
        fig, axes = plt.subplots(
            1, len(keys), figsize=(_PANEL_WIDTH * len(keys), _PANEL_HEIGHT), squeeze=False
        )
        axes = axes[0]
    else:
        axes = np.atleast_1d(np.asarray(axes, dtype=object)).ravel()
        if len(axes) != len(keys):
            raise ValueError(
                f"axes must hold {len(keys)} Axes (one per panel: {keys}); got {len(axes)}."
            )
        fig = axes[0].figure

    for ax, key in zip(axes, keys):
        train = _as_curve(history[key], f"history[{key!r}]")
        epochs = np.arange(1, train.size + 1)
        ax.plot(epochs, train, color=PALETTE[0], label="train")
        if "val_" + key in history:
            val = _as_curve(history["val_" + key], f"history['val_{key}']")
            ax.plot(np.arange(1, val.size + 1), val, "--", color=PALETTE[1], label=held_out)
        _style(ax, "epoch", key.replace("_", " "), key.replace("_", " ").capitalize())
        ax.legend()
    if title is not None:
        fig.suptitle(title)
    if created:
        fig.tight_layout()
    return fig


def plot_loss_surface(f, w1_range, w2_range, *, paths=None, levels=20, resolution=101,
                      minimum=None, title=None, xlabel="$w_1$", ylabel="$w_2$", ax=None):
    """Contour plot of a loss of two parameters, with descent paths on it.

    Each path is a line from its start (circle) to its end (star).

    Introduced in Chapter 1, *Neural-network learning as optimisation*.

    Parameters
    ----------
    f : callable
        ``f(w1, w2) -> float``, called once per grid point with two floats
        (so any function works, e.g. one that sets two weights of a model and
        evaluates its loss).
    w1_range, w2_range : tuple (low, high)
        Extent of the grid along each parameter.
    paths : array of shape (steps, 2), sequence of such arrays, or dict, optional
        Parameter values visited by an optimiser. A dict maps legend labels to
        paths; a sequence is labelled ``"path 1"``, ``"path 2"``, ...; a single
        array is labelled ``"descent path"``.
    levels : int or increasing sequence of float, default=20
        Number of contour lines, or their values (``np.geomspace`` suits losses
        spanning orders of magnitude).
    resolution : int, default=101
        Grid points along each axis.
    minimum : tuple (w1, w2), optional
        A point to mark with a cross, labelled ``"minimum"``.
    title, xlabel, ylabel : str, optional
        Axes title and labels.
    ax : Axes, optional
        Where to draw; by default a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import numpy as np
    >>> from lossutils.plots import plot_loss_surface
    >>> path = np.array([[2.0, 1.5], [1.0, 0.5], [0.2, 0.1]])
    >>> ax = plot_loss_surface(lambda a, b: a**2 + 4 * b**2, (-2.5, 2.5), (-2, 2),
    ...                        paths={"gradient descent": path}, minimum=(0, 0))
    >>> type(ax).__name__, [text.get_text() for text in ax.get_legend().get_texts()]
    ('Axes', ['gradient descent', 'minimum'])
    >>> plt.close(ax.figure)
    """
    if not callable(f):
        raise TypeError(f"f must be a function f(w1, w2) -> float; got {type(f).__name__}.")
    w1_low, w1_high = _check_range(w1_range, "w1_range")
    w2_low, w2_high = _check_range(w2_range, "w2_range")
    if isinstance(resolution, bool) or not isinstance(resolution, int) or resolution < 2:
        raise ValueError(f"resolution must be an int >= 2; got {resolution!r}.")

    w1 = np.linspace(w1_low, w1_high, resolution)
    w2 = np.linspace(w2_low, w2_high, resolution)
    surface = np.array([[float(f(a, b)) for a in w1] for b in w2])

    ax, created = _new_axes(ax)
    ax.contour(w1, w2, surface, levels=levels, cmap="viridis", linewidths=0.9)
    for i, (label, path) in enumerate(_labelled_paths(paths)):
        color = PALETTE[i % len(PALETTE)]
        ax.plot(path[:, 0], path[:, 1], "-", marker=".", markersize=4, color=color, label=label)
        ax.scatter(*path[0], marker="o", s=40, color=color, zorder=3)
        ax.scatter(*path[-1], marker="*", s=140, color=color, edgecolor="black", zorder=3)
    if minimum is not None:
        ax.scatter(*minimum, marker="+", s=120, color="black", zorder=3, label="minimum")
    _style(ax, xlabel, ylabel, title)
    if paths is not None or minimum is not None:
        ax.legend()
    if created:
        ax.figure.tight_layout()
    return ax


def _check_range(value, name):
    try:
        low, high = (float(v) for v in value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a pair (low, high) of numbers; got {value!r}.") from None
    if not low < high:
        raise ValueError(f"{name} must have low < high; got {value!r}.")
    return low, high


def _labelled_paths(paths):
    if paths is None:
        return []
    if isinstance(paths, Mapping):
        items = list(paths.items())
    elif isinstance(paths, np.ndarray) and paths.ndim == 2:
        items = [("descent path", paths)]
    else:
        items = [(f"path {i}", path) for i, path in enumerate(paths, start=1)]
    checked = []
    for label, path in items:
        path = np.asarray(path, dtype=float)
        if path.ndim != 2 or path.shape[1] != 2 or path.shape[0] == 0:
            raise ValueError(
                f"each path must have shape (steps, 2); {label!r} has shape {path.shape}."
            )
        checked.append((str(label), path))
    return checked


def plot_losses(x, curves, *, xlabel=r"residual $\hat{y} - y$", ylabel="loss",
                title=None, ax=None):
    """Plot several 1-D loss curves against a common variable.

    For example the squared, absolute and Huber losses against the
    residual, or hinge and logistic losses against the margin.

    Introduced in Chapter 1, *Neural-network learning as optimisation*.

    Parameters
    ----------
    x : array_like of shape (n,)
        The common variable (the horizontal axis).
    curves : dict of str to array_like or callable
        Legend label to the values at ``x`` (shape ``(n,)``), or to a function
        computing them from ``x``.
    xlabel, ylabel, title : str, optional
        Axes labels and title.
    ax : Axes, optional
        Where to draw; by default a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import numpy as np
    >>> from lossutils.plots import plot_losses
    >>> r = np.linspace(-3, 3, 61)
    >>> ax = plot_losses(r, {"squared": r**2, "absolute": np.abs})
    >>> len(ax.get_lines())
    2
    >>> plt.close(ax.figure)
    """
    x = _as_curve(x, "x")
    if not isinstance(curves, Mapping) or not curves:
        raise TypeError(
            "curves must be a non-empty dict mapping labels to values or functions of x; "
            f"got {type(curves).__name__}."
        )
    ax, created = _new_axes(ax)
    for i, (label, values) in enumerate(curves.items()):
        y = _as_curve(values(x) if callable(values) else values, f"curves[{label!r}]")
        if y.shape != x.shape:
            raise ValueError(
                f"curves[{label!r}] has {y.size} values but x has {x.size}; they must match."
            )
        ax.plot(x, y, color=PALETTE[i % len(PALETTE)], label=str(label))
    _style(ax, xlabel, ylabel, title)
    ax.legend()
    if created:
        ax.figure.tight_layout()
    return ax


def plot_runs(x, runs, *, label=None, color=None, ax=None, xlabel="epoch", ylabel="loss",
              title=None, log=False, center="mean"):
    """Draw repeated runs of one experiment: every run faintly, their centre boldly.

    Introduced in Chapter 4, *Cross-entropy*. Use it wherever a curve differs
    by seed, so a reader sees the spread and not one lucky run.

    Parameters
    ----------
    x : array_like of shape (n_points,)
        Shared horizontal axis (epochs, steps).
    runs : array_like of shape (n_runs, n_points)
        One row per run (seed).
    label : str, optional
        Legend label of the mean curve; ``"(n runs)"`` is appended.
    color : str, optional
        Colour of the runs and their mean; by default the first palette colour.
    ax : Axes, optional
        Axes to draw into; by default a new figure is made.
    xlabel, ylabel, title : str, optional
        Axes labels and title.
    log : bool, default=False
        Logarithmic vertical axis (for losses spanning decades).
    center : {"mean", "median"}, default="mean"
        The bold curve: the mean of the runs at each point, or their median
        (the text's statistic should be the one drawn; on a log axis, or with
        a run far from the others, the median is usually the clearer one).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import numpy as np
    >>> from lossutils.plots import plot_runs
    >>> runs = np.array([[1.0, 0.6, 0.4], [1.0, 0.5, 0.3]])
    >>> ax = plot_runs([1, 2, 3], runs, label="MSE")
    >>> [line.get_label() for line in ax.get_lines()][-1]
    'MSE, mean of 2 runs'
    >>> plt.close(ax.figure)
    """
    x = _as_curve(x, "x")
    curves = np.asarray(runs, dtype=float)
    if curves.ndim != 2 or curves.shape[1] != x.size:
        raise ValueError(
            f"runs must have shape (n_runs, {x.size}), one row per run over x; "
            f"got shape {curves.shape}."
        )
    if not np.all(np.isfinite(curves)):
        raise ValueError("runs must be finite; a diverged run should be reported, not drawn.")
    if center not in ("mean", "median"):
        raise ValueError(f'center must be "mean" or "median"; got {center!r}.')
    ax, created = _new_axes(ax)
    color = PALETTE[0] if color is None else color
    for row in curves:
        ax.plot(x, row, color=color, alpha=0.25, linewidth=0.8, label="_nolegend_")
    middle = np.median(curves, axis=0) if center == "median" else curves.mean(axis=0)
    name = center if label is None else f"{label}, {center}"
    ax.plot(x, middle, color=color, linewidth=2, label=f"{name} of {curves.shape[0]} runs")
    if log:
        ax.set_yscale("log")
    _style(ax, xlabel, ylabel, title)
    ax.legend()
    if created:
        ax.figure.tight_layout()
    return ax


class AnimationPlayer:
    """A matplotlib animation as a self-contained, accessible HTML player.

    Made by :func:`animation_html`. A notebook shows it as the player (its
    ``_repr_html_``); its plain-text form names the frames and the alt text.
    ``html`` holds the markup.
    """

    def __init__(self, html, n_frames, alt):
        self.html = html
        self.n_frames = n_frames
        self.alt = alt

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        return f"<animation player, {self.n_frames} frames: {self.alt}>"


def _edit_player(html, pattern, replacement, what, count=1):
    html, made = re.subn(pattern, replacement, html)
    if made != count:
        raise RuntimeError(
            f"animation_html could not {what}: matplotlib's to_jshtml template has changed "
            f"(expected {count} match(es) of {pattern!r}, found {made})."
        )
    return html


def animation_html(anim, *, alt, default_mode="loop", close=True):
    """An animation as an HTML player that needs neither Python nor the internet.

    Wraps matplotlib's ``Animation.to_jshtml``, whose player carries every
    frame inside the page, and mends what an offline, accessible page needs:

    - the link to a Font Awesome stylesheet on a CDN is removed (the book's
      theme serves Font Awesome itself);
    - the frame image gets ``alt`` text, and the frame slider, the buttons and
      the loop-mode radio buttons get ``aria-label`` s, so that a screen
      reader can say what each control does;
    - the loop-mode form loses its dummy ``action="#n"`` (it is never
      submitted).

    Introduced in the appendix, *A deep dive into loss functions*.

    Parameters
    ----------
    anim : matplotlib.animation.Animation
        The animation, e.g. a ``FuncAnimation``.
    alt : str
        What the animation shows, for readers who cannot see it: the quantity
        drawn, how it changes over the frames, what to notice.
    default_mode : {"loop", "once", "reflect"}, default="loop"
        What the player does at the last frame.
    close : bool, default=True
        Close the animation's figure, so that a notebook shows the player
        and not also the static figure.

    Returns
    -------
    AnimationPlayer
        Displays as the player in a notebook; the markup is its ``html``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from matplotlib.animation import FuncAnimation
    >>> from lossutils.plots import animation_html
    >>> fig, ax = plt.subplots(figsize=(1, 1), dpi=20)
    >>> line, = ax.plot([], [])
    >>> anim = FuncAnimation(fig, lambda t: [line], frames=3)
    >>> player = animation_html(anim, alt="A line that does not move.")
    >>> player
    <animation player, 3 frames: A line that does not move.>
    >>> 'alt="A line that does not move."' in player.html, "http" in player.html
    (True, False)
    """
    if not isinstance(alt, str) or not alt.strip():
        raise TypeError(
            "alt must be a non-empty str saying what the animation shows; "
            f"got {alt!r}."
        )
    if default_mode not in ("loop", "once", "reflect"):
        raise ValueError(
            f"default_mode must be 'loop', 'once' or 'reflect'; got {default_mode!r}."
        )
    html = anim.to_jshtml(default_mode=default_mode)
    if close:
        plt.close(anim._fig)
    n_frames = len(re.findall(r"frames\[\d+\] = ", html))

    html = _edit_player(html, r'<link rel="stylesheet"\s*href="https?://[^"]*">\s*', "",
                        "remove the CDN stylesheet")
    html = _edit_player(html, r' action="#n"', "", "remove the form's dummy action")
    text = _html.escape(alt.strip(), quote=True)
    html = _edit_player(html, r'<img id="(_anim_img[0-9a-f]+)">',
                        rf'<img id="\1" alt="{text}">', "give the frame image its alt text")
    html = _edit_player(html, r'(<input id="_anim_slider[0-9a-f]+" type="range")',
                        r'\1 aria-label="Animation frame"', "label the frame slider")
    html = _edit_player(
        html, r'(<input type="radio" name="state" value="(once|loop|reflect)")',
        lambda m: f'{m.group(1)} aria-label="{m.group(2).capitalize()}"',
        "label the loop-mode buttons", count=3)
    # Older matplotlib gives the buttons a title only; the label is the same words.
    html = re.sub(r'<button title="([^"]+)"(?! aria-label)', r'<button title="\1" aria-label="\1"',
                  html)
    if re.search(r"https?://", html):
        raise RuntimeError("animation_html: the player still refers to an external address.")
    return AnimationPlayer(html, n_frames, alt.strip())
