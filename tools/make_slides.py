"""Write the lecture slides: one reveal.js deck per page of the book, into _build/slides/.

    python tools/make_slides.py           # what `make slides` does (after the site is built)
    python tools/make_slides.py --out DIR --site DIR --reveal DIR --mathjax DIR

The notebooks are the one source. The decks are made from the built site (`jupyter-book build .`, in
_build/html), where MyST is already rendered, so the slides say what the book says, with the same
equation and figure numbers, citations and cross-references. One deck per page of the parts "Getting
started", "Chapters" and "Appendix" of _toc.yml (the quick start, the chapters, their section pages and
the appendix), each called after its page (04_cross_entropy.html), index.html listing them, and
decks.json (each deck's page, title and number of slides).

What a deck holds, in the page's order:

- a title slide (the page's title and the course's), the page's opening prose below it, and the
  learning objectives on a slide of their own;
- a level-2 heading starts a horizontal slide, a level-3 heading a vertical one below it;
- prose, displayed equations, lists, tables, code cells with their outputs and figures (their alt text
  and captions kept) come in the page's order; a section longer than a slide continues on further
  vertical slides, split between blocks (or between the sentences of a paragraph, the lines of a code
  cell, the items of a list, the rows of a table) by an estimate of each block's height at the deck's
  font sizes, so that no slide overflows its 1280x720 view; a figure that would not fit beside the
  prose gets a slide of its own, scaled to fit it;
- the summary;
- each exercise on a slide of its own, its statement only: **solutions are left out** of the slides,
  so that a lecturer can show the exercises in class without giving the answers away.

Cells whose input the site hides (tag `hide-input`) show only their output, and `hide-cell` cells are
left out, as on the site. Links within the book become plain text (a deck has no pages to link to);
links to the web stay. Images are copied into images/, the site's Pygments style sheet into
pygments.css, and reveal.js (npm's package, pinned in the Makefile, only the files the decks use) and
MathJax (the site's pinned copy, _vendor/mathjax) into the folder, so _build/slides/ works from local
files, opened from disk or served, and can be zipped and handed out. tests/site/test_slides.py opens
every deck in Chromium, offline, and checks the slides, the math, the images and that nothing overflows.
"""

import argparse
import base64
import html
import json
import math
import re
import shutil
import sys
import time
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, NavigableString, Tag
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
# The parts of _toc.yml whose pages get a deck (the teaching and reference parts do not).
PARTS = ("Getting started", "Chapters", "Appendix")

# The slide's geometry and font sizes, in CSS pixels: the style sheet below is written from these, and
# the height estimates use the same numbers.
WIDTH, HEIGHT = 1280, 720
PAD_TOP, PAD_SIDE, PAD_BOTTOM = 20, 44, 36  # the bottom padding keeps clear of the slide number
CONTEXT_PX, CONTEXT_LINE = 16, 30  # the small header naming the page and section
TEXT_PX, TEXT_LH, BLOCK_GAP = 27, 1.3, 12
H2_PX, H3_PX, HEADING_LH = 38, 32, 1.15
CODE_PX, CODE_LH, CODE_PAD = 17, 1.25, 8
CAPTION_PX = 19
TABLE_PX = 19
LIST_INDENT, ITEM_GAP = 36, 4
BOX_PAD, BOX_BORDER = 14, 5  # admonitions: padding on every side, and a left border
# Average advance of a character, in em: Source Sans Pro's prose (measured about 0.47; rounded up so an
# estimate errs towards a longer paragraph) and a monospace font (0.6).
PROSE_EM, MONO_EM = 0.5, 0.6
CONTENT_W = WIDTH - 2 * PAD_SIDE
# What a slide's blocks may fill; a margin absorbs the estimates' errors.
BUDGET = HEIGHT - PAD_TOP - PAD_BOTTOM - CONTEXT_LINE - 24
# A block is split across slides only when at least this much room is left for its first part.
MIN_PIECE = 140
# A figure may shrink to this share of its size to stay beside the prose before it.
MIN_FIGURE_SCALE = 0.8

