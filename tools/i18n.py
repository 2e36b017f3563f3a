"""Translations of the course: PO files keyed by the English text they translate.

Every page of the book has a PO file, ``i18n/zh_CN/<page>.po`` (``book/04_cross_entropy.ipynb`` ->
``i18n/zh_CN/book/04_cross_entropy.po``). Each entry's ``msgid`` is one English unit of the page, exactly
as it stands in the source, and its ``msgstr`` the translation:

- in a notebook, each markdown cell, and each figure caption and alt text in a code cell's metadata;
- in a ``.md`` page, each block between blank lines (a fenced code block is one block, and is never
  translated), the way gettext splits a text into paragraphs.

Code cells, their outputs, display-math blocks and labels are copied, never translated. The site's own
words (the table of contents' part captions, the book's title and author) are in
``i18n/zh_CN/_site.po``.

    python tools/i18n.py update            # after an English change: new units, changed ones marked fuzzy
    python tools/i18n.py check [PAGE...]   # what is untranslated, out of date or broken; exits 1 if any
    python tools/i18n.py export PAGE FILE  # the page's untranslated and fuzzy units in a plain-text file
    python tools/i18n.py import PAGE FILE  # that file, translated, back into the PO file

``update`` keeps a translation whose English changed as a *fuzzy* entry that shows the previous English
(``#| msgid``), so a translator sees what changed; ``check`` (and ``tests/test_translation.py`` in
``make test``) fails until it is revised and the fuzzy flag removed. A translation must keep every
formula (the words of a ``\text{...}`` in it apart), inline code, label, cross-reference target, link
target, directive and heading level of its English; ``check`` compares them.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
LANG = "zh_CN"
PO_ROOT = ROOT / "i18n" / LANG
SITE_PO = PO_ROOT / "_site.po"


# --------------------------------------------------------------------------------------------------
# The English units of a page


@dataclass(frozen=True)
class Unit:
    """One translatable piece of an English page."""

    page: str  # "book/04_cross_entropy.ipynb"
    where: str  # "markdown cell 12", "alt text of code cell 13", "block at line 40"
    line: int  # the cell index, or the block's first line (for the PO file's occurrence)
    text: str  # the English, exactly as in the source

    def describe(self) -> str:
        first = next((s for s in self.text.splitlines() if s.strip()), "")
        if len(first) > 70:
            first = first[:67] + "..."
        return f"{self.page}, {self.where}: {first!r}"


_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})(.*)$")
_LABEL_ONLY = re.compile(r"^\s*\([A-Za-z0-9_:.-]+\)=\s*$")
_CODE_DIRECTIVES = {"code", "code-block", "code-cell", "sourcecode", "math", "raw", "literalinclude"}


def _is_code_fence(info: str) -> bool:
    """A fence whose info string is a language (or a code directive) holds code, not prose."""
    info = info.strip()
    m = re.match(r"^\{([^}]+)\}", info)
    if m:
        return m.group(1).strip() in _CODE_DIRECTIVES
    return True  # ``` or ```python: a code block


def code_mask(lines: list[str]) -> list[int]:
    """For each line, the number of the fenced code block it belongs to (fence lines included), or 0.

    Directive fences (```{note}, :::{exercise}) are followed too, so the ``` that closes a directive is
    not taken for the start of a code block.
    """
    mask, stack, n = [], [], 0  # stack of (fence characters, is code)
    for s in lines:
        m = _FENCE.match(s)
        if stack and stack[-1][1]:  # inside a code block: only its closing fence ends it
            fence = stack[-1][0]
            mask.append(n)
            if m and m.group(2)[0] == fence[0] and len(m.group(2)) >= len(fence) and not m.group(3).strip():
                stack.pop()
            continue
        if m is None:
            mask.append(0)
            continue
        chars, info = m.group(2), m.group(3).strip()
        if not info and stack and stack[-1][0][0] == chars[0] and len(chars) >= len(stack[-1][0]):
            stack.pop()  # the end of a directive
            mask.append(0)
        elif chars[0] != ":" and _is_code_fence(info):
            n += 1
            stack.append((chars, True))
            mask.append(n)
        else:
            stack.append((chars, False))
            mask.append(0)
    return mask


def md_blocks(text: str) -> list[tuple[int, str]]:
    """Split a .md page into (first line, block) at blank lines, never inside a fenced code block."""
    return [(line, block) for line, block, _ in split_md(text) if block]


def split_md(text: str) -> list[tuple[int, str, str]]:
    """(first line, block, the blank lines after it) for every block of a .md page.

    Joining every block with the separator after it gives the page back, byte for byte (blank lines at
    the start of a page come as an empty first block).
    """
    lines = text.split("\n")
    mask = code_mask(lines)
    blank = [s.strip() == "" and not m for s, m in zip(lines, mask)]
    out: list[tuple[int, str, str]] = []
    i = 0
    if blank and blank[0]:
        k = 0
        while k < len(lines) and blank[k]:
            k += 1
        if k == len(lines):
            return [(1, "", text)]
        out.append((1, "", "".join(s + "\n" for s in lines[:k])))
        i = k
    while i < len(lines):
        j = i
        while j < len(lines) and not blank[j]:
            j += 1
        k = j
        while k < len(lines) and blank[k]:
            k += 1
        sep = "".join("\n" + s for s in lines[j:k]) + ("\n" if k < len(lines) else "")
        out.append((i + 1, "\n".join(lines[i:j]), sep))
        i = k
    return out


# Words inside a formula, \text{data term: the NLL}: a translation may translate them.
_TEXT_IN_MATH = re.compile(r"\\(text|mbox|textrm|textit|textbf)\{[^{}]*\}")


def _normalise_text_in_math(formula: str) -> str:
    return _TEXT_IN_MATH.sub(lambda m: f"\\{m.group(1)}{{}}", formula)


def is_verbatim(block: str) -> bool:
    """True for a unit that is copied as it is: code, display math, labels, fence markers, nothing.

    Display math with words in it (\text{...}) is translated, for its words.
    """
    stripped = block.strip()
    if not stripped:
        return True
    if any(re.search(r"[A-Za-z]{3,}", m.group(0)[6:]) for m in _TEXT_IN_MATH.finditer(stripped)):
        return False
    lines = stripped.split("\n")
    mask = code_mask(lines)
    body = [s for s, m in zip(lines, mask) if not m and s.strip() and not _LABEL_ONLY.match(s)]
    if not body:
        return True
    if all(re.fullmatch(r"\s*(`{3,}|:{3,}|~{3,})\s*", s) for s in body):
        return True
    joined = "\n".join(body).strip()
    if joined.startswith("$$") and joined.endswith("$$") and joined.count("$$") == 2:
        return True
    return False


def page_units(page: str) -> list[Unit]:
    """Every translatable unit of a page, in page order."""
    path = ROOT / page
    units: list[Unit] = []
    if page.endswith(".ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for k, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "markdown":
                text = "".join(cell["source"])
                if not is_verbatim(text):
                    units.append(Unit(page, f"markdown cell {k}", k, text))
            elif cell["cell_type"] == "code":
                meta = cell.get("metadata", {}).get("mystnb", {})
                caption = meta.get("figure", {}).get("caption")
                if caption:
                    units.append(Unit(page, f"figure caption of code cell {k}", k, caption))
                alt = meta.get("image", {}).get("alt")
                if alt:
                    units.append(Unit(page, f"alt text of code cell {k}", k, alt))
    else:
        previous = ""
        for line, block in md_blocks(path.read_text(encoding="utf-8")):
            if not is_verbatim(block) and copied_objectives(previous, block) is None:
                units.append(Unit(page, f"block at line {line}", line, block))
            previous = block
    return units


# The instructor guide repeats each page's learning objectives, after a comment naming the page
# (tests/test_course_pages.py keeps the English copies equal). The Chinese guide takes them from the
# page's own translation (tools/make_zh.py), so they are not translated twice.
OBJECTIVES_MARK = re.compile(r"^% Objectives of (book/\S+)$", re.M)
OBJECTIVES_ADMONITION = re.compile(r"^:::\{admonition\} [^\n]*\n(.*?)^:::$", re.M | re.S)


def copied_objectives(previous: str, block: str) -> str | None:
    """The page whose objectives `block` repeats (the guide's list after its comment), or None."""
    m = OBJECTIVES_MARK.search(previous)
    return m.group(1) if m and block.lstrip().startswith("- ") else None


def objectives_list(cell_text: str) -> str | None:
    """The bullet list of the Learning objectives admonition in a (translated) markdown cell."""
    m = OBJECTIVES_ADMONITION.search(cell_text)
    if m is None:
        return None
    lines = m.group(1).rstrip("\n").split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith("- ")), None)
    return None if start is None else "\n".join(lines[start:]).rstrip()


