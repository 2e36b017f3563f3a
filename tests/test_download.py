"""The whole course as one download (`course-notebooks.zip`, tools/make_download.py), used as a learner would.

The archive is written into a temporary folder and unpacked, and its README's steps are followed: a
fresh virtual environment, then `pip install -r requirements.txt` from the unpacked folder (pip's cache
makes this quick after the first time). Two notebooks, the quick start and chapter 7, are then executed
in that environment from their own folder, not in this repository's .venv, whose `lossutils` is the
editable source: a probe cell appended to each run checks which Python and which `lossutils` the
kernel used. They run two at a time, each kernel with one BLAS thread, since this checks that they run,
not their numbers (strict nbval does that). Every notebook runs in full elsewhere (nbval, and grading
in tests/test_grading.py) with the same pinned packages; here every notebook's imports are checked to
come from the download's requirements or the standard library. Last, `lossutils` is uninstalled and
the first notebook run again: its install cell must install the wheel beside it.
"""

import ast
import json
import re
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import make_download  # noqa: E402
import make_student  # noqa: E402

NOTEBOOKS = make_student.toc_notebooks()
EXECUTED = [p for p in NOTEBOOKS if p.name in {"quick_start.ipynb", "07_loss_versus_metric.ipynb"}]
# The module each runtime requirement provides, for the import check.
PROVIDES = {"numpy": "numpy", "scipy": "scipy", "matplotlib": "matplotlib", "scikit-learn": "sklearn",
            "jupyterlab": "jupyterlab", "ipykernel": "IPython"}
BIN = "Scripts" if os.name == "nt" else "bin"
PARALLEL = min(2, os.cpu_count() or 1)

# Run by the fresh environment's Python: execute one notebook from its folder with a probe cell at the
# end, and print what the probe saw. Errors outside raises-exception cells raise CellExecutionError.
RUNNER = """
import json, sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient

path = Path(sys.argv[1])
nb = nbformat.read(path, as_version=4)
nb.cells.append(nbformat.v4.new_code_cell(
    "import json, sys, lossutils\\n"
    "print(json.dumps({'prefix': sys.prefix, 'lossutils': lossutils.__file__}))"))
NotebookClient(nb, timeout=900, kernel_name="python3",
               resources={"metadata": {"path": str(path.parent)}}).execute()
# print() may reach the notebook as several stream outputs: join them.
print("".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("name") == "stdout").strip())
"""


def clean_environment(tmp):
    """The environment variables of a learner's shell: nothing of this repository's .venv, and
    Jupyter's user folders empty, so that no kernel or setting of this machine is used."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}}
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        env[name] = str(tmp / name.lower())
    # One BLAS thread per kernel: PARALLEL kernels share the cores.
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", VECLIB_MAXIMUM_THREADS="1")
    return env


def run(command, **kwargs):
    return check(subprocess.run(command, capture_output=True, text=True, **kwargs))


def check(done):
    assert done.returncode == 0, f"{' '.join(map(str, done.args))} failed:\n{done.stdout}{done.stderr}"
    return done.stdout


def probe(output):
    """What the probe cell printed: the kernel's sys.prefix and where lossutils came from."""
    return json.loads(output.splitlines()[-1])


@pytest.fixture(scope="module")
def download(tmp_path_factory):
    """The archive, unpacked and installed as its README says: (folder, venv, env)."""
    tmp = tmp_path_factory.mktemp("download")
    archive = tmp / "site" / "course-notebooks.zip"
    make_download.main([str(archive)])
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp / "unpacked")
    folder = tmp / "unpacked" / make_download.FOLDER
    env = clean_environment(tmp)
    venv = folder / ".venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=folder, env=env)
    run([str(venv / BIN / "pip"), "install", "--quiet", "--disable-pip-version-check",
         "-r", "requirements.txt"], cwd=folder, env=env)
    return folder, venv, env


