"""The site carries its own MathJax: the pinned version, with the TeX extensions it loads on demand."""

import re

from site_helpers import ROOT, SITE, require_site

NEEDED = [
    "LICENSE",
    "tex-mml-chtml.js",
    "input/tex/extensions/boldsymbol.js",  # \boldsymbol is autoloaded from here, not bundled
    "input/tex/extensions/ams.js",
    "output/chtml/fonts/woff-v2/MathJax_Main-Regular.woff",
]


def pinned_version():
    return re.search(r"^MATHJAX_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M).group(1)


def test_site_serves_mathjax_with_its_extensions():
    require_site()
    missing = [name for name in NEEDED if not (SITE / "mathjax" / name).is_file()]
    assert not missing, f"the site's mathjax/ lacks {missing}: run 'make mathjax', then rebuild"


def test_site_mathjax_is_the_pinned_version():
    require_site()
    main = SITE / "mathjax" / "tex-mml-chtml.js"
    assert main.is_file(), "the site has no mathjax/: run 'make mathjax', then rebuild"
    assert f'VERSION="{pinned_version()}"' in main.read_text(encoding="utf-8")
