"""What the site tests share: where the built site is, which pages it has, and a local server for it."""

import functools
import http.server
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"
# Folders of the site that hold assets, not pages.
ASSET_DIRS = {"_static", "_sources", "_images", "mathjax", "_downloads"}
# The Chinese edition (tools/make_zh.py): the same pages, tested by test_zh_site.py.
ZH = "zh"
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


def site_pages(edition="en"):
    """Every HTML page of the English site (or of the Chinese edition, "zh"), as a path relative to the
    site's root ('book/intro.html', 'zh/book/intro.html'), sorted."""
    root = SITE / ZH if edition == ZH else SITE
    if not root.is_dir():
        return []
    pages = []
    for p in root.rglob("*.html"):
        parts = p.relative_to(root).parts
        if ASSET_DIRS.intersection(parts[:-1]) or (edition != ZH and parts[0] == ZH):
            continue
        pages.append(p.relative_to(SITE).as_posix())
    return sorted(pages)


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


def redirects(path):
    """Whether the page only sends the reader on (the site's index.html sends to the root page)."""
    file = SITE / path
    return file.is_file() and 'http-equiv="refresh"' in file.read_text(encoding="utf-8").lower()


class Visit:
    """One page opened in the browser, with every request that was blocked or failed.

    Every request to anywhere but the local server is blocked and counted as a problem, as are
    JavaScript errors, failed requests and responses >= 400.
    """

    def __init__(self, context, server):
        self.server = server
        self.page = context.new_page()
        self.problems = []
        self.responses = []
        self.blocked = set()
        self.page.route("**/*", self._route)
        self.page.on("pageerror", self._page_error)
        self.page.on("requestfailed", self._failed)
        self.page.on("response", self._response)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.server.origin + "/"):
            route.continue_()
        else:
            self.blocked.add(url)
            self.problems.append(f"request to outside the site (blocked): {url}")
            route.abort("blockedbyclient")

    def _page_error(self, error):
        self.problems.append(f"JavaScript error: {error}")

    def _failed(self, request):
        if request.url not in self.blocked:
            self.problems.append(f"request failed ({request.failure}): {self.local(request.url)}")

    def _response(self, response):
        self.responses.append(response.url)
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {self.local(response.url)}")

    def local(self, url):
        return url.removeprefix(self.server.origin)

    def open(self, path, inspect=None):
        """Load `path`; run the JavaScript function `inspect` in it, which returns a list of problems."""
        try:
            url = f"{self.server.origin}/{path}"
            self.page.goto(url, wait_until="load")
            if redirects(path):
                self.page.wait_for_url(lambda now: now != url)
                self.page.wait_for_load_state("load")
            if inspect:
                self.problems.extend(self.page.evaluate(inspect))
        except PlaywrightError as error:
            self.problems.append(f"could not check the page: {error.message.splitlines()[0]}")
            return self
        try:  # let late requests (MathJax's fonts) finish, so that a failure among them is counted
            self.page.wait_for_load_state("networkidle", timeout=5_000)
        except PlaywrightTimeoutError:
            pass
        return self

    def close(self):
        self.page.close()
