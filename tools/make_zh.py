"""Build the Chinese edition (简体中文版) into _build/html/zh, from the English notebooks and i18n/zh_CN.

    python tools/make_zh.py [OUTDIR]      # default _build/html/zh (`make book`, `make test`)

The book's sources are copied into a scratch folder. There, in every page of _toc.yml, each English
unit that has a finished translation in its PO file (tools/i18n.py) is replaced by it: the markdown cells
of the notebooks, the figure captions and alt text in their code cells' metadata, and the blocks of the
.md pages. Code cells and their outputs are left as they are, so the Chinese pages show the outputs the
English notebooks committed and nbval checked. The part captions and the title come from
i18n/zh_CN/_site.po; the configuration gains `language: zh_CN` (the theme's and Sphinx's Chinese labels,
`lang="zh-CN"`, and Chinese search, which cuts words with jieba, given the glossary's Chinese terms
as its dictionary) and `course_edition: zh`, which points every page's
language link back at the English page (tools/sphinx_ext/language_link.py). The site is then built
with the same strictness as the English one (`-W -n`), with the course download of the Chinese
notebooks at its root.

Where Chinese and CommonMark disagree, the translated markdown is adjusted as the page uses it
(chinese_markdown, tighten_references): line breaks between Chinese characters joined, emphasis next to
Chinese punctuation made to count, no space between Chinese and a reference that shows Chinese. The
labels of Sphinx and the theme that their own catalogues lack come from i18n/zh_CN/theme.po. After the
build, a solution's title reads 练习 4.1 的解答, and every section also gets the id of the same section on
the English page (`#how-to-run-it`), when the edition is built into the English site's zh/ folder (build
the English site first, as `make book` does).

A unit without a finished translation stays in English and is counted in the summary; `python
tools/i18n.py check` (and tests/test_translation.py) names each one.
"""

import importlib
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

import nbformat
import polib
import yaml

import i18n
from make_student_site import build, copy_sources

ROOT = Path(__file__).resolve().parents[1]


# A line break between two Chinese characters (or full-width punctuation) is joined: a browser shows it
# as a space, which Chinese does not have between words. Nothing else of the text changes; a new block
# of markdown never starts with a Chinese character, so a joined line was part of the same paragraph.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])\n[ \t]*(?=[{_CJK}])")


# CommonMark opens emphasis only at a `*` that is not followed by punctuation unless preceded by a space
# or punctuation, and closes it likewise: rules made for languages with spaces between words. In
# "一个**{term}`鞍点 <saddle point>`**：" neither `**` counts, and the page shows the asterisks. A zero
# width space (not a space and not punctuation to CommonMark, invisible to a reader) between a delimiter
# and the punctuation inside the emphasis makes it count.
ZWSP = "\u200b"
_PROTECTED = re.compile(r"(`+).+?\1|\$\$.+?\$\$|(?<![\\$])\$(?!\$)(?:\\.|[^$\\])+?\$|\\\*", re.S)
_STARS = re.compile(r"\*+")


def _is_punctuation(ch):
    return bool(ch) and unicodedata.category(ch)[0] in "PS"


def fix_emphasis(paragraph):
    """`paragraph` with a zero-width space inside each emphasis delimiter that touches punctuation."""
    protected = [m.span() for m in _PROTECTED.finditer(paragraph)]
    runs = []
    for m in _STARS.finditer(paragraph):
        if any(a <= m.start() < b for a, b in protected):
            continue
        line_start = paragraph.rfind("\n", 0, m.start()) + 1
        if paragraph[line_start:m.start()].strip() == "" and paragraph[m.end():m.end() + 1] == " ":
            continue  # a list bullet
        runs.append(m)
    opening, inserts = [], []
    for m in runs:
        if opening and len(opening[-1].group()) == len(m.group()):
            start = opening.pop()
            outside_open = paragraph[start.start() - 1:start.start()]
            outside_close = paragraph[m.end():m.end() + 1]
            # only where CommonMark would refuse the delimiter: punctuation inside, a letter outside
            if (_is_punctuation(paragraph[start.end():start.end() + 1])
                    and outside_open.strip() and not _is_punctuation(outside_open)):
                inserts.append(start.end())
            if (_is_punctuation(paragraph[m.start() - 1:m.start()])
                    and outside_close.strip() and not _is_punctuation(outside_close)):
                inserts.append(m.start())
        else:
            opening.append(m)
    for at in sorted(inserts, reverse=True):
        paragraph = paragraph[:at] + ZWSP + paragraph[at:]
    return paragraph


