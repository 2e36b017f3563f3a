"""Checks for the course's exercises: say whether an answer is right, and grade it.

Record an exercise's answer in its notebook with :func:`answer`. It checks the answer at once and
prints whether it is right, with a hint when it is not; it never prints the solution::

    from lossutils.exercises import answer
    answer("ch4-ex3", s_min=-1.386)       # prints "ch4-ex3: right." or "ch4-ex3: not yet. <hint>"

Each exercise with a computable answer has a *public check* here, one module per page (``ch1.py`` is
chapter 1, ``ch4a.py`` chapter 4's section on building a loss, ...), registered with :func:`exercise`,
which also names and describes the values the answer consists of. The student edition's answer cells
(``make student``) are written from these descriptions.

The *hidden checks* that grade an answer are not part of this package: they belong to the instructor
(the repository's ``grading/`` folder) and are registered with :func:`hidden`. ``make grade`` runs each
submitted notebook, then calls :func:`grade` in the same kernel, so that hidden checks can test what
the answer recorded, functions included.
"""

import copy
import importlib
import os
import importlib.util
import pkgutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["answer", "exercise", "hidden", "grade", "EXERCISES"]

#: Every exercise with a public check: label -> :class:`Exercise`.
EXERCISES = {}
_ANSWERS = {}  # label -> the values recorded in this kernel by answer()
_HIDDEN = {}  # label -> [(points, check), ...]
_LOADED = False


@dataclass(frozen=True)
class Exercise:
    """One exercise's answer: the values it consists of (name -> description) and its public check."""

    label: str
    values: dict
    check: object

    def placeholder(self):
        """The student edition's answer call, each value left as ``...``."""
        return f'answer("{self.label}", ' + ", ".join(f"{name}=..." for name in self.values) + ")"


def exercise(label, **values):
    """Register the public check of exercise ``label``, whose answer consists of ``values``.

    ``values`` maps each name the answer is given under to a description for the student, e.g.
    ``s_min="the log-variance that minimises the loss (a float)"``. The decorated function takes those
    names as keyword arguments and returns None when the answer is right, or else a hint (a string)
    that helps without giving the solution away.
    """
    if not values:
        raise TypeError(f"exercise({label!r}) needs at least one value: name='description'")

    def register(check):
        if label in EXERCISES:
            raise ValueError(f"exercise {label!r} already has a public check")
        EXERCISES[label] = Exercise(label, dict(values), check)
        return check

    return register


def hidden(label, points):
    """Register a hidden check of exercise ``label`` worth ``points``.

    The decorated function takes the answer's values as keyword arguments and returns the points it
    earns: a number from 0 to ``points``, or True (all of them) or False (none).
    """
    if not points > 0:
        raise ValueError(f"hidden({label!r}, points={points!r}): points must be positive")

    def register(check):
        _HIDDEN.setdefault(label, []).append((float(points), check))
        return check

    return register


def _load_public():
    global _LOADED
    if not _LOADED:
        for module in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{module.name}")
        _LOADED = True


def lookup(label):
    """The :class:`Exercise` registered under ``label``; ValueError naming the labels if unknown."""
    _load_public()
    if label not in EXERCISES:
        raise ValueError(f"no exercise is labelled {label!r}: use the label in the exercise's answer "
                         f"cell, one of {', '.join(sorted(EXERCISES))}")
    return EXERCISES[label]


def answer(label, **values):
    """Record the answer to exercise ``label`` and say whether it is right.

    Give every value the exercise's answer cell names, as keywords. A value left as ``...`` counts as
    not answered yet. The answer is recorded for grading whatever the check says.
    """
    spec = lookup(label)
    unknown = sorted(set(values) - set(spec.values))
    if unknown:
        raise TypeError(f"answer({label!r}) got {', '.join(unknown)}: its values are "
                        f"{', '.join(spec.values)}")
    missing = [name for name in spec.values if values.get(name, ...) is ...]
    if missing:
        _ANSWERS.pop(label, None)
        print(f"{label}: not answered yet: give {', '.join(missing)} (replace each ... with your value).")
        return
    try:
        values = copy.deepcopy(values)
    except Exception:  # a value that cannot be copied is kept as it is
        pass
    _ANSWERS[label] = values
    if os.environ.get("LOSSUTILS_GRADE_LOG"):
        _log_grade(label)
    try:
        hint = spec.check(**values)
    except Exception as error:  # noqa: BLE001  an answer of the wrong kind is a wrong answer
        hint = f"The check could not use your answer ({type(error).__name__}: {error})."
    print(f"{label}: right." if hint is None else f"{label}: not yet. {hint}")


#: Relative changes made to each numeric value of an answer when $LOSSUTILS_GRADE_LOG is set.
PERTURBATIONS = (1e-6, 1e-4, -1e-3, 1e-2)


