"""The install cell and the launch buttons: one repository setting drives both.

Every notebook in book/ starts with the cell that installs `lossutils` when it is missing (Colab),
hidden on the website by its remove-cell tag, built from `repository.url` in _config.yml by tools/sync_install_cell.py. When the
setting changes, these tests fail until the script has been run, so the cells never go stale.
"""

import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
import yaml
from IPython.core.inputtransformer2 import TransformerManager

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import sync_install_cell  # noqa: E402

NOTEBOOKS = sync_install_cell.book_notebooks()
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
SOURCE = sync_install_cell.install_source(*sync_install_cell.repository())


def test_the_repository_setting_is_a_github_address():
    url = CONFIG["repository"]["url"]
    parts = urlparse(url)
    assert parts.scheme == "https" and parts.netloc == "github.com", url
    assert len(parts.path.strip("/").split("/")) == 2, f"{url} is not https://github.com/<owner>/<name>"
    assert not set("<> \"'") & set(url), f"{url} would break the launch and install URLs"


def test_colab_and_binder_buttons_are_configured():
    buttons = CONFIG["launch_buttons"]
    assert buttons["colab_url"] == "https://colab.research.google.com"
    assert buttons["binderhub_url"] == "https://mybinder.org"
    # Binder installs the repository's requirements, lossutils included (`-e .`).
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()
    # ...on the Python that runtime.txt names (Binder's default is older than the pins allow).
    assert re.fullmatch(r"python-3\.(1[1-9])\n?", (ROOT / "runtime.txt").read_text())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_starts_with_the_install_cell(path):
    nb = nbformat.read(path, as_version=4)
    install = [i for i, c in enumerate(nb.cells) if sync_install_cell.is_install_cell(c)]
    assert len(install) == 1, (
        f"{path.name}: {len(install)} install cells; run `python tools/sync_install_cell.py`, "
        "then re-execute the notebook"
    )
    cell = nb.cells[install[0]]
    assert cell.source == SOURCE, (
        f"{path.name}: the install cell does not match repository.url in _config.yml; run "
        "`python tools/sync_install_cell.py`, then re-execute the notebook"
    )
    assert install[0] == 0, f"{path.name}: the install cell belongs first, before the title"
    # Where lossutils is installed, the cell prints nothing: strict nbval compares it with nothing.
    assert cell.outputs == [], f"{path.name}: the install cell has output; re-execute the notebook"
    # The website starts the page at its title; Jupyter, Colab and Binder still run the cell.
    assert cell.metadata.get("tags") == ["remove-cell"], (
        f"{path.name}: the install cell must carry exactly the tag remove-cell"
    )


def test_the_install_cell_is_valid_ipython():
    python = TransformerManager().transform_cell(SOURCE)
    assert "get_ipython().run_line_magic('pip', 'install --quiet" in python
    compile(python, "<install cell>", "exec")


def test_the_install_url_is_the_repository():
    url, branch = sync_install_cell.repository()
    assert url == CONFIG["repository"]["url"].rstrip("/")
    assert f'"lossutils @ git+{url}@{branch}"' in SOURCE


def test_sync_is_idempotent_and_updates_a_stale_cell():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("(x)=\n# Title"), nbformat.v4.new_code_cell("1 + 1")]
    stale = sync_install_cell.install_source("https://github.com/someone/old", "main")
    assert sync_install_cell.sync(nb, stale)
    assert [c.source for c in nb.cells] == [stale, "(x)=\n# Title", "1 + 1"]
    assert nb.cells[0].metadata["tags"] == ["remove-cell"]
    nb.cells[0].execution_count = 1
    assert not sync_install_cell.sync(nb, stale)
    assert sync_install_cell.sync(nb, SOURCE)
    assert [c.source for c in nb.cells] == [SOURCE, "(x)=\n# Title", "1 + 1"]
    assert nb.cells[0].execution_count is None