# An equation reference prints its own parentheses, "(4.7)": inside full-width ones it would read "（(4.7)）".
_EQ_IN_PARENTHESES = re.compile(r"（\s*(\{eq\}`[^`]+`)\s*）")


def _unbracket_equations(text):
    """（{eq}`x`） -> {eq}`x`, with a space on each side that touches a Chinese character."""
    def replace(m):
        before = text[m.start() - 1:m.start()]
        after = text[m.end():m.end() + 1]
        letter = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
        return (" " if letter.match(before) else "") + m.group(1) + (" " if letter.match(after) else "")

    return _EQ_IN_PARENTHESES.sub(replace, text)


def chinese_markdown(text):
    """A translation as the Chinese page uses it, outside code: lines joined, emphasis made to count,
    an equation reference not in double parentheses."""
    lines = text.split("\n")
    mask = i18n.code_mask(lines)
    out, prose = [], []

    def flush():
        if prose:
            joined = _unbracket_equations(_CJK_BREAK.sub("", "\n".join(prose)))
            out.append("\n\n".join(fix_emphasis(p) for p in joined.split("\n\n")))
            prose.clear()

    for line, code in zip(lines, mask):
        if code:
            flush()
            out.append(line)
        else:
            prose.append(line)
    flush()
    return "\n".join(out)


def translate_notebook(nb, zh):
    """Replace the markdown cells, captions and alt texts of `nb` that `zh` translates; count the rest."""
    missing = 0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            if i18n.is_verbatim(cell.source):
                continue
            if cell.source in zh:
                cell.source = chinese_markdown(zh[cell.source])
            else:
                missing += 1
        elif cell.cell_type == "code":
            meta = cell.metadata.get("mystnb", {})
            for outer, key in (("figure", "caption"), ("image", "alt")):
                text = meta.get(outer, {}).get(key)
                if not text:
                    continue
                if text in zh:
                    meta[outer][key] = chinese_markdown(zh[text])
                else:
                    missing += 1
    return missing


def objectives_of(page):
    """The Chinese bullet list of a notebook's learning objectives, from its translation."""
    nb = nbformat.read(ROOT / f"{page}.ipynb", as_version=4)
    zh = i18n.translations(f"{page}.ipynb")
    for cell in nb.cells:
        if cell.cell_type == "markdown" and i18n.objectives_list(cell.source) is not None:
            return i18n.objectives_list(chinese_markdown(zh.get(cell.source, cell.source)))
    raise ValueError(f"{page}.ipynb has no Learning objectives admonition for the guide to repeat")


def translate_md(text, zh):
    """The .md page `text` with every translated block replaced; (new text, untranslated blocks).

    A list of learning objectives that the instructor guide repeats from a page is that page's own
    Chinese list (i18n.copied_objectives).
    """
    out, missing, previous = [], 0, ""
    for _, block, sep in i18n.split_md(text):
        page = i18n.copied_objectives(previous, block)
        previous = block
        if page is not None:
            block = objectives_of(page)
        elif not i18n.is_verbatim(block):
            if block in zh:
                block = chinese_markdown(zh[block])
            else:
                missing += 1
        out.append(block + sep)
    return "".join(out), missing


def translate_page(page, target):
    """Write the Chinese version of the English `page` (a path under the root) to `target`."""
    zh = i18n.translations(page)
    source = ROOT / page
    if page.endswith(".ipynb"):
        nb = nbformat.read(source, as_version=4)
        missing = translate_notebook(nb, zh)
        nbformat.write(nb, target)
    else:
        text, missing = translate_md(source.read_text(encoding="utf-8"), zh)
        target.write_text(text, encoding="utf-8")
    return missing


