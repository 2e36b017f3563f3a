"""The printed course (`make pdf`, tools/make_pdf.py): course.pdf, the student PDF, the chapter PDFs and
the cheat sheet, read back with poppler's pdftotext (the text, once per PDF) and pypdf (bookmarks, images).

Checks what a reader of the paper copy relies on: every page of the site is in course.pdf with its
title, after a table of contents with page numbers; the math was typeset (no TeX source is left); the
figures are there; the solutions are in course.pdf and not in the student PDF; each chapter has its own
PDF; the cheat sheet is one page with every row.
"""

import functools
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from site_helpers import ROOT, toc_files

# The built site and the PDFs made from it (PDF_SITE and PDF_DIR name others, e.g. a build in /tmp).
SITE = Path(os.environ.get("PDF_SITE", ROOT / "_build" / "html"))
PDF = Path(os.environ.get("PDF_DIR", ROOT / "_build" / "pdf"))
COMMAND = "make pdf (after make book; or: .venv/bin/python tools/make_pdf.py)"
RAW_TEX = ["\\frac", "$$", "\\(", "\\begin{"]
CHEATSHEET_ROWS = [
    "mean of a real target", "median", "quantile", "variance", "orders of magnitude", "outliers",
    "counts", "binary", "multi-class", "multi-label", "soft targets", "imbalanced",
]


def numbered_chapters():
    import yaml
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [c for part in toc["parts"] if part.get("numbered") for c in part["chapters"]]


def squash(text):
    """Letters and digits only, lower case, ligatures undone (NFKC: "ﬁ" is "fi"): PDF text loses
    spaces at line ends and splits words."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text)).lower()


def require(name):
    path = PDF / name
    if not path.is_file():
        pytest.fail(f"{path} is missing: run {COMMAND}", pytrace=False)
    return path


@functools.lru_cache(maxsize=None)
def reader(name):
    return PdfReader(require(name))


def pdftotext(path, *options):
    """The PDF's text in the order it was printed, which is the page's reading order (pdftotext -raw; -layout
    would interleave the lines of a table's cells). pdftotext is Debian's poppler-utils (make chromium)."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: run make chromium (Debian's poppler-utils)", pytrace=False)
    return subprocess.run(["pdftotext", "-raw", *options, str(path), "-"], capture_output=True, check=True,
                          text=True, encoding="utf-8").stdout


@functools.lru_cache(maxsize=None)
def page_texts(name):
    """The text of each page (pdftotext ends every page with a form feed)."""
    texts = pdftotext(require(name)).split("\f")
    return texts[:-1] if texts and not texts[-1].strip() else texts


@functools.lru_cache(maxsize=None)
def squashed(name):
    return squash(" ".join(page_texts(name)))


