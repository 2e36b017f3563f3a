"""Grading (`make grade`, tools/grade.py) and the exercise checks (lossutils.exercises, grading/hidden).

The blank student edition scores 0 on every exercise, and runs without an error: it is graded as an
instructor would grade a class, every notebook executed in a fresh kernel, two at a time. A broken or
endless submission does not stop the others. That the course's own notebooks, whose solutions record
their answers, score full marks is tested on the notebooks' strict nbval run, which executes them
anyway (tests/after_notebooks/test_full_marks.py). The public checks are tied to the notebooks: each belongs to an
exercise of the book, has hidden checks, and says "right" in the committed output of its solution.
"""

import csv
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import grade  # noqa: E402
import make_student  # noqa: E402
from lossutils import exercises  # noqa: E402

NOTEBOOKS = make_student.toc_notebooks()
COLUMNS = ["notebook", "exercise", "points", "max_points"]


def labels_of(path):
    return grade.stated_labels(path)


def checked_labels(path):
    exercises.lookup("qs-ex1")  # loads every public check
    return [label for label in labels_of(path) if label in exercises.EXERCISES]


@pytest.fixture(scope="module")
def student_grades(tmp_path_factory):
    folder = tmp_path_factory.mktemp("student")
    make_student.main([str(folder)])
    rows, reports = grade.grade_folder(folder, folder / "grades.csv", jobs=2)
    return folder, rows, reports


def rows_of(rows, name):
    return {row["exercise"]: row for row in rows if row["notebook"] == name}


def test_the_csv_has_the_promised_columns(student_grades):
    folder, rows, _ = student_grades
    with open(folder / "grades.csv", newline="") as file:
        assert next(csv.reader(file)) == COLUMNS
    assert rows


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_blank_student_edition_scores_zero_and_runs(student_grades, path):
    _, rows, reports = student_grades
    assert (reports[path.name]["problem"], reports[path.name]["error_cells"]) == (None, []), (
        f"{path.name}: the student notebook did not run cleanly: {reports[path.name]}")
    mine = rows_of(rows, path.name)
    assert sorted(mine) == sorted(checked_labels(path))
    assert all(float(row["points"]) == 0 for row in mine.values())


def test_most_exercises_are_checked():
    checked = sum(len(checked_labels(p)) for p in NOTEBOOKS)
    assert checked >= 40, f"only {checked} exercises have checks"


def test_every_check_belongs_to_an_exercise_and_has_hidden_checks():
    stated = {label for path in NOTEBOOKS for label in labels_of(path)}
    exercises.lookup("qs-ex1")
    assert set(exercises.EXERCISES) <= stated, set(exercises.EXERCISES) - stated
    hidden = grade.maximum_points(grade.HIDDEN)
    assert set(hidden) == set(exercises.EXERCISES), set(hidden) ^ set(exercises.EXERCISES)
    for label, spec in exercises.EXERCISES.items():
        assert all(len(text) > 10 for text in spec.values.values()), label


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_solution_records_its_answer_and_the_check_says_right(path):
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    for label in checked_labels(path):
        assert re.search(rf'answer\(\s*"{re.escape(label)}"', code), f"{label}: no answer() call"
        assert f"{label}: right." in printed, f"{label}: the committed output does not say right"


def write_notebook(path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("```{exercise-start}\n:label: qs-ex1\n```\nThe exercise.")]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(nb, path)


RIGHT = ('from lossutils.exercises import answer\n'
         'answer("qs-ex1", passing=["lossutils .grad"], ratio_no_mean=4.0, ratio_wrong_sign=-1.0)')


def test_one_bad_submission_does_not_stop_the_others(tmp_path):
    folder = tmp_path / "submissions"
    (folder / "ann").mkdir(parents=True)
    (folder / "bob").mkdir()
    write_notebook(folder / "ann" / "qs.ipynb", "1 / 0", RIGHT)  # an error, then a right answer
    write_notebook(folder / "bob" / "qs.ipynb", "import time\ntime.sleep(60)", RIGHT)  # too slow
    (folder / "bob" / "broken.ipynb").write_text("{ not a notebook")
    write_notebook(folder / "cat.ipynb", RIGHT.replace("4.0", "3.0"))  # one value wrong
    before = {p: p.read_bytes() for p in folder.rglob("*.ipynb")}
    rows, reports = grade.grade_folder(folder, tmp_path / "grades.csv", jobs=2, timeout=20)
    got = {(r["notebook"], r["exercise"]): (r["points"], r["max_points"]) for r in rows}
    assert got == {("ann/qs.ipynb", "qs-ex1"): ("3", "3"), ("bob/qs.ipynb", "qs-ex1"): ("0", "3"),
                   ("cat.ipynb", "qs-ex1"): ("2", "3")}
    assert reports["ann/qs.ipynb"]["error_cells"] == [1]
    assert "did not finish" in reports["bob/qs.ipynb"]["problem"]
    assert "could not be run" in reports["bob/broken.ipynb"]["problem"]
    assert {p: p.read_bytes() for p in folder.rglob("*.ipynb")} == before, "a submission was modified"


def test_answer_says_right_not_yet_or_not_answered(capsys):
    exercises.answer("qs-ex1", passing=["lossutils .grad"], ratio_no_mean=4, ratio_wrong_sign=-1)
    exercises.answer("qs-ex1", passing=["lossutils .grad"], ratio_no_mean=1, ratio_wrong_sign=-1)
    exercises.answer("qs-ex1", passing=..., ratio_no_mean=4, ratio_wrong_sign=-1)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "qs-ex1: right."
    assert lines[1].startswith("qs-ex1: not yet. ") and "4" not in lines[1]
    assert lines[2].startswith("qs-ex1: not answered yet: give passing")
    assert "qs-ex1" not in exercises._ANSWERS  # a blank answer withdraws the earlier one


