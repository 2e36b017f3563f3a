"""Hygiene of the committed notebooks and of the book configuration.

Strict nbval (in `make test`) proves that each notebook's committed outputs are what its code
produces. These tests keep the notebooks comparable and reviewable: executed top to bottom in one
kernel, no stray metadata, nothing that changes from run to run, nothing from the author's machine.
"""

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
NOTEBOOKS = sorted(p for p in BOOK.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
ALLOWED_CELL_METADATA = {"tags", "mystnb"}
ALLOWED_TAGS = {
    "raises-exception", "nbval-ignore-output", "hide-input", "hide-output", "remove-input",
    "remove-output", "remove-cell", "hide-cell", "skip-execution",
}
TIMING_CALLS = ("perf_counter", "timeit", "time.time(")


def toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    stack = list(toc.get("parts", [])) + list(toc.get("chapters", []))
    while stack:
        entry = stack.pop()
        if "file" in entry:
            files.append(entry["file"])
        stack.extend(entry.get("chapters", []) + entry.get("sections", []))
    return files


def code_cells(path):
    cells = json.loads(path.read_text())["cells"]
    return [c for c in cells if c["cell_type"] == "code"]


def test_there_are_notebooks():
    assert NOTEBOOKS, "book/ holds no notebooks"


def test_toc_lists_exactly_the_pages_in_book():
    listed = set(toc_files())
    for entry in listed:
        assert any((ROOT / f"{entry}{ext}").exists() for ext in (".md", ".ipynb")), (
            f"_toc.yml lists {entry}, which does not exist"
        )
    pages = {p.relative_to(ROOT).with_suffix("").as_posix()
             for p in list(BOOK.rglob("*.md")) + NOTEBOOKS}
    assert pages <= listed, f"pages missing from _toc.yml: {sorted(pages - listed)}"


def test_config_is_strict_and_offline():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert config["only_build_toc_files"] is True
    assert config["execute"]["allow_errors"] is False
    # The site shows committed outputs; nbval verifies them, so nothing runs twice.
    assert config["execute"]["execute_notebooks"] == "off"
    assert "intersphinx_mapping" not in json.dumps(config), "intersphinx needs the internet"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_top_to_bottom(path):
    counts = [c["execution_count"] for c in code_cells(path) if "".join(c["source"]).strip()]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts} are not 1..n; restart the kernel, run all "
        "(make notebooks NB=...) and save"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_metadata_is_clean(path):
    nb = json.loads(path.read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        extra = set(cell.get("metadata", {})) - ALLOWED_CELL_METADATA
        assert not extra, f"{path.name}: stray cell metadata {sorted(extra)}"
        unknown = set(cell.get("metadata", {}).get("tags", [])) - ALLOWED_TAGS
        assert not unknown, f"{path.name}: unknown cell tags {sorted(unknown)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_are_reproducible(path):
    for cell in code_cells(path):
        source = "".join(cell["source"])
        tags = cell.get("metadata", {}).get("tags", [])
        outputs = json.dumps(cell["outputs"])
        assert not re.search(r" at 0x[0-9a-fA-F]{6,}", outputs), (
            f"{path.name}: an output shows a memory address:\n{source}"
        )
        assert not re.search(r"np\.random\.seed\(|\brandom\.seed\(", source), (
            f"{path.name}: global seeding; pass a local np.random.default_rng(SEED) instead"
        )
        if "nbval-ignore-output" in tags:
            assert any(call in source for call in TIMING_CALLS), (
                f"{path.name}: only timing cells may skip the output comparison:\n{source}"
            )
        has_error = any(o["output_type"] == "error" for o in cell["outputs"])
        assert has_error == ("raises-exception" in tags), (
            f"{path.name}: a cell raises exactly when it is tagged raises-exception:\n{source}"
        )


@pytest.mark.parametrize("path", sorted(BOOK.rglob("*.*")), ids=lambda p: p.name)
def test_nothing_from_the_authors_machine(path):
    if path.suffix not in {".md", ".ipynb", ".bib"}:
        pytest.skip("not a page")
    text = path.read_text()
    assert not re.search(r"/(home|root|work|Users|tmp)/[\w.-]+", text), (
        f"{path.name} shows a path of the machine it was written on"
    )
