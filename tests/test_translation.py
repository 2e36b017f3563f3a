"""The Chinese edition keeps in step with the English one (tools/i18n.py, tools/make_zh.py).

- Every English unit of every page (a markdown cell, a figure caption or alt text of a notebook, a
  block of a .md page) has a finished translation in i18n/zh_CN, made from the English as it is now:
  a unit that is new, or that changed since it was translated, fails here with the page, the cell and
  its first words, and `python tools/i18n.py update` marks its old translation fuzzy for revision.
- Each translation keeps its English's formulas, inline code, labels, cross-reference and link targets,
  directives and heading levels, so equations, references and glossary links resolve in both editions.
- The Chinese notebooks are the English ones with only their markdown, captions and alt text replaced:
  code cells and outputs byte for byte the same.
"""

import copy
import json
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import i18n  # noqa: E402
import make_zh  # noqa: E402

PAGES = i18n.book_pages()


@pytest.mark.parametrize("page", PAGES + ["_site"])
def test_every_unit_has_an_up_to_date_translation(page):
    problems = i18n.problems(page)
    if problems:
        pytest.fail(f"{len(problems)} unit(s) of {page} need translating (python tools/i18n.py update; "
                    "then translate them, and see README.md, 'Translations'):\n  " + "\n  ".join(problems),
                    pytrace=False)


def test_no_translation_file_is_left_over():
    """A PO file for a page that is no longer in the book would be translated for nothing."""
    expected = {i18n.po_path(page) for page in PAGES} | {i18n.SITE_PO, i18n.PO_ROOT / "theme.po"}
    assert set(i18n.PO_ROOT.rglob("*.po")) <= expected


@pytest.mark.parametrize("page", [p for p in PAGES if p.endswith(".ipynb")])
def test_chinese_notebook_changes_only_markdown_captions_and_alt_text(page, tmp_path):
    english = nbformat.read(ROOT / page, as_version=4)
    make_zh.translate_page(page, tmp_path / "zh.ipynb")
    chinese = nbformat.read(tmp_path / "zh.ipynb", as_version=4)
    assert [c.cell_type for c in chinese.cells] == [c.cell_type for c in english.cells]
    assert chinese.metadata == english.metadata
    for k, (en, zh) in enumerate(zip(english.cells, chinese.cells)):
        if en.cell_type != "code":
            continue
        where = f"{page}, code cell {k}"
        assert zh.source == en.source, where
        assert json.dumps(zh.outputs, sort_keys=True) == json.dumps(en.outputs, sort_keys=True), where
        assert zh.get("execution_count") == en.get("execution_count"), where
        meta_en, meta_zh = copy.deepcopy(en.metadata), copy.deepcopy(zh.metadata)
        for meta in (meta_en, meta_zh):
            meta.get("mystnb", {}).get("figure", {}).pop("caption", None)
            meta.get("mystnb", {}).get("image", {}).pop("alt", None)
        assert meta_zh == meta_en, where


@pytest.mark.parametrize("page", [p for p in PAGES if p.endswith(".md")])
def test_md_pages_split_into_blocks_and_join_back(page):
    text = (ROOT / page).read_text(encoding="utf-8")
    assert "".join(block + sep for _, block, sep in i18n.split_md(text)) == text
    if not i18n.OBJECTIVES_MARK.search(text):  # the guide's objectives come from the pages' translations
        assert make_zh.translate_md(text, {})[0] == text


def test_split_keeps_a_code_block_with_blank_lines_whole():
    text = "Intro.\n\n```python\nx = 1\n\ny = 2\n```\n\n```{note}\nA note.\n\nIts second paragraph.\n```\n"
    blocks = [b for _, b, _ in i18n.split_md(text)]
    assert blocks == ["Intro.", "```python\nx = 1\n\ny = 2\n```", "```{note}\nA note.", "Its second paragraph.\n```"]
    assert i18n.is_verbatim(blocks[1]) and not i18n.is_verbatim(blocks[2])
    assert i18n.is_verbatim("(eq-x)=\n$$\na = b\n$$") and i18n.is_verbatim("```\n:::")


@pytest.mark.parametrize("english, chinese, what", [
    ("The loss $L = -\\log p$ is small.", "损失很小。", "formula"),
    ("Call `np.log` here.", "在这里调用 np.log。", "inline code"),
    ("See {ref}`sec-ch2-surrogates`.", "见 {ref}`sec-ch2`。", "cross-reference"),
    ("A {term}`logit`.", "一个 {term}`logit <logits>`。", "cross-reference"),
    ("(sec-x)=\n## Title", "## 标题", "label"),
    ("## Title", "### 标题", "heading level"),
    ("[the docs](https://numpy.org)", "[文档](https://numpy.org/)", "link target"),
    ("```{exercise-start}\n:label: ex-1\n```", "```{exercise-start}\n:label: ex-2\n```", "directive option"),
])
def test_the_structure_check_finds_a_broken_translation(english, chinese, what):
    problems = i18n.structure_problems(english, chinese)
    assert any(p.startswith(what) for p in problems), problems