@pytest.fixture(scope="module")
def executions(download):
    """Every notebook executed in the download's environment, PARALLEL at a time: name -> process."""
    folder, venv, env = download

    def execute(path):
        return subprocess.run([str(venv / BIN / "python"), "-c", RUNNER, str(folder / path.name)],
                              cwd=folder, env=env, capture_output=True, text=True)

    with ThreadPoolExecutor(PARALLEL) as pool:
        return dict(zip((p.name for p in EXECUTED), pool.map(execute, EXECUTED)))


def test_the_archive_holds_exactly_what_the_readme_promises(tmp_path):
    archive = tmp_path / "course-notebooks.zip"
    make_download.main([str(archive)])
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        readme = zipped.read("course-notebooks/README.md").decode()
        requirements = zipped.read("course-notebooks/requirements.txt").decode().splitlines()
        notebooks = {path.name: json.loads(zipped.read(f"course-notebooks/{path.name}"))
                     for path in NOTEBOOKS}
    wheel = next(name.split("/")[-1] for name in names if name.endswith(".whl"))
    assert wheel.startswith("lossutils-") and wheel.endswith("-py3-none-any.whl")
    # The notebooks come in the order of _toc.yml, after the files that explain them.
    assert names == [f"course-notebooks/{name}" for name in
                     ["README.md", "requirements.txt", wheel, *(p.name for p in NOTEBOOKS)]]
    for path in NOTEBOOKS:  # with their outputs, as committed
        assert notebooks[path.name] == json.loads(path.read_text()), path.name
        assert f"`{path.name}`" in readme
    assert readme.index(f"`{NOTEBOOKS[0].name}`") < readme.index(f"`{NOTEBOOKS[-1].name}`")
    for step in ("python3 -m venv .venv", ".venv/bin/pip install -r requirements.txt",
                 ".venv/bin/jupyter lab", ".venv\\Scripts\\pip install -r requirements.txt"):
        assert step in readme
    packages = [line for line in requirements if line and not line.startswith("#")]
    assert packages == [f"./{wheel}", *make_download.pinned(make_download.RUNTIME)]
    assert all("==" in line for line in packages[1:])


def test_the_executed_notebooks_are_found():
    assert len(EXECUTED) == 2 and EXECUTED[0] == NOTEBOOKS[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_import_comes_from_the_downloads_requirements(path):
    allowed = set(sys.stdlib_module_names) | {"lossutils"} | {PROVIDES[p] for p in make_download.RUNTIME}
    cells = json.loads(path.read_text())["cells"]
    for cell in cells[1:]:  # the install cell is IPython, not Python
        if cell["cell_type"] != "code":
            continue
        # IPython's magics and shell escapes are not Python (a line that starts with != is).
        source = "\n".join(line for line in "".join(cell["source"]).splitlines()
                           if not re.match(r"\s*(%|!(?!=))", line))
        for node in ast.walk(ast.parse(source)):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}, not in the download"


@pytest.mark.parametrize("path", EXECUTED, ids=lambda p: p.name)
def test_notebooks_run_in_the_downloads_environment(download, executions, path):
    folder, venv, env = download
    seen = probe(check(executions[path.name]))
    assert Path(seen["prefix"]).resolve() == venv.resolve(), "the kernel was not the download's Python"
    assert Path(seen["lossutils"]).resolve().is_relative_to(venv.resolve()), (
        f"lossutils came from {seen['lossutils']}, not from the wheel installed in the download's venv"
    )


def test_the_install_cell_installs_the_wheel_beside_the_notebook(download, executions):
    folder, venv, env = download  # after `executions`, which need lossutils installed
    python = str(venv / BIN / "python")
    run([python, "-m", "pip", "uninstall", "--quiet", "--yes", "lossutils"], cwd=folder, env=env)
    seen = probe(run([python, "-c", RUNNER, str(folder / NOTEBOOKS[0].name)], cwd=folder, env=env))
    assert Path(seen["lossutils"]).resolve().is_relative_to(venv.resolve())
    assert "lossutils" in run([python, "-m", "pip", "list", "--format=freeze"], cwd=folder, env=env)
