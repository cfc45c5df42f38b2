"""The chart renderer in a process of its own (journeys.build.workers.Renderer): the same drawings as
in process; a refused spec reported as such; every drawing within a time and a memory limit; and a
process that ends with the build's, even one killed while it draws (issue 22)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journeys.build.workers import Renderer
from journeys.outputs import charts, vega
from journeys.outputs.drawing import Drawing, RenderError, in_process
from test_charts import INDICATOR, monthly

ROOT = Path(__file__).resolve().parent.parent
SMALL = {"width": 10, "height": 10, "marks": []}


def test_a_chart_drawn_in_the_renderers_process_is_the_chart_drawn_in_process():
    renderer = Renderer()
    try:
        spec = charts.indicator_spec("Coventry City Council", INDICATOR, monthly(120, missing={50}), [], [], Drawing())
        through = vega.svg(spec, Drawing(convert=renderer))
        assert renderer.process is not None  # drawn over there
        assert through == vega.svg(spec, Drawing(convert=in_process())) and "Coventry City Council" in through
    finally:
        renderer.close()


def test_a_spec_the_renderer_refuses_is_an_error_and_the_renderer_goes_on():
    renderer = Renderer()
    try:
        with pytest.raises(RenderError):
            renderer.vega_to_svg({"marks": [{"type": "no-such-mark"}]})
        assert "<svg" in renderer.vega_to_svg(SMALL)
    finally:
        renderer.close()


def test_the_renderer_ends_when_its_input_closes():
    renderer = subprocess.Popen([sys.executable, "-m", "journeys.outputs.drawing"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, cwd=ROOT)
    renderer.stdin.close()  # as when the build's process ends, however it ends
    assert renderer.wait(timeout=60) == 0


class Stuck(Renderer):
    """A renderer whose process never answers (as vl-convert did, laying out a megabyte of title)."""
    COMMAND = [sys.executable, "-c", "import time; time.sleep(600)"]
    SECONDS = 2


class Greedy(Renderer):
    """A renderer whose process takes more and more memory (as vl-convert did: 877 MB and rising)."""
    COMMAND = [sys.executable, "-c", "import time\nhold = []\nwhile True:\n    hold.append(bytearray(50_000_000))\n"
               "    time.sleep(0.05)"]
    MEGABYTES = 300


@pytest.mark.parametrize("kind, says", [(Stuck, "longer than 2 seconds"), (Greedy, "more than 300 MB")])
def test_a_drawing_beyond_its_time_or_memory_is_refused_and_the_next_is_drawn(kind, says):
    renderer = kind()
    started = time.monotonic()
    try:
        with pytest.raises(RenderError, match=says):
            renderer.vega_to_svg(SMALL)
        assert time.monotonic() - started < 30 and renderer.process is None  # stopped, not left running
        renderer.COMMAND, renderer.SECONDS, renderer.MEGABYTES = Renderer.COMMAND, Renderer.SECONDS, Renderer.MEGABYTES
        # a fresh renderer for the next chart, with the usual limits (starting one may take seconds)
        assert "<svg" in renderer.vega_to_svg(SMALL)
    finally:
        renderer.close()


BUSY_PARENT = """\
import sys, time
from journeys.build.workers import Renderer
class Busy(Renderer):
    COMMAND = [sys.executable, "-c", "while True: pass"]
renderer = Busy().start()
print(renderer.process.pid, flush=True)
time.sleep(600)
"""


def test_a_busy_renderer_ends_when_the_build_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", BUSY_PARENT], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    child = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{child}").exists() and _state(child) != "Z":
        time.sleep(0.1)
    assert not Path(f"/proc/{child}").exists() or _state(child) == "Z"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].split()[0]
    except (OSError, IndexError):
        return "gone"
