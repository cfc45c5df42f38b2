"""The chart renderer in a process of its own (journeys/renderer.py): the same drawings as in
process, a refused spec reported as such, and a process that ends with the build's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A 120-point chart with a gap, drawn in a fresh interpreter: through the renderer's process
# (started as the build command starts it) or in process. The first also says where it drew.
DRAW = """\
import json, sys
from journeys import charts, renderer
from test_charts import INDICATOR, monthly
if sys.argv[1] == "process":
    renderer.start()
spec = charts.indicator_spec("Coventry City Council", INDICATOR, monthly(120, missing={50}), [], [])
svg = charts.chart_svg(spec)
print(json.dumps({"svg": svg, "renderer": renderer._process is not None, "here": "vl_convert" in sys.modules}))
"""


def drawn(where: str) -> dict:
    done = subprocess.run([sys.executable, "-c", DRAW, where], capture_output=True, text=True, timeout=120, check=True,
                          cwd=ROOT, env={"PYTHONPATH": f"{ROOT}:{ROOT / 'tests'}", "PATH": "/usr/bin:/bin"})
    return json.loads(done.stdout)


def test_a_chart_drawn_in_the_renderers_process_is_the_chart_drawn_in_process():
    through, here = drawn("process"), drawn("here")
    assert through["renderer"] and not through["here"]  # drawn over there: vl-convert never loaded here
    assert here["here"] and not here["renderer"]
    assert through["svg"] == here["svg"] and "Coventry City Council" in through["svg"]


REFUSED = """\
import sys
from journeys import renderer
renderer.start()
try:
    renderer.vega_to_svg({"marks": [{"type": "no-such-mark"}]})
except renderer.RenderError as error:
    print("refused:", bool(str(error)))
print("then drew:", "<svg" in renderer.vega_to_svg({"width": 10, "height": 10, "marks": []}))
print("still there:", renderer._process is not None and renderer._process.poll() is None)
"""


def test_a_spec_the_renderer_refuses_is_an_error_and_the_renderer_goes_on():
    done = subprocess.run([sys.executable, "-c", REFUSED], capture_output=True, text=True, timeout=120, check=True,
                          cwd=ROOT)
    assert done.stdout.splitlines() == ["refused: True", "then drew: True", "still there: True"], done.stderr


def test_the_renderer_ends_when_its_input_closes():
    renderer = subprocess.Popen([sys.executable, "-m", "journeys.renderer"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, cwd=ROOT)
    renderer.stdin.close()  # as when the build's process ends, however it ends
    assert renderer.wait(timeout=60) == 0
