"""Every "Introduced in ..." line of the package names the page that first uses the function.

The quick start promises that `help(f)` names the chapter that introduces `f`; a pointer three
chapters ahead sends a student looking in the wrong place. "First uses" means the first page, in
reading order, whose code reaches the package's function: `lossutils.name`, `module.name` for one of
the package's modules, or a `from lossutils... import name`.
"""

import importlib
import inspect
import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
MODULES = ["lossutils", "lossutils.stats", "lossutils.datasets", "lossutils.plots", "lossutils.nn",
           "lossutils.exercises"]
SUBMODULES = ["activations", "classification", "datasets", "exercises", "likelihood", "margin", "naive",
              "nn", "plots", "regression", "scoring", "stats"]
POINTER = re.compile(r"Introduced in (Chapter (\d)|the quick start|the appendix|problem set \d)")


def _pages():
    """(page label, code of the page) in reading order; chapter 5's sections count as chapter 5."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())

    def walk(entries):
        for entry in entries:
            if "file" in entry:
                yield entry["file"]
            yield from walk(entry.get("parts", []) + entry.get("chapters", [])
                            + entry.get("sections", []))

    for name in walk([toc]):
        path = ROOT / f"{name}.ipynb"
        if not path.exists():
            continue
        stem = path.stem
        if stem.startswith("quiz_"):
            continue  # quizzes come with the chapters they test, and introduce nothing
        label = ("the quick start" if stem == "quick_start" else
                 "the appendix" if stem.startswith("appendix") else
                 f"problem set {stem.rsplit('_', 1)[1]}" if stem.startswith("problem_set_") else
                 f"Chapter {int(stem[:2])}")
        cells = json.loads(path.read_text())["cells"]
        yield label, "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


PAGES = list(_pages())


def _pointed():
    seen = set()
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if id(obj) in seen or not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            seen.add(id(obj))
            match = POINTER.search(inspect.getdoc(obj) or "")
            if match:
                yield name, match.group(1)


POINTED = sorted(_pointed())


def test_pointers_were_found():
    assert len(POINTED) >= 25, f"only {len(POINTED)} 'Introduced in' lines found"


@pytest.mark.parametrize("name, stated", POINTED, ids=[name for name, _ in POINTED])
def test_pointer_names_the_first_page_that_uses_it(name, stated):
    # The package's own function: reached through lossutils or one of its modules, or imported
    # from it by name (a page's own `def hinge(...)` or scipy's `special.logsumexp` is not it).
    call = re.compile(
        rf"(?<![\w.])(?:lossutils\.(?:\w+\.)?|(?:{'|'.join(SUBMODULES)})\.){name}\b"
        rf"|from lossutils[\w.]* import [^\n]*\b{name}\b"
    )
    first = next((label for label, code in PAGES if call.search(code)), None)
    if first is None:
        pytest.skip(f"no page uses {name} yet; its pointer ({stated}) is a promise")
    assert stated == first, (
        f"{name}'s docstring says 'Introduced in {stated}', but {first} uses it first: "
        "change the docstring's pointer"
    )
