"""Write the student edition: the notebooks without exercise solutions, outputs cleared.

    python tools/make_student.py            # into student/ (what `make student` does)
    python tools/make_student.py OUTDIR     # anywhere else

The notebooks are taken in the order of _toc.yml. A solution is recognised by sphinx-exercise's markers:
everything from a `solution-start` directive to the end of its `solution-end` directive is removed,
whether the two are in one markdown cell or in different cells with the solution's code cells between,
and so is a whole `{solution}` directive. Each removed solution leaves one empty code cell for the
student's answer. The exercises, the install cell and the cell tags (`raises-exception`) stay, and
the package's wheel is written beside the notebooks, which their install cell installs when
`lossutils` is missing (so the edition runs wherever Python and the course's packages are).

When the exercise has a public check (`lossutils.exercises`), its answer cell also holds the call that
records the answer and checks it, each value left as `...` and described in a comment: run as it is, it
says "not answered yet", so the edition still runs from top to bottom, and a blank edition scores 0.
"""

import re
import shutil
import sys
import textwrap
from pathlib import Path

import nbformat
import yaml

import sync_install_cell

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lossutils import exercises  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ANSWER_CELL = "# Your answer here."


def answer_cell(label):
    """The code cell left where the solution of exercise `label` was."""
    try:
        spec = exercises.lookup(label)
    except ValueError:
        return ANSWER_CELL
    lines = [ANSWER_CELL, "", "# Then replace each ... below with the variable your code computed (not a rounded",
             "# copy of it) and run the cell: it says whether your answer is right. The values:"]
    for name, description in spec.values.items():
        lines += textwrap.wrap(f"{name}: {description}", 100, initial_indent="#   ",
                               subsequent_indent="#     ")
    return "\n".join(lines + [spec.placeholder()])
OPENING = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|:{3,})\{(?P<name>solution|solution-start|solution-end)\}[ \t]*(?P<label>\S*).*$",
    re.M)

README = """\
# {title}: student edition

These are the course's notebooks with the exercise solutions taken out. Work through them in order:

{listing}

Each exercise is followed by a code cell for your answer. Where the answer can be computed, the cell
ends with a call `answer("<label>", ...)`: replace each `...` with your value (the variable your code
computed, not a rounded copy of it) and run the cell; it says whether your answer is right, and if not
gives a hint. Your course decides whether and when the solutions are published.

## Running the notebooks

Open a notebook in Jupyter (JupyterLab, Notebook, VS Code, Google Colab or your course's JupyterHub)
and run the cells from the top. The first code cell installs the course's helper package `lossutils`
if it is missing, and does nothing if it is there: {install}. The notebooks also need NumPy, SciPy,
Matplotlib and scikit-learn, which Colab and most Python distributions include.

On your own computer, with Python 3.11 or newer:

```bash
python -m venv .venv
.venv/bin/python -m pip install numpy scipy matplotlib scikit-learn jupyterlab
.venv/bin/jupyter lab
```

Some cells are meant to fail and show an error message: they are the ones whose text says so. Every
other cell should run without errors; if one does not, restart the kernel and run the notebook again
from the top.
"""


def install_advice(url, wheel):
    """How the install cell gets `lossutils`, for the README (see tools/sync_install_cell.py)."""
    advice = f"from the wheel `{wheel}` in this folder"
    return advice if sync_install_cell.is_placeholder(url) else f"{advice}, or otherwise from {url}"


def toc_notebooks(root=ROOT):
    """The notebooks listed in _toc.yml, in the book's order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    entries = [toc["root"]]

    def walk(items):
        for item in items:
            if "file" in item:
                entries.append(item["file"])
            walk(item.get("chapters", []) + item.get("sections", []))

    walk(toc.get("parts", []) + toc.get("chapters", []))
    return [root / f"{e}.ipynb" for e in entries if (root / f"{e}.ipynb").exists()]


def notebook_title(nb, fallback):
    """The text of the notebook's first level-1 heading."""
    return next((line[2:] for c in nb.cells if c.cell_type == "markdown"
                 for line in c.source.splitlines() if line.startswith("# ")), fallback)


