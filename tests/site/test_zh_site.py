"""The Chinese edition (_build/html/zh, tools/make_zh.py) against the English site it is made from.

Read from the HTML files, for every page:
- the same pages, with `lang="zh-CN"`, Chinese prose, and the theme's and the exercises' labels in Chinese;
- a language link to the same page in the other edition, both ways;
- the same code and outputs, character for character, and the same formulas;
- links that stay in the Chinese edition (the language link apart), and every image with Chinese alt text;
- a search index that knows the course's Chinese terms (jieba, with the glossary's terms as its dictionary).

Opened in Chromium, offline (a few pages; the links of every page are checked by test_site_links.py): math
typeset, no failed or outside request, the language link followed both ways, Chinese search finding the
chapter, and axe-core's audit.
"""

import functools
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from site_helpers import SITE, Visit, chapter_pages, site_pages
from test_site_accessibility import AUDIT, BLOCKING, axe_source, describe  # noqa: F401 (a fixture)
from test_site_browser import INSPECT_PAGE

ZH = SITE / "zh"
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
LANGUAGE_LINK = re.compile(r'<a href="(?P<href>[^"]*)" class="btn btn-sm btn-language-link" '
                           r'hreflang="(?P<hreflang>[^"]*)" lang="(?P<lang>[^"]*)"')
# Pages opened in the browser: the root page, the heaviest in math, an exercise-rich one, the glossary.
BROWSER_PAGES = ["book/intro.html", "book/04_cross_entropy.html", "book/quiz_ch3.html", "book/glossary.html"]


@functools.lru_cache(maxsize=None)
def soup(path):
    """A page parsed once for all the tests (which only read it)."""
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def article(page_soup):
    return page_soup.find("article") or page_soup


@pytest.fixture(scope="module")
def pages():
    if not (ZH / "index.html").is_file():
        pytest.fail(f"No Chinese edition in {ZH}: run 'make book' (it builds both editions).", pytrace=False)
    return [p.removeprefix("zh/") for p in site_pages("zh")]


def test_the_same_pages_as_the_english_site(pages):
    english = site_pages()
    assert pages == english
    for page in chapter_pages():
        assert (ZH / page).is_file(), page


def test_every_page_is_chinese_and_links_to_its_english_page_and_back(pages):
    problems = []
    for page in pages:
        if page == "index.html":  # only redirects to the root page
            continue
        zh = (ZH / page).read_text(encoding="utf-8")
        en = (SITE / page).read_text(encoding="utf-8")
        if '<html lang="zh-CN"' not in zh:
            problems.append(f"zh/{page}: its <html> is not lang=\"zh-CN\"")
        for here, there, lang, site in ((zh, SITE / page, "en", "zh/"), (en, ZH / page, "zh-CN", "")):
            link = LANGUAGE_LINK.search(here)
            if link is None:
                problems.append(f"{site}{page}: no language link")
                continue
            target = ((SITE / site / page).parent / urlsplit(link["href"]).path).resolve()
            if target != there.resolve() or link["hreflang"] != lang or link["lang"] != lang:
                problems.append(f"{site}{page}: language link {link[0]} does not lead to {there.relative_to(SITE)}")
    assert not problems, "\n".join(problems)


NOT_PROSE_TAGS = {"pre", "code", "script", "style", "mjx-container"}
NOT_PROSE_CLASSES = {"math", "cell_output", "citation", "bibliography", "headerlink", "caption-number"}


def prose(node):
    """The words of an element, without code, outputs, math and bibliography entries."""
    words = []
    for text in node.find_all(string=True):
        parent, keep = text.parent, True
        while parent is not None and keep:
            keep = parent.name not in NOT_PROSE_TAGS and not NOT_PROSE_CLASSES.intersection(parent.get("class") or [])
            parent = None if parent is node else parent.parent
        if keep:
            words.append(text)
    return " ".join(words)


@pytest.mark.parametrize("page", chapter_pages())
def test_prose_is_translated(page):
    """No paragraph, list item, table cell or heading of the Chinese page is left in English."""
    body = article(soup(ZH / page))
    left = []
    for block in body.select("p, li, td, th, h1, h2, h3, h4, figcaption, dt, dd, .admonition-title"):
        if block.find(["p", "li", "ul", "ol", "table"]):  # judged by its own blocks
            continue
        if block.find_parent(class_=["cell_output", "citation"]):  # code's output; the bibliography
            continue
        text = prose(block)
        if len(LATIN_WORD.findall(text)) >= 8 and not CJK.search(text):
            left.append(" ".join(text.split())[:100])
    assert not left, f"zh/{page}: {len(left)} block(s) still in English:\n  " + "\n  ".join(left[:10])
    # emphasis that CommonMark did not take for emphasis shows its asterisks (tools/make_zh.py)
    stars = re.findall(r".{0,20}\*.{0,20}", " ".join(prose(body).split()))
    assert not stars, f"zh/{page}: asterisks of emphasis left on the page: {stars[:5]}"
    for image in body.find_all("img"):
        if image.find_parent(class_="text_html"):  # drawn by the code, alt text included (an animation)
            continue
        alt = image.get("alt") or ""
        assert CJK.search(alt), f"zh/{page}: an image's alt text is not Chinese: {alt[:80]!r}"