class _Page(HTMLParser):
    """A built page's title (its first h1), its solutions' first text of 30 letters before any math or
    code, and its figures."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title, self.solution = "", ""
        self.images = 0
        self._in_h1 = self._done_h1 = False
        self._solution_depth = 0
        self._p = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1" and not self._done_h1:
            self._in_h1 = True
        if tag == "img" and "_images/" in (attrs.get("src") or ""):  # figures, not the theme's logos
            self.images += 1
        if self._p and tag in ("code", "mjx-container") or "math" in (attrs.get("class") or "").split():
            self._p = False  # PDF text of math and code differs from its source: stop at the first
        if tag == "div" and "solution" in (attrs.get("class") or "").split() and not self.solution:
            self._solution_depth = 1
        elif tag == "div" and self._solution_depth:
            self._solution_depth += 1
        if tag == "p" and self._solution_depth and "admonition-title" not in (attrs.get("class") or ""):
            self._p = True

    def handle_endtag(self, tag):
        if tag == "h1" and self._in_h1:
            self._in_h1, self._done_h1 = False, True
        if tag == "div" and self._solution_depth:
            self._solution_depth -= 1
        if tag == "p" and self._solution_depth:
            self._p = False
            if len(squash(self.solution)) >= 30:
                self._solution_depth = 0
            else:
                self.solution = ""

    def handle_data(self, data):
        if self._in_h1:
            self.title += data
        if self._p:
            self.solution += data


@functools.lru_cache(maxsize=None)
def built(file):
    parser = _Page()
    parser.feed((SITE / f"{file}.html").read_text(encoding="utf-8"))
    parser.title = parser.title.replace("#", "").strip()
    return parser


def test_course_page_count_is_plausible():
    pages = len(reader("course.pdf").pages)
    assert len(page_texts("course.pdf")) == pages, "pdftotext and pypdf do not agree on the pages"
    chapters = [f for c in numbered_chapters() for f in [c["file"], *(s["file"] for s in c.get("sections", []))]]
    assert pages >= 3 * len(chapters), f"course.pdf has only {pages} pages for {len(chapters)} chapter pages"
    assert pages <= 40 * len(toc_files()), f"course.pdf has {pages} pages for {len(toc_files())} site pages"


def test_every_page_title_is_in_the_course():
    text = squashed("course.pdf")
    missing = [built(f).title for f in toc_files() if squash(built(f).title) not in text]
    assert not missing, f"titles not found in course.pdf: {missing}"


def test_table_of_contents_lists_every_chapter_with_a_page_number():
    texts = page_texts("course.pdf")
    pdf = reader("course.pdf")
    marks = [(item.title, pdf.get_destination_page_number(item)) for item in pdf.outline if not isinstance(item, list)]
    assert marks and marks[0] == ("Contents", 0), f"course.pdf does not open with its contents: {marks[:3]}"
    contents = "\n".join(texts[:marks[1][1]])
    assert "Contents" in contents
    pages = len(texts)
    for chapter in numbered_chapters():
        title = built(chapter["file"]).title
        line = next((l for l in contents.splitlines() if squash(title) in squash(l)), None)
        assert line, f"chapter {title!r} is not in the table of contents"
        number = re.search(r"(\d+)\s*$", line)
        assert number and 1 <= int(number.group(1)) <= pages, f"no page number on {line!r}"
        page_text = squash(texts[int(number.group(1)) - 1])
        assert squash(title) in page_text, f"page {number.group(1)} of course.pdf does not start {title!r}"
    assert len(marks) > 3, f"course.pdf's bookmarks: {marks}"


def test_page_numbers_in_the_footer():
    texts = page_texts("course.pdf")
    for index in (1, len(texts) // 2, len(texts) - 1):
        assert re.search(rf"(^|\D){index + 1}\s*$", texts[index].strip()) or str(index + 1) in texts[index].split(), (
            f"page {index + 1} of course.pdf does not show its number")


@pytest.mark.parametrize("name", ["course.pdf", "course-student.pdf"])
def test_no_raw_tex_is_left(name):
    found = {tex: i + 1 for i, text in enumerate(page_texts(name)) for tex in RAW_TEX if tex in text}
    assert not found, f"TeX source left in {name} (string: first page): {found}"


def test_solutions_are_in_the_course_and_not_in_the_student_pdf():
    solutions = [(f, squash(built(f).solution)) for f in toc_files() if len(squash(built(f).solution)) > 30]
    assert len(solutions) >= 8, "expected solutions on the chapter pages of the built site"
    course, student = squashed("course.pdf"), squashed("course-student.pdf")
    missing = [f for f, text in solutions if text[:80] not in course]
    assert not missing, f"solutions of these pages are not in course.pdf: {missing}"
    leaked = [f for f, text in solutions if text[:80] in student]
    assert not leaked, f"solutions of these pages are in course-student.pdf: {leaked}"


def count_images(pdf):
    count = 0
    for page in pdf.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get_object().get("/XObject") if resources else None
        if not xobjects:
            continue
        stack = [xobjects.get_object()]
        while stack:
            for obj in stack.pop().values():
                obj = obj.get_object()
                if obj.get("/Subtype") == "/Image":
                    count += 1
                elif obj.get("/Subtype") == "/Form" and obj.get("/Resources", {}).get("/XObject"):
                    stack.append(obj["/Resources"]["/XObject"].get_object())
    return count


def test_figures_are_printed():
    expected = sum(built(f).images for f in toc_files())
    found = count_images(reader("course.pdf"))
    assert found >= 0.9 * expected, f"course.pdf holds {found} images; the site's pages show {expected}"


@pytest.mark.parametrize("chapter", numbered_chapters(), ids=lambda c: c["file"].split("/")[-1])
def test_each_chapter_has_its_pdf(chapter):
    name = chapter["file"].split("/")[-1] + ".pdf"
    pdf = reader(name)
    # Each page of the chapter starts where its bookmark points: read those pages only (fast).
    starts = {item.title: pdf.get_destination_page_number(item) for item in pdf.outline if not isinstance(item, list)}
    for file in [chapter["file"], *(s["file"] for s in chapter.get("sections", []))]:
        title = built(file).title
        page = next((n for t, n in starts.items() if squash(title) in squash(t)), None)
        assert page is not None, f"{name} has no bookmark for {title!r}: {list(starts)}"
        text = pdftotext(require(name), "-f", str(page + 1), "-l", str(page + 1))
        assert squash(title) in squash(text), f"{name} lacks {title!r} on page {page + 1}"
    assert len(reader(name).pages) >= 3


def test_cheatsheet_is_one_page_with_every_row():
    sheet = reader("cheatsheet.pdf")
    assert len(sheet.pages) == 1, f"cheatsheet.pdf has {len(sheet.pages)} pages"
    text = squash(page_texts("cheatsheet.pdf")[0])
    missing = [row for row in CHEATSHEET_ROWS if squash(row) not in text]
    assert not missing, f"rows missing from cheatsheet.pdf: {missing}"
    width, height = sheet.pages[0].mediabox.width, sheet.pages[0].mediabox.height
    assert width > height, "the cheat sheet prints on a landscape page"