def directive_end(text, match):
    """Index just after the closing fence of the directive opened by `match`."""
    fence = match["fence"]
    closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
    found = closing.search(text, match.end())
    if not found:
        raise ValueError(f"unclosed directive: {match.group(0).strip()!r}")
    end = found.end()
    return end + 1 if text[end:end + 1] == "\n" else end


def next_marker(text, pos, names):
    return next((m for m in OPENING.finditer(text, pos) if m["name"] in names), None)


def strip_markdown(text, inside):
    """Split a markdown cell's text around its solutions.

    `inside` says whether a solution is open when the cell starts (the label of its exercise, or True).
    Returns the pieces to keep, in order, with an `Answer` where a solution ended (the place for an
    answer cell), and whether a solution is still open at the end of the cell (its label, or False).
    """
    pieces, pos = [], 0
    while True:
        if inside:
            end = next_marker(text, pos, {"solution-end"})
            if end is None:
                return pieces, inside
            pos = directive_end(text, end)
            pieces.append(Answer(inside if isinstance(inside, str) else ""))
            inside = False
            continue
        marker = next_marker(text, pos, {"solution", "solution-start", "solution-end"})
        if marker is None:
            pieces.append(text[pos:])
            return pieces, False
        if marker["name"] == "solution-end":
            raise ValueError("a solution-end without a solution-start")
        pieces.append(text[pos:marker.start()])
        pos = directive_end(text, marker)
        if marker["name"] == "solution":
            pieces.append(Answer(marker["label"]))
        else:
            inside = marker["label"] or True


class Answer(str):
    """Where a solution was removed: the label of its exercise ("" if the directive names none)."""


def _new_cell(nb, cell):
    if nb.nbformat_minor < 5:
        cell.pop("id", None)
    return cell


def strip_solutions(nb):
    """Remove every solution from `nb` in place, leaving an answer cell for each; return the count."""
    cells, inside, removed = [], False, 0
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            if not inside:
                cells.append(cell)
            continue
        pieces, inside = strip_markdown(cell.source, inside)
        text, first = "", True
        for piece in pieces + [None]:
            if piece is None or isinstance(piece, Answer):
                text = re.sub(r"\n{3,}", "\n\n", text).strip()
                if text:
                    if first:
                        cell.source, first = text, False
                        cells.append(cell)
                    else:
                        cells.append(_new_cell(nb, nbformat.v4.new_markdown_cell(text)))
                text = ""
                if piece is not None:
                    removed += 1
                    cells.append(_new_cell(nb, nbformat.v4.new_code_cell(answer_cell(piece))))
            else:
                text += piece
    if inside:
        raise ValueError("a solution-start without its solution-end")
    nb.cells = cells
    return removed


def student_notebook(path):
    nb = nbformat.read(path, as_version=4)
    strip_solutions(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def main(argv):
    if argv and argv[0].startswith("-"):  # --help, or a mistyped option: not a folder to write into
        sys.exit(__doc__)
    out = Path(argv[0]).resolve() if argv else ROOT / "student"
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    listing = []
    for path in toc_notebooks():
        nb = student_notebook(path)
        nbformat.write(nb, out / path.name)
        listing.append(f"- `{path.name}`: {notebook_title(nb, path.stem)}")
    import make_download  # here, since make_download imports this module

    wheel = make_download.build_wheel(out)  # the install cell installs it when lossutils is missing
    (out / "README.md").write_text(README.format(
        title=config["title"], listing="\n".join(listing),
        install=install_advice(config["repository"]["url"], wheel.name)))
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    print(f"{shown}: {len(listing)} student notebooks without solutions, the lossutils wheel and README.md")


if __name__ == "__main__":
    main(sys.argv[1:])
