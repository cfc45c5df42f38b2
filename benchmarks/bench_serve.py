#!/usr/bin/env python3
"""`serve` latency (issue 14): from saving a CSV to the page showing the new figure. Prints figures, never asserts.

    python benchmarks/bench_serve.py                  # 5 changes, then one reload in Chromium
    python benchmarks/bench_serve.py --repeat 9 --no-browser

A copy of data/ (four authorities) and a site.yml with its site and cache folders beside it
go into a temporary folder; `build_site.py serve` previews it on a free port, as an officer
runs it, and builds it once from cold. Then, each repeat, Kent's first observation is set to
one of two values in turn (as benchmarks/bench_rebuild.py does) and its indicator page is
fetched over HTTP every 50 ms until it shows the new figure as published. Printed: the median
and each run, split into the wait before the rebuild process started (the watch's debounce:
serve prints "Changed: …" as it starts it) and the wait from then until the page served it;
beside them the rebuild process from start to its last line ("Built …", printed after the
new site is published and the cache pruned), and the CPU time (user + system) serve's
processes spent from saving to serving: less disturbed than wall time by other load. Each change is made --pause seconds (5) after the
previous rebuild's last line, as an officer saves again some time after the page changed: by
then serve's next build process has imported its libraries (1.6 s on a busy 2-core machine).
Once, in headless Chromium: a reload of the open page until the new figure is visible.
Floor <= 3 s, goal <= 1.5 s.
"""

from __future__ import annotations

import argparse
import csv
import html
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil
import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.bench_rebuild import CHANGED, change_one_value  # noqa: E402
from benchmarks.page_weight import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from journeys.outputs.wording import format_value  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
POLL = 0.05
# ---- HOOKS: keep in step with journeys/serve.py, journeys/build.py and the indicator page ----
STARTED = "Changed: "  # serve prints it as it starts a rebuild process
BUILT = "Built "       # the build's last line, once the new site is published
CELL = ">{figure}</td>"  # the figure in the indicator page's table of every published figure
# ------------------------------------------------------------------------------------------------


class Preview:
    """`build_site.py serve` in a process of its own; each line it prints is kept with the time it came."""

    def __init__(self, config: Path, port: int):
        environment = {key: value for key, value in os.environ.items() if key != "JOURNEYS_CACHE_DIR"}
        environment["PYTHONUNBUFFERED"] = "1"  # the rebuild's lines as printed, not when it ends
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build_site.py"), "serve", "--config", str(config), "--port", str(port)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment)
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append((time.perf_counter(), line.rstrip("\n")))

    def first(self, prefix: str, after: float) -> float | None:
        """When the first line starting with `prefix` came after `after`."""
        return next((at for at, line in list(self.lines) if at >= after and line.startswith(prefix)), None)

    def wait_for_line(self, prefix: str, after: float, seconds: float = 600) -> float:
        deadline = time.perf_counter() + seconds
        while (at := self.first(prefix, after)) is None:
            if time.perf_counter() > deadline or self.process.poll() is not None:
                sys.exit(f"serve never printed {prefix!r}:\n{self.output()}")
            time.sleep(POLL)
        return at

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)  # Ctrl+C, as an officer ends it: serve cleans up
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def output(self) -> str:
        return "\n".join(line for _, line in self.lines[-40:])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:  # not serving yet, or the folder is being swapped
        return ""


def wait_for(url: str, text: str, preview: Preview, seconds: float = 600) -> float:
    """Poll the page every 50 ms until it holds `text`; the time it first did."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if text in fetch(url):
            return time.perf_counter()
        if preview.process.poll() is not None:
            sys.exit(f"serve stopped (exit status {preview.process.returncode}):\n{preview.output()}")
        time.sleep(POLL)
    sys.exit(f"{text!r} never showed at {url}:\n{preview.output()}")


def changed_figure(data: Path) -> tuple[str, str]:
    """The changed observation's indicator, and its figure as the page publishes it."""
    with data.joinpath(*CHANGED).open(encoding="utf-8", newline="") as file:
        row = next(csv.DictReader(file))
    with (data / CHANGED[0] / "indicators.csv").open(encoding="utf-8", newline="") as file:
        indicator = next(i for i in csv.DictReader(file) if i["indicator_id"] == row["indicator_id"])
    figure = format_value(float(row["value"]), indicator["unit"], indicator["decimals"] or None)
    return row["indicator_id"], CELL.format(figure=html.escape(figure))