def book_pages() -> list[str]:
    """The pages of the table of contents, in its order (root first)."""
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    names = re.findall(r"^\s*(?:root|-\s*file):\s*(\S+)\s*$", toc, flags=re.M)
    pages = []
    for name in names:
        for ext in (".ipynb", ".md"):
            if (ROOT / (name + ext)).exists():
                pages.append(name + ext)
                break
        else:
            raise FileNotFoundError(f"_toc.yml names {name!r}, which is neither {name}.ipynb nor {name}.md")
    return pages


def site_units() -> list[Unit]:
    """The words of the site outside the pages: the book's title and author, and the part captions."""
    units = [Unit("_config.yml", "title", 0, _config_value("title")),
             Unit("_config.yml", "author", 1, _config_value("author"))]
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for k, caption in enumerate(re.findall(r"^\s*-\s*caption:\s*(.+?)\s*$", toc, flags=re.M)):
        units.append(Unit("_toc.yml", f"part caption {k}", k, caption))
    return units


def _config_value(key: str) -> str:
    m = re.search(rf'^{key}:\s*"?(.*?)"?\s*$', (ROOT / "_config.yml").read_text(encoding="utf-8"), flags=re.M)
    return m.group(1)


def po_path(page: str) -> Path:
    if page in ("_config.yml", "_toc.yml"):
        return SITE_PO
    return PO_ROOT / Path(page).with_suffix(".po")


