"""Restart and run all: re-execute notebooks in place, the way `make notebooks` does.

Each notebook is executed top to bottom in a fresh kernel from its own folder, with outputs
replaced and execution counts 1..n. Only the cell metadata the book uses (`tags`, `mystnb`) is
kept, and no timing metadata is recorded, so a saved notebook differs from the last one only
where its code or outputs changed.

    python tools/execute_notebooks.py                # every notebook in book/
    python tools/execute_notebooks.py book/x.ipynb   # just these
"""

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
KEPT_CELL_METADATA = ("tags", "mystnb")
NOTEBOOK_METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def book_notebooks():
    return sorted(
        p for p in (ROOT / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )


def clean(nb):
    nb.metadata = nbformat.from_dict(NOTEBOOK_METADATA)
    for cell in nb.cells:
        cell.metadata = nbformat.from_dict(
            {k: v for k, v in cell.metadata.items() if k in KEPT_CELL_METADATA}
        )
        cell.pop("id", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    # nbformat 4.5 gives every cell an id; the ids are regenerated, stable ids are not needed.
    nb.nbformat_minor = 4
    return nb


def execute(path):
    nb = clean(nbformat.read(path, as_version=4))
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    # The kernel records its exact Python version; it says nothing about the notebook.
    nb.metadata.language_info.pop("version", None)
    nbformat.write(nb, path)


def main(argv):
    paths = [Path(a).resolve() for a in argv] or book_notebooks()
    for path in paths:
        start = time.perf_counter()
        execute(path)
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{name}: executed in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