CSS = f"""\
/* Written by tools/make_slides.py, which estimates each block's height from the same numbers. */
:root {{
  --r-main-font-size: {TEXT_PX}px;
  --r-heading-text-transform: none;
  --r-block-margin: {BLOCK_GAP}px;
  --r-code-font: "DejaVu Sans Mono", Menlo, Consolas, monospace;
  --r-link-color: #1461d1;
  --r-link-color-hover: #0d47a1;
}}
.reveal .slides {{ text-align: left; }}
.reveal .slides section:not(.stack) {{
  box-sizing: border-box; height: {HEIGHT}px; padding: {PAD_TOP}px {PAD_SIDE}px {PAD_BOTTOM}px;
  overflow: hidden;
}}
.reveal .slides > section.stack {{ height: {HEIGHT}px; padding: 0; }}
.reveal .context {{
  font-size: {CONTEXT_PX}px; line-height: {CONTEXT_LINE - 8}px; height: {CONTEXT_LINE - 8}px;
  margin-bottom: 8px; color: #555; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  border-bottom: 1px solid #ddd;
}}
.reveal p {{ margin: 0 0 {BLOCK_GAP}px; line-height: {TEXT_LH}; }}
.reveal h2, .reveal h3 {{ margin: 0 0 {BLOCK_GAP}px; line-height: {HEADING_LH}; }}
.reveal h2 {{ font-size: {H2_PX}px; }}
.reveal h3 {{ font-size: {H3_PX}px; }}
.reveal ul, .reveal ol {{ display: block; margin: 0 0 {BLOCK_GAP}px {LIST_INDENT}px; padding: 0; }}
.reveal li {{ margin: 0 0 {ITEM_GAP}px; line-height: {TEXT_LH}; }}
.reveal li > p {{ margin: 0; }}
.reveal li.continued {{ list-style: none; }}
.reveal div.highlight {{ margin: 0 0 {BLOCK_GAP}px; }}
.reveal div.highlight pre {{
  width: auto; margin: 0; padding: {CODE_PAD}px 12px; box-shadow: none; font-size: {CODE_PX}px;
  line-height: {CODE_LH}; white-space: pre-wrap; overflow-wrap: anywhere; border-radius: 4px;
}}
.reveal .cell_input div.highlight pre {{ border-left: 4px solid #1461d1; background: #f5f7fa; }}
.reveal .output div.highlight pre {{ border-left: 4px solid #b0b0b0; background: #fff; }}
.reveal .traceback div.highlight pre {{ border-left-color: #a12236; }}
.reveal code {{ font-size: 0.9em; }}
.reveal div.math {{ margin: 0 0 {BLOCK_GAP}px; position: relative; }}
.reveal div.math .eqno {{ float: right; margin-left: 12px; }}
.reveal mjx-container[display="true"] {{ margin: 0.2em 0 !important; }}
.reveal figure {{ margin: 0 0 {BLOCK_GAP}px; text-align: center; }}
.reveal figure img {{ margin: 0 auto 6px; display: block; }}
.reveal figcaption {{ font-size: {CAPTION_PX}px; line-height: {TEXT_LH}; text-align: left; }}
.reveal figcaption p {{ margin: 0; }}
.reveal table {{ font-size: {TABLE_PX}px; margin: 0 0 {BLOCK_GAP}px; border-collapse: collapse; width: 100%;
  table-layout: fixed; }}
.reveal table code {{ overflow-wrap: anywhere; }}
.reveal table th, .reveal table td {{ padding: 3px 8px; border-bottom: 1px solid #ccc; text-align: left;
  vertical-align: top; line-height: {TEXT_LH}; }}
.reveal table p {{ margin: 0; }}
.reveal .admonition {{
  margin: 0 0 {BLOCK_GAP}px; padding: {BOX_PAD}px; border-left: {BOX_BORDER}px solid #1461d1;
  background: #f0f5fd;
}}
.reveal .admonition > :last-child, .reveal .admonition section > :last-child {{ margin-bottom: 0; }}
.reveal .admonition-title {{ font-weight: 600; }}
.reveal .admonition.warning {{ border-left-color: #b35900; background: #fdf5ec; }}
.reveal .admonition.exercise {{ border-left-color: #2e7d32; background: #f1f8f1; }}
.reveal .title-slide h1 {{ font-size: 60px; margin: 150px 0 24px; line-height: 1.15; }}
.reveal .title-slide .course {{ font-size: 30px; color: #555; }}
.reveal .title-slide .hint {{ font-size: 18px; color: #666; margin-top: 120px; }}
/* The slide number bottom left and small arrows bottom right, in the slide's bottom padding. */
.reveal .slide-number {{ font-size: 16px; left: 8px; right: auto; bottom: 6px; }}
.reveal .controls {{ font-size: 6px; right: 8px; bottom: 6px; }}
"""

DECK_JS = f"""\
// Written by tools/make_slides.py. Reveal starts once MathJax has typeset every slide.
(window.MathJax && MathJax.startup ? MathJax.startup.promise : Promise.resolve()).then(() => Reveal.initialize({{
  width: {WIDTH}, height: {HEIGHT}, margin: 0, minScale: 0.2, maxScale: 3, center: false, hash: true,
  slideNumber: 'c/t', showSlideNumber: 'all', controlsTutorial: false, transition: 'slide',
  backgroundTransition: 'none',
}}));
"""

