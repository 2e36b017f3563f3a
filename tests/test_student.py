"""The student edition (`make student`, tools/make_student.py): no solutions, and still runs.

The edition is written once into a temporary folder. Its notebooks must hold every exercise and no
solution, and no outputs. That they execute from top to bottom in a fresh kernel (an exercise whose
removed solution defined something a later cell uses would break a student's "Run all") is tested by
grading the blank edition, in tests/test_grading.py.
"""

import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import make_student  # noqa: E402

NOTEBOOKS = make_student.toc_notebooks()
MARKERS = re.compile(r"\{solution(-start|-end)?\}")


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    make_student.main([str(out)])
    return out


def markdown(nb):
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_the_edition_has_every_notebook_of_the_book_and_a_readme(edition):
    assert NOTEBOOKS, "_toc.yml lists no notebooks"
    written = sorted(p.name for p in edition.glob("*.ipynb"))
    assert written == sorted(p.name for p in NOTEBOOKS)
    wheels = [p.name for p in edition.glob("lossutils-*-py3-none-any.whl")]
    assert len(wheels) == 1, "the edition has the package's wheel beside the notebooks"
    readme = (edition / "README.md").read_text()
    assert f"`{wheels[0]}`" in readme
    for path in NOTEBOOKS:
        assert f"`{path.name}`" in readme


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_solutions_are_removed_and_exercises_kept(edition, path):
    book = nbformat.read(path, as_version=4)
    student = nbformat.read(edition / path.name, as_version=4)
    assert not MARKERS.search(markdown(student)), f"{path.name}: a solution marker is left"
    assert markdown(student).count("{exercise-start}") == markdown(book).count("{exercise-start}")
    assert markdown(student).count("{exercise-end}") == markdown(book).count("{exercise-end}")

    solutions = len(re.findall(r"\{solution(-start)?\}", markdown(book)))
    book_code = [c.source for c in book.cells if c.cell_type == "code"]
    student_code = [c.source for c in student.cells if c.cell_type == "code"]
    answers = sum(s.startswith(make_student.ANSWER_CELL) for s in student_code)
    assert answers == solutions, f"{path.name}: one answer cell per removed solution"
    kept = [s for s in student_code if not s.startswith(make_student.ANSWER_CELL)]
    # The kept code cells are the book's, in order, minus the cells inside solutions.
    iterator = iter(book_code)
    assert all(any(s == b for b in iterator) for s in kept), f"{path.name}: code cells changed"
    solution_code = len(book_code) - len(kept)
    if solutions:
        assert solution_code >= 1, f"{path.name}: no solution code was removed"
    assert solution_code == count_solution_code_cells(book)


def count_solution_code_cells(nb):
    inside, count = False, 0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for match in re.finditer(r"\{solution-(start|end)\}", cell.source):
                inside = match.group(1) == "start"
        elif inside:
            count += 1
    return count


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_are_cleared_and_the_install_cell_kept(edition, path):
    book = nbformat.read(path, as_version=4)
    student = nbformat.read(edition / path.name, as_version=4)
    code = [c for c in student.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    book_first = next(c.source for c in book.cells if c.cell_type == "code")
    assert code[0].source == book_first, "the first code cell (the install cell) is kept"
    assert student.cells[0].source == book.cells[0].source, "the title cell is kept"


def test_a_solution_inside_one_cell_and_a_plain_solution_directive_are_removed():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "Intro.\n\n```{exercise} Add\n:label: t-ex1\nAdd 1 and 1.\n```\n\n"
            "```{solution-start} t-ex1\n:class: dropdown\n```\nIt is 2.\n```{solution-end}\n```\n\nAfter."
        ),
        nbformat.v4.new_markdown_cell(":::{solution} t-ex1\n:class: dropdown\nTwo.\n:::\nTail."),
    ]
    assert make_student.strip_solutions(nb) == 2
    sources = [(c.cell_type, c.source) for c in nb.cells]
    assert sources[0] == ("markdown", "Intro.\n\n```{exercise} Add\n:label: t-ex1\nAdd 1 and 1.\n```")
    assert sources[1] == ("code", make_student.ANSWER_CELL)
    assert sources[2] == ("markdown", "After.")
    assert sources[3] == ("code", make_student.ANSWER_CELL)
    assert sources[4] == ("markdown", "Tail.")


def test_an_unclosed_solution_is_an_error():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("```{solution-start} x\n```\nOpen."),
                nbformat.v4.new_code_cell("1")]
    with pytest.raises(ValueError, match="without its solution-end"):
        make_student.strip_solutions(nb)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_an_exercise_with_a_check_gets_its_answer_call(edition, path):
    student = nbformat.read(edition / path.name, as_version=4)
    cells = [c.source for c in student.cells if c.cell_type == "code"
             and c.source.startswith(make_student.ANSWER_CELL)]
    for label in re.findall(r"\{solution-start\}[ \t]*(\S+)", markdown(nbformat.read(path, as_version=4))):
        if label in make_student.exercises.EXERCISES:
            call = make_student.exercises.EXERCISES[label].placeholder()
            assert any(call in cell for cell in cells), f"{path.name}: no answer cell for {label}"
            assert all(f"#   {name}: " in "\n".join(cells) for name in make_student.exercises.EXERCISES[label].values)


def test_the_guides_example_answer_cell_is_the_editions():
    guide = (make_student.ROOT / "book" / "instructor_guide.md").read_text(encoding="utf-8")
    assert f"```python\n{make_student.answer_cell('qs-ex1')}\n```" in guide
