"""Grade a folder of submitted notebooks: `make grade SUBMISSIONS=folder` (writes folder/grades.csv).

    python tools/grade.py SUBMISSIONS [--out CSV] [--jobs N] [--timeout SECONDS] [--hidden FOLDER]

Every notebook under SUBMISSIONS (subfolders included, e.g. one per student) is copied to a scratch
folder and executed from top to bottom in a fresh kernel of this environment, as "Restart and run
all" would, except that a cell that raises does not stop the ones after it. Then one more cell runs
the hidden checks (grading/hidden/*.py, see lossutils.exercises.grade) on the answers the notebook
recorded with `answer(...)`. The submissions are never modified.

The CSV has one row per exercise with hidden checks per notebook: notebook,exercise,points,max_points.
An exercise counts for a notebook when the notebook states it (its `:label:`) or records an answer to
it; a notebook that cannot be read counts the exercises of the course notebook its file name contains
(`Copy of problem_set_2 (1).ipynb`: problem set 2). A cell that runs longer than --cell-timeout seconds
is interrupted and the cells after it still run. A notebook that cannot be read, does not finish within
--timeout seconds or whose kernel dies scores 0 on its exercises, and the reason is printed; the others
are graded as usual.

The hidden checks run in the submission's kernel, so that they can call the functions it recorded, but
on a fresh import of `lossutils`: what the notebook changed in its own copy (`grade`, a check, a loss)
is not used. Code that reaches into the checking machinery or rebinds a library's functions is printed
for the instructor to read. Submissions are code run with the instructor's rights: grade them in a
container or a virtual machine of their own.

The problem sets' seeded problems are answered with the student's number as `seed`, so that the right
answer differs from student to student. The grader prints a warning for an answer recorded with seed 0
(the published solutions' seed) and for a seed recorded by more than one notebook.
"""

import argparse
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HIDDEN = ROOT / "grading" / "hidden"
MARK = "GRADES-JSON "
LABEL = re.compile(r"\{exercise(?:-start)?\}[^\n]*\n(?:[ \t]*:[\w-]+:[^\n]*\n)*?[ \t]*:label:[ \t]*(\S+)")

# The last cell of every graded notebook. The answers the notebook recorded are taken, then the
# package is imported afresh, so that nothing the notebook changed in its copy of lossutils (its
# functions, its checks, `grade` itself) is used to grade it; the hidden checks then run on the answers.
GRADING_CELL = """\
import json as _json, sys as _sys
_recorded = dict(getattr(_sys.modules.get("lossutils.exercises"), "_ANSWERS", {}))
for _name in [_n for _n in _sys.modules if _n == "lossutils" or _n.startswith("lossutils.")]:
    del _sys.modules[_name]
import lossutils.exercises as _exercises
_exercises._ANSWERS.clear()
_exercises._ANSWERS.update(_recorded)
_seeds = {_l: repr(_v["seed"]) for _l, _v in _recorded.items() if isinstance(_v, dict) and "seed" in _v}
print(MARK + _json.dumps([_exercises.grade(HIDDEN), _seeds]))
"""
# Code in a submission that reaches into the checking machinery or rebinds a library's functions.
TAMPERING = re.compile(r"_ANSWERS|_HIDDEN|(?<![\w.])_score\b|_log_grade|exercises\.grade\b|\bgrade\s*=(?!=)|"
                       r"^\s*(?:np|numpy|lossutils|exercises|scipy|sklearn)(?:\.\w+)+\s*=(?!=)")

# Run by this environment's Python in a scratch folder: execute the notebook, then the grading cell.
RUNNER = """
import json, sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient

path, hidden, mark = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
GRADING_CELL = sys.argv[5]
nb = nbformat.read(path, as_version=4)
nb.cells.append(nbformat.v4.new_code_cell(GRADING_CELL.replace("MARK", repr(mark)).replace("HIDDEN", repr(hidden))))
# A cell that runs longer than the cell limit is interrupted, and the cells after it still run.
client = NotebookClient(nb, timeout=float(sys.argv[4]), kernel_name="python3", allow_errors=True,
                        interrupt_on_timeout=True, resources={"metadata": {"path": str(path.parent)}})
client.execute()
errors = [i for i, cell in enumerate(nb.cells[:-1]) if cell.cell_type == "code"
          and "raises-exception" not in cell.metadata.get("tags", [])
          and any(o.get("output_type") == "error" for o in cell.get("outputs", []))]
text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("name") == "stdout")
line = next((l for l in text.splitlines() if l.startswith(mark)), None)
grades, seeds = json.loads(line[len(mark):]) if line else (None, {})
print(json.dumps({"grades": grades, "seeds": seeds, "error_cells": errors}))
"""


def notebooks(folder):
    return sorted(p for p in Path(folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def stated_labels(path):
    """The exercise labels a notebook states in its markdown, in order; [] if it cannot be read."""
    try:
        cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c.get("cell_type") == "markdown")
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return list(dict.fromkeys(LABEL.findall(text)))


def course_labels(path):
    """The exercise labels of the course notebook whose name the file's name contains (the longest such
    name), for a submission that cannot be read: `Copy of problem_set_2 (1).ipynb` is problem set 2."""
    names = sorted((p for p in (ROOT / "book").glob("*.ipynb") if p.stem in Path(path).stem),
                   key=lambda p: len(p.stem), reverse=True)
    return stated_labels(names[0]) if names else []


def tampering(path):
    """The lines of a submission's code that touch the checking machinery (for the instructor to read)."""
    try:
        cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    code = "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code")
    return [line.strip() for line in code.splitlines() if TAMPERING.search(line)]


