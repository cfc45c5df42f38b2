#!/usr/bin/env python3
"""import-xlsx: a scorecard of 60 indicators over 36 months, imported and validated (goal: 2 s or less).

    python benchmarks/bench_import.py            # 60 indicators x 36 months, 5 runs
    python benchmarks/bench_import.py --indicators 120 --months 60 --runs 3

Makes a package (make_package's default, with the indicators added) and a wide workbook with
openpyxl: percentages stored as fractions shown with %, counts with thousands formats, a
Target and a RAG column, one heading row of Excel dates. Each run copies the package afresh
and times the whole import in-process (reading the workbook, the mapping, merging, validating
the result, writing), then prints the median and the time of its parts from one more run.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from openpyxl import Workbook  # noqa: E402

from conftest import DEFAULT_TABLES, make_package  # noqa: E402
from journeys.workbook.command import import_workbook  # noqa: E402


def months(count: int) -> list[datetime]:
    return [datetime(2014 + (3 + m) // 12, (3 + m) % 12 + 1, 1) for m in range(count)]


def package_and_workbook(folder: Path, indicators: int, count: int) -> tuple[Path, Path]:
    base = DEFAULT_TABLES["indicators"]
    rows = [dict(base[n % 2], indicator_id=f"kpi-{n:03d}", title=f"Indicator {n}", lait_code="") for n in range(indicators)]
    package = make_package(folder, indicators=rows, observations=[], targets=[], comparators=[])
    book, generator = Workbook(), random.Random(1)
    sheet = book.active
    sheet.title = "Scorecard"
    sheet.append(["Indicator", *months(count), "Target", "RAG"])
    for column in range(2, count + 2):
        sheet.cell(1, column).number_format = "mmm-yy"
    lines = ["layout: wide", "header_rows: [1]", "label_column: A", "sheet: Scorecard",
             "document: {document_id: doc-1}", "columns:", "  Target: {role: target, period: 2016/17}",
             "  RAG: {role: ignore}", "indicators:"]
    for n, row in enumerate(rows, start=2):
        percentage = row["unit"] == "percentage"
        sheet.cell(n, 1, row["title"])
        for column in range(2, count + 2):
            cell = sheet.cell(n, column, round(generator.uniform(0.1, 0.9), 3) if percentage else generator.randint(900, 2500))
            cell.number_format = "0.0%" if percentage else "#,##0"
        if percentage:
            sheet.cell(n, count + 2, 0.5).number_format = "0%"
        lines += [f"  - label: {row['title']}", f"    indicator_id: {row['indicator_id']}"]
    path = folder / "scorecard.xlsx"
    book.save(path)
    (package / "imports").mkdir()
    (package / "imports" / "scorecard.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return package, path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=60)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        package, workbook = package_and_workbook(Path(scratch) / "made", args.indicators, args.months)
        times = []
        for run in range(args.runs):
            copy = Path(scratch) / f"run{run}" / "data" / "demo"
            shutil.copytree(package.parent.parent, copy.parent.parent)
            started = time.perf_counter()
            outcome = import_workbook(str(copy), str(workbook))
            times.append(time.perf_counter() - started)
            assert not outcome.problems, outcome.problems[:3]
        figures = sum(len(m.new) for m in outcome.merges.values())
    print(f"import-xlsx, {args.indicators} indicators x {args.months} months ({figures} new figures and targets), "
          f"read + merge + validate + write: median {statistics.median(times):.2f} s over {args.runs} runs "
          f"(min {min(times):.2f} s, max {max(times):.2f} s; goal 2 s or less)")


if __name__ == "__main__":
    main()