def tree_cpu(pid: int) -> float:
    """User + system seconds of a process and all its descendants, those it has waited for included."""
    process = psutil.Process(pid)
    total = sum(process.cpu_times()[:4])  # its own, and its children's that ended
    for child in process.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.Error:  # ended between listing and reading
            pass
    return total


def one_change(data: Path, turn: int, url: str, preview: Preview, pause: float) -> dict[str, float]:
    cpu = tree_cpu(preview.process.pid)
    change_one_value(data, turn)
    saved = time.perf_counter()
    _, figure = changed_figure(data)
    seen = wait_for(url, figure, preview)
    cpu = tree_cpu(preview.process.pid) - cpu
    started = preview.first(STARTED, saved)
    built = preview.wait_for_line(BUILT, started or saved)
    time.sleep(pause)  # an officer does not save again the moment the page changes
    split = {"total": seen - saved}
    if started is not None:
        split |= {"until the rebuild started": started - saved, "then until the page served it": seen - started,
                  "the rebuild process (start to end)": built - started}
    return split | {"CPU of serve's processes meanwhile": cpu}


def reload_in_browser(data: Path, turn: int, url: str, preview: Preview) -> tuple[float, float]:
    """With the page open in Chromium: after a change is served, a reload until the new figure is visible."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        change_one_value(data, turn)
        saved = time.perf_counter()
        _, figure = changed_figure(data)
        wait_for(url, figure, preview)
        reloaded = time.perf_counter()
        page.reload()
        number = figure.removeprefix(">").removesuffix("</td>")
        page.get_by_role("cell", name=html.unescape(number), exact=True).first.wait_for(state="visible")
        visible = time.perf_counter()
        browser.close()
    return visible - reloaded, visible - saved


def write_site_config(work: Path) -> Path:
    """The shipped site.yml, its folders inside `work` (site.yml's folders are read beside it)."""
    settings = yaml.safe_load((ROOT / "site.yml").read_text(encoding="utf-8"))
    settings |= {"data_dir": "data", "site_dir": "site", "cache_dir": "cache"}
    path = work / "site.yml"
    path.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return path


def seconds(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s" if values else "     -"


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=5)
    options.add_argument("--pause", type=float, default=5.0,
                         help="seconds between a rebuild's end and the next change (default 5)")
    options.add_argument("--no-browser", action="store_true", help="skip the reload in headless Chromium")
    args = options.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    preview = None
    try:
        data = work / "data"
        shutil.copytree(ROOT / "data", data)
        config = write_site_config(work)
        port = free_port()
        indicator, figure = changed_figure(data)
        url = f"http://127.0.0.1:{port}/{CHANGED[0]}/indicators/{indicator}/"
        started = time.perf_counter()
        preview = Preview(config, port)
        wait_for(url, figure, preview)
        print(f"\nFirst build (cold, empty cache) served after {time.perf_counter() - started:.1f} s: {url}")
        preview.wait_for_line(BUILT, started)
        time.sleep(args.pause)
        runs = [one_change(data, turn, url, preview, args.pause) for turn in range(args.repeat)]
        print(f"\nFrom saving {'/'.join(CHANGED)} to {url} serving the new figure (median of {args.repeat})")
        for part in runs[0]:
            values = [run[part] for run in runs if part in run]
            print(f"  {part:36} {seconds(values)}   runs: {' '.join(f'{v:.2f}' for v in values)}"
                  f"{'   floor <= 3 s, goal <= 1.5 s' if part == 'total' else ''}")
        if not args.no_browser:
            reload, total = reload_in_browser(data, args.repeat, url, preview)
            print(f"\nIn headless Chromium, once: reload to the new figure visible {reload:.2f} s "
                  f"(from saving: {total:.2f} s)")
    finally:
        if preview is not None:
            preview.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
