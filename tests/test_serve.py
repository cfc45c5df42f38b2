"""Issue 12.14 and 13.4: while serving, every edit shows in the next rebuild (data, site.yml, code,
theme, schemas, docs), and no edit, however bad, ends the preview or takes the old site away.

The preview runs for real, from a copy of the project, so the test can edit its code."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
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
        # Ctrl+C ends the preview, and with it the build process waiting for the next change (the two
        # edits above may have started a second rebuild: between one build and the next, none waits yet)
        processes = []

        def waiting() -> list:
            """a build process waiting for the next change"""
            processes[:] = children(preview.pid)
            return processes
        wait_for(waiting, 60)
        preview.send_signal(signal.SIGINT)
        assert preview.wait(60) == 0
        wait_for(ended(processes), 60)
    finally:
        preview.terminate()
        preview.wait(20)


def test_a_broken_site_yml_is_rebuilt_once_not_in_a_loop(tmp_path, monkeypatch):
    """Issue 22.3: once site.yml could not be read, serve rebuilt in a loop (39 failed builds in 30 s).
    The watcher is a stand-in that reports one edit, then only quiet timeouts."""
    from journeys.build import serve
    from journeys.build.config import load_config

    make_package(tmp_path)
    config_path = tmp_path / "site.yml"
    config_path.write_text("data_dir: data\nsite_dir: site\n", encoding="utf-8")
    config, _ = load_config(config_path)
    watches, rebuilds = [], []

    def watch(*paths, **options):
        watches.append(paths)
        if len(watches) > 5:
            return iter(())  # what a stopped watch gives

        def batches():
            yield set()  # the first timeout: the first build
            if len(watches) == 1:
                config_path.write_text("name: [unclosed\n", encoding="utf-8")
                yield {(2, str(config_path))}
            yield from [set()] * 5
        return batches()

    monkeypatch.setattr(serve, "rebuild_site", lambda *args: rebuilds.append(1) or 1)
    serve.watch_and_rebuild(config_path, config, serve.Served(None), None, watch, builds=None)
    assert len(rebuilds) == 2  # the first build, and the one the edit asked for


def descendants(pid: int) -> list[int]:
    found, waiting = [], [pid]
    while waiting:
        for child in children(waiting.pop()):
            found.append(child)
            waiting.append(child)
    return found


def test_until_the_first_build_a_page_says_so_and_ctrl_c_ends_serve_and_its_build_at_once(project):
    """Issue 22.3: serve answered 404 until its first build finished, and on a loaded machine waited a
    minute for its build to end after Ctrl+C. Here the build waits for ever (its code is edited to),
    so what is tested is what serve does, not how fast the machine is."""
    edit(project / "journeys" / "build" / "pipeline.py", '    """The command line\'s entry: load the configuration, build, return the exit status."""\n',
         '    """The command line\'s entry."""\n    import signal, time\n    signal.signal(signal.SIGTERM, signal.SIG_IGN)\n'
         '    signal.signal(signal.SIGINT, signal.SIG_IGN)\n    open("build-started", "w").close()\n'
         '    while True:\n        time.sleep(1)\n')
    port, log = free_port(), project / "serve.log"
    with log.open("w") as output:
        preview = subprocess.Popen([sys.executable, "-c", SERVE, str(port)], cwd=project, stdout=output,
                                   stderr=subprocess.STDOUT)
    building: list[int] = []
    try:
        wait_for(lambda: (project / "build-started").exists())
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/kent/", timeout=5)
            raise AssertionError("a page was served before any build finished")
        except urllib.error.HTTPError as answer:
            assert answer.code == 503 and "Building the site" in answer.read().decode("utf-8")
        building = descendants(preview.pid)
        assert building, "no build process is running"
        preview.send_signal(signal.SIGINT)
        started = time.monotonic()
        assert preview.wait(30) == 0
        ended_after = time.monotonic() - started
        wait_for(ended(building), 10)
        assert ended_after < 5, f"serve took {ended_after:.1f} s to end after Ctrl+C"
    finally:
        preview.kill()
        preview.wait(20)
        for pid in building:  # a build left behind would wait for ever
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
