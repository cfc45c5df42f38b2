"""Lighthouse's mobile performance audit of one page of each type, against a built site served on
127.0.0.1 gzip-compressed, as GitHub Pages serves it. Prints figures; asserts nothing.

    npm ci --prefix benchmarks/lighthouse --no-audit --no-fund   # once: Lighthouse 12.2.3 (Node 20)
    .venv/bin/python benchmarks/bench_lighthouse.py --site site --repeat 3

Lighthouse drives Debian's Chromium (CHROME_PATH=/usr/bin/chromium) with its default mobile
settings: a Moto G-sized screen, 4x CPU slowdown and a slow 4G network, simulated. Each figure is
the median of --repeat runs; on a shared machine the blocking time moves by a hundred ms or so
between runs, so compare medians, and compare on one machine.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))
from benchmarks.page_weight import QuietHandler, serve  # noqa: E402

LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
# One page of each type on the shipped site: the heaviest of each where there is a choice.
PAGES = {
    "home": "", "overview": "coventry/", "plan": "worcestershire/plan/", "indicators": "coventry/indicators/",
    "indicator": "leicestershire/indicators/repeat-cp-plans/", "journey": "coventry/journey/", "scrutiny": "coventry/scrutiny/",
    "data": "leicestershire/data/", "comparisons": "compare/",
    "comparison": "compare/15-second-or-subsequent-child-protection-plan/", "glossary": "glossary/", "how to read": "how-to-read/",
    "officers' guide": "officers-guide/", "accessibility": "accessibility/", "search": "search/?q=referrals",
}
FIGURES = [("performance", None), ("total-blocking-time", "ms"), ("first-contentful-paint", "ms"),
           ("largest-contentful-paint", "ms"), ("speed-index", "ms"), ("cumulative-layout-shift", ""),
           ("dom-size", "elements")]


class Gzipped(QuietHandler):
    """The site's files, gzip-compressed when the browser accepts it (GitHub Pages does the same)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        compressible = path.suffix in (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
        if not compressible or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)  # send_head returns a file the handler copies, then closes


def audit(url: str) -> dict[str, float]:
    """One Lighthouse run: the figures FIGURES names."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run([str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
                        f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}", "--quiet"],
                       check=True, timeout=300, env={"CHROME_PATH": "/usr/bin/chromium", "PATH": "/usr/bin:/bin"})
        found = json.loads(report.read_text(encoding="utf-8"))
    score = found["categories"]["performance"]["score"]
    figures = {"performance": float("nan") if score is None else round(score * 100)}
    for name, _ in FIGURES[1:]:
        figures[name] = found["audits"][name].get("numericValue", float("nan"))
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="page types to audit (default: all)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: npm ci --prefix benchmarks/lighthouse", file=sys.stderr)
        return 1
    server = serve(args.site, Gzipped)
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"{'page':<16}" + "".join(f"{name[:22]:>24}" for name, _ in FIGURES))
    try:
        for kind, path in PAGES.items():
            if args.only and kind not in args.only:
                continue
            runs = [audit(origin + path) for _ in range(args.repeat)]
            medians = {name: statistics.median(run[name] for run in runs) for name, _ in FIGURES}
            print(f"{kind:<16}" + "".join(f"{_shown(medians[name], unit):>24}" for name, unit in FIGURES), flush=True)
    finally:
        server.shutdown()
    return 0


def _shown(value: float, unit: str | None) -> str:
    if unit is None:
        return f"{value:.0f}"
    if unit == "":
        return f"{value:.3f}"
    return f"{value:,.0f} {unit}"


if __name__ == "__main__":
    sys.exit(main())
