"""vl-convert, which compiles and draws the charts: in this process, or in a process of its own.

Starting vl-convert's JavaScript engine takes about half a second and holds the interpreter's
lock throughout, so in the process that builds it overlaps no other work. `start()`, called as
the build command starts, starts it in a process of its own instead, which is ready by the
time the first chart is drawn. A build that draws nothing leaves it idle; it ends when the
build's process does (its input closes). The drawings are the same byte for byte either way
(tests/test_charts.py). Processes that never called start() (the section workers, the tests)
use vl-convert in process.

    python -m journeys.renderer     the renderer's side: requests on standard input, answers on standard output
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from functools import cache
from pathlib import Path

# A request: the operation's number, then the JSON's length and the JSON. An answer: 0 (done)
# or 1 (an error, its message follows), then the result's length and the result.
OPERATIONS = ("vega_to_svg", "vegalite_to_vega")
_LENGTH = 8

_process: subprocess.Popen | None = None
_lock = threading.Lock()


class RenderError(ValueError):
    """vl-convert refused a spec (in the renderer's process): the spec's fault, not the process's."""


def start() -> None:
    """Start the renderer's process, unless this process has vl-convert already (it is warm)."""
    global _process
    if _process is None and "vl_convert" not in sys.modules:
        _process = subprocess.Popen([sys.executable, "-m", "journeys.renderer"], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE)


def vega_to_svg(vega: dict) -> str:
    return _call("vega_to_svg", vega)


def vegalite_to_vega(spec: dict) -> dict:
    return _call("vegalite_to_vega", spec)


def _call(operation: str, value: dict):
    global _process
    with _lock:
        if _process is not None:
            try:
                answer = _through(_process, OPERATIONS.index(operation), value)
                return answer if operation == "vega_to_svg" else json.loads(answer)
            except (OSError, EOFError):  # the process is gone: draw here from now on
                _process = None
    return getattr(in_process(), operation)(value)


def _through(process: subprocess.Popen, operation: int, value: dict) -> str:
    request = json.dumps(value).encode()
    process.stdin.write(bytes([operation]) + len(request).to_bytes(_LENGTH, "big") + request)
    process.stdin.flush()
    head = process.stdout.read(1 + _LENGTH)
    if len(head) < 1 + _LENGTH:
        raise OSError("the renderer ended")
    answer = process.stdout.read(int.from_bytes(head[1:], "big")).decode()
    if head[0]:
        raise RenderError(answer)
    return answer


@cache
def in_process():
    """vl-convert, measuring text with the Liberation Sans it holds in memory (metrically Arial's
    twin, so the drawing is the same byte for byte; tests/test_charts.py checks).

    vl-convert 1.9 measures every label, title and legend entry as Vega lays a chart out, and
    from a font installed on the system it opens the font's file again for each letter: some
    1,700 times a chart, over a third of its drawing time (benchmarks/bench_charts.py prints
    both ways). It lists its fonts from fontconfig's settings the first time it measures text,
    so for that moment FONTCONFIG_FILE names settings with no font folder: it finds only its
    own fonts. The variable is put back at once."""
    import vl_convert

    previous = os.environ.get("FONTCONFIG_FILE")
    with tempfile.TemporaryDirectory() as folder:
        settings = Path(folder) / "fonts.conf"
        settings.write_text(f"<fontconfig><dir>{Path(folder) / 'no fonts'}</dir></fontconfig>")
        os.environ["FONTCONFIG_FILE"] = str(settings)
        try:
            vl_convert.vega_to_svg({"marks": [{"type": "text", "encode": {"enter": {"text": {"value": "a"}}}}]})
        finally:
            if previous is None:
                del os.environ["FONTCONFIG_FILE"]
            else:
                os.environ["FONTCONFIG_FILE"] = previous
    return vl_convert


def serve(requests, answers) -> None:
    """The renderer's side: answer each request until the input closes."""
    renderer = in_process()
    while head := requests.read(1 + _LENGTH):
        value = json.loads(requests.read(int.from_bytes(head[1:], "big")))
        try:
            result = getattr(renderer, OPERATIONS[head[0]])(value)
            status, data = 0, (result if isinstance(result, str) else json.dumps(result)).encode()
        except Exception as error:  # a spec vl-convert refuses: the build reports it as it would in process
            status, data = 1, str(error).encode()
        answers.write(bytes([status]) + len(data).to_bytes(_LENGTH, "big") + data)
        answers.flush()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