def search_words():
    """The Chinese terms of the glossary, one per line: the words Chinese search must find whole.

    jieba cuts 交叉熵 into 交叉 and 熵, and Sphinx drops one-character words, so without these a search
    for 交叉熵 would find nothing. Sphinx hands the file to jieba as a user dictionary.
    """
    glossary = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    words = set()
    for first in re.findall(r"^\S[^\n]*\n  ([^\n]*?)[.。]", glossary, flags=re.M):
        words.update(w for w in re.split(r"[\s()（）、，,;；/]+", first) if re.search(r"[\u3400-\u9fff]", w))
    # the head of a term that the text also uses alone (最大似然估计 -> 最大似然)
    words.update(w[:-2] for w in list(words) if len(w) >= 5 and w.endswith(("估计", "函数", "损失")))
    return sorted(words)


# Chinese puts no space between words, and a link whose text is Chinese is a word of the sentence:
# "关于{doc}`01_optimisation`的八道小题", not "关于 {doc}`01_optimisation` 的". The space a translator
# leaves around a reference is dropped wherever the reference shows Chinese on that side (its own
# title, or the title of the section or page it names), and kept beside Latin letters and numbers.
_ROLE_REF = re.compile(r"\{(ref|doc|numref|term)\}`([^`]*)`")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_HEADING_WITH_LABEL = re.compile(r"^\(([^()\s]+)\)=\s*\n#+\s+(.+?)\s*$", re.M)
_NUMREF_WORDS = "图表式"  # Sphinx's Chinese "图 %s", "表 %s"


def section_titles(markdown_by_page):
    """{label or page: its Chinese title} from the translated pages."""
    titles = {}
    for page, texts in markdown_by_page.items():
        for text in texts:
            for label, title in _HEADING_WITH_LABEL.findall(text):
                titles[label] = title
            first = re.search(r"^#\s+(.+?)\s*$", text, re.M)
            if first and Path(page).with_suffix("").as_posix() not in titles:
                titles[Path(page).with_suffix("").as_posix()] = first.group(1)
    return titles


def _shown(role, content, page, titles):
    """The text a reference shows, as far as the build will make it."""
    m = re.match(r"^(.*?)\s*<([^<>]+)>\s*$", content, re.S)
    if m:
        return m.group(1)
    if role == "ref":
        return titles.get(content.strip(), "")
    if role == "doc":
        target = (Path(page).parent / content.strip()).as_posix()
        return titles.get(target, "")
    if role == "numref":
        return _NUMREF_WORDS[0] + " 1"  # "图 4.1": Chinese before, a number after
    return content


def tighten_references(text, page, titles):
    """`text` without the spaces between Chinese and a reference that shows Chinese there."""
    def chinese(ch):
        return bool(ch) and bool(_CJK_CHAR.match(ch))

    out, last = [], 0
    for m in _ROLE_REF.finditer(text):
        shown = _shown(m.group(1), m.group(2), page, titles).strip()
        start, end = m.start(), m.end()
        before = text[last:start]
        if shown and chinese(shown[0]) and before.endswith(" ") and chinese(before.rstrip(" ")[-1:]):
            before = before.rstrip(" ")
        out.append(before + m.group(0))
        last = end
        if shown and chinese(shown[-1]) and text[end:end + 1] == " " and chinese(text[end + 1:end + 2]):
            last = end + 1
    out.append(text[last:])
    return "".join(out)


def tighten_page(page, path, titles):
    """Apply tighten_references to the translated markdown of one scratch page, in place."""
    if page.endswith(".ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = tighten_references(cell.source, page, titles)
        nbformat.write(nb, path)
    else:
        path.write_text(tighten_references(path.read_text(encoding="utf-8"), page, titles), encoding="utf-8")


def markdown_of(path):
    if path.suffix == ".ipynb":
        return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]
    return [path.read_text(encoding="utf-8")]