def _log_grade(label):
    """Grade ``label`` at once and append the result to the file $LOSSUTILS_GRADE_LOG.

    For the course's own tests: `make test` sets it while strict nbval re-executes every notebook, so
    that the run which checks the outputs also shows that every solution earns full marks. It also
    tests that the public check and the hidden checks agree near the answer: each numeric value is
    changed by each of :data:`PERTURBATIONS` in turn, and the public check must say right exactly when
    the hidden checks give full marks (a student told "right" who loses points, or told "not yet" who
    gets them all, is a disagreement). One JSON object per line: label, points, max_points,
    disagreements. The hidden checks come from $LOSSUTILS_HIDDEN. Nothing is printed, so the
    notebooks' outputs are unchanged.
    """
    import json
    import time

    _load_hidden(os.environ["LOSSUTILS_HIDDEN"])
    values, spec = _ANSWERS[label], EXERCISES[label]
    started = time.perf_counter()
    points, top = _score(label, values)
    disagreements = []
    if time.perf_counter() - started < 2.0:  # checks that refit a model are not scanned
        for name, value in values.items():
            for delta in PERTURBATIONS:
                changed = _perturbed(value, delta)
                if changed is None:
                    break
                trial = {**values, name: changed}
                try:
                    right = spec.check(**copy.deepcopy(trial)) is None
                except Exception:  # noqa: BLE001
                    right = False
                earned, _ = _score(label, trial)
                if right != (earned == top):
                    disagreements.append({"value": name, "change": delta, "public": right,
                                          "hidden": earned})
    with open(os.environ["LOSSUTILS_GRADE_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps({"label": label, "points": points, "max_points": top,
                              "disagreements": disagreements}) + "\n")


def _perturbed(value, delta):
    """``value`` changed by the relative amount ``delta`` (zeros by ``delta``), or None if it is not a
    real number or an array of them."""
    if isinstance(value, (bool, np.bool_, str, int, np.integer)) or value is None or callable(value):
        return None  # whole numbers (a seed, a count, a step) are exact answers
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    if array.size == 0 or not np.all(np.isfinite(array)):
        return None
    changed = array * (1 + delta) + (array == 0) * delta
    return float(changed) if array.ndim == 0 else changed


def _load_hidden(directory):
    """Register the hidden checks of every ``*.py`` in ``directory``, and only those."""
    _HIDDEN.clear()
    for path in sorted(Path(directory).glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"_hidden_checks_{path.stem}", path)
        spec.loader.exec_module(importlib.util.module_from_spec(spec))


def _score(label, values):
    """[points, max_points] that the registered hidden checks of ``label`` give ``values``."""
    earned, checks = 0.0, _HIDDEN.get(label, [])
    for points, check in checks:
        if values is None:
            continue
        try:
            got = check(**copy.deepcopy(values))
        except Exception:  # noqa: BLE001  an answer a check cannot use earns nothing
            got = 0
        if got is None or isinstance(got, (bool, np.bool_)):  # NumPy's booleans are booleans too
            got = points if got else 0.0
        earned += min(max(float(got), 0.0), points)
    return [earned, sum(points for points, _ in checks)]


def grade(directory, labels=None):
    """Run the hidden checks in ``directory`` (every ``*.py``) on this kernel's recorded answers.

    Returns ``{label: [points, max_points]}`` for every exercise with a hidden check (or for those of
    ``labels``). A check that raises earns nothing; so does an exercise with no recorded answer.
    """
    _load_hidden(directory)
    return {label: _score(label, _ANSWERS.get(label)) for label in _HIDDEN
            if labels is None or label in labels}


def close(value, expected, rtol=1e-6, atol=0.0):
    """Whether ``value`` (a number or array) equals ``expected`` within the tolerances, shape included."""
    try:
        value = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    expected = np.asarray(expected, dtype=float)
    return value.shape == expected.shape and bool(np.all(np.isfinite(value))) and bool(
        np.allclose(value, expected, rtol=rtol, atol=atol))


# Helpers the check modules share ------------------------------------------------------------------

#: The hint for a value right only to the digits a page prints.
UNROUNDED = ("Nearly: give the value your code computed, unrounded (pass the variable itself, not a "
             "number copied from a printout).")


def word(value):
    """A string answer as compared: stripped and lower-cased (None for a value that is not a string)."""
    return value.strip().lower() if isinstance(value, (str, np.str_)) else None


def whole(value, expected):
    """Whether ``value`` is the whole number ``expected`` (an int, or a float with no fraction)."""
    if isinstance(value, (bool, np.bool_)):
        return False
    try:
        return float(value) == expected
    except (TypeError, ValueError):
        return False


def is_bool(value, truth):
    """Whether ``value`` is the boolean ``truth`` (a Python or a NumPy boolean)."""
    return isinstance(value, (bool, np.bool_)) and bool(value) is truth


def fraction(cases):
    """The fraction of ``cases`` (callables returning a bool) that hold; a case that raises is false."""
    cases, right = list(cases), 0
    for case in cases:
        try:
            right += bool(case())
        except Exception:  # noqa: BLE001  a function that raises on a case gets it wrong
            pass
    return right / len(cases)


def first_hint(*checks):
    """The first hint among ``checks`` (functions of no argument), or None when every one passes."""
    for check in checks:
        hint = check()
        if hint is not None:
            return hint
    return None