def test_answer_rejects_unknown_labels_and_values():
    with pytest.raises(ValueError, match="no exercise is labelled 'qs-ex9'.*qs-ex1"):
        exercises.answer("qs-ex9", value=1)
    with pytest.raises(TypeError, match="got speed: its values are passing"):
        exercises.answer("qs-ex1", speed=1)


def test_an_answer_of_the_wrong_kind_is_not_yet_right(capsys):
    exercises.answer("qs-ex1", passing=3, ratio_no_mean=4, ratio_wrong_sign=-1)
    assert capsys.readouterr().out.startswith("qs-ex1: not yet. The check could not use your answer")


def test_the_recorded_answer_is_a_copy():
    passing = ["lossutils .grad"]
    exercises.answer("qs-ex1", passing=passing, ratio_no_mean=4, ratio_wrong_sign=-1)
    passing.append("no 1/n")
    assert exercises._ANSWERS["qs-ex1"]["passing"] == ["lossutils .grad"]


def test_a_course_notebook_scores_full_marks_when_graded(tmp_path):
    shutil.copyfile(NOTEBOOKS[0], tmp_path / NOTEBOOKS[0].name)
    rows, reports = grade.grade_folder(tmp_path, tmp_path / "grades.csv", jobs=1)
    assert (reports[NOTEBOOKS[0].name]["problem"], reports[NOTEBOOKS[0].name]["error_cells"]) == (None, [])
    assert rows and all(row["points"] == row["max_points"] for row in rows)


def test_the_grade_log_grades_each_answer_silently(tmp_path, monkeypatch, capsys):
    log = tmp_path / "answers.jsonl"
    monkeypatch.setenv("LOSSUTILS_GRADE_LOG", str(log))
    monkeypatch.setenv("LOSSUTILS_HIDDEN", str(grade.HIDDEN))
    exercises.answer("qs-ex1", passing=["lossutils .grad"], ratio_no_mean=4, ratio_wrong_sign=-1)
    exercises.answer("qs-ex1", passing=["lossutils .grad"], ratio_no_mean=3, ratio_wrong_sign=-1)
    assert capsys.readouterr().out.splitlines()[0] == "qs-ex1: right."
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(e["label"], e["points"], e["max_points"]) for e in entries] == [
        ("qs-ex1", 3.0, 3.0), ("qs-ex1", 2.0, 3.0)]


def test_seed_zero_and_shared_seeds_are_reported():
    reports = {"ann/ps1.ipynb": {"seeds": {"ps1-p1": "0"}}, "bob/ps1.ipynb": {"seeds": {"ps1-p1": "17"}},
               "cat/ps1.ipynb": {"seeds": {"ps1-p1": "17"}}, "dan/ps1.ipynb": {"seeds": {"ps1-p1": "4"}}}
    warnings = grade.seed_warnings(reports)
    assert len(warnings) == 2
    assert warnings[0].startswith("ann/ps1.ipynb: ps1-p1 was answered with seed 0")
    assert warnings[1] == "ps1-p1: seed 17 was recorded by bob/ps1.ipynb, cat/ps1.ipynb"


def test_a_numpy_boolean_earns_all_or_none_of_the_points(tmp_path):
    (tmp_path / "checks.py").write_text(
        "import numpy as np\nfrom lossutils.exercises import hidden\n"
        "@hidden('qs-ex1', points=3)\ndef _(ratio_no_mean, **_):\n    return np.isclose(ratio_no_mean, 4)\n")
    exercises.answer("qs-ex1", passing=["lossutils .grad"], ratio_no_mean=4, ratio_wrong_sign=-1)
    assert exercises.grade(tmp_path)["qs-ex1"] == [3.0, 3.0]
    exercises.answer("qs-ex1", passing=["lossutils .grad"], ratio_no_mean=5, ratio_wrong_sign=-1)
    assert exercises.grade(tmp_path)["qs-ex1"] == [0.0, 3.0]


def test_a_notebook_that_replaces_grade_gets_nothing_for_it(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    write_notebook(folder / "eve.ipynb", 'import lossutils.exercises as _E\n'
                   '_E.grade = lambda d, labels=None: {"qs-ex1": [3, 3]}')
    rows, reports = grade.grade_folder(folder, tmp_path / "grades.csv", jobs=1, timeout=60)
    assert [(r["exercise"], r["points"]) for r in rows] == [("qs-ex1", "0")]
    assert reports["eve.ipynb"]["tampering"], "the replaced grade() was not reported"


def test_a_hanging_cell_is_interrupted_and_the_rest_graded(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    write_notebook(folder / "fay.ipynb", "import time\ntime.sleep(120)", RIGHT)
    rows, reports = grade.grade_folder(folder, tmp_path / "grades.csv", jobs=1, timeout=90,
                                       cell_timeout=5)
    assert [(r["exercise"], r["points"]) for r in rows] == [("qs-ex1", "3")]
    assert reports["fay.ipynb"]["error_cells"] == [1]


def test_an_unreadable_copy_of_a_course_notebook_keeps_its_rows(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "Copy of quick_start (1).ipynb").write_text("{ not a notebook")
    rows, reports = grade.grade_folder(folder, tmp_path / "grades.csv", jobs=1, timeout=30)
    assert [(r["exercise"], r["points"], r["max_points"]) for r in rows] == [("qs-ex1", "0", "3")]
    assert "could not be run" in reports["Copy of quick_start (1).ipynb"]["problem"]


def test_no_course_notebook_is_reported_as_tampering():
    reported = {path.name: grade.tampering(path) for path in NOTEBOOKS}
    assert not any(reported.values()), {name: lines for name, lines in reported.items() if lines}
