"""Write course-notebooks.zip, the whole course as one download; `make book` puts it at the site's root.

    python tools/make_download.py _build/html/course-notebooks.zip

The archive holds one folder, `course-notebooks/`, with

- every notebook of _toc.yml, in the book's order, with its outputs (as the website shows them);
- `lossutils-<version>-py3-none-any.whl`, built from this repository's package;
- `requirements.txt`: that wheel by relative path, and the pinned runtime packages;
- `README.md`: unzip, make a virtual environment, install, start JupyterLab.

Each notebook's first cell (tools/sync_install_cell.py) finds `lossutils` installed from the wheel, or
installs the wheel itself when it lies beside the notebook. tests/test_download.py installs the archive
into a fresh virtual environment and executes every notebook in it.
"""

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import nbformat
import yaml

import make_student

ROOT = Path(__file__).resolve().parents[1]
FOLDER = "course-notebooks"
# What the notebooks import or run in, pinned to the versions of requirements.txt.
RUNTIME = ["numpy", "scipy", "matplotlib", "scikit-learn", "jupyterlab", "ipykernel"]
# What a wheel is built from: the package and the files pyproject.toml names.
PACKAGE_FILES = ["pyproject.toml", "README.md", "LICENSE", "lossutils"]

README = """\
# {title}: the notebooks

The course's notebooks with their outputs, in reading order, and its helper package `lossutils`
(version {version}) as a wheel:

{listing}

## Running them

You need Python 3.11 or newer. Unzip the download, open a terminal in the folder that holds this README
(`{folder}`), and run

```bash
python3 -m venv .venv
.venv/bin/pip install -r requirements.txt
.venv/bin/jupyter lab
```

On Windows, in PowerShell or the Command Prompt, the same steps are

```
py -m venv .venv
.venv\\Scripts\\pip install -r requirements.txt
.venv\\Scripts\\jupyter lab
```

`requirements.txt` installs `lossutils` from the wheel in this folder and the versions of {runtime}
that the course was tested with. JupyterLab opens in your browser (or prints an address to open);
start with `{first}`. Next time, only the last command is needed.

Some cells are meant to fail and show an error message: their text says so. Every other cell should
run without errors. The outputs saved in the notebooks come from the course's test machine; on
another computer a few numbers printed after long trainings can differ in their last digit, because
the order of floating-point additions differs between processors, and nothing else should.

The code (`lossutils` and the notebooks' code cells) is released under the MIT licence; the text and
figures under the Creative Commons Attribution 4.0 International licence (CC BY 4.0).
"""


# The same README for the Chinese edition's download (tools/make_zh.py builds it with language zh_CN).
README_ZH = """\
# {title}：notebook

本课程的全部 notebook（附输出，按阅读顺序排列），以及课程的辅助包 `lossutils`（版本 {version}）的 wheel 文件：

{listing}

## 运行方法

你需要 Python 3.11 或更新的版本。解压下载的文件，在存放本 README 的文件夹（`{folder}`）中打开终端，运行

```bash
python3 -m venv .venv
.venv/bin/pip install -r requirements.txt
.venv/bin/jupyter lab
```

在 Windows 上，在 PowerShell 或命令提示符中执行相同的步骤：

```
py -m venv .venv
.venv\\Scripts\\pip install -r requirements.txt
.venv\\Scripts\\jupyter lab
```

`requirements.txt` 会从本文件夹中的 wheel 安装 `lossutils`，并安装本课程测试时所用版本的 {runtime}。
JupyterLab 会在浏览器中打开（或者打印出一个地址供你打开）；请从 `{first}` 开始。以后再运行时，只需要最后一条命令。

有些单元格本来就会失败并显示错误信息，它们的正文会说明这一点；其他单元格都应当运行无误。notebook 中保存的输出来自本课程的测试机器；
在其他计算机上，长时间训练后打印出的少数数字可能在最后一位上不同，因为不同处理器上浮点加法的顺序不同，除此之外不应有任何差别。
notebook 中的代码、输出和图与英文版相同，只有正文是中文。

代码（`lossutils` 和 notebook 中的代码单元格）以 MIT 许可证发布；正文和图以知识共享署名 4.0 国际许可协议（CC BY 4.0）发布。
"""


def pinned(names, requirements=ROOT / "requirements.txt"):
    """`name==version` for each of `names`, as requirements.txt pins them."""
    pins = {}
    for line in requirements.read_text().splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.strip())
        if match:
            pins[match[1].lower()] = match[0]
    missing = [name for name in names if name not in pins]
    if missing:
        raise SystemExit(f"requirements.txt pins no exact version of {missing}")
    return [pins[name] for name in names]


def build_wheel(out):
    """Build lossutils' wheel into `out` from a copy of the package, leaving the repository untouched."""
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "src"
        source.mkdir()
        for name in PACKAGE_FILES:
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(ROOT / name, source / name)
        run = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check",
             "--wheel-dir", str(out), str(source)],
            capture_output=True, text=True)
        if run.returncode:
            raise SystemExit(f"building the lossutils wheel failed:\n{run.stdout}{run.stderr}")
    wheels = list(Path(out).glob("lossutils-*-py3-none-any.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def main(argv):
    if len(argv) != 1:
        raise SystemExit(__doc__)
    target = Path(argv[0]).resolve()
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    notebooks = make_student.toc_notebooks()
    with tempfile.TemporaryDirectory() as scratch:
        wheel = build_wheel(Path(scratch))
        version = wheel.name.split("-")[1]
        listing = []
        for path in notebooks:
            title = make_student.notebook_title(nbformat.read(path, as_version=4), path.stem)
            listing.append(f"- `{path.name}`: {title}")
        chinese = config.get("sphinx", {}).get("config", {}).get("language") == "zh_CN"
        readme = (README_ZH if chinese else README).format(
            title=config["title"], version=version, listing="\n".join(listing), folder=FOLDER,
            runtime=("、".join(RUNTIME[:-1]) + " 和 " if chinese else ", ".join(RUNTIME[:-1]) + " and ")
            + RUNTIME[-1], first=notebooks[0].name)
        requirements = "\n".join([
            "# The course's helper package, from the wheel beside this file (run pip from this folder),",
            "# and the versions of the packages the notebooks were tested with.",
            f"./{wheel.name}",
            *pinned(RUNTIME),
        ]) + "\n"
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{FOLDER}/README.md", readme)
            archive.writestr(f"{FOLDER}/requirements.txt", requirements)
            archive.write(wheel, f"{FOLDER}/{wheel.name}")
            for path in notebooks:
                archive.write(path, f"{FOLDER}/{path.name}")
        partial.replace(target)
    shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
    print(f"{shown}: {len(notebooks)} notebooks, {wheel.name}, requirements.txt and README.md "
          f"({target.stat().st_size / 1024 / 1024:.1f} MB)")


if __name__ == "__main__":
    main(sys.argv[1:])
