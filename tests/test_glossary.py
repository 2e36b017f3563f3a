"""The glossary (book/glossary.md): enough terms, each with its Chinese term, and every {term} link resolves.

The strict build (`jupyter-book build -W -n`) also fails on a {term} link without an entry; this test says
which link, in which page, without building the site.
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
GLOSSARY = BOOK / "glossary.md"
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
TERM_ROLE = re.compile(r"\{term\}`([^`]+)`")


def glossary_entries():
    """[(terms, definition)] of the {glossary} directive, in the order of the file."""
    text = GLOSSARY.read_text(encoding="utf-8")
    block = re.search(r"^```\{glossary\}\n(.*?)^```$", text, re.M | re.S)
    assert block, "book/glossary.md has no ```{glossary} block"
    entries, terms, definition = [], [], []
    for line in block.group(1).splitlines():
        if line.startswith(":"):
            continue  # an option of the directive
        if not line.strip():
            continue
        if line[0].isspace():
            definition.append(line.strip())
            continue
        if definition:
            entries.append((terms, " ".join(definition)))
            terms, definition = [], []
        terms.append(line.strip())
    if terms:
        entries.append((terms, " ".join(definition)))
    return entries


def normalise(term):
    return " ".join(term.split()).lower()


def term_targets(text):
    for match in TERM_ROLE.finditer(text):
        content = match.group(1)
        explicit = re.fullmatch(r"(?s)(.*?)\s*<(.+)>", content)
        yield normalise(explicit.group(2) if explicit else content)


def pages():
    for path in sorted(BOOK.rglob("*")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        if path.suffix == ".md":
            yield path, path.read_text(encoding="utf-8")
        elif path.suffix == ".ipynb":
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            yield path, "\n".join(
                "".join(c["source"]) for c in cells if c["cell_type"] == "markdown"
            )


def test_glossary_is_sorted_and_has_at_least_30_terms():
    text = GLOSSARY.read_text(encoding="utf-8")
    assert re.search(r"```\{glossary\}\n:sorted:", text), "the glossary should use :sorted:"
    assert len(glossary_entries()) >= 30


def test_every_entry_starts_with_its_chinese_term():
    for terms, definition in glossary_entries():
        assert definition, f"{terms[0]}: no definition"
        chinese = definition.split(". ", 1)[0]
        assert CJK.search(chinese), f"{terms[0]}: the definition should start with the Chinese term"
        assert len(definition.split(". ", 1)) == 2, f"{terms[0]}: no English definition after the term"


def test_terms_are_unique():
    names = [normalise(t) for terms, _ in glossary_entries() for t in terms]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.mark.parametrize("english, chinese", [
    ("loss function", "损失函数"), ("cross-entropy", "交叉熵"),
    ("maximum likelihood estimation", "最大似然估计"), ("mean squared error", "均方误差"),
    ("kl divergence", "相对熵"), ("nat", "奈特"), ("negative log-likelihood", "负对数似然"),
])
def test_the_terms_named_in_the_issue(english, chinese):
    entries = {normalise(t): d for terms, d in glossary_entries() for t in terms}
    assert chinese in entries[english].split(". ", 1)[0]


def test_every_term_link_in_the_book_has_an_entry():
    known = {normalise(t) for terms, _ in glossary_entries() for t in terms}
    dangling = [
        f"{path.relative_to(ROOT)}: {{term}}`{target}`"
        for path, text in pages() for target in term_targets(text) if target not in known
    ]
    assert not dangling, "links to terms the glossary does not have:\n" + "\n".join(dangling)