def code_and_outputs(page_soup):
    body = article(page_soup)
    inputs = [" ".join(div.get_text().split()) for div in body.select("div.cell_input")]
    outputs = []
    for div in body.select("div.cell_output"):
        html = str(div)
        # a figure's caption is translated (and its number written 图 1), and so is its alt text; a
        # cross-reference in a markdown output shows the section's title in Chinese
        html = re.sub(r"<figcaption>.*?</figcaption>", "", html, flags=re.S)
        html = re.sub(r' alt="[^"]*"', "", html)
        html = re.sub(r'(<span class="std std-ref">)[^<]*(</span>)', r"\1\2", html)
        outputs.append(html)
    return inputs, outputs


TEXT_IN_MATH = re.compile(r"\\(text|mbox|textrm|textit|textbf)\{[^{}]*\}")


def formulas(page_soup):
    """The distinct formulas of a page (a translation may write a symbol once more or once less, and
    translate the words of a \\text{...})."""
    return sorted({TEXT_IN_MATH.sub(r"\\\1{}", " ".join(el.get_text().split()))
                   for el in article(page_soup).select(".math")})


@pytest.mark.parametrize("page", [p for p in chapter_pages()])
def test_same_code_outputs_and_formulas_as_the_english_page(page):
    zh, en = soup(ZH / page), soup(SITE / page)
    zh_inputs, zh_outputs = code_and_outputs(zh)
    en_inputs, en_outputs = code_and_outputs(en)
    assert zh_inputs == en_inputs, f"zh/{page}: the code differs from the English page's"
    assert zh_outputs == en_outputs, f"zh/{page}: the outputs differ from the English page's"
    assert formulas(zh) == formulas(en), f"zh/{page}: the formulas differ from the English page's"


def test_the_downloaded_notebooks_are_the_english_ones_with_chinese_text(pages):
    for page in chapter_pages():
        source = ZH / "_sources" / page.replace(".html", ".ipynb")
        if not source.is_file():
            continue
        zh = json.loads(source.read_text(encoding="utf-8"))
        en = json.loads((SITE / "_sources" / source.relative_to(ZH / "_sources")).read_text(encoding="utf-8"))
        assert [(c["cell_type"], c["source"] if c["cell_type"] == "code" else None,
                 c.get("outputs")) for c in zh["cells"]] == \
               [(c["cell_type"], c["source"] if c["cell_type"] == "code" else None,
                 c.get("outputs")) for c in en["cells"]], source
        markdown = "".join("".join(c["source"]) for c in zh["cells"] if c["cell_type"] == "markdown")
        assert len(CJK.findall(markdown)) > 200, f"{source}: its markdown is not Chinese"
    with zipfile.ZipFile(ZH / "course-notebooks.zip") as archive:
        names = archive.namelist()
        readme = archive.read("course-notebooks/README.md").decode("utf-8")
        for page in chapter_pages():
            name = Path(page).with_suffix(".ipynb").name
            if f"course-notebooks/{name}" in names:
                zh = json.loads(archive.read(f"course-notebooks/{name}"))
                markdown = "".join("".join(c["source"]) for c in zh["cells"] if c["cell_type"] == "markdown")
                assert len(CJK.findall(markdown)) > 200, f"zh/course-notebooks.zip: {name} is not Chinese"
    assert "运行方法" in readme and "pip install -r requirements.txt" in readme


def test_links_stay_in_the_chinese_edition(pages):
    problems = []
    for page in pages:
        for a in article(soup(ZH / page)).find_all("a", href=True):
            if "btn-language-link" in a.get("class", []):
                continue
            parts = urlsplit(a["href"])
            if parts.scheme or not parts.path or a["href"].startswith("//"):
                continue
            target = ((ZH / page).parent / parts.path).resolve()
            if not target.is_relative_to(ZH.resolve()):
                problems.append(f"zh/{page}: {a['href']} leaves the Chinese edition")
    assert not problems, "\n".join(problems[:20])


