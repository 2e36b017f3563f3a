"""The built site against WCAG 2.1 AA, the standard university courses are held to.

- axe-core audits every page in Chromium, in the theme's light and dark modes (a reader's system
  setting chooses one): npm's `axe-core`, pinned and SHA-256-checked in the Makefile (`make axe`),
  injected by Playwright once the page has loaded and MathJax has typeset it. A page fails on any
  violation that axe rates serious or critical (contrast, names of controls, alt text, list
  structure, ...), with the elements concerned.
- Every figure says what it shows to a reader who cannot see it: each image in a page's content, the
  figures that code cells draw and the appendix's two animations alike, has alt text (myst-nb's
  `mystnb.image.alt` cell metadata; the animation player's own) that is not missing, not a file name,
  not the caption again, and is at least a short sentence. A caption names a figure; the alt text has
  to carry what a sighted reader sees in it.

AXE_JS names the axe.min.js to use (`make site-test` passes the pinned one).
"""

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_helpers import ROOT, SITE, Visit, chapter_pages, require_site, site_pages

BLOCKING = ("serious", "critical")
MIN_ALT_WORDS = 6


def pinned_axe():
    return re.search(r"^AXE_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M).group(1)


@pytest.fixture(scope="module")
def axe_source():
    path = Path(os.environ.get("AXE_JS") or ROOT / ".cache" / f"axe-core-{pinned_axe()}" / "axe.min.js")
    if not path.is_file():
        pytest.fail(f"axe-core not found at {path}: run 'make axe' (or 'make site-test')", pytrace=False)
    return path.read_text(encoding="utf-8")


# Runs in the page: waits for MathJax, then audits the whole document with every rule axe enables by
# default (WCAG 2.0, 2.1 and 2.2 A and AA, and best practices) and returns its violations.
AUDIT = """
async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  await document.fonts.ready;
  const results = await axe.run(document, {resultTypes: ['violations']});
  return {
    version: axe.version,
    theme: document.documentElement.dataset.theme,
    violations: results.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary,
                                html: n.html.slice(0, 160)})),
    })),
  };
}
"""


def describe(violation):
    lines = [f"[{violation['impact']}] {violation['id']}: {violation['help']} "
             f"({len(violation['nodes'])} element(s))"]
    for node in violation["nodes"][:5]:
        summary = " ".join(node["summary"].split())[:240]
        lines.append(f"    {node['target']}\n      {node['html']}\n      {summary}")
    if len(violation["nodes"]) > 5:
        lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def dark_context(browser):
    """A reader whose system asks for dark colours: the theme follows it ("auto" mode)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", site_pages())
def test_axe_finds_no_serious_violation(request, server, axe_source, path, scheme):
    context = request.getfixturevalue("context" if scheme == "light" else "dark_context")
    visit = Visit(context, server).open(path)
    try:
        visit.page.add_script_tag(content=axe_source)
        report = visit.page.evaluate(AUDIT)
    finally:
        visit.close()
    assert report["version"] == pinned_axe()
    assert report["theme"] == scheme, f"{path} did not render in {scheme} mode"
    blocking = [v for v in report["violations"] if v["impact"] in BLOCKING]
    if blocking:
        pytest.fail(f"{path} ({scheme} mode): {len(blocking)} serious or critical accessibility "
                    "violation(s):\n" + "\n".join(map(describe, blocking)), pytrace=False)


def words(text):
    return " ".join((text or "").split())


def caption_of(image):
    figure = image.find_parent("figure")
    caption = figure.find("figcaption") if figure else None
    if caption is None:
        return ""
    number = caption.find(class_="caption-number")
    if number:
        number.extract()  # "Fig. 3.1 " is not part of what the caption says
    return words(caption.get_text(" "))


def alt_problem(image):
    """Why this image's alt text does not tell a reader what it shows, or None."""
    alt = image.get("alt")
    if alt is None or not alt.strip():
        return "no alt text"
    alt = words(alt)
    if re.search(r"(^|/)_images/|\.(png|jpe?g|svg|gif)$", alt, re.I):
        return f"alt text is a file name ({alt[:60]})"
    if alt.rstrip(".").casefold() == caption_of(image).rstrip(".").casefold():
        return "alt text only repeats the caption"
    if len(alt.split()) < MIN_ALT_WORDS:
        return f"alt text too short to say what the figure shows ({alt!r})"
    return None


def content_images(page):
    """The images of a page's content, figures and animations: not the theme's logos and buttons."""
    soup = BeautifulSoup((SITE / page).read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    return article.find_all("img") if article else []


def where(image):
    figure = image.find_parent("figure")
    name = figure.get("id") if figure else None
    caption = caption_of(image)
    return name or (caption[:60] if caption else image.get("id") or image.get("src", "")[:60])


@pytest.mark.parametrize("page", chapter_pages())
def test_every_figure_has_alt_text_that_says_what_it_shows(page):
    require_site()
    problems = [f"{where(image)}: {problem}" for image in content_images(page)
                if (problem := alt_problem(image))]
    if problems:
        pytest.fail(f"{page}: {len(problems)} figure(s) without meaningful alt text (set "
                    '`"mystnb": {"image": {"alt": "..."}}` in the cell\'s metadata):\n  '
                    + "\n  ".join(problems), pytrace=False)


def test_the_alt_text_check_can_fail():
    """The rules above, on images a screen reader would announce badly and one it would not."""
    html = """<article>
      <figure id="fig-a"><img src="../_images/ab.png" alt="../_images/ab.png">
        <figcaption><span class="caption-number">Fig. 1 </span>Loss curves.</figcaption></figure>
      <figure id="fig-b"><img src="x.png" alt="Loss curves"><figcaption>Loss curves.</figcaption></figure>
      <img id="_anim_img1">
      <img src="y.png" alt="A plot">
      <figure id="fig-c"><img src="z.png" alt="Training loss falls from 0.69 to 0.05 over 50 epochs.">
        <figcaption>Loss curves.</figcaption></figure>
    </article>"""
    images = BeautifulSoup(html, "html.parser").find_all("img")
    problems = [alt_problem(image) for image in images]
    assert problems[0].startswith("alt text is a file name")
    assert problems[1] == "alt text only repeats the caption"
    assert problems[2] == "no alt text"
    assert problems[3].startswith("alt text too short")
    assert problems[4] is None
    assert [where(image) for image in images][:3] == ["fig-a", "fig-b", "_anim_img1"]
