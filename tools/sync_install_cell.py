"""Give every notebook the cell that installs `lossutils` where it is missing (as on Colab).

The cell is a notebook's first cell, where Colab users expect setup, and carries the `remove-cell` tag:
the website shows the page from its title on, while Jupyter, Colab and Binder run the cell first. The
package's address is built from
`repository.url` (and `branch`) in _config.yml, the setting the launch buttons use too, so changing that
one line and running this script keeps the buttons and the cells in step:

    python tools/sync_install_cell.py                # every notebook in book/
    python tools/sync_install_cell.py book/x.ipynb   # just these
    python tools/sync_install_cell.py --check        # exit 1, changing nothing, if a notebook is out of date

Where `lossutils` is installed (this repository's .venv, the course download's environment, Binder, a
prepared JupyterHub) the cell prints nothing, so strict nbval is unaffected. Where it is missing, the cell
installs the wheel that the course download (course-notebooks.zip) has beside the notebooks, and otherwise
installs from the repository; while `repository.url` is still the placeholder there is no repository to
install from, and the cell says what to do instead of letting pip fail on a made-up address.

A cell that is rewritten in place keeps its execution count: it is still the first cell run, and prints
nothing where `lossutils` is installed, so re-executing the notebook would change nothing else. A notebook
that gets the cell for the first time must be re-executed (`make notebooks NB=...`): the new cell shifts
the execution counts.
"""

import re
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
FIRST_LINE = "# Installs the course's helper package where it is missing, as on Colab."
# An older or hand-made version of the cell is recognised by its shape and replaced.
SHAPE = re.compile(r"^try:\n\s+import lossutils\nexcept ImportError:\n\s+%pip install ", re.M)


def repository(config_path=ROOT / "_config.yml"):
    """(url, branch) of the course's repository, as _config.yml gives them."""
    config = yaml.safe_load(Path(config_path).read_text())
    repo = config["repository"]
    return repo["url"].rstrip("/"), repo.get("branch", "main")


# _config.yml's address until a copy of the course is published; nothing can be installed from it.
PLACEHOLDER_URL = "https://github.com/OWNER/loss-functions-course"


def is_placeholder(url):
    return url.rstrip("/") == PLACEHOLDER_URL


def install_source(url, branch):
    if is_placeholder(url):
        fallback = (
            "        raise ImportError(\n"
            '            "The course\'s helper package lossutils is not installed. Download "\n'
            '            "course-notebooks.zip from the first page of the course\'s website and "\n'
            '            "follow its README, or put the lossutils-*.whl file from it beside this "\n'
            '            "notebook and run this cell again. (This copy of the course names no "\n'
            '            "repository to install from: repository.url in its _config.yml is still "\n'
            f'            "the placeholder {PLACEHOLDER_URL}.)") from None'
        )
    else:
        fallback = f'        %pip install --quiet "lossutils @ git+{url}@{branch}"'
    return (
        f"{FIRST_LINE}\n"
        "try:\n"
        "    import lossutils\n"
        "except ImportError:\n"
        "    from pathlib import Path\n"
        "    # The course download (course-notebooks.zip) has the package's wheel beside the notebooks.\n"
        '    wheels = sorted(Path().glob("lossutils-*.whl"))\n'
        "    if wheels:\n"
        "        %pip install --quiet {wheels[-1]}\n"
        "    else:\n"
        f"{fallback}"
    )


def is_install_cell(cell):
    return cell.cell_type == "code" and (
        cell.source.startswith(FIRST_LINE) or bool(SHAPE.search(cell.source))
    )


TAGS = ["remove-cell"]


def sync(nb, source):
    """Put exactly one install cell with `source` first; return True if `nb` changed."""
    existing = [c for c in nb.cells if is_install_cell(c)]
    others = [c for c in nb.cells if not is_install_cell(c)]
    if (len(existing) == 1 and nb.cells[0] is existing[0] and existing[0].source == source
            and existing[0].metadata.get("tags") == TAGS and not existing[0].outputs):
        return False
    if existing:
        cell = existing[0]
        if nb.cells[0] is not cell:
            cell.execution_count = None  # moved: no longer the first cell that was run
    else:
        cell = nbformat.v4.new_code_cell()
        if nb.nbformat_minor < 5:
            cell.pop("id", None)
    cell.source = source
    cell.metadata["tags"] = list(TAGS)
    cell.outputs = []
    nb.cells = [cell] + others
    return True


def book_notebooks():
    return sorted(p for p in (ROOT / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def main(argv):
    check = "--check" in argv
    paths = [Path(a).resolve() for a in argv if a != "--check"] or book_notebooks()
    source = install_source(*repository())
    stale = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        minor = nb.nbformat_minor
        if sync(nb, source):
            stale.append(path)
            if not check:
                nb.nbformat_minor = minor
                nbformat.write(nb, path)
    for path in stale:
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{name}: {'install cell out of date' if check else 'install cell written'}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
