"""The install cell and the launch buttons: one repository setting drives both.

Every notebook in book/ starts with the cell that installs `lossutils` when it is missing (Colab, a
notebook downloaded from the website), hidden on the website by its remove-cell tag, built from
`repository.url` in _config.yml by tools/sync_install_cell.py. When the setting changes, these tests fail
until the script has been run, so the cells never go stale. The cell itself is run here as IPython would
run it, with `lossutils` made unimportable: it installs the course download's wheel when one lies beside
the notebook, else installs from the repository, and while the address is the placeholder it stops with
a message that says what to do.
"""

import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
import yaml
from IPython.core.inputtransformer2 import TransformerManager
from IPython.utils.text import DollarFormatter

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
    if sync_install_cell.is_placeholder(url):
        assert "git+" not in SOURCE, "the placeholder address is no place to install from"
    else:
        assert f'"lossutils @ git+{url}@{branch}"' in SOURCE


REAL = "https://github.com/someone/loss-functions-course"


class FakeIPython:
    """Records the magics a cell runs, expanding {expressions} in them as IPython does."""

    def __init__(self):
        self.magics = []

    def run_line_magic(self, name, line):
        caller = sys._getframe(1)
        namespace = {**caller.f_globals, **caller.f_locals}
        self.magics.append((name, DollarFormatter().format(line, **namespace)))


def run_cell(source, monkeypatch, folder, *, installed):
    """Run the cell's Python in `folder`, with `lossutils` importable or not; return the magics run."""
    monkeypatch.chdir(folder)
    if not installed:
        monkeypatch.setitem(sys.modules, "lossutils", None)  # `import lossutils` raises ImportError
    ipython = FakeIPython()
    exec(TransformerManager().transform_cell(source), {"get_ipython": lambda: ipython})
    return ipython.magics


@pytest.mark.parametrize("url", [sync_install_cell.PLACEHOLDER_URL, REAL])
def test_the_cell_does_nothing_where_lossutils_is_installed(url, monkeypatch, tmp_path, capsys):
    (tmp_path / "lossutils-0.1.0-py3-none-any.whl").touch()
    assert run_cell(sync_install_cell.install_source(url, "main"), monkeypatch, tmp_path,
                    installed=True) == []
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("url", [sync_install_cell.PLACEHOLDER_URL, REAL])
def test_the_cell_installs_the_wheel_of_the_course_download(url, monkeypatch, tmp_path):
    (tmp_path / "lossutils-0.1.0-py3-none-any.whl").touch()
    (tmp_path / "quick_start.ipynb").touch()
    magics = run_cell(sync_install_cell.install_source(url, "main"), monkeypatch, tmp_path, installed=False)
    assert magics == [("pip", "install --quiet lossutils-0.1.0-py3-none-any.whl")]


def test_the_cell_installs_from_a_real_repository(monkeypatch, tmp_path):
    magics = run_cell(sync_install_cell.install_source(REAL, "teaching"), monkeypatch, tmp_path,
                      installed=False)
    assert magics == [("pip", f'install --quiet "lossutils @ git+{REAL}@teaching"')]


def test_the_placeholder_cell_says_what_to_do_instead_of_running_pip(monkeypatch, tmp_path):
    source = sync_install_cell.install_source(sync_install_cell.PLACEHOLDER_URL + "/", "main")
    assert source == sync_install_cell.install_source(sync_install_cell.PLACEHOLDER_URL, "main")
    with pytest.raises(ImportError) as raised:
        run_cell(source, monkeypatch, tmp_path, installed=False)
    message = str(raised.value)
    for advice in ("course-notebooks.zip", "lossutils-*.whl", "repository.url", "placeholder"):
        assert advice in message
    # One plain message: not chained to the ModuleNotFoundError it replaces.
    assert raised.value.__suppress_context__


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
    # Rewritten in place it is still the first cell run, and prints nothing where lossutils is installed.
    assert nb.cells[0].execution_count == 1


def test_an_install_cell_moved_to_the_top_loses_its_execution_count():
    nb = nbformat.v4.new_notebook()
    install = nbformat.v4.new_code_cell(SOURCE, execution_count=2)
    install.metadata["tags"] = ["remove-cell"]
    nb.cells = [nbformat.v4.new_code_cell("1 + 1", execution_count=1), install]
    assert sync_install_cell.sync(nb, SOURCE)
    assert [c.source for c in nb.cells] == [SOURCE, "1 + 1"]
    assert nb.cells[0].execution_count is None
