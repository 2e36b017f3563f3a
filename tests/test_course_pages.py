"""The course's front pages agree with the notebooks: the time tables of the intro and the guide.

book/intro.md and book/instructor_guide.md each have a table of times per page, reading and exercises,
with the number of exercises in brackets. The two tables must be identical (the intro links each page
with {doc}, the guide names it), and each count must be the number of sphinx-exercise blocks on that
page, its sections (`_toc.yml`) included, so that a new or removed exercise cannot leave them wrong.
"""

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
TABLE_MARK = "% Times per page"
EXERCISE_START = re.compile(r"^```\{exercise-start\}", re.M)
ROW = re.compile(
    r"^\|\s*(?P<page>[^|]+?)\s*\|\s*(?P<reading>[^|]+?)\s*\|\s*(?P<exercises>[^|]+?)\s*\|$"
)
EXERCISES = re.compile(r"^(?:(?P<minutes>\d+) min|about (?P<hours>[\d½]+) hours?) \((?P<count>\d+)\)$")
DOC = re.compile(r"\{doc\}`(?P<name>[^`<]+)`")


def time_table(path):
    """The rows after the TABLE_MARK comment: [(page, reading, exercises)], header excluded."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith(TABLE_MARK)]
    assert len(starts) == 1, f"{path.name}: expected one '{TABLE_MARK}' comment above the table"
    rows = []
    for line in lines[starts[0] + 1:]:
        if not line.startswith("|"):
            break
        match = ROW.match(line)
        assert match, f"{path.name}: cannot read the table row {line!r}"
        rows.append(match.groups())
    assert rows[1][0].startswith("---"), f"{path.name}: the table has no header row"
    return rows[2:]


def toc_sections():
    """{page: [its section pages]} from _toc.yml, names relative to the root, without suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    sections = {}
    for part in toc["parts"]:
        for chapter in part["chapters"]:
            sections[chapter["file"]] = [s["file"] for s in chapter.get("sections", [])]
    return sections


def exercise_count(page):
    notebook = ROOT / f"{page}.ipynb"
    if not notebook.exists():
        text = (ROOT / f"{page}.md").read_text(encoding="utf-8")
    else:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return len(EXERCISE_START.findall(text))


def count_of(cell):
    match = EXERCISES.match(cell)
    assert match, f"the exercises cell {cell!r} should read 'N min (k)'"
    return int(match.group("count"))


def test_intro_and_guide_give_the_same_times():
    intro = time_table(BOOK / "intro.md")
    guide = time_table(BOOK / "instructor_guide.md")
    assert len(intro) == len(guide)
    for (page, *intro_times), (title, *guide_times) in zip(intro, guide):
        assert intro_times == guide_times, f"{page} (guide: {title}): times differ"


@pytest.mark.parametrize("path", ["intro.md", "instructor_guide.md"])
def test_exercise_counts_match_the_notebooks(path):
    intro = time_table(BOOK / "intro.md")
    rows = time_table(BOOK / path)
    sections = toc_sections()
    *pages, total = rows
    assert total[0] == "Total"
    counted = 0
    for (linked, _, _), (label, _, exercises) in zip(intro, pages):
        doc = DOC.search(linked)
        assert doc, f"intro.md: the row {linked!r} should link its page with {{doc}}"
        page = f"book/{doc.group('name')}"
        assert page in sections, f"{page} is not in _toc.yml"
        expected = sum(exercise_count(p) for p in [page, *sections[page]])
        assert count_of(exercises) == expected, (
            f"{path}, row {label!r}: the table says {count_of(exercises)} exercises, "
            f"{page} and its sections have {expected}"
        )
        counted += expected
    assert count_of(total[2]) == counted, f"{path}: the total should be {counted} exercises"


def test_every_page_of_the_toc_is_in_the_table():
    intro = time_table(BOOK / "intro.md")
    linked = {f"book/{DOC.search(page).group('name')}" for page, _, _ in intro[:-1]}
    reference = {"book/intro", "book/glossary", "book/references", "book/instructor_guide"}
    assert set(toc_sections()) - reference == linked


def test_totals_are_the_sums_to_the_nearest_half_hour():
    rows = time_table(BOOK / "intro.md")
    *pages, total = rows

    def minutes(cell):
        match = re.match(r"(\d+) min", cell)
        assert match, f"{cell!r} should start with 'N min'"
        return int(match.group(1))

    def hours(cell):
        match = re.match(r"about ([\d½]+) hours", cell)
        assert match, f"the total {cell!r} should read 'about N hours'"
        return float(match.group(1).replace("½", ".5"))

    for column in (1, 2):
        summed = sum(minutes(row[column]) for row in pages) / 60
        assert abs(hours(total[column]) - summed) <= 0.25 + 1e-9, (
            f"column {column}: the pages add up to {summed:.2f} hours, the total says {total[column]}"
        )
