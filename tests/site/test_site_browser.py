"""Every page of the built site, opened the way a reader does: in Chromium, offline.

The site is served from 127.0.0.1 and every other request is blocked, so a page that needs the internet
(MathJax from a CDN, a web font, a script) fails here, as it would in a classroom without a connection.
On each page: no blocked, failed or >= 400 request; no JavaScript error; every math element typeset by
MathJax with no TeX error; every image loaded; every exercise solution closed. A screenshot of each page
goes to _build/site-review/screenshots for a person to look at.

Debian's Chromium (`make chromium`), driven by Playwright; no browser is downloaded. CHROMIUM names
another binary. The browser, the server and the page visits are shared with the other browser tests
(conftest.py, site_helpers.py).
"""

import pytest

from site_helpers import REVIEW, Visit, site_pages

# Runs in the page once it has loaded: waits for MathJax and the images, then lists what is wrong.
INSPECT_PAGE = """
async () => {
  const problems = [];
  const maths = [...document.querySelectorAll('.math')];
  if (maths.length) {
    if (!(window.MathJax && MathJax.startup && MathJax.startup.promise)) {
      problems.push(`${maths.length} math element(s) but MathJax did not load`);
    } else {
      await MathJax.startup.promise;
      const raw = maths.filter(el => !el.querySelector('mjx-container'));
      for (const el of raw.slice(0, 5)) {
        problems.push(`math not typeset: ${el.textContent.trim().slice(0, 80)}`);
      }
      if (raw.length > 5) problems.push(`... and ${raw.length - 5} more math elements not typeset`);
    }
  }
  const errors = new Map();  // one message per typeset formula
  for (const el of document.querySelectorAll('mjx-merror, [data-mjx-error]')) {
    const formula = el.closest('mjx-container') || el;
    if (!errors.has(formula)) errors.set(formula, el.getAttribute('data-mjx-error') || el.textContent);
  }
  for (const message of errors.values()) problems.push(`TeX error: ${message}`);

  const images = [...document.images];
  for (const img of images) img.loading = 'eager';
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  for (const img of images) {
    if (!img.complete || img.naturalWidth === 0) {
      problems.push(`image did not load: ${img.getAttribute('src')}`);
    }
  }

  // A solution is closed when nothing but its title shows: sphinx-exercise's `:class: dropdown`
  // (toggled by sphinx-togglebutton) or a solution inside a closed <details>.
  for (const sol of document.querySelectorAll('.solution')) {
    const details = sol.closest('details');
    const body = [...sol.children].filter(c => !c.matches('.admonition-title, summary, button'));
    const shown = body.filter(c => c.checkVisibility() && c.getBoundingClientRect().height > 0);
    if ((details && details.open) || shown.length) {
      const title = sol.querySelector('.admonition-title, summary');
      problems.push(`solution open on load: ${(title ? title.textContent : sol.id).trim()}`);
    }
  }
  await document.fonts.ready;
  return problems;
}
"""


@pytest.mark.parametrize("path", site_pages())
def test_page_reads_offline(context, server, path):
    visit = Visit(context, server).open(path, INSPECT_PAGE)
    shots = REVIEW / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    visit.page.screenshot(path=shots / (path.removesuffix(".html").replace("/", "__") + ".png"),
                          full_page=True)
    visit.close()
    if visit.problems:
        pytest.fail(f"{path}: {len(visit.problems)} problem(s):\n  " + "\n  ".join(visit.problems),
                    pytrace=False)


def test_mathjax_loads_extensions_from_the_site(context, server):
    """\\boldsymbol is not in MathJax's main file: its extension is fetched from the site on first use."""
    visit = Visit(context, server)
    probe = f"{server.origin}/__mathjax_probe.html"
    visit.page.route(probe, lambda route: route.fulfill(content_type="text/html", body=(
        '<!DOCTYPE html><html><head><script defer src="mathjax/tex-mml-chtml.js"></script></head>'
        '<body><span class="math">\\(\\boldsymbol{w}^\\top \\boldsymbol{x}\\)</span></body></html>')))
    visit.open("__mathjax_probe.html", INSPECT_PAGE)
    extensions = [url for url in visit.responses if url.endswith("/input/tex/extensions/boldsymbol.js")]
    visit.close()
    assert not visit.problems, "\n".join(visit.problems)
    assert extensions == [f"{server.origin}/mathjax/input/tex/extensions/boldsymbol.js"]