def test_the_structure_check_accepts_a_faithful_translation():
    english = ("(sec-x)=\n## Binary cross-entropy\n\nWith $p = \\sigma(z)$, {term}`cross-entropy` and "
               "{ref}`its gradient <sec-ch4-grad>` give `bce(y, p)`; see [the guide](guide.md) and "
               "{numref}`Figure %s <fig-ch4-x>`.")
    chinese = ("(sec-x)=\n## 二元交叉熵\n\n当 $p = \\sigma(z)$ 时，{term}`交叉熵 <Cross-entropy>` 与 "
               "{ref}`它的梯度 <sec-ch4-grad>` 给出 `bce(y, p)`；见[指南](guide.md)与 "
               "{numref}`图 %s <fig-ch4-x>`。")
    assert i18n.structure_problems(english, chinese) == []


def test_a_changed_english_unit_is_named_and_its_old_translation_kept_as_fuzzy(tmp_path, monkeypatch):
    page = tmp_path / "book" / "page.md"
    page.parent.mkdir()
    page.write_text("# A page\n\nThe first paragraph.\n\nThe second paragraph.\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "ROOT", tmp_path)
    monkeypatch.setattr(i18n, "PO_ROOT", tmp_path / "i18n")
    name = "book/page.md"
    i18n.update_po(i18n.page_units(name), i18n.po_path(name))
    assert [p.split(": ")[-1] for p in i18n.problems(name)] == ["not translated yet"] * 3
    po = i18n._load(i18n.po_path(name))
    for entry, zh in zip(po, ["# 一页", "第一段。", "第二段。"]):
        entry.msgstr = zh
    i18n._save(po, i18n.po_path(name))
    assert i18n.problems(name) == []

    page.write_text("# A page\n\nThe first paragraph, changed.\n\nThe second paragraph.\n", encoding="utf-8")
    problems = i18n.problems(name)
    assert len(problems) == 1 and "block at line 3" in problems[0] and "no translation" in problems[0]
    assert "The first paragraph, changed." in problems[0]
    assert i18n.update_po(i18n.page_units(name), i18n.po_path(name)) == (0, 1, 0)
    entry = next(e for e in i18n._load(i18n.po_path(name)) if e.msgid.startswith("The first"))
    assert entry.flags == ["fuzzy"] and entry.msgstr == "第一段。"
    assert entry.previous_msgid == "The first paragraph."
    assert "changed since it was translated" in i18n.problems(name)[0]


def test_translation_tools_are_pinned():
    requirements = (ROOT / "requirements.txt").read_text()
    constraints = (ROOT / "constraints.txt").read_text()
    for package in ("polib", "jieba"):
        assert any(line.startswith(f"{package}==") for line in requirements.splitlines()), package
        assert any(line.startswith(f"{package}==") for line in constraints.splitlines()), package


def test_chinese_guide_repeats_each_pages_chinese_objectives(tmp_path):
    """The guide's lists of objectives are taken from the pages' own translations, every one of them."""
    guide = (ROOT / "book" / "instructor_guide.md").read_text(encoding="utf-8")
    marks = i18n.OBJECTIVES_MARK.findall(guide)
    blocks = [b for _, b in i18n.md_blocks(guide)]
    copied = [page for previous, block in zip([""] + blocks, blocks)
              if (page := i18n.copied_objectives(previous, block))]
    assert copied == marks
    make_zh.translate_page("book/instructor_guide.md", tmp_path / "guide.md")
    chinese = (tmp_path / "guide.md").read_text(encoding="utf-8")
    for page in marks:
        assert make_zh.objectives_of(page) in chinese, page


@pytest.mark.parametrize("translation, page", [
    ("原点是一个**{term}`鞍点 <saddle point>`**：梯度为零", "原点是一个**\u200b{term}`鞍点 <saddle point>`**：梯度为零"),
    ("**(c)。** *学习目标*", "**(c)。** *学习目标*"),  # CommonMark takes these as they are
    ("第一行，\n  第二行", "第一行，第二行"),
    ("末行 $x$\n的值", "末行 $x$\n的值"),
    ("分类交叉熵（{eq}`eq-ch4-ce`）和（见 {eq}`x`）。", "分类交叉熵 {eq}`eq-ch4-ce` 和（见 {eq}`x`）。"),
    ("```python\n# 注释，\n# 第二行\n```", "```python\n# 注释，\n# 第二行\n```"),
])
def test_chinese_markdown_as_the_page_uses_it(translation, page):
    """Emphasis that CommonMark would not open next to Chinese punctuation, line breaks a browser shows
    as spaces, and equation numbers in double parentheses are mended; code is left alone."""
    assert make_zh.chinese_markdown(translation) == page


def test_no_space_between_chinese_and_a_reference_that_shows_chinese():
    titles = {"book/01_optimisation": "作为优化问题的神经网络学习", "sec-x": "MSE 的梯度"}
    tighten = lambda text: make_zh.tighten_references(text, "book/quiz_ch1.ipynb", titles)  # noqa: E731
    assert tighten("关于 {doc}`01_optimisation` 的八道小题") == "关于{doc}`01_optimisation`的八道小题"
    assert tighten("见 {ref}`sec-x` 一节") == "见 {ref}`sec-x`一节"  # "MSE ..." starts with Latin letters
    assert tighten("如 {numref}`fig-a` 所示") == "如{numref}`fig-a` 所示"  # "图 4.1" ends with a number
    assert tighten("用 {term}`交叉熵 <cross-entropy>` 训练") == "用{term}`交叉熵 <cross-entropy>`训练"
    assert tighten("用 {term}`logit` 表示") == "用 {term}`logit` 表示"
