"""Every internal link and anchor of the built site resolves, and no page loads anything from outside.

Sphinx's linkcheck needs the internet; this reads the HTML files themselves, of both editions (the
Chinese one in zh/). Links *to* other sites
(`<a href="https://...">`) are allowed; a resource *from* another site (script, stylesheet, image,
font) is not, since the course must be readable offline.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from site_helpers import (
    PAGE_WEIGHT_LIMIT, REVIEW, SITE, chapter_pages, parse_page, require_site, site_pages, toc_files,
)

FOLLOWED_ONLY_WHEN_CLICKED = {("a", "href"), ("form", "action")}


def test_site_is_built():
    require_site()


def test_every_toc_document_has_a_page():
    require_site()
    missing = [page for page in chapter_pages() if not (SITE / page).is_file()]
    assert not missing, f"documents of _toc.yml with no page in {SITE}: {missing}"


def resolve(page, url):
    """The file a local URL of `page` points to, and its fragment; None for a URL that is not local."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return None
    source = SITE / page
    target = (source.parent / unquote(parts.path)).resolve() if parts.path else source
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def link_problems(page):
    problems = []
    for tag, attribute, url in parse_page(SITE / page).refs:
        where = f'<{tag} {attribute}="{url}">'
        scheme = urlsplit(url).scheme
        if scheme in ("http", "https", "ftp") or url.startswith("//"):
            if (tag, attribute) not in FOLLOWED_ONLY_WHEN_CLICKED:
                problems.append(f"{where} loads a resource from outside the site")
            continue
        resolved = resolve(page, url)
        if resolved is None:  # mailto:, javascript:, data: ...
            continue
        target, fragment = resolved
        if not target.is_relative_to(SITE.resolve()):
            problems.append(f"{where} points outside the site")
        elif not target.is_file():
            problems.append(f"{where}: no such file {target.relative_to(SITE.resolve())}")
        elif fragment and target.suffix == ".html" and fragment not in parse_page(target).ids:
            problems.append(f"{where}: no element with id '{fragment}' in {target.name}")
    return problems


@pytest.mark.parametrize("page", site_pages() + site_pages("zh"))
def test_internal_links_resolve(page):
    problems = link_problems(page)
    if problems:
        pytest.fail(f"{page}: {len(problems)} broken reference(s):\n  " + "\n  ".join(problems), pytrace=False)


def page_weight(page):
    """Bytes of a page's HTML and of the local images it shows (each image counted once)."""
    images = set()
    for tag, attribute, url in parse_page(SITE / page).refs:
        if tag == "img" and attribute in ("src", "srcset"):
            resolved = resolve(page, url)
            if resolved is not None and resolved[0].is_file():
                images.add(resolved[0])
    html = (SITE / page).stat().st_size
    return html, len(images), sum(image.stat().st_size for image in images)


def test_page_weight_report():
    """Each chapter page with its images stays under 2 MB; the table goes to _build/site-review."""
    require_site()
    rows, too_heavy = [], []
    for page in chapter_pages():
        html, count, images = page_weight(page)
        total = html + images
        rows.append(f"{page:40} {html / 1024:9.1f} {count:7d} {images / 1024:11.1f} {total / 1024:10.1f}")
        if total > PAGE_WEIGHT_LIMIT:
            too_heavy.append(f"{page}: {total / 1024:.0f} KB")
    REVIEW.mkdir(parents=True, exist_ok=True)
    header = f"{'page':40} {'HTML KB':>9} {'images':>7} {'images KB':>11} {'total KB':>10}"
    (REVIEW / "page-weights.txt").write_text("\n".join([header, *rows]) + "\n")
    if too_heavy:
        pytest.fail(f"pages over {PAGE_WEIGHT_LIMIT // 1024} KB with their images: {too_heavy}", pytrace=False)
