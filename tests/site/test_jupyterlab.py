"""A chapter notebook run in JupyterLab the way a learner runs it, from the menus, in Chromium.

JupyterLab from the course's environment (what `make lab` starts) listens on a free local port with no
token, rooted at a temporary copy of book/, so that nothing it saves touches the committed notebooks;
its settings, workspaces and runtime files live in temporary folders too, so that no setting of this
machine's user plays a part. Chromium opens JupyterLab, double-clicks the quick start in the file
browser, waits for its kernel, clears the committed outputs (Edit > Clear Outputs of All Cells), runs
every cell (Run > Run All Cells) and saves (File > Save Notebook). The test then reads what JupyterLab
saved: every code cell executed, in order, in one kernel, and no error output except in the cells
tagged raises-exception (which JupyterLab, like nbval, runs past). Every request to anywhere but the
local server is blocked and counted as a problem. The server is stopped, with its kernels, whatever
happens. A screenshot of the end goes to _build/site-review for a person to look at.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from site_helpers import REVIEW, ROOT

NOTEBOOK = "quick_start.ipynb"
START_TIMEOUT_S = 90
RUN_TIMEOUT_MS = 180_000
# Settings a learner would click away: JupyterLab's news and update notices, which would ask the
# internet; and every cell kept in the page, so that the test sees all of them.
SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}
# Whether every code cell of the open notebook shows an execution count ([*] while it runs), or none.
PROMPTS = "[...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')]"
ALL_EXECUTED = f"""() => {{
  const prompts = {PROMPTS};
  return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p.textContent.trim()));
}}"""
NONE_EXECUTED = f"""() => {{
  const prompts = {PROMPTS};
  return prompts.length > 0 && prompts.every(p => !/\\d/.test(p.textContent));
}}"""
KERNEL_IDLE = re.compile(r"Python 3 \(ipykernel\) \| Idle")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(url, method="GET"):
    with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as response:
        body = response.read()
    return json.loads(body) if body else None


class Lab:
    """`jupyter lab` on 127.0.0.1:<free port>, no token, rooted at `root`, in its own process group."""

    def __init__(self, root, home):
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.log = home / "jupyterlab.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
        for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                     "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR", "IPYTHONDIR"):
            env[name] = str(home / name.lower())
        for name, values in SETTINGS.items():
            path = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        command = [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            "--IdentityProvider.token=", f"--ServerApp.root_dir={root}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")  # as `make lab` does on a container or CI machine
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(command, cwd=root, env=env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)

    def wait_until_ready(self):
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"JupyterLab exited with {self.process.returncode}:\n{self.log.read_text()}",
                            pytrace=False)
            try:
                get_json(f"{self.origin}/api/status")
                return
            except OSError:
                time.sleep(0.5)
        pytest.fail(f"JupyterLab did not answer within {START_TIMEOUT_S} s:\n{self.log.read_text()}",
                    pytrace=False)

    def stop(self):
        """Shut the kernels down, then the server; kill what is left of its process group."""
        if self.process.poll() is None:
            try:
                for kernel in get_json(f"{self.origin}/api/kernels"):
                    get_json(f"{self.origin}/api/kernels/{kernel['id']}", method="DELETE")
            except OSError:
                pass
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)


@pytest.fixture
def lab(tmp_path):
    root = tmp_path / "book"
    shutil.copytree(ROOT / "book", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    home = tmp_path / "home"
    home.mkdir()
    server = Lab(root, home)
    try:
        server.wait_until_ready()
        yield server, root
    finally:
        server.stop()
    assert server.process.returncode is not None, "the JupyterLab server is still running"


def click_menu(page, menu, item):
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-itemLabel").get_by_text(item, exact=True).click()


def test_the_quick_start_runs_in_jupyterlab(lab, browser):
    server, root = lab
    committed = json.loads((root / NOTEBOOK).read_text())
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    page = context.new_page()
    problems = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(server.origin + "/"):
            request_route.continue_()
        else:
            problems.append(f"request to outside the machine (blocked): {url}")
            request_route.abort("blockedbyclient")

    page.route("**/*", route)
    status = page.locator("#jp-main-statusbar")
    try:
        # As a learner does: JupyterLab's start page, then a double click on the notebook's name.
        page.goto(f"{server.origin}/lab")
        page.locator(".jp-Launcher").wait_for()
        page.locator(".jp-DirListing-item", has_text=NOTEBOOK).dblclick()
        page.locator(".jp-NotebookPanel .jp-CodeCell").first.wait_for()
        # The notebook's kernel has started (the status bar names it) and is idle.
        expect(status).to_contain_text(KERNEL_IDLE, timeout=START_TIMEOUT_S * 1000)
        # The committed outputs go first, so that every output and count seen next is this run's.
        click_menu(page, "Edit", "Clear Outputs of All Cells")
        page.wait_for_function(NONE_EXECUTED, polling=200)
        click_menu(page, "Run", "Run All Cells")
        page.wait_for_function(ALL_EXECUTED, timeout=RUN_TIMEOUT_MS, polling=500)
        expect(status).to_contain_text(KERNEL_IDLE, timeout=RUN_TIMEOUT_MS)
        before = (root / NOTEBOOK).stat().st_mtime_ns
        click_menu(page, "File", "Save Notebook")
        deadline = time.monotonic() + 30
        while (root / NOTEBOOK).stat().st_mtime_ns == before:
            assert time.monotonic() < deadline, "File > Save Notebook did not save the notebook"
            page.wait_for_timeout(200)  # not time.sleep: the page's requests are routed by this thread
    finally:  # what JupyterLab showed at the end, passed or failed, for a person to look at
        REVIEW.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=REVIEW / "jupyterlab-quick-start.png")
        context.close()

    saved = json.loads((root / NOTEBOOK).read_text())
    code = [c for c in saved["cells"] if c["cell_type"] == "code"]
    assert len(code) == len([c for c in committed["cells"] if c["cell_type"] == "code"])
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), f"not every cell ran, in order, in one kernel: {counts}"
    for cell in code:
        errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
        source = "".join(cell["source"])
        if "raises-exception" in cell.get("metadata", {}).get("tags", []):
            assert errors, f"this cell should raise and did not:\n{source}"
        else:
            assert not errors, (f"error output in JupyterLab:\n{source}\n"
                                f"{errors[0]['ename']}: {errors[0]['evalue']}")
    assert not problems, "\n".join(problems)
