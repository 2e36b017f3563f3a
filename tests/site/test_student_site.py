"""The student website (`make student-site`, tools/make_student_site.py): every exercise, no solution.

It is compared page by page with the course's site in _build/html: the same pages, the same exercises
on each, not one solution (neither a solution box nor any solution's text), and a notice on every page.
Its course download holds the student edition's answer cells and no solution.
"""

import functools
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_helpers import ROOT, SITE, chapter_pages, require_site

STUDENT = ROOT / "_build" / "student-html"
BOOK_PAGES = [p for p in chapter_pages() if (ROOT / p.replace(".html", ".ipynb")).exists()
              or (ROOT / p.replace(".html", ".md")).exists()]


@pytest.fixture(scope="module", autouse=True)
def built():
    require_site()
    if not (STUDENT / "index.html").is_file():
        pytest.fail(f"No student website in {STUDENT}: run 'make student-site'.", pytrace=False)


@functools.lru_cache(maxsize=None)
def soup(site, page):
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


@functools.lru_cache(maxsize=None)
def solution_texts(page):
    """The first words of every solution of a page of the course's site."""
    texts = []
    for box in soup(SITE, page).select("div.solution"):
        words = " ".join(box.get_text(" ").split()[3:15])  # after the "Solution to Exercise N" title
        if len(words) > 30:
            texts.append(words)
    return tuple(texts)


def test_the_student_site_has_every_page_of_the_course_site():
    course = sorted(p.relative_to(SITE).as_posix() for p in (SITE / "book").glob("*.html"))
    student = sorted(p.relative_to(STUDENT).as_posix() for p in (STUDENT / "book").glob("*.html"))
    assert course and student == course


@pytest.mark.parametrize("page", BOOK_PAGES)
def test_every_exercise_and_no_solution(page):
    course, student = soup(SITE, page), soup(STUDENT, page)
    assert len(student.select("div.exercise")) == len(course.select("div.exercise")), page
    assert not student.select("div.solution"), f"{page}: a solution box is left"
    text = " ".join(student.get_text(" ").split())
    for words in solution_texts(page):
        assert words not in text, f"{page}: a solution's text is left: {words!r}"
    if (ROOT / page.replace(".html", ".ipynb")).exists():  # the guide shows one as an example
        assert "# Your answer here" not in text, f"{page}: an answer cell is shown on the page"
    assert "Student edition" in text, f"{page}: the notice is missing"


def test_the_solution_check_can_fail():
    """On the course's site the same check finds solutions, so finding none above means something."""
    found = sum(len(solution_texts(p)) for p in BOOK_PAGES)
    assert found >= 50, f"only {found} solutions found on the course's site"


def test_the_student_download_is_the_student_edition():
    archive = zipfile.ZipFile(io.BytesIO((STUDENT / "course-notebooks.zip").read_bytes()))
    notebooks = [n for n in archive.namelist() if n.endswith(".ipynb")]
    assert len(notebooks) >= 13
    answer_cells = 0
    for name in notebooks:
        cells = json.loads(archive.read(name))["cells"]
        markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        assert not re.search(r"\{solution(-start|-end)?\}", markdown), f"{name}: a solution is left"
        answer_cells += sum("".join(c["source"]).startswith("# Your answer here")
                            for c in cells if c["cell_type"] == "code")
    assert answer_cells >= 54
