"""The lecture slides (`make slides`, tools/make_slides.py), opened the way a lecturer does: offline.

Every deck of _build/slides is served from 127.0.0.1 and opened in headless Chromium at 1280x720, the
decks' own size, with every other request blocked and counted. In each deck: reveal.js ready; at least
one horizontal slide per level-2 heading of the page it was made from (and the title slide); every
formula typeset by MathJax, without TeX errors, and no raw TeX delimiters left in the text; every image
loaded; no failed request and no JavaScript or console error; and no slide whose content is taller or
wider than the slide (each slide's scrollHeight and scrollWidth against its 1280x720 box, no
tolerance: the deck's style sheet clips a slide at its box, so anything beyond it would be cut off).
A deck is also opened from disk (file://), as a lecturer who unzips the folder does. The title slide
of each deck goes to _build/site-review/slides for a person to look at.
"""

import json
import os
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from site_helpers import REVIEW, ROOT, SITE, SiteServer, Visit

# Where the decks and the site they were made from are; SLIDES_DIR and SLIDES_SITE_DIR point elsewhere.
SLIDES = Path(os.environ.get("SLIDES_DIR") or ROOT / "_build" / "slides")
SOURCE_SITE = Path(os.environ.get("SLIDES_SITE_DIR") or SITE)
# The parts of _toc.yml whose pages have a deck.
PARTS = ("Getting started", "Chapters", "Appendix")


def deck_pages():
    """The pages that must have a deck, as paths without suffix ('book/04_cross_entropy')."""
    def walk(entries):
        for entry in entries:
            yield entry["file"]
            yield from walk(entry.get("sections", []))

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [name for part in toc["parts"] if part["caption"] in PARTS for name in walk(part["chapters"])]


def require_slides():
    if not (SLIDES / "index.html").is_file():
        pytest.fail(f"No slides in {SLIDES}: run 'make slides' (it builds the site first if needed).",
                    pytrace=False)


# Runs in the deck once it has loaded: waits for reveal.js, then lists what is wrong.
INSPECT_DECK = """
async () => {
  const problems = [];
  const deadline = Date.now() + 20000;
  while (!(window.Reveal && Reveal.isReady && Reveal.isReady())) {
    if (Date.now() > deadline) return ['reveal.js did not become ready'];
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  const maths = [...document.querySelectorAll('.math')];
  if (!maths.length) problems.push('no math at all: was the deck made from the built site?');
  const raw = maths.filter(el => !el.querySelector('mjx-container'));
  for (const el of raw.slice(0, 5)) problems.push(`math not typeset: ${el.textContent.trim().slice(0, 80)}`);
  if (raw.length > 5) problems.push(`... and ${raw.length - 5} more math elements not typeset`);
  for (const el of document.querySelectorAll('mjx-merror, [data-mjx-error]')) {
    problems.push(`TeX error: ${el.getAttribute('data-mjx-error') || el.textContent}`);
  }
  // Raw TeX delimiters left in the slides' text, outside code and outside typeset math.
  const walker = document.createTreeWalker(document.querySelector('.reveal .slides'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('pre, code, mjx-container')) continue;
    const match = node.textContent.match(/\\\\\\(|\\\\\\[|\\$\\$/);
    if (match) problems.push(`raw TeX in the text: ...${node.textContent.slice(Math.max(0, match.index - 30), match.index + 40)}...`);
  }
  const images = [...document.images];
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  for (const img of images) {
    if (!img.complete || img.naturalWidth === 0) problems.push(`image did not load: ${img.getAttribute('src')}`);
    if (!img.getAttribute('alt')) problems.push(`image without alt text: ${img.getAttribute('src')}`);
  }
  // Every slide laid out at once (reveal.js shows only those near the current one), then measured.
  const showAll = document.createElement('style');
  showAll.textContent = '.reveal .slides section { display: block !important; }';
  document.head.append(showAll);
  await document.fonts.ready;
  for (const slide of Reveal.getSlides()) {
    const at = Reveal.getIndices(slide);
    const tall = slide.scrollHeight - slide.clientHeight, wide = slide.scrollWidth - slide.clientWidth;
    if (tall > 0 || wide > 0 || slide.clientHeight !== 720) {
      const text = slide.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60);
      problems.push(`slide ${at.h + 1}.${(at.v || 0) + 1} overflows (${slide.clientWidth}x${slide.clientHeight} box, ` +
                    `content ${slide.scrollWidth}x${slide.scrollHeight}): ${text}`);
    }
  }
  showAll.remove();
  return problems;
}
"""

COUNTS = "() => [Reveal.getTotalSlides(), Reveal.getHorizontalSlides().length]"


@pytest.fixture(scope="module")
def slides_server():
    require_slides()
    with SiteServer(SLIDES) as running:
        yield running


@pytest.fixture(scope="module")
def slide_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.set_default_timeout(20_000)
    yield context
    context.close()


def level2_headings(page):
    soup = BeautifulSoup((SOURCE_SITE / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return len(soup.select("article.bd-article h2"))


def open_deck(context, server, deck):
    visit = Visit(context, server)
    visit.page.on("console", lambda message: message.type == "error" and visit.problems.append(
        f"console error: {message.text}"))
    return visit.open(deck, INSPECT_DECK)


@pytest.mark.parametrize("page", deck_pages())
def test_deck_shows_offline(slide_context, slides_server, page):
    deck = f"{page.split('/')[-1]}.html"
    assert (SLIDES / deck).is_file(), f"no deck {deck} in {SLIDES}: run 'make slides'"
    visit = open_deck(slide_context, slides_server, deck)
    total, horizontal = visit.page.evaluate(COUNTS) if not visit.problems else (0, 0)
    shots = REVIEW / "slides"
    shots.mkdir(parents=True, exist_ok=True)
    visit.page.screenshot(path=shots / deck.replace(".html", ".png"))
    visit.close()
    if visit.problems:
        pytest.fail(f"{deck}: {len(visit.problems)} problem(s):\n  " + "\n  ".join(visit.problems[:40]),
                    pytrace=False)
    wanted = level2_headings(page) + 1
    assert horizontal >= wanted, f"{deck}: {horizontal} horizontal slides for {wanted - 1} level-2 headings"
    assert total >= horizontal


def test_index_lists_every_deck():
    require_slides()
    index = (SLIDES / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'href="([^"]+\.html)"', index)
    assert listed == [f"{page.split('/')[-1]}.html" for page in deck_pages()]


def test_slides_carry_the_pinned_reveal_js():
    require_slides()
    version = re.search(r"^REVEAL_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M).group(1)
    package = SLIDES / "reveal.js" / "package.json"
    assert (SLIDES / "reveal.js" / "reveal.js").is_file() and package.is_file(), "run 'make slides'"
    assert json.loads(package.read_text(encoding="utf-8"))["version"] == version


def test_deck_opens_from_disk(slide_context):
    """Unzipped and opened by double-click: file:// URLs only, nothing fetched from anywhere else."""
    require_slides()
    page = slide_context.new_page()
    outside = []

    def route(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    page.route("**/*", route)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: errors.append(f"{request.url}: {request.failure}"))
    page.goto((SLIDES / f"{deck_pages()[0].split('/')[-1]}.html").as_uri(), wait_until="load")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    typeset = page.evaluate("() => document.querySelectorAll('.math mjx-container').length")
    page.close()
    assert not outside and not errors, f"blocked: {outside}; errors: {errors}"
    assert typeset > 0
