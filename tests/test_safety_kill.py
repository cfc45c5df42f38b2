"""Issue 12.13: a build killed with SIGKILL leaves no workers running, and the next build removes
the workspace it left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from conftest import make_package
from journeys.build import pipeline
from journeys.build.config import load_config
from journeys.build.workers import alive, remove_stale_workspaces

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
# The build as the command line runs it, with a pool of two workers whatever the machine.
BUILD = "import os, sys; os.cpu_count = lambda: 2; from journeys.cli import main; sys.exit(main(sys.argv[1:]))"


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_after_kill_9_the_workers_end_and_the_next_build_removes_the_workspace(tmp_path, monkeypatch):
    for slug in ("north", "south", "east"):
        make_package(tmp_path, slug)
    (tmp_path / "site.yml").write_text("data_dir: data\nsite_dir: site\ncache_dir: ''\n", encoding="utf-8")
    build = subprocess.Popen([sys.executable, "-c", BUILD, "build", "--config", str(tmp_path / "site.yml")],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workspace = tmp_path / f"site.build-{build.pid}"
    try:
        # The section workers are spawned after validation, while the workspace exists.
        assert wait_for(lambda: workspace.is_dir() and len(children(build.pid)) >= 2, 120), "no pool started"
        workers = children(build.pid)
        os.kill(build.pid, signal.SIGKILL)
        build.wait(10)
    finally:
        if build.poll() is None:
            build.kill()
    assert wait_for(lambda: not any(alive(pid) and _not_zombie(pid) for pid in workers), 15), "workers outlived it"
    assert workspace.is_dir()  # SIGKILL ran no cleanup

    from journeys.build import sections, workers
    monkeypatch.setattr(sections.engine, "build_section", lambda section, look, work, out, templates=None: (
        out.mkdir(parents=True), (out / "index.html").write_text("x")) and [])
    monkeypatch.setattr(workers, "index_site", lambda out, documents: (list(documents), out.mkdir()) and [])
    config, problems = load_config(tmp_path / "site.yml")
    assert problems == [] and pipeline.build(config, NOW) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("site")) == ["site", "site.yml"]


def _not_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_workspace_of_a_live_process_is_kept(tmp_path):
    live, dead = tmp_path / f"site.build-{os.getppid()}", tmp_path / "site.build-4194304"
    other = tmp_path / "site.build-notes"
    for folder in (live, dead, other):
        folder.mkdir()
    assert remove_stale_workspaces(tmp_path / "site") == [dead]
    assert live.is_dir() and other.is_dir()