# Theme components that write an English label as it is, not through a catalogue: the Chinese edition
# uses a copy of each (from the installed theme) whose label goes through Sphinx's translation, and
# i18n/zh_CN/theme.po gives the Chinese. A theme upgrade that changes one of them stops the build here.
THEME_LABELS = [
    ("sphinx_book_theme", "components/toggle-primary-sidebar.html", 'title="Toggle primary sidebar"',
     'title="{{ _(\'Toggle primary sidebar\') }}"'),
    ("sphinx_book_theme", "components/toggle-secondary-sidebar.html", 'title="Toggle secondary sidebar"',
     'title="{{ _(\'Toggle secondary sidebar\') }}"'),
    ("sphinx_book_theme", "components/sbt-sidebar-nav.html", 'aria-label="Main"',
     'aria-label="{{ _(\'Main\') }}"'),
    ("sphinx_book_theme", "layout.html", '<nav aria-label="Page">', '<nav aria-label="{{ _(\'Page\') }}">'),
    ("pydata_sphinx_theme", "components/search-field.html", "{{ theme_search_bar_text }}",
     "{{ _(theme_search_bar_text) }}"),
]


def translatable_theme_labels(templates):
    """Write the Chinese edition's copies of THEME_LABELS' components into `templates`."""
    for package, component, english, translated in THEME_LABELS:
        module = importlib.import_module(package)
        source = Path(module.__file__).parent / "theme" / package / component
        text = source.read_text(encoding="utf-8")
        # the theme's layout includes its search field as "../components/search-field.html", a path
        # that, from the templates folder, names components/ beside it
        target = (templates / Path(component).name if "search-field" not in component
                  else templates.parent / component)
        target.parent.mkdir(parents=True, exist_ok=True)
        if english not in text or target.exists():
            raise SystemExit(f"{source}: no {english!r} to translate, or {target} already exists")
        target.write_text(text.replace(english, translated), encoding="utf-8")


def prepare(scratch):
    """Copy the sources into `scratch` and translate them there; return the number still in English."""
    copy_sources(scratch)
    missing = sum(translate_page(page, scratch / page) for page in i18n.book_pages())
    titles = section_titles({page: markdown_of(scratch / page) for page in i18n.book_pages()})
    for page in i18n.book_pages():
        tighten_page(page, scratch / page, titles)
    site = i18n.translations("_site")
    toc = (scratch / "_toc.yml").read_text(encoding="utf-8")

    def caption(match):
        nonlocal missing
        english = match.group(2)
        if english not in site:
            missing += 1
        return match.group(1) + site.get(english, english)

    toc = re.sub(r"^(\s*-\s*caption:\s*)(.+?)\s*$", caption, toc, flags=re.M)
    (scratch / "_toc.yml").write_text(toc, encoding="utf-8")
    config = yaml.safe_load((scratch / "_config.yml").read_text(encoding="utf-8"))
    title = config["title"]
    missing += title not in site
    config["title"] = site.get(title, title)
    missing += config["author"] not in site
    config["author"] = site.get(config["author"], config["author"])
    config["sphinx"]["config"]["language"] = "zh_CN"
    config["sphinx"]["config"]["course_edition"] = "zh"
    # myst-nb's toggles of hidden code ("Show code cell source"), which it does not translate
    config["sphinx"]["config"]["nb_code_prompt_show"] = "显示代码"
    config["sphinx"]["config"]["nb_code_prompt_hide"] = "隐藏代码"
    # sphinx-togglebutton's hint on a folded solution, which it does not translate either
    config["sphinx"]["config"]["togglebutton_hint"] = "点击展开"
    config["sphinx"]["config"]["togglebutton_hint_hide"] = "点击收起"
    # Labels of Sphinx and of the theme that their own zh_CN catalogues lack ("Link to this heading"),
    # from i18n/zh_CN/theme.po, as a catalogue for Sphinx's domain and the book theme's
    # (tools/sphinx_ext/language_link.py adds the latter)
    messages = scratch / "_locale" / "zh_CN" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    theme = polib.pofile(str(i18n.PO_ROOT / "theme.po"))
    for domain in ("sphinx", "booktheme"):
        theme.save_as_mofile(str(messages / f"{domain}.mo"))
    config["sphinx"]["config"]["locale_dirs"] = ["_locale"]
    translatable_theme_labels(scratch / "_templates")
    words = scratch / "search_words.txt"
    words.write_text("".join(f"{w} 1000\n" for w in search_words()), encoding="utf-8")
    config["sphinx"]["config"]["html_search_options"] = {"dict": str(words)}
    (scratch / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                         encoding="utf-8")
    return missing