def test_theme_and_exercise_labels_are_chinese():
    page = soup(ZH / "book/04_cross_entropy.html")
    text = " ".join(page.get_text(" ").split())
    for label in ("搜索", "上一页", "下一页", "练习", "解答", "显示代码"):
        assert label in text, f"the theme's label {label!r} is missing from the Chinese page"
    assert "练习 4.1 的解答" in text, "a solution's title is not 练习 N 的解答"
    for english in ("Previous", "Next", "Show code cell source", "Exercise 4.", "Solution to", "Click to show"):
        assert english not in text, f"the English label {english!r} is on the Chinese page"
    assert "Contents" not in text.split()


def test_the_controls_are_named_in_chinese(pages):
    """Every tooltip, accessible name and placeholder of the theme and of Sphinx is Chinese (i18n/zh_CN/theme.po
    adds what their own catalogues lack); the animation players drawn by code cells keep their English."""
    english = set()
    for page in pages:
        for element in soup(ZH / page).find_all(True):
            if element.find_parent(class_="cell_output"):
                continue
            for attribute in ("aria-label", "title", "placeholder", "data-bs-title"):
                value = element.get(attribute)
                if value and LATIN_WORD.search(value) and not CJK.search(value) and not re.search(r"\d{4}", value):
                    english.add(f"{attribute}={value!r}")  # (a citation's tooltip names its year)
    assert not english, sorted(english)


def search_terms():
    text = (ZH / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    # a word of a page's title is listed under titleterms for that page, not under terms
    terms = {word: set(docs if isinstance(docs, list) else [docs]) for word, docs in index["terms"].items()}
    for word, docs in index["titleterms"].items():
        terms.setdefault(word, set()).update(docs if isinstance(docs, list) else [docs])
    return terms, index["docnames"]


@pytest.mark.parametrize("word, page", [
    ("交叉熵", "book/04_cross_entropy"), ("最大似然", "book/03_maximum_likelihood"),
    ("均方误差", "book/04_cross_entropy"), ("损失函数", "book/02_what_is_a_loss"),
])
def test_search_index_has_the_course_terms(word, page):
    terms, docnames = search_terms()
    assert word in terms, f"{word!r} is not a word of the Chinese search index"
    assert docnames.index(page) in terms[word], f"{word!r} does not find {page}"


# In the browser, offline


@pytest.mark.parametrize("page", BROWSER_PAGES)
def test_page_reads_offline(context, server, page):
    visit = Visit(context, server).open(f"zh/{page}", INSPECT_PAGE)
    typeset = visit.page.evaluate("document.querySelectorAll('mjx-container').length")
    visit.close()
    assert not visit.problems, f"zh/{page}:\n  " + "\n  ".join(visit.problems)
    assert typeset >= len(soup(SITE / page).select(".math")), f"zh/{page}: not all its math was typeset"


def test_language_link_leads_both_ways(context, server):
    visit = Visit(context, server).open("book/04_cross_entropy.html")
    page = visit.page
    page.click("a.btn-language-link")
    page.wait_for_url("**/zh/book/04_cross_entropy.html")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    page.click("a.btn-language-link")
    page.wait_for_url(f"{server.origin}/book/04_cross_entropy.html")
    assert page.evaluate("document.documentElement.lang") == "en"
    # from a section, the link leads to the same section in the other language
    page.goto(f"{server.origin}/book/04_cross_entropy.html#sec-ch4-floor")
    page.click("a.btn-language-link")
    page.wait_for_url("**/zh/book/04_cross_entropy.html#sec-ch4-floor")
    visit.close()
    assert not visit.problems, "\n".join(visit.problems)


def test_chinese_search_finds_the_chapter(context, server):
    visit = Visit(context, server).open("zh/search.html?q=交叉熵")
    page = visit.page
    page.wait_for_selector("#search-results ul.search li", timeout=15_000)
    found = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")
    visit.close()
    assert any(url.endswith("zh/book/04_cross_entropy.html") for url in found), found
    assert not visit.problems, "\n".join(visit.problems)


@pytest.mark.parametrize("page", BROWSER_PAGES)
def test_axe_finds_no_serious_violation(context, server, axe_source, page):
    visit = Visit(context, server).open(f"zh/{page}")
    try:
        visit.page.add_script_tag(content=axe_source)
        report = visit.page.evaluate(AUDIT)
    finally:
        visit.close()
    blocking = [v for v in report["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"zh/{page}: " + "\n".join(map(describe, blocking))


def test_every_english_section_id_is_on_the_chinese_page():
    """A link to a section (#how-to-run-it, #sec-ch4-floor) finds it in both editions."""
    missing = []
    for page in chapter_pages():
        english = re.findall(r'<section id="([^"]+)"', (SITE / page).read_text(encoding="utf-8"))
        chinese = set(re.findall(r'\bid="([^"]+)"', (ZH / page).read_text(encoding="utf-8")))
        missing += [f"zh/{page}#{section}" for section in english if section not in chinese]
    assert not missing, missing[:10]
