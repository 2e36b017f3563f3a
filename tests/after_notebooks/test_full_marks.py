"""The course's own notebooks score full marks, and the public and hidden checks agree near every answer.

Run by `make test` right after strict nbval, which executes every notebook with LOSSUTILS_GRADE_LOG
set: each `answer(...)` call then also runs the exercise's hidden checks (lossutils.exercises) and
appends the points to that log, without printing anything. So the one execution that compares the
outputs also grades the solutions, as `make grade` would (tests/test_grading.py tests `make grade`
itself on the blank student edition and on broken submissions).
"""

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import grade  # noqa: E402
import make_student  # noqa: E402
from lossutils import exercises  # noqa: E402

NOTEBOOKS = make_student.toc_notebooks()


@pytest.fixture(scope="module")
def logged():
    path = os.environ.get("LOSSUTILS_GRADE_LOG")
    if not path or not Path(path).is_file():
        pytest.fail("No grade log: run these tests through 'make test', which writes it while nbval "
                    "re-executes the notebooks (LOSSUTILS_GRADE_LOG).", pytrace=False)
    last = {}
    for line in Path(path).read_text().splitlines():
        entry = json.loads(line)
        last[entry["label"]] = entry
    return last


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_solution_earns_full_marks(logged, path):
    exercises.lookup("qs-ex1")  # loads the public checks
    top = grade.maximum_points(grade.HIDDEN)
    for label in grade.stated_labels(path):
        if label not in exercises.EXERCISES:
            continue
        assert label in logged, f"{path.name}: {label} recorded no answer during the nbval run"
        points, most = logged[label]["points"], logged[label]["max_points"]
        assert most == top[label] and points == most, f"{path.name}: {label} scored {points} of {most}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_public_and_hidden_checks_agree_near_each_answer(logged, path):
    """A student told "right" gets every point, and one told "not yet" does not (lossutils.exercises
    changes each numeric value of the solution's answer by 1e-6, 1e-4, -1e-3 and 1e-2 in turn)."""
    exercises.lookup("qs-ex1")
    found = {label: logged[label]["disagreements"] for label in grade.stated_labels(path)
             if label in logged and logged[label]["disagreements"]}
    assert not found, "\n".join(
        f"{label}: {d['value']} changed by {d['change']:g}: public says "
        f"{'right' if d['public'] else 'not yet'}, hidden gives {d['hidden']:g}"
        for label, items in found.items() for d in items)