_SECTION = re.compile(r'<section id="([^"]+)"[^>]*>')
_ANY_ID = re.compile(r'\bid="([^"]+)"')


def add_english_anchors(zh_site, en_site):
    """Give every section of a Chinese page the id of the same section on the English page too.

    docutils makes a section's id from its title, so English sections have ids such as
    `how-to-run-it` while Chinese titles give `id2`: a link to a section of an English page would not
    find it on the Chinese one. The sections of the two pages correspond one to one (the translation
    keeps every heading), so each Chinese section gets an empty anchor with its English id, and a link
    to a section works in both editions, `#how-to-run-it` as well as a label such as `#sec-ch4-floor`.
    Returns the number of anchors added.
    """
    added = 0
    for zh_page in sorted((zh_site / "book").glob("*.html")):
        en_page = en_site / "book" / zh_page.name
        if not en_page.is_file():
            continue
        zh_html = zh_page.read_text(encoding="utf-8")
        en_ids = _SECTION.findall(en_page.read_text(encoding="utf-8"))
        zh_sections = list(_SECTION.finditer(zh_html))
        if len(en_ids) != len(zh_sections):
            raise SystemExit(f"{zh_page}: {len(zh_sections)} sections, the English page has {len(en_ids)}")
        taken = set(_ANY_ID.findall(zh_html))
        for match, en_id in reversed(list(zip(zh_sections, en_ids))):
            if en_id in taken:
                continue
            zh_html = zh_html[:match.end()] + f'<span id="{en_id}"></span>' + zh_html[match.end():]
            added += 1
        zh_page.write_text(zh_html, encoding="utf-8")
    return added


# sphinx-exercise titles a solution "Solution to" + a link to its exercise; its Chinese, "解答" + "练习 4.1",
# reads backwards. The Chinese pages say "练习 4.1 的解答".
_SOLUTION_TITLE = re.compile(r'<p class="admonition-title">解答(<a class="reference internal" href="[^"]*">) ([^<]*)</a>')


def reorder_solution_titles(zh_site):
    """Write every solution's title as 练习 N 的解答; returns how many were changed."""
    changed = 0
    for page in sorted((zh_site / "book").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        html, n = _SOLUTION_TITLE.subn(
            lambda m: f'<p class="admonition-title">{m[1]}{m[2]}</a>'
                      + (" 的解答" if m[2][-1:].isdigit() else "的解答"), html)
        if n:
            page.write_text(html, encoding="utf-8")
            changed += n
    return changed


def main(argv):
    if argv and argv[0].startswith("-"):  # --help, or a mistyped option: not a folder to write into
        sys.exit(__doc__)
    out = Path(argv[0]).resolve() if argv else ROOT / "_build" / "html" / "zh"
    with tempfile.TemporaryDirectory(prefix="zh-edition-") as tmp:
        scratch = Path(tmp)
        missing = prepare(scratch)
        build(scratch, out)
    reorder_solution_titles(out)
    english = out.parent  # the English site, when the edition is built into its zh/ folder
    if (english / "book").is_dir() and (english / "index.html").is_file():
        print(f"{add_english_anchors(out, english)} sections given their English ids too")
    else:
        print(f"No English site in {english}: the sections keep only their Chinese ids")
    note = f", {missing} units still in English (python tools/i18n.py check)" if missing else ""
    print(f"{out}: the Chinese edition{note}")


if __name__ == "__main__":
    main(sys.argv[1:])
