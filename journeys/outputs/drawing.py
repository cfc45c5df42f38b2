"""How outputs draw: a `Drawing` holds the converter (vl-convert, which compiles Vega-Lite to Vega
and draws Vega as SVG) and `keep`, which keeps work between builds.

Outputs never reach a cache or a process of their own: the build hands them a Drawing whose
converter may be vl-convert in this process or the build's renderer process
(journeys.build.workers), and whose `keep(kind, made_from, compute)` is the build's kept work
(journeys.build.kept), which returns what `compute()` returned when it last ran on the same
`made_from` under the same code. Without a build (a test, a notebook) a Drawing draws here and
keeps nothing.

The kinds of work kept: the charts' authored templates and compiled Vega (made with Altair and
vl-convert, about a second to import and start), each picture's spec by its facts, and each
drawing by its spec.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Protocol, TypeVar

T = TypeVar("T")

# What outputs ask the build to keep, by name (journeys.build.stages declares each one).
DRAWN, AUTHORED, TEMPLATE, COMPILED = "drawing", "authored spec", "chart template", "compiled vega"


class Converter(Protocol):
    def vega_to_svg(self, vega: dict) -> str: ...
    def vegalite_to_vega(self, spec: dict) -> dict: ...


class RenderError(ValueError):
    """vl-convert refused a spec, or could not draw it in the time and memory it is given."""


def compute_now(kind: str, made_from: object, compute: Callable[[], T]) -> T:
    """Keep nothing: do the work."""
    return compute()


@dataclass(frozen=True)
class Drawing:
    convert: Converter = field(default_factory=lambda: in_process())
    keep: Callable = compute_now   # keep(kind, made_from, compute) -> compute()'s value

    def authored(self, author: Callable[[object], dict], facts: object) -> dict:
        """`author(facts)`, a picture's Vega-Lite spec, kept by the facts (dataclasses, whose repr
        holds every field): authoring means importing Altair, a second of a rebuild that needs none."""
        return self.keep(AUTHORED, [author.__name__, repr(facts)], lambda: author(facts))


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


# --- vl-convert as a service: the renderer process (journeys.build.workers.Renderer) runs this -----
# A request: the operation's number, the JSON's length, the JSON; an answer: 0 (done) or 1 (an
# error, its message follows), the result's length, the result.
LENGTH = 8
OPERATIONS = ("vega_to_svg", "vegalite_to_vega")


def serve_requests(requests, answers) -> None:
    """The renderer's side: answer each request until the input closes."""
    converter = in_process()
    while head := requests.read(1 + LENGTH):
        value = json.loads(requests.read(int.from_bytes(head[1:], "big")))
        try:
            result = getattr(converter, OPERATIONS[head[0]])(value)
            status, data = 0, (result if isinstance(result, str) else json.dumps(result)).encode()
        except Exception as error:  # a spec vl-convert refuses: the build reports it as it would in process
            status, data = 1, str(error).encode()
        answers.write(bytes([status]) + len(data).to_bytes(LENGTH, "big") + data)
        answers.flush()


if __name__ == "__main__":
    serve_requests(sys.stdin.buffer, sys.stdout.buffer)
