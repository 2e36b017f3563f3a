"""What the browser tests share: one headless Chromium per run, and the built site on a local server.

Debian's Chromium (`make chromium`), driven by Playwright; no browser is downloaded. CHROMIUM names
another binary.
"""

import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

from site_helpers import SITE, SiteServer, require_site

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not executable:
        pytest.fail("Chromium not found: run 'make chromium' (Debian's chromium package) or set CHROMIUM",
                    pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server():
    require_site()
    with SiteServer(SITE) as running:
        yield running


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()
