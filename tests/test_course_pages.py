"""The course's front pages agree with the notebooks: times, exercises and learning objectives.

book/intro.md and book/instructor_guide.md each have a table of times per page, reading and exercises,
with the number of exercises in brackets. The two tables must be identical (the intro links each page
with {doc}, the guide names it), list every page of `_toc.yml` (a chapter's section pages included)
in its order, except the reference and teaching pages (problem sets and quizzes), and each count must be the number of sphinx-exercise blocks on that page, so that a new or
removed exercise cannot leave them wrong.

The guide also lists every exercise with its level and minutes, one line per row of the table; each
line must name as many exercises as the page has and add up to the row's minutes. And it repeats the
learning objectives of every page that has them: each list must be the one in that notebook's
*Learning objectives* admonition, bullet for bullet (whitespace aside).
"""

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
INTRO = BOOK / "intro.md"
GUIDE = BOOK / "instructor_guide.md"
TABLE_MARK = "% Times per page"
EXERCISE_LIST_MARK = "% Exercises per page"
OBJECTIVES_MARK = re.compile(r"^% Objectives of (?P<page>book/\S+)$", re.M)
EXERCISE_START = re.compile(r"^```\{exercise-start\}", re.M)
ROW = re.compile(
    r"^\|\s*(?P<page>[^|]+?)\s*\|\s*(?P<reading>[^|]+?)\s*\|\s*(?P<exercises>[^|]+?)\s*\|$"
)
EXERCISES = re.compile(r"^(?:(?P<minutes>\d+) min|about (?P<hours>[\d½]+) hours?) \((?P<count>\d+)\)$")
DOC = re.compile(r"\{doc\}`(?P<name>[^`<]+)`")
EXERCISE_ENTRY = re.compile(
    r"^(?P<number>\d+(?:\.\d+)?)\b[^()]*\((?P<level>class|homework|optional), (?P<minutes>\d+) min$"
)
REFERENCE_PAGES = {"book/intro", "book/glossary", "book/references", "book/instructor_guide",
                   "book/cheatsheet", "book/problem_sets", "book/quizzes"}
# The problem sets and quizzes are timed in the guide's plan, not in the table of reading times.
TEACHING_PAGE = re.compile(r"^book/(problem_set|quiz)_")


def marked_lines(path, mark, prefix):
    """The block of lines starting with `prefix` right after the one line that starts with `mark`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith(mark)]
    assert len(starts) == 1, f"{path.name}: expected one '{mark}' comment"
    block = []
    for line in lines[starts[0] + 1:]:
        if line.startswith(prefix) or (block and line.startswith("  ") and line.strip()):
            block.append(line)
        else:
            break
    return block


def time_table(path):
    """The rows after the TABLE_MARK comment: [(page, reading, exercises)], header excluded."""
    rows = []
    for line in marked_lines(path, TABLE_MARK, "|"):
        match = ROW.match(line)
        assert match, f"{path.name}: cannot read the table row {line!r}"
        rows.append(match.groups())
    assert rows[1][0].startswith("---"), f"{path.name}: the table has no header row"
    return rows[2:]


def toc_pages():
    """Every page of _toc.yml in reading order, sections after their chapter, without suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]
    for part in toc["parts"]:
        for chapter in part["chapters"]:
            pages.append(chapter["file"])
            pages.extend(s["file"] for s in chapter.get("sections", []))
    return pages


def markdown_of(page):
    notebook = ROOT / f"{page}.ipynb"
    if not notebook.exists():
        return (ROOT / f"{page}.md").read_text(encoding="utf-8")
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def exercise_count(page):
    return len(EXERCISE_START.findall(markdown_of(page)))


def count_of(cell):
    match = EXERCISES.match(cell)
    assert match, f"the exercises cell {cell!r} should read 'N min (k)'"
    return int(match.group("count"))


def minutes(cell):
    match = re.match(r"(\d+) min", cell)
    assert match, f"{cell!r} should start with 'N min'"
    return int(match.group(1))


def linked_pages():
    """The pages of the intro's table, in its order, from their {doc} links."""
    pages = []
    for linked, _, _ in time_table(INTRO)[:-1]:
        doc = DOC.search(linked)
        assert doc, f"intro.md: the row {linked!r} should link its page with {{doc}}"
        pages.append(f"book/{doc.group('name')}")
    return pages


def bullets(lines):
    """The items of a Markdown bullet list (continuation lines indented), whitespace normalised."""
    items = []
    for line in lines:
        if line.startswith("- "):
            items.append(line[2:])
        elif items and line.startswith("  ") and line.strip():
            items[-1] += " " + line
        elif items:
            break
    return [" ".join(item.split()) for item in items]