# --------------------------------------------------------------------------------------------------
# Structure a translation must keep


# Display math, inline math (which may run over a line break, never over a blank line) and environments.
_MATH = re.compile(
    r"\$\$.+?\$\$|(?<![\\$])\$(?!\$)(?:\\.|[^$\\\n]|\n(?![ \t]*\n))+?\$|\\begin\{(\w+\*?)\}.*?\\end\{\1\}", re.S
)
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_ROLE = re.compile(r"\{([a-z][a-z0-9:_-]*)\}`([^`]*)`")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^(#{1,6})\s", re.M)
_DIRECTIVE = re.compile(r"^\s*(?:`{3,}|:{3,})\{([^}]+)\}", re.M)
_OPTION = re.compile(r"^\s*:([a-z][a-z-]*):(.*)$", re.M)
_TRANSLATED_OPTIONS = {"alt", "title"}
# where the explicit title of a role is text and its target in <...> stays English
_TITLED_ROLES = {"ref", "numref", "term", "doc", "download", "eq", "any"}


def _role_target(role: str, content: str) -> str:
    m = re.search(r"<([^<>]+)>\s*$", content)
    target = m.group(1) if m and role.split(":")[0] in _TITLED_ROLES else content
    # a glossary term matches whatever its case
    target = " ".join(target.split())
    return target.lower() if role == "term" else target


def _strip_code_blocks(text: str) -> tuple[str, list[str]]:
    """The text without its fenced code blocks, and those blocks (which must stay as they are)."""
    lines = text.split("\n")
    mask = code_mask(lines)
    blocks: dict[int, list[str]] = {}
    for s, m in zip(lines, mask):
        if m:
            blocks.setdefault(m, []).append(s)
    kept = [s for s, m in zip(lines, mask) if not m]
    return "\n".join(kept), ["\n".join(b) for b in blocks.values()]


def structure(text: str) -> dict[str, list[str]]:
    """What a translation must keep of its English, each as a sorted list."""
    prose, code_blocks = _strip_code_blocks(text)
    code_blocks = [_normalise_text_in_math(b) if re.match(r"\s*(`{3,}|:{3,})\{math\}", b) else b
                   for b in code_blocks]
    # TeX does not see how a formula is spaced or wrapped, so neither does the comparison; the words of
    # a \text{...} in it may be translated
    math = [" ".join(_normalise_text_in_math(m.group(0)).split()) for m in _MATH.finditer(prose)]
    no_math = _MATH.sub(" ", prose)
    roles = [f"{{{r}}}{_role_target(r, c)}" for r, c in _ROLE.findall(no_math)]
    no_roles = _ROLE.sub(" ", no_math)
    no_roles = "\n".join(s for s in no_roles.split("\n") if not _FENCE.match(s))
    code = [m.group(2) for m in _INLINE_CODE.finditer(no_roles)]
    options = [f":{k}:{v.strip()}" for k, v in _OPTION.findall(no_math) if k not in _TRANSLATED_OPTIONS]
    return {
        "code block": sorted(code_blocks),
        "formula": sorted(math),
        "cross-reference": sorted(roles),
        "inline code": sorted(code),
        "link target": sorted(_LINK.findall(no_roles)),
        "label": sorted(re.findall(r"^\s*\(([^()\s]+)\)=\s*$", prose, flags=re.M)),
        "heading level": _HEADING.findall(prose),  # in order
        "directive": sorted(d.strip().split()[0] for d in _DIRECTIVE.findall(prose)),
        "directive option": sorted(options),
    }


# Compared as sets: every distinct formula, piece of code, reference or link is kept, however often.
AS_SETS = {"formula", "inline code", "cross-reference", "link target"}


def structure_problems(english: str, translation: str) -> list[str]:
    """How a translation differs from its English in what must be kept (empty when it keeps it all)."""
    a, b = structure(english), structure(translation)
    problems = []
    for key in a:
        if key in AS_SETS:
            # a translation may name a symbol or a function once more, or once less, than its English
            a[key], b[key] = sorted(set(a[key])), sorted(set(b[key]))
        if a[key] != b[key]:
            missing = _multiset_minus(a[key], b[key])
            extra = _multiset_minus(b[key], a[key])
            parts = []
            if missing:
                parts.append("missing " + ", ".join(repr(x) for x in missing[:4]))
            if extra:
                parts.append("not in the English " + ", ".join(repr(x) for x in extra[:4]))
            if not parts:
                parts.append(f"in a different order: {a[key]} against {b[key]}")
            problems.append(f"{key}: " + "; ".join(parts))
    return problems


def _multiset_minus(a: list[str], b: list[str]) -> list[str]:
    rest = list(b)
    out = []
    for x in a:
        if x in rest:
            rest.remove(x)
        else:
            out.append(x)
    return out


# --------------------------------------------------------------------------------------------------
# PO files


def _load(path: Path) -> polib.POFile:
    if path.exists():
        return polib.pofile(str(path), wrapwidth=0)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "loss-functions-course",
        "Language": LANG,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    return po


def _save(po: polib.POFile, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    po.wrapwidth = 0
    po.save(str(path))


def _comment(unit: Unit) -> str:
    return unit.where


def update_po(units: list[Unit], path: Path) -> tuple[int, int, int]:
    """Bring one PO file in step with its English units: (new, marked fuzzy, obsolete)."""
    po = _load(path)
    old = {e.msgid: e for e in po if not e.obsolete}
    old_obsolete = [e for e in po if e.obsolete]
    by_where = {e.comment: e for e in old.values()}
    new_entries: list[polib.POEntry] = []
    seen: set[str] = set()
    carried: set[str] = set()  # old English whose translation went to a fuzzy entry
    n_new = n_fuzzy = 0
    for u in units:
        if u.text in seen:
            # the same English twice on a page: one entry, one more occurrence
            entry = next(e for e in new_entries if e.msgid == u.text)
            entry.occurrences.append((u.page, str(u.line)))
            continue
        seen.add(u.text)
        if u.text in old:
            e = old[u.text]
            e.occurrences = [(u.page, str(u.line))]
            e.comment = _comment(u)
            new_entries.append(e)
            continue
        e = polib.POEntry(msgid=u.text, msgstr="", occurrences=[(u.page, str(u.line))], comment=_comment(u))
        # a changed English unit: carry its old translation over as fuzzy, with the old English shown
        previous = by_where.get(_comment(u))
        if previous is None or previous.msgid in [x.text for x in units]:
            candidates = [x for x in old.values() if x.msgid not in seen and x.msgstr]
            best = difflib.get_close_matches(u.text, [x.msgid for x in candidates], n=1, cutoff=0.6)
            previous = old[best[0]] if best else None
        if previous is not None and previous.msgstr and previous.msgid not in [x.text for x in units]:
            carried.add(previous.msgid)
            e.msgstr = previous.msgstr
            e.flags = ["fuzzy"]
            e.previous_msgid = previous.msgid
            n_fuzzy += 1
        else:
            n_new += 1
        new_entries.append(e)
    kept = {e.msgid for e in new_entries}
    obsolete = [e for e in old.values() if e.msgid not in kept and e.msgid not in carried and e.msgstr]
    for e in obsolete:
        e.obsolete = True
    po[:] = new_entries + obsolete + [e for e in old_obsolete if e.msgid not in kept]
    _save(po, path)
    return n_new, n_fuzzy, len(obsolete)


def update(pages: list[str] | None = None) -> None:
    pages = pages or book_pages()
    for page in pages:
        n_new, n_fuzzy, n_obs = update_po(page_units(page), po_path(page))
        if n_new or n_fuzzy or n_obs:
            print(f"{po_path(page).relative_to(ROOT)}: {n_new} new, {n_fuzzy} changed (fuzzy), {n_obs} obsolete")
    if pages == book_pages():
        update_po(site_units(), SITE_PO)


def translations(page: str) -> dict[str, str]:
    """English -> Chinese for a page's current, finished entries (no fuzzy, no empty)."""
    path = po_path(page)
    if not path.exists():
        return {}
    return {e.msgid: e.msgstr for e in _load(path) if not e.obsolete and e.msgstr and "fuzzy" not in e.flags}


def problems(page: str) -> list[str]:
    """Every unit of a page that has no finished translation, or whose translation breaks its structure."""
    path = po_path(page)
    units = site_units() if page == "_site" else page_units(page)
    entries = {e.msgid: e for e in _load(path) if not e.obsolete} if path.exists() else {}
    out = []
    for u in units:
        e = entries.get(u.text)
        if e is None:
            out.append(f"{u.describe()}: no translation (run `python tools/i18n.py update`, then translate it)")
        elif not e.msgstr.strip():
            out.append(f"{u.describe()}: not translated yet")
        elif "fuzzy" in e.flags:
            out.append(f"{u.describe()}: the English changed since it was translated (fuzzy entry)")
        else:
            for p in structure_problems(u.text, e.msgstr):
                out.append(f"{u.describe()}: the translation changed the {p}")
    return out


# --------------------------------------------------------------------------------------------------
# Work files for translators who prefer a plain text file to a PO editor


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def export(page: str, out: Path, everything: bool = False) -> int:
    units = site_units() if page == "_site" else page_units(page)
    entries = {e.msgid: e for e in _load(po_path(page))} if po_path(page).exists() else {}
    done = set()
    chunks = []
    for u in units:
        e = entries.get(u.text)
        if u.text in done or (not everything and e is not None and e.msgstr and "fuzzy" not in e.flags):
            continue
        done.add(u.text)
        old = ""
        if e is not None and e.msgstr:
            old = e.msgstr
        chunks.append(f"<<<<<<<< {_key(u.text)} {u.where}\n{u.text}\n======== zh\n{old}\n>>>>>>>>\n")
    out.write_text("\n".join(chunks), encoding="utf-8")
    return len(chunks)


def import_(page: str, src: Path) -> list[str]:
    text = src.read_text(encoding="utf-8")
    path = po_path(page)
    po = _load(path)
    by_key = {_key(e.msgid): e for e in po if not e.obsolete}
    report = []
    pattern = re.compile(r"^<<<<<<<< (\w+) ([^\n]*)\n(.*?)\n======== zh\n(.*?)\n?>>>>>>>>$", re.S | re.M)
    n = 0
    for key, where, english, zh in pattern.findall(text):
        e = by_key.get(key)
        if e is None:
            report.append(f"{where}: not an entry of {path.relative_to(ROOT)} (run update, then export again)")
            continue
        zh = zh.strip("\n")
        if not zh.strip():
            continue
        if e.msgid.endswith("\n") and not zh.endswith("\n"):
            zh += "\n"
        e.msgstr = zh
        if "fuzzy" in e.flags:
            e.flags.remove("fuzzy")
            e.previous_msgid = None
        n += 1
        for p in structure_problems(e.msgid, zh):
            report.append(f"{where}: {p}")
    _save(po, path)
    report.insert(0, f"{n} translations written to {path.relative_to(ROOT)}")
    return report


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    cmd, args = argv[0], argv[1:]
    if cmd == "update":
        update(args or None)
        return 0
    if cmd == "check":
        pages = args or book_pages() + ["_site"]
        found = [p for page in pages for p in problems(page)]
        for p in found:
            print(p)
        total = sum(len(site_units() if p == "_site" else page_units(p)) for p in pages)
        print(f"{len(found)} problems in {total} units of {len(pages)} pages")
        return 1 if found else 0
    if cmd == "export":
        n = export(args[0], Path(args[1]), everything="--all" in args)
        print(f"{n} units of {args[0]} written to {args[1]}")
        return 0
    if cmd == "import":
        for line in import_(args[0], Path(args[1])):
            print(line)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
