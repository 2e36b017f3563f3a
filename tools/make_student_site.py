"""Build the student website: the course's site with every exercise and without any solution.

    python tools/make_student_site.py [OUTDIR]      # default _build/student-html (`make student-site`)

For instructors who publish the site during a term. The book's sources are copied into a scratch
folder; there every notebook loses its solutions as in the student edition (tools/make_student.py: from
each `solution-start` to its `solution-end`, solution code cells included, and every `{solution}`
directive) but keeps its committed outputs; the answer cells of the student edition are added too,
hidden on the pages (`remove-cell`) but there in the notebooks the pages and the course download offer. The site is then built from
the scratch copy with the same configuration and strictness as the course's site (`-W -n`), with a
notice at the top of every page saying that this edition has no solutions, and written to OUTDIR with
the course download, whose notebooks are the student edition's.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import yaml

import make_student

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["_config.yml", "_toc.yml", "book", "_static", "_templates", "_vendor", "tools", "lossutils",
           "pyproject.toml", "requirements.txt", "runtime.txt", "constraints.txt", "LICENSE", "LICENSE-TEXT", "README.md"]
NOTICE = ("Student edition: the exercises are here without their solutions. Run the notebooks "
          "to check your answers.")


def copy_sources(scratch):
    """Copy what the site is built from into `scratch` (tools/make_zh.py starts the same way)."""
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, scratch / name, ignore=shutil.ignore_patterns(
                "__pycache__", ".ipynb_checkpoints", "*.egg-info"))
        elif source.exists():
            shutil.copy2(source, scratch / name)


def build(scratch, out):
    """Build the site of `scratch` as strictly as the course's (`-W -n`), with its course download, into `out`."""
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "jupyter-book"), "build", str(scratch), "-W", "-n", "--keep-going",
                    "--path-output", str(scratch / "out")], check=True)
    subprocess.run([sys.executable, str(scratch / "tools" / "make_download.py"),
                    str(scratch / "out" / "_build" / "html" / "course-notebooks.zip")],
                   check=True, cwd=scratch)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(scratch / "out" / "_build" / "html", out)


def prepare(scratch):
    """Copy the sources into `scratch` and strip the solutions from its notebooks; return the count."""
    copy_sources(scratch)
    removed = 0
    for path in sorted((scratch / "book").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        removed += make_student.strip_solutions(nb)
        for cell in nb.cells:  # in the notebooks a page offers for download, not on the page
            if cell.cell_type == "code" and cell.source.startswith(make_student.ANSWER_CELL):
                cell.metadata["tags"] = ["remove-cell"]
        nbformat.write(nb, path)
    config = yaml.safe_load((scratch / "_config.yml").read_text())
    config["title"] = f"{config['title']} (student edition)"
    config.setdefault("html", {})["announcement"] = NOTICE
    config["sphinx"]["config"]["course_edition"] = ""  # no Chinese student edition to link to
    (scratch / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    return removed


def main(argv):
    if argv and argv[0].startswith("-"):  # --help, or a mistyped option: not a folder to write into
        sys.exit(__doc__)
    out = Path(argv[0]).resolve() if argv else ROOT / "_build" / "student-html"
    with tempfile.TemporaryDirectory(prefix="student-site-") as tmp:
        scratch = Path(tmp)
        removed = prepare(scratch)
        build(scratch, out)
    print(f"{out}: the student website, {removed} solutions removed")


if __name__ == "__main__":
    main(sys.argv[1:])
