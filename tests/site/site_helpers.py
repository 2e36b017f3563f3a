"""What the site tests share: where the built site is, which pages it has, and a local server for it."""

import functools
import http.server
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"
# Folders of the site that hold assets, not pages.
ASSET_DIRS = {"_static", "_sources", "_images", "mathjax", "_downloads"}
# Pages Sphinx writes itself: they have no math of their own; index.html only redirects to the root page.
SPHINX_PAGES = {"genindex.html", "search.html", "index.html"}
# A page and its images together must stay below this (classrooms with a poor connection).
PAGE_WEIGHT_LIMIT = 2 * 1024 * 1024


def require_site():
    """Fail with a clear message when the site has not been built."""
    if not (SITE / "index.html").is_file():
        pytest.fail(
            f"No built site in {SITE}: these tests check the output of the build. "
            "Run 'make book' (or 'make test', which builds it) first.",
            pytrace=False,
        )


def toc_files():
    """Every document of _toc.yml in reading order, as its path without suffix ('book/intro')."""
    def walk(entries):
        for entry in entries:
            if "file" in entry:
                yield entry["file"]
            yield from walk(entry.get("parts", []) + entry.get("chapters", []) + entry.get("sections", []))

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [toc["root"], *walk([toc])]


def site_pages():
    """Every HTML page of the built site, as a path relative to the site's root, sorted."""
    if not SITE.is_dir():
        return []
    return sorted(
        p.relative_to(SITE).as_posix()
        for p in SITE.rglob("*.html")
        if not ASSET_DIRS.intersection(p.relative_to(SITE).parts[:-1])
    )


def chapter_pages():
    """The pages made from the table of contents."""
    return [f"{name}.html" for name in toc_files()]


class PageParser(HTMLParser):
    """The ids of a page and every URL it refers to, by tag and attribute."""

    URL_ATTRIBUTES = {"href", "src", "poster", "data", "action"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.refs = []  # (tag, attribute, url)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in self.URL_ATTRIBUTES:
                self.refs.append((tag, name, value))
            elif name == "srcset":
                self.refs.extend((tag, name, part.split()[0]) for part in value.split(",") if part.strip())


@functools.lru_cache(maxsize=None)
def parse_page(path):
    """Parse the HTML file at `path` (a Path) once."""
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


class SiteServer:
    """The built site on http://127.0.0.1:<free port>, served from a thread, as `make serve` does."""

    def __init__(self, folder):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


REVIEW = ROOT / "_build" / "site-review"  # screenshots and the page-weight table, for a person to look at