def maximum_points(hidden):
    """{label: max_points} of every exercise with hidden checks, loaded in this process."""
    sys.path.insert(0, str(ROOT))
    from lossutils import exercises

    return {label: top for label, (_, top) in exercises.grade(hidden).items()}


def run(path, hidden, timeout, cell_timeout, env):
    """Execute one notebook in a scratch copy: (grades or None, seeds, error cells, problem or None)."""
    with tempfile.TemporaryDirectory(prefix="grade-") as scratch:
        copy = Path(scratch) / path.name
        shutil.copyfile(path, copy)
        process = subprocess.Popen(
            [sys.executable, "-c", RUNNER, str(copy), str(hidden), MARK, str(cell_timeout), GRADING_CELL],
            cwd=scratch, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True)  # its own process group, with the kernel, to stop both at once
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return None, {}, [], f"did not finish within {timeout:g} s"
    if process.returncode != 0:
        reason = (err.strip().splitlines() or ["no message"])[-1]
        return None, {}, [], f"could not be run: {reason}"
    result = json.loads(out.strip().splitlines()[-1])
    if result["grades"] is None:
        return None, {}, result["error_cells"], "the grading cell printed nothing"
    return result["grades"], result["seeds"], result["error_cells"], None


def seed_warnings(reports):
    """Seeded answers worth a look: the solutions' seed 0, or one seed recorded by several notebooks."""
    warnings, users = [], {}
    for name, report in reports.items():
        for label, seed in report.get("seeds", {}).items():
            if seed == "0":
                warnings.append(f"{name}: {label} was answered with seed 0, the seed of the published "
                                "solutions, not a student number")
            users.setdefault((label, seed), []).append(name)
    for (label, seed), names in users.items():
        if len(names) > 1 and seed != "0":
            warnings.append(f"{label}: seed {seed} was recorded by {', '.join(names)}")
    return warnings


def grade_folder(folder, out, hidden=HIDDEN, jobs=2, timeout=900, cell_timeout=300):
    """Grade every notebook under `folder` and write the CSV `out`.

    Returns the rows (dicts) and, per notebook, what went wrong and the seeds of its seeded answers:
    {name: {"problem": str or None, "error_cells": [indices of code cells that raised],
    "seeds": {label: repr(seed)}}}.
    """
    folder, hidden = Path(folder), Path(hidden).resolve()
    paths = notebooks(folder)
    top = maximum_points(hidden)
    env = dict(os.environ, MPLBACKEND="Agg")
    if jobs > 1:  # the kernels share the cores
        env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", VECLIB_MAXIMUM_THREADS="1")
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        results = list(pool.map(lambda p: run(p, hidden, timeout, cell_timeout, env), paths))
    rows, reports = [], {}
    for path, (grades, seeds, error_cells, problem) in zip(paths, results):
        name = path.relative_to(folder).as_posix()
        reports[name] = {"problem": problem, "error_cells": error_cells, "seeds": seeds}
        grades = grades or {}
        answered = [label for label in grades if grades[label][0] > 0]
        stated = stated_labels(path) or course_labels(path)
        labels = [l for l in dict.fromkeys(stated + answered) if l in top]
        for label in labels:
            points = grades.get(label, [0.0, top[label]])[0]
            rows.append({"notebook": name, "exercise": label, "points": f"{points:g}",
                         "max_points": f"{top[label]:g}"})
        got = sum(float(r["points"]) for r in rows if r["notebook"] == name)
        most = sum(float(r["max_points"]) for r in rows if r["notebook"] == name)
        notes = [problem] if problem else []
        if error_cells:
            notes.append(f"{len(error_cells)} code cell(s) raised an error or ran out of time "
                         f"(cells {error_cells})")
        suspicious = tampering(path)
        if suspicious:
            notes.append("its code touches the checking machinery, read it: " + " | ".join(suspicious[:3]))
        reports[name]["tampering"] = suspicious
        print(f"{name}: {got:g} of {most:g} points" + "".join(f"; {n}" for n in notes))
    for line in seed_warnings(reports):
        print(line)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=["notebook", "exercise", "points", "max_points"])
        writer.writeheader()
        writer.writerows(rows)
    return rows, reports


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", type=Path, help="folder of submitted notebooks")
    parser.add_argument("--out", type=Path, help="the CSV to write (default SUBMISSIONS/grades.csv)")
    parser.add_argument("--hidden", type=Path, default=HIDDEN, help="folder of hidden checks")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="notebooks run at the same time (default: 2, or 1 on one core)")
    parser.add_argument("--timeout", type=float, default=900,
                        help="seconds a notebook may take in all (default 900)")
    parser.add_argument("--cell-timeout", type=float, default=300,
                        help="seconds one cell may take before it is interrupted (default 300)")
    args = parser.parse_args(argv)
    if not args.submissions.is_dir():
        parser.error(f"SUBMISSIONS={args.submissions} is not a folder: give the folder that holds "
                     "the submitted notebooks")
    if not notebooks(args.submissions):
        parser.error(f"no .ipynb file under {args.submissions}")
    out = args.out or args.submissions / "grades.csv"
    grade_folder(args.submissions, out, args.hidden, args.jobs, args.timeout,
                 cell_timeout=min(args.cell_timeout, args.timeout))
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
