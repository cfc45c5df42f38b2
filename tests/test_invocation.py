"""Messages that fit where they run: every command the tool prints starts as the person started it.

`journeys validate data/kent` where the tool is installed, `.venv/bin/python build_site.py
validate data/kent` in this repository; worked out once (journeys.invocation) and passed to the
processes the tool starts. tests/test_install.py runs the printed commands with the installed
wheel; tests/test_readme_commands.py does it here.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import make_package
from journeys.invocation import ENVIRONMENT, INSTALLED, command, started_as
from journeys.outputs.drawing import Drawing
from journeys.outputs.page import Entry, SiteContext
from journeys.outputs.pages import site_pages

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("argv, expected", [
    ([".venv/bin/python", "build_site.py", "validate"], ".venv/bin/python build_site.py"),
    (["python3", "/home/me/journeys/build_site.py"], "python3 /home/me/journeys/build_site.py"),
    (["python3", "-X", "importtime", "build_site.py", "serve"], "python3 build_site.py"),
    (["/opt/my venv/bin/python", "build_site.py"], "'/opt/my venv/bin/python' build_site.py"),
    ([".venv/bin/python", "-m", "journeys", "validate"], ".venv/bin/python -m journeys"),
    ([".venv/bin/python", "-m", "pytest", "tests"], INSTALLED),        # a test runner, a notebook, a script
    (["python", "-c", "import journeys"], INSTALLED),
    (["python"], INSTALLED),
])
def test_the_command_is_the_one_the_person_typed(argv, expected):
    assert started_as(argv) == expected


def test_a_console_script_is_named_as_the_person_can_type_it_again(tmp_path, monkeypatch):
    script = tmp_path / "bin" / "journeys"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(script.parent))
    assert started_as(["/usr/bin/python3", str(script), "validate"]) == "journeys"  # found on PATH
    monkeypatch.setenv("PATH", "/nowhere")
    assert started_as(["/usr/bin/python3", str(script), "validate"]) == str(script)  # not on PATH: its path
    monkeypatch.chdir(tmp_path)
    assert started_as(["/usr/bin/python3", "bin/journeys", "validate"]) == str(script)  # in full, to work anywhere


def test_the_environment_carries_it_to_the_processes_the_tool_starts(monkeypatch):
    monkeypatch.setenv(ENVIRONMENT, "/opt/journeys/bin/journeys")
    assert command() == "/opt/journeys/bin/journeys"


def run_here(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != ENVIRONMENT}
    return subprocess.run(arguments, cwd=cwd, env=environment, capture_output=True, text=True, timeout=300)


def test_build_site_py_prints_its_own_commands_in_workers_too(tmp_path):
    """Validation runs in worker processes when there are several packages: each prints the same."""
    for slug in ("one", "two", "three"):
        folder = make_package(tmp_path, slug)
        (folder / "board_updates.csv").write_text("message_id\n", encoding="utf-8")  # not listed: a hint with a command
    done = run_here([sys.executable, str(ROOT / "build_site.py"), "validate"], tmp_path)
    hints = [line for line in done.stdout.splitlines() if "add-table" in line]
    assert len(hints) == 3, done.stdout
    assert all(f"Run: {sys.executable} {ROOT / 'build_site.py'} add-table data/" in line for line in hints)


def test_python_m_journeys_prints_python_m_journeys(tmp_path):
    done = run_here([sys.executable, "-m", "journeys", "new", "testshire", "--name", "Testshire County Council",
                     "--gss", "E10000099", "--dfe", "999"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"check the package with: {sys.executable} -m journeys validate data/testshire" in done.stdout
    help_text = run_here([sys.executable, "-m", "journeys", "--help"], tmp_path).stdout
    assert help_text.startswith(f"usage: {sys.executable} -m journeys ")


@pytest.mark.parametrize("run", ["journeys", ".venv/bin/python build_site.py"])
def test_the_site_s_guide_and_problems_page_give_the_command_its_build_was_started_with(run):
    context = SiteContext(site_name="Test", mode="single", built_at=datetime(2026, 11, 1, tzinfo=timezone.utc),
                          authorities=(Entry("demo", "Demo"),), command=run)
    # as a reader sees them: Markdown's escapes (build\_site.py) and HTML's undone
    pages = {page.path: html.unescape(page.body).replace("\\", "") for page in site_pages([], context, Drawing())}
    assert f"{run} validate data/<name>" in pages["officers-guide.md"]
    assert f"{run} add-table data/<name> <table>" in pages["officers-guide.md"]
    assert '"standard": "journeys/1.0"' in pages["officers-guide.md"]
    assert f"{run} validate" in pages["problems.md"] and f"{run} new" in pages["problems.md"]
    other = "journeys" if run != "journeys" else "build_site.py"
    assert other + " validate" not in pages["officers-guide.md"] + pages["problems.md"]