def notebook_objectives(page):
    text = markdown_of(page)
    block = re.search(r"^:::\{admonition\} Learning objectives\n(.*?)^:::$", text, re.M | re.S)
    return bullets(block.group(1).splitlines()) if block else None


def guide_objectives():
    """{page: [bullets]} for each '% Objectives of book/...' comment in the guide."""
    text = GUIDE.read_text(encoding="utf-8")
    found = {}
    for match in OBJECTIVES_MARK.finditer(text):
        page = match.group("page")
        assert page not in found, f"instructor_guide.md: two objective lists for {page}"
        rest = text[match.end():].lstrip("\n").splitlines()
        start = next(i for i, line in enumerate(rest) if line.startswith("- "))
        found[page] = bullets(rest[start:])
    return found


def test_intro_and_guide_give_the_same_times():
    intro = time_table(INTRO)
    guide = time_table(GUIDE)
    assert len(intro) == len(guide)
    for (page, *intro_times), (title, *guide_times) in zip(intro, guide):
        assert intro_times == guide_times, f"{page} (guide: {title}): times differ"


def test_every_page_of_the_toc_is_in_the_table_in_order():
    expected = [p for p in toc_pages() if p not in REFERENCE_PAGES and not TEACHING_PAGE.match(p)]
    assert linked_pages() == expected


@pytest.mark.parametrize("path", [INTRO, GUIDE], ids=["intro", "guide"])
def test_exercise_counts_match_the_notebooks(path):
    *rows, total = time_table(path)
    assert total[0] == "Total"
    counted = 0
    for page, (label, _, exercises) in zip(linked_pages(), rows):
        expected = exercise_count(page)
        assert count_of(exercises) == expected, (
            f"{path.name}, row {label!r}: the table says {count_of(exercises)} exercises, "
            f"{page} has {expected}"
        )
        counted += expected
    assert count_of(total[2]) == counted, f"{path.name}: the total should be {counted} exercises"


def test_totals_are_the_sums_to_the_nearest_half_hour():
    *pages, total = time_table(INTRO)

    def hours(cell):
        match = re.match(r"about ([\d½]+) hours", cell)
        assert match, f"the total {cell!r} should read 'about N hours'"
        return float(match.group(1).replace("½", ".5"))

    for column in (1, 2):
        summed = sum(minutes(row[column]) for row in pages) / 60
        assert abs(hours(total[column]) - summed) <= 0.25 + 1e-9, (
            f"column {column}: the pages add up to {summed:.2f} hours, the total says {total[column]}"
        )


def test_every_exercise_has_a_level_and_minutes_that_add_up():
    lines = bullets(marked_lines(GUIDE, EXERCISE_LIST_MARK, "- "))
    *rows, _ = time_table(GUIDE)
    assert len(lines) == len(rows), "instructor_guide.md: one line of exercises per row of the table"
    for line, page, (label, _, exercises) in zip(lines, linked_pages(), rows):
        head, sep, listed = line.partition(": ")
        assert sep, f"instructor_guide.md: {line!r} should read 'page: exercise (level, N min), ...'"
        entries = [EXERCISE_ENTRY.match(e) for e in re.split(r"\),? (?:and )?", listed.rstrip(".)"))]
        assert all(entries), f"instructor_guide.md, {head}: cannot read {listed!r}"
        numbers = {e.group("number") for e in entries}
        assert len(numbers) == exercise_count(page), (
            f"instructor_guide.md, {head}: {len(numbers)} exercises listed, {page} has {exercise_count(page)}"
        )
        summed = sum(int(e.group("minutes")) for e in entries)
        assert summed == minutes(exercises), (
            f"instructor_guide.md, {head}: the exercises add up to {summed} min, the table ({label}) "
            f"says {exercises}"
        )


def test_guide_objectives_are_the_notebooks():
    guide = guide_objectives()
    with_objectives = {p for p in toc_pages() if notebook_objectives(p)}
    assert set(guide) == with_objectives, (
        "instructor_guide.md should repeat the objectives of exactly the pages that have them"
    )
    for page, items in guide.items():
        assert items == notebook_objectives(page), (
            f"instructor_guide.md: the objectives of {page} differ from its Learning objectives admonition"
        )


def test_intro_and_guide_give_the_same_session_length():
    intro = re.findall(r"(\d+)-minute session", INTRO.read_text(encoding="utf-8"))
    guide = re.findall(r"sessions of (\d+) minutes", GUIDE.read_text(encoding="utf-8"))
    assert intro and guide and set(intro) == set(guide), (intro, guide)
    assert not re.search(r"an hour in class", INTRO.read_text(encoding="utf-8") + GUIDE.read_text(encoding="utf-8"))