DECK = """\
<!DOCTYPE html>
<html lang="en" data-theme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}: slides</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="reveal.js/reset.css">
<link rel="stylesheet" href="reveal.js/reveal.css">
<link rel="stylesheet" href="reveal.js/theme/white.css">
<link rel="stylesheet" href="pygments.css">
<link rel="stylesheet" href="deck.css">
<script>window.MathJax = {{options: {{processHtmlClass: "tex2jax_process|mathjax_process|math|output_area"}}}};</script>
<script defer src="mathjax/tex-mml-chtml.js"></script>
<script defer src="reveal.js/reveal.js"></script>
<script defer src="deck.js"></script>
</head>
<body>
<div class="reveal tex2jax_ignore mathjax_ignore"><div class="slides">
{slides}
</div></div>
</body>
</html>
"""

INDEX = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{course}: slides</title>
<style>
body {{ font-family: "Source Sans Pro", Helvetica, sans-serif; max-width: 46em; margin: 2em auto;
  padding: 0 1em; line-height: 1.5; color: #222; }}
a {{ color: #1461d1; }}
td {{ padding: 0.2em 1em 0.2em 0; }}
</style>
</head>
<body>
<h1>{course}: slides</h1>
<p>One deck per page of the course, made from the same notebooks as the website. Open a deck and press
<kbd>F</kbd> for full screen, <kbd>O</kbd> for an overview of its slides, <kbd>?</kbd> for the other keys.
Right and left move between sections, down and up through a section. Exercises come with their
statements only; the solutions are on the website.</p>
<table>
<thead><tr><th>Deck</th><th>Slides</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<p>Everything here works offline: this folder can be zipped and handed out.</p>
</body>
</html>
"""

# The files of reveal.js's dist/ that the decks use (no plugins: code is highlighted by the site's
# Pygments, math is typeset by MathJax directly).
REVEAL_FILES = ["reveal.js", "reveal.css", "reset.css", "theme/white.css", "theme/fonts/source-sans-pro"]
# What MathJax needs for the decks' TeX in CommonHTML: its main file, the TeX extensions it loads on
# demand, its fonts, and the menu and accessibility components it loads itself.
MATHJAX_FILES = ["LICENSE", "tex-mml-chtml.js", "input/tex/extensions", "output/chtml/fonts/woff-v2",
                 "ui", "a11y", "sre"]


# Height estimates ---------------------------------------------------------------------------------

# What makes a row of a displayed formula tall: a fraction, a big operator with limits, a matrix.
TALL_ROW = re.compile(r"\\(d?frac|sum|prod|int|underbrace|overbrace|binom|lim|sqrt|begin\{[pbv]?matrix)"
                      r"|\\(arg)?(max|min)\w*\s*_")

def math_length(tex):
    """Roughly how many characters wide the typeset TeX is."""
    tex = re.sub(r"\\(begin|end)\{[a-z*]+\}", "", tex)
    tex = re.sub(r"\\(mathrm|text|operatorname|mathbf|boldsymbol|mathcal|mathbb)\{([^{}]*)\}", r"\2", tex)
    tex = re.sub(r"\\(left|right|big|Big|bigg|Bigg)\b", "", tex)
    tex = re.sub(r"\\qquad", "xxxx", tex)
    tex = re.sub(r"\\quad", "xx", tex)
    tex = re.sub(r"\\(,|;|!)", " ", tex)
    tex = re.sub(r"\\[a-zA-Z]+", "x", tex)
    tex = re.sub(r"[{}_^&\\]", "", tex)
    return len(tex.replace(" ", "")) + 0.4 * tex.count(" ")


def tokens(el, em=PROSE_EM):
    """The words of an element as (width in em, extra height in em) pairs, math and code included."""
    out = []
    for node in [el, *el.descendants] if isinstance(el, Tag) else [el]:
        if isinstance(node, NavigableString):
            if any(isinstance(p, Tag) and ("math" in p.get("class", []) or p.name == "code")
                   for p in node.parents):
                continue
            out += [(len(word) * em, 0.0) for word in str(node).split()]
        elif "math" in node.get("class", []):
            tex = node.get_text()
            # Typeset math is wider than its letters, and raises the line a little (much for a fraction).
            tall = (0.1 + 0.5 * len(re.findall(r"\\(d?frac|sum|prod|int|binom|sqrt)", tex))
                    + 0.3 * bool(re.search(r"_\{?.*\^|\^.*_", tex)))
            out.append((math_length(tex) * 0.6, tall))
        elif node.name == "code":
            out += [(len(word) * MONO_EM * 0.9, 0.0) for word in node.get_text().split()]
    return out


def wrapped_lines(words, width_px, font_px):
    """Lines the words fill at this width and font size, word-wrapped greedily; extra height in em."""
    lines, used, extra = 0, None, 0.0
    space = 0.25
    for w, tall in words:
        w_px = w * font_px
        if used is None or used + space * font_px + w_px > width_px:
            lines += max(1, math.ceil(w_px / width_px))
            used = w_px % width_px if w_px > width_px else w_px
        else:
            used += space * font_px + w_px
        extra += tall
    return max(lines, 1 if words else 0), extra


def text_height(words, width, font_px=TEXT_PX):
    lines, extra = wrapped_lines(words, width, font_px)
    return lines * font_px * TEXT_LH + extra * font_px


def pre_lines(text, width, font_px=CODE_PX):
    per_line = max(1, int((width - 24) / (font_px * MONO_EM)))
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))


def display_math_scale(tex, width):
    """The font scale at which the widest row of a displayed formula fits the width (at most 1)."""
    rows = re.split(r"\\\\(?![a-zA-Z])", tex)
    widest = max(math_length(row) for row in rows) * 0.62 * TEXT_PX + 80  # 80: the equation number
    return min(1.0, width / widest)


def display_math_height(tex, width):
    tex = re.sub(r"\\\\\s*(\\end\{[a-z]+\}\s*)*\\\]\s*$", r"\\]", tex.strip())
    rows = re.split(r"\\\\(?![a-zA-Z])", tex)
    height = 0.0
    for row in rows:
        tall = TALL_ROW.search(row)
        lines = max(1, math.ceil(math_length(row) * 0.6 * TEXT_PX / width))
        height += lines * TEXT_PX * (2.3 if tall else 1.4)
    return height + 0.4 * TEXT_PX + BLOCK_GAP


# Blocks: a piece of a slide with its HTML and estimated height, split when it does not fit ----------

class Block:
    """Something that is placed whole."""

    kind = "block"

    def __init__(self, html_text, height):
        self.html, self.height = html_text, height

    def split(self, first, rest):
        """Parts that fit `first` (the first part) and `rest` (the others), or None when it cannot."""
        return None


class Figure(Block):
    """A figure: its image, scaled to a width and height set on it, and its caption."""

    kind = "figure"

    def __init__(self, el, size, width):
        self.el, self.natural, self.width = el, size, width
        caption = el.find("figcaption")
        self.caption_h = (text_height(tokens(caption), width, CAPTION_PX) if caption else 0)
        w, h = size
        self.scale = min(1.0, (width - 8) / w, 470 / h)
        super().__init__(None, 0)
        self.rescale(self.scale)

    def rescale(self, scale):
        self.scale = scale
        w, h = self.natural
        img = self.el.find("img")
        img["style"] = f"width:{w * scale:.0f}px;height:{h * scale:.0f}px"
        img["width"], img["height"] = f"{w * scale:.0f}", f"{h * scale:.0f}"
        self.height = h * scale + 6 + self.caption_h + BLOCK_GAP
        self.html = str(self.el)

    def fit(self, room):
        """Shrink the figure to fit `room` if it can."""
        w, h = self.natural
        target = (room - 6 - self.caption_h - BLOCK_GAP) / h
        if target > 0.25 * self.scale:
            self.rescale(min(self.scale, target))


class Lines(Block):
    """A code cell's input or an output: a <pre> that splits between lines."""

    kind = "code"

    def __init__(self, wrapper, pre, width):
        self.width = width
        self.lines = split_pre_lines(pre)
        self.text_lines = pre.get_text().rstrip("\n").split("\n")
        pre.string = PLACEHOLDER
        self.template = str(wrapper)
        super().__init__(self.render(self.lines), self.measure(self.text_lines))

    def measure(self, text_lines):
        return pre_lines("\n".join(text_lines), self.width) * CODE_PX * CODE_LH + 2 * CODE_PAD + BLOCK_GAP

    def split(self, first, rest):
        parts, start = [], 0
        while start < len(self.lines):
            room, end = (first if not parts else rest), start + 1
            while end < len(self.lines) and self.measure(self.text_lines[start:end + 1]) <= room:
                end += 1
            parts.append(Block(self.render(self.lines[start:end]), self.measure(self.text_lines[start:end])))
            start = end
        return parts if len(parts) > 1 else None

    def render(self, lines):
        return self.template.replace(PLACEHOLDER, "\n".join(lines) + "\n")


PLACEHOLDER = "\x00lines\x00"


def tag_ends(el):
    """The opening and closing tags of an element, as HTML."""
    attrs = "".join(f' {k}="{html.escape(" ".join(v) if isinstance(v, list) else v)}"'
                    for k, v in el.attrs.items())
    return f"<{el.name}{attrs}>", f"</{el.name}>"


def split_pre_lines(pre):
    """The lines of a <pre>'s HTML, each with the spans open at its start reopened and closed at its end."""
    inner = "".join(str(c) for c in pre.contents).rstrip("\n")
    inner = re.sub(r"^<span></span>", "", inner)
    lines, stack = [], []
    for raw in inner.split("\n"):
        line = "".join(stack) + raw
        for tag in re.finditer(r"<span[^>]*>|</span>", raw):
            if tag.group().startswith("</"):
                stack.pop() if stack else None
            else:
                stack.append(tag.group())
        lines.append(line + "</span>" * len(stack))
    return lines


class Text(Block):
    """A paragraph: it splits between sentences."""

    kind = "text"

    def __init__(self, el, width, font_px=TEXT_PX, gap=BLOCK_GAP):
        self.el, self.width, self.font_px, self.gap = el, width, font_px, gap
        super().__init__(str(el), text_height(tokens(el), width, font_px) + gap)

    def split(self, first, rest):
        sentences = [[]]
        for child in list(self.el.contents):
            if isinstance(child, NavigableString):
                pieces = re.split(r"(?<=[.!?:;])\s+(?=[A-Z(“\"])", str(child))
                for i, piece in enumerate(pieces):
                    if i:
                        sentences.append([])
                    sentences[-1].append(NavigableString(piece + (" " if i < len(pieces) - 1 else "")))
            else:
                sentences[-1].append(child)
        if len(sentences) < 2:
            return None
        measure = lambda group: text_height([t for s in group for n in s for t in tokens(n)],  # noqa: E731
                                            self.width, self.font_px) + self.gap
        parts, group = [], []
        for sentence in sentences:
            room = first if not parts else rest
            if group and measure(group + [sentence]) > room:
                parts.append(group)
                group = []
            group.append(sentence)
        parts.append(group)
        if len(parts) < 2:
            return None
        opening, closing = tag_ends(self.el)
        return [Block(opening + "".join(str(n) for s in group for n in s) + closing, measure(group))
                for group in parts]


class Item(Text):
    """A list item of one paragraph: it splits between sentences, the parts after the first unbulleted."""

    def __init__(self, li, p, width):
        self.li = li
        super().__init__(p, width, gap=ITEM_GAP)
        self.html = str(li)

    def split(self, first, rest):
        parts = super().split(first, rest)
        if parts is None:
            return None
        opening, closing = tag_ends(self.li)
        for i, part in enumerate(parts):
            part.html = (opening if not i else '<li class="continued">') + part.html + closing
        return parts


class Container(Block):
    """A list, admonition or table: it splits between its items, each part in a copy of the wrapper."""

    def __init__(self, wrapper, items, width, overhead, head=None, head_h=0.0, numbered=False):
        self.items, self.overhead = items, overhead
        self.head_h, self.numbered = head_h, numbered
        opening, closing = tag_ends(wrapper)
        head_html = str(head) if head is not None else ""
        if wrapper.name == "table":
            head_html, closing = head_html + "<tbody>", "</tbody>" + closing
        self.opening, self.head_html, self.closing = opening, head_html, closing
        super().__init__(self.render(items), overhead + head_h + sum(i.height for i in items))

    def render(self, items, start=None):
        opening = self.opening
        if start is not None and start > 1:
            opening = opening[:-1] + f' start="{start}">'
        return opening + self.head_html + "".join(item.html for item in items) + self.closing

    def split(self, first, rest):
        fixed = self.overhead + self.head_h
        parts, group, used, room = [], [], 0.0, first - fixed
        queue = list(self.items)
        while queue:
            item = queue.pop(0)
            left = room - used
            if item.height <= left:
                group.append(item)
                used += item.height
                continue
            pieces = item.split(left, rest - fixed) if left >= MIN_PIECE or not group else None
            if pieces:  # its first piece ends this part
                group.append(pieces[0])
                queue[:0] = pieces[1:]
                item = None
            parts.append(group)
            group, used, room = [], 0.0, rest - fixed
            if item is not None:
                group.append(item)
                used += item.height
        if group:
            parts.append(group)
        parts = [g for g in parts if g]
        if len(parts) < 2:
            return None
        blocks, number = [], 1
        for group in parts:  # a continued item still takes a number of an <ol>
            continued = group[0].html.startswith('<li class="continued"')
            start = number - continued if self.numbered else None
            blocks.append(Block(self.render(group, start), fixed + sum(i.height for i in group)))
            number += sum(1 for i in group if not i.html.startswith('<li class="continued"'))
        return blocks


# From the site's page to blocks ---------------------------------------------------------------------

class Page:
    """One built page of the site, read into a title, objectives and sections of blocks."""

    def __init__(self, path, images, out):
        self.path, self.images, self.out = path, images, out
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        self.article = soup.select_one("article.bd-article > section")
        self.clean(self.article)
        h1 = self.article.find("h1")
        self.title = inner_html(h1)
        self.title_text = h1.get_text(" ", strip=True)
        self.intro, self.objectives, self.sections = [], [], []
        for child in self.children(self.article):
            if child.name == "h1":
                continue
            if child.name == "section":
                self.sections.append(self.section(child))
            elif "admonition" in child.get("class", []) and self.box_title(child) == "Learning objectives":
                child.find(class_="admonition-title").decompose()
                self.objectives = [b for c in self.children(child) for b in self.blocks(c, CONTENT_W)]
            else:
                self.intro += self.blocks(child, CONTENT_W)

    @staticmethod
    def children(el):
        return [c for c in el.children if isinstance(c, Tag)]

    @staticmethod
    def box_title(el):
        title = el.find(class_="admonition-title")
        return title.get_text(" ", strip=True) if title else ""

    def clean(self, root):
        for output in root.select("div.output.text_html"):
            if output.find("img", id=re.compile("^_anim_img")):
                self.still(output)
        for el in root.select("a.headerlink, .toctree-wrapper, div.solution, div.cell details.hide, script"):
            el.decompose()
        for a in root.find_all("a"):
            href = a.get("href", "")
            if href.startswith(("http://", "https://", "mailto:")):
                a["target"] = "_blank"
                a.attrs.pop("title", None)
            else:
                a.name = "span"
                a.attrs = {"class": ["xref"]}
        for span in root.find_all("span", id=True):
            if not span.contents:
                span.decompose()
        for img in root.find_all("img"):
            if img["src"].startswith("images/"):  # an animation's still, written already
                continue
            source = (self.path.parent / img["src"]).resolve()
            target = self.out / "images" / source.name
            if source.name not in self.images:
                shutil.copyfile(source, target)
                with Image.open(source) as opened:
                    self.images[source.name] = opened.size
            img["src"] = f"images/{source.name}"
            img.attrs.pop("loading", None)

    def still(self, output):
        """Replace a matplotlib animation (a script and its frames) by its last frame, its alt text kept."""
        img = output.find("img")
        frames = re.findall(r'frames\[\d+\] = "data:image/png;base64,(.*?)"', str(output), re.S)
        name = f"{img['id'].removeprefix('_anim_img')}-last-frame.png"
        (self.out / "images" / name).write_bytes(base64.b64decode(re.sub(r"\\\n|\s", "", frames[-1])))
        still = BeautifulSoup("<img/>", "html.parser").img
        still["src"], still["alt"] = f"images/{name}", img.get("alt", "")
        with Image.open(self.out / "images" / name) as opened:
            self.images[name] = opened.size
        output.replace_with(still)

    def section(self, el):
        """(heading HTML, level, blocks, subsections) for a <section> of a level-2 heading."""
        heading = el.find(["h2", "h3", "h4"])
        blocks, subsections = [], []
        for child in self.children(el):
            if child is heading:
                continue
            if child.name == "section":
                subsections.append(self.section(child))
            elif subsections:
                subsections[-1][2].extend(self.blocks(child, CONTENT_W))
            else:
                blocks += self.blocks(child, CONTENT_W)
        return {"title": inner_html(heading), "text": heading.get_text(" ", strip=True),
                "level": int(heading.name[1]), "blocks": blocks, "subsections": subsections}

    def blocks(self, el, width):
        """The blocks of a body element, at the given width."""
        classes = el.get("class", [])
        if el.name == "p":
            return [Text(el, width)] if el.get_text(strip=True) or el.find("img") else []
        if el.name in ("ul", "ol"):
            items = [self.item(li, width - LIST_INDENT) for li in el.find_all("li", recursive=False)]
            return [Container(el, items, width, BLOCK_GAP, numbered=el.name == "ol")]
        if "math" in classes:
            scale = max(0.6, display_math_scale(el.get_text(), width))
            if scale < 1:
                el["style"] = f"font-size:{scale:.0%}"
            return [Block(str(el), display_math_height(el.get_text(), width / scale) * scale)]
        if "cell" in classes:
            out = []
            for part in self.children(el):
                if "cell_input" in part.get("class", []):
                    out += self.blocks(part, width)
                elif "cell_output" in part.get("class", []):
                    for output in self.children(part):
                        out += self.blocks(output, width)
            return out
        if "cell_input" in classes or "output" in classes or any(c.startswith("highlight-") for c in classes):
            pre = el.find("pre")
            return [Lines(el, pre, width)] if pre else []
        if el.name == "figure":
            img = el.find("img")
            return [Figure(el, self.images[Path(img["src"]).name], width)] if img else []
        if "admonition" in classes:
            title = el.find(class_="admonition-title", recursive=False)
            content = el.find("section", id="exercise-content") or el
            inner = width - 2 * BOX_PAD - BOX_BORDER
            items = []
            for child in self.children(content):
                if child is not title:
                    items += self.blocks(child, inner)
            block = Container(el, items, width, 2 * BOX_PAD + BLOCK_GAP, head=title,
                              head_h=(TEXT_PX * TEXT_LH + BLOCK_GAP) if title else 0)
            block.kind = "exercise" if "exercise" in classes else "box"
            return [block]
        if el.name == "table" or el.find("table"):
            return [self.table(el if el.name == "table" else el.find("table"), width)]
        if el.name in ("span", "div") and not el.get_text(strip=True) and not el.find("img"):
            return []
        return [Text(el, width)]

    def item(self, li, width):
        content = [c for c in li.children if not (isinstance(c, NavigableString) and not c.strip())]
        if len(content) == 1 and isinstance(content[0], Tag) and content[0].name == "p":
            return Item(li, content[0], width)
        parts = [b for child in li.children for b in (
            self.blocks(child, width) if isinstance(child, Tag) and child.name in ("ul", "ol", "div")
            else [Text(child, width, gap=0)] if (child.get_text(strip=True) if isinstance(child, Tag)
                                                 else str(child).strip()) else [])]
        return Block(str(li), sum(p.height for p in parts) + ITEM_GAP)

    def table(self, table, width):
        head = table.find("thead")
        rows = table.find("tbody").find_all("tr", recursive=False) if table.find("tbody") else []
        columns = max((len(tr.find_all(["td", "th"], recursive=False)) for tr in table.find_all("tr")),
                      default=1)
        cell_w = width / columns - 16

        def row_height(tr):
            cells = tr.find_all(["td", "th"], recursive=False)
            lines = max((text_height(tokens(c), cell_w, TABLE_PX) for c in cells), default=TABLE_PX)
            return lines + 7

        items = [Block(str(tr), row_height(tr)) for tr in rows]
        head_h = sum(row_height(tr) for tr in head.find_all("tr")) if head else 0
        return Container(table, items, width, BLOCK_GAP, head=head, head_h=head_h)


def inner_html(el):
    return "".join(str(c) for c in el.contents).strip()


# Slides ---------------------------------------------------------------------------------------------

def paginate(blocks, first_used=0.0):
    """The blocks packed onto slides in order: a list of slides, each a list of HTML strings."""
    slides, current, used = [], [], first_used

    def flush():
        nonlocal current, used
        if current:
            slides.append(current)
        current, used = [], 0.0

    for block in blocks:
        if block.kind == "exercise" and (current or used):
            flush()
        room = BUDGET - used
        if block.height <= room:
            current.append(block.html)
            used += block.height
        elif block.kind == "figure":
            if block.height * MIN_FIGURE_SCALE <= room:
                block.fit(room)
            else:
                flush()
                if block.height > BUDGET:
                    block.fit(BUDGET)
            current.append(block.html)
            used += block.height
        else:
            parts = block.split(room, BUDGET) if room >= MIN_PIECE else None
            if parts is None:
                if current or used:
                    flush()
                parts = block.split(BUDGET, BUDGET) if block.height > BUDGET else None
            for part in parts or [block]:
                if part.height > BUDGET - used and (current or used):
                    flush()
                current.append(part.html)
                used += part.height
        if block.kind == "exercise":
            flush()
    flush()
    return slides


def slide(body, context, classes=""):
    attr = f' class="{classes}"' if classes else ""
    header = f'<div class="context">{context}</div>\n' if context else ""
    return f"<section{attr}>\n{header}{''.join(body)}\n</section>"


def heading_height(level, text):
    px = H2_PX if level == 2 else H3_PX
    lines = max(1, math.ceil(len(text) * PROSE_EM * 1.1 * px / CONTENT_W))
    return lines * px * HEADING_LH + BLOCK_GAP


def section_slides(section, page_title, context_title=None):
    """The vertical slides of a section: its own, then its subsections'."""
    level = section["level"]
    tag = f"h{min(level, 3)}"
    heading = f"<{tag}>{section['title']}</{tag}>"
    context = f"{page_title} › {context_title or section['title']}"
    pages = paginate(section["blocks"], heading_height(level, section["text"])) or [[]]
    out = [slide([heading] + pages[0], context)]
    out += [slide(body, context) for body in pages[1:]]
    for sub in section["subsections"]:
        out += section_slides(sub, page_title, context_title or section["title"])
    return out


def deck(page, course):
    """The HTML of the slides of one page."""
    title_slide = slide([f"<h1>{page.title}</h1>", f'<p class="course">{html.escape(course)}</p>',
                         '<p class="hint">Press F for full screen, O for an overview, ? for help.</p>'],
                        None, "title-slide")
    stacks = [[title_slide] + [slide(b, page.title) for b in paginate(page.intro)]]
    if page.objectives:
        heading = "<h2>Learning objectives</h2>"
        pages = paginate(page.objectives, heading_height(2, "Learning objectives"))
        stacks.append([slide([heading] + pages[0], page.title)]
                      + [slide(b, page.title) for b in pages[1:]])
    for section in page.sections:
        stacks.append(section_slides(section, page.title))
    html_slides = "\n".join("<section>\n" + "\n".join(stack) + "\n</section>" for stack in stacks)
    return html_slides, sum(len(s) for s in stacks)


def toc_pages():
    """The pages that get a deck: those of PARTS in _toc.yml, in reading order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())

    def walk(entries):
        for entry in entries:
            yield entry["file"]
            yield from walk(entry.get("sections", []))

    return [name for part in toc["parts"] if part["caption"] in PARTS for name in walk(part["chapters"])]


def copy_tree(source, target, names):
    for name in names:
        src, dst = source / name, target / name
        if not src.exists():
            sys.exit(f"{src} is missing: run 'make reveal' and 'make mathjax' (or 'make slides').")
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copyfile(src, dst)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "slides")
    parser.add_argument("--reveal", type=Path, help="the unpacked reveal.js package (with dist/)")
    parser.add_argument("--mathjax", type=Path, default=ROOT / "_vendor" / "mathjax")
    args = parser.parse_args()
    if args.reveal is None:
        version = re.search(r"^REVEAL_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M).group(1)
        args.reveal = ROOT / ".cache" / f"reveal.js-{version}"
    if not (args.site / "index.html").is_file():
        sys.exit(f"No built site in {args.site}: run 'make book' first (the slides are made from it).")
    started = time.perf_counter()
    course = yaml.safe_load((ROOT / "_config.yml").read_text())["title"]
    shutil.rmtree(args.out, ignore_errors=True)
    (args.out / "images").mkdir(parents=True)
    copy_tree(args.reveal / "dist", args.out / "reveal.js", REVEAL_FILES)
    for name in ("LICENSE", "package.json"):
        shutil.copyfile(args.reveal / name, args.out / "reveal.js" / name)
    copy_tree(args.mathjax, args.out / "mathjax", MATHJAX_FILES)
    shutil.copyfile(args.site / "_static" / "pygments.css", args.out / "pygments.css")
    (args.out / "deck.css").write_text(CSS, encoding="utf-8")
    (args.out / "deck.js").write_text(DECK_JS, encoding="utf-8")
    images, rows, manifest = {}, [], []
    for name in toc_pages():
        page = Page(args.site / f"{name}.html", images, args.out)
        slides_html, count = deck(page, course)
        stem = Path(name).name
        (args.out / f"{stem}.html").write_text(
            DECK.format(title=html.escape(page.title_text), slides=slides_html), encoding="utf-8")
        rows.append(f'<tr><td><a href="{stem}.html">{html.escape(page.title_text)}</a></td>'
                    f'<td>{count}</td></tr>')
        manifest.append({"deck": f"{stem}.html", "page": f"{name}.html", "title": page.title_text,
                         "slides": count})
    (args.out / "index.html").write_text(INDEX.format(course=html.escape(course), rows="\n".join(rows)),
                                         encoding="utf-8")
    (args.out / "decks.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    total = sum(m["slides"] for m in manifest)
    print(f"{len(manifest)} decks, {total} slides, {len(images)} images in {args.out} "
          f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
