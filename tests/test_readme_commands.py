"""The README's commands and the ones the tool prints, run exactly as printed on a fresh copy.

The project is copied (the files git would clone), `make site` makes its own virtual environment
there and builds the shipped site, then every officer's command in the README, the guide's
commands as the site built here prints them, and the command `new` prints are run verbatim in
that copy. A command that only works inside our own virtual environment, or with a module path
we happen to have, fails here. (A council's repository, made by `journeys init` with only the
wheel installed, has its README's commands run in tests/test_install.py.)
"""

from __future__ import annotations

import html
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from journeys.invocation import REPOSITORY

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def project_files() -> list[str]:
    """What a clone would hold: tracked files and new files git does not ignore."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    return [name for name in listed if name and (ROOT / name).is_file()]


def readme_commands() -> list[str]:
    """The commands in the README's "For officers" block, comments removed."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## For officers\s+```sh\n(.*?)```", readme, re.S)[1]
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("fresh") / "journeys"
    for name in project_files():
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    environment = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")}
    environment["JOURNEYS_CACHE_DIR"] = str(copy / ".cache" / "journeys")
    made = subprocess.run(["make", "site"], cwd=copy, env=environment, capture_output=True, text=True, timeout=1200)
    assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-3000:]
    return copy


def run(command: str, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")}
    return subprocess.run(shlex.split(command), cwd=cwd, env=environment, capture_output=True, text=True,
                          timeout=timeout)


def test_make_site_builds_the_shipped_site_in_a_fresh_environment(fresh):
    assert (fresh / ".venv" / "bin" / "python").is_file()
    for slug in ("coventry", "kent", "leicestershire", "worcestershire"):
        assert (fresh / "site" / slug / "index.html").is_file()


def test_the_readme_runs_the_tool_as_the_tool_says_to(fresh):
    commands = readme_commands()
    assert commands and all(command.startswith(REPOSITORY + " ") for command in commands)
    assert {command.split()[2] for command in commands} >= {"validate", "new", "add-table", "serve"}


def test_every_officers_command_in_the_readme_works_as_printed(fresh):
    for command in readme_commands():
        if command.endswith(" serve"):  # runs until stopped: tests/test_serve.py drives it
            continue
        done = run(command, fresh)
        assert "Traceback" not in done.stderr, (command, done.stderr[-2000:])
        if " new " in command:
            # A new package is empty until filled in, and validation says what to fill in.
            assert done.returncode == 0, (command, done.stdout, done.stderr)
            printed = re.search(r"check the package with: (.+)$", done.stdout, re.M)[1].strip()
            checked = run(printed, fresh)
            assert "Traceback" not in checked.stderr and "contact" in checked.stdout, (printed, checked.stdout)
        else:
            assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-2000:])


def guide_commands(site: Path) -> list[str]:
    """The commands in the built site's officers' guide, as a reader copies them."""
    page = (site / "officers-guide" / "index.html").read_text(encoding="utf-8")
    table = page[page.index('id="commands-table"'):]
    table = table[:table.index("</table>")]
    cells = re.findall(r'<th[^>]*scope="row"[^>]*>(.*?)</th>', table, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells]


def test_the_guides_commands_work_as_printed(fresh):
    commands = guide_commands(fresh / "site")
    assert len(commands) >= 4 and all(command.startswith(REPOSITORY + " ") for command in commands)
    for command in commands:
        if command.endswith(" serve") or " new " in command:  # serve: test_serve.py; new: the test above
            continue
        filled = command.replace("data/<name>", "data/worcestershire").replace("<table>", "rag_tallies")
        done = run(filled, fresh)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (filled, done.stdout, done.stderr)
        printed = re.search(r"check it with: (.+)$", done.stdout, re.M)
        if printed:  # add-table says how to check the package it changed
            checked = run(printed[1].strip(), fresh)
            assert checked.returncode == 0, (printed[1], checked.stdout)
