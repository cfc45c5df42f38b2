"""Issue 12.14 and 13.4: while serving, every edit shows in the next rebuild (data, site.yml, code,
theme, schemas, docs), and no edit, however bad, ends the preview or takes the old site away.

The preview runs for real, from a copy of the project, so the test can edit its code."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import make_package

ROOT = Path(__file__).resolve().parent.parent
SERVE = "import sys; from journeys.build.serve import serve; sys.exit(serve('site.yml', port=int(sys.argv[1])))"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {condition.__doc__ or condition}")


def stat(pid: int | str) -> list[str]:
    """A process's state, parent and so on, from /proc; [] once it has gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return []


def children(pid: int) -> list[int]:
    return [int(path.name) for path in Path("/proc").glob("[0-9]*") if stat(path.name)[1:2] == [str(pid)]]


def ended(pids: list[int]):
    def check() -> bool:
        return all(stat(pid)[:1] in ([], ["Z"]) for pid in pids)
    check.__doc__ = f"processes {pids} ended"
    return check


def contains(path: Path, text: str):
    def check() -> bool:
        return path.is_file() and text in path.read_text(encoding="utf-8", errors="replace")
    check.__doc__ = f"{text!r} in {path}"
    return check


def edit(path: Path, old: str, new: str) -> None:
    body = path.read_text(encoding="utf-8")
    assert old in body, f"{old!r} not in {path}"
    path.write_text(body.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    project = tmp_path / "project"
    # The package laid out as a wheel installs it (the standard and the docs inside it), where a
    # `python -c` started in the project imports it from.
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "journeys", project / "journeys", ignore=ignore)
    for name in ("schemas", "docs"):
        shutil.copytree(ROOT / name, project / "journeys" / name, ignore=ignore)
    make_package(project)
    (project / "site.yml").write_text("name: First name\ndata_dir: data\nsite_dir: site\ncache_dir: .cache\n",
                                      encoding="utf-8")
    return project


def test_every_edit_shows_in_the_next_rebuild_and_a_bad_one_never_ends_the_preview(project):
    port, log = free_port(), project / "serve.log"
    with log.open("w") as output:
        preview = subprocess.Popen([sys.executable, "-c", SERVE, str(port)], cwd=project, stdout=output,
                                   stderr=subprocess.STDOUT)
    site = project / "site"

    def page(path: str = "") -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
            return response.read().decode("utf-8")

    def served(text: str, path: str = ""):
        def check() -> bool:
            try:
                return text in page(path)
            except OSError:
                return False
        check.__doc__ = f"{text!r} served at /{path}"
        return check

    try:
        wait_for(served("First name"))
        # site.yml: the rebuild uses the new settings
        edit(project / "site.yml", "First name", "Second name")
        wait_for(served("Second name"))
        # code, theme, schemas and docs: a build restored from the cache would carry the old ones
        # (the markers in stylesheets are rules: comments are minified away)
        edit(project / "journeys" / "engine.py", '(":root > * {\\n"', '(".code-marker { color: red }\\n:root > * {\\n"')
        (project / "journeys/theme/assets/stylesheets/site.css").open("a").write("\n.theme-marker { color: red }\n")
        edit(project / "journeys" / "schemas" / "themes.json", "The theme's name as the plan prints it",
             "The theme's name (schemamarker) as the plan prints it")
        (project / "journeys" / "docs" / "how-to-read.md").open("a").write("\nA docs-marker paragraph.\n")
        for path, marker in (("assets/stylesheets/branding.css", "code-marker"),
                             ("assets/stylesheets/site.css", "theme-marker"),
                             ("officers-guide/index.html", "schemamarker"),
                             ("how-to-read/index.html", "docs-marker")):
            wait_for(contains(site / path, marker))
        # bad edits: reported, and the old site is still served
        (project / "site.yml").write_text("name: [unclosed\n", encoding="utf-8")
        wait_for(contains(log, "is not valid YAML"))
        assert preview.poll() is None and "Second name" in page()
        (project / "site.yml").write_text("name: Second name\ndata_dir: data\nsite_dir: site\ncache_dir: .cache\n",
                                          encoding="utf-8")
        (project / "journeys" / "build" / "pipeline.py").open("a").write("\ndef broken(:\n")
        wait_for(contains(log, "SyntaxError"))
        assert preview.poll() is None and "Second name" in page()
        # and fixing them rebuilds
        edit(project / "journeys" / "build" / "pipeline.py", "\ndef broken(:\n", "\n")
        (project / "site.yml").write_text("name: Third name\ndata_dir: data\nsite_dir: site\ncache_dir: .cache\n",
                                          encoding="utf-8")
        wait_for(served("Third name"))
        assert preview.poll() is None
        # Ctrl+C ends the preview, and with it the build process waiting for the next change
        processes = children(preview.pid)
        assert processes, "no build process waits for the next change"
        preview.send_signal(signal.SIGINT)
        assert preview.wait(60) == 0
        wait_for(ended(processes), 60)
    finally:
        preview.terminate()
        preview.wait(20)
