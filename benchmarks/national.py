#!/usr/bin/env python3
"""Write a synthetic national dataset in the shipped format, for benchmarking (issue 6).

    python benchmarks/national.py                     # 153 authorities into national/
    python benchmarks/national.py --authorities 4 --months 24 --out /tmp/small

Each authority is one data package `<out>/<slug>/datapackage.json` plus a CSV per table
(every table of schemas/, every column in schema order). Per authority: 5 themes, 15
objectives, 50 actions with 8 progress reports each, 60 monthly indicators over 120 months
(so 153 x 60 x 120 = 1,101,600 observations) with targets per financial year and England,
statistical-neighbour and regional comparators, 20 milestones with judgements and findings,
30 scrutiny recommendations, 30 recommendations to the meetings and the ~180 documents every row
cites.

Deterministic: each authority draws from its own random.Random seeded with (seed, number),
so the same arguments write byte-identical files, and authority 7 is the same whether 10 or
153 are written. Nothing here is real: names, codes and figures are made up and say so.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.national_catalogue import FINDING_WORDS, INDICATOR_RAG, INDICATORS, LEADS, PLAN_RAG, THEMES  # noqa: E402
from benchmarks.national_journey import journey  # noqa: E402
from journeys.model.standard import standard_name  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schemas"
FIRST_MONTH = (2015, 4)  # April 2015: ten financial years, 2015/16 to 2024/25


def _month(t: int) -> tuple[int, int]:
    index = FIRST_MONTH[0] * 12 + FIRST_MONTH[1] - 1 + t
    return index // 12, index % 12 + 1


def _fy(k: int) -> str:
    year = FIRST_MONTH[0] + k
    return f"{year}/{(year + 1) % 100:02d}"


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _number(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return "0" if float(text) == 0 else text  # never "-0.0"


def indicator_specs() -> list[dict]:
    """The 60 indicators: each base measure monthly, and again as a rolling 12-month figure."""
    specs = []
    for rolling in (False, True):
        for (ident, title, theme, unit, polarity, decimals, children, low, high, lait, numden) in INDICATORS:
            scale = 12 if rolling and unit == "count" else 1
            specs.append(dict(
                id=ident + ("-r12" if rolling else ""), base=ident,
                title=title + (", rolling 12 months" if rolling else ""), theme=theme, unit=unit,
                polarity=polarity, decimals=decimals, children=children, low=low * scale,
                high=high * scale, lait=None if rolling else lait, numden=numden and not rolling,
                noise=0.3 if rolling else 1.0))
    return specs


class Authority:
    """One synthetic authority's package, drawn from its own seeded random stream."""

    def __init__(self, number: int, seed: int, months: int):
        self.number, self.months = number, months
        self.slug = f"synthetic-{number:03d}"
        self.name = f"Synthetic Authority {number:03d}"
        self.rng = random.Random(f"{seed}:{number}")
        self.size = self.rng.uniform(0.4, 2.5)  # how big the authority is, for counts
        self.day = self.rng.randint(1, 15)  # its meetings fall on different days
        self.years = math.ceil(months / 12)
        self.documents: dict[str, list[str]] = {}

    def cite(self, doc_id: str, date: str, body: str, title: str) -> str:
        """Record the document (once) and return its id for the citing row."""
        if doc_id not in self.documents:
            url = f"https://{self.slug}.example/papers/{doc_id}.pdf"
            self.documents[doc_id] = [doc_id, date, body, f"{title} (synthetic)", url, ""]
        return doc_id

    def tables(self) -> dict[str, list[list]]:
        tables = {"themes": self.themes(), "objectives": self.objectives()}
        tables["rag_scale"] = self.rag_scale()
        tables["actions"], tables["progress"], tables["rag_tallies"] = self.plan()
        tables["indicators"], tables["observations"], tables["targets"], tables["comparators"] = self.indicators()
        tables["milestones"], tables["judgements"], tables["findings"] = self.milestones()
        tables["scrutiny"] = self.scrutiny()
        tables["paper_recommendations"] = self.paper_recommendations()
        tables["parts"] = []  # no indicator is declared a part of another
        tables["documents"] = list(self.documents.values())
        return tables

    def plan_document(self) -> str:
        return self.cite("plan-2015-16", "2016-01-29", "Improvement Board", "Improvement Plan 2015/16")

    def themes(self) -> list[list]:
        source = self.plan_document()
        return [[str(i), title, text, i, source, "Section 2"] for i, (title, text) in enumerate(THEMES, 1)]

    def objectives(self) -> list[list]:
        kinds = ["objective", "aim", "priority"]
        return [[f"{t}.{o}", str(t), kinds[o - 1], f"{kinds[o - 1].title()} {o} for {THEMES[t - 1][0].lower()}",
                 "plan-2015-16", "Plan on a page"] for t in range(1, 6) for o in range(1, 4)]

    def rag_scale(self) -> list[list]:
        rows = [["plan", r, m, k, "plan-2015-16", "Appendix 1, RAG key"] for r, m, k in PLAN_RAG]
        return rows + [["indicator", r, m, k, "plan-2015-16", "Appendix 2"] for r, m, k in INDICATOR_RAG]

    def board_dates(self) -> list[str]:
        """Eight six-monthly reports to the Improvement Board, June 2016 to December 2019."""
        dates = []
        for i in range(8):
            year, month = divmod(2016 * 12 + 5 + 6 * i, 12)
            dates.append(_iso(year, month + 1, self.day + 7))
            self.cite(f"board-{dates[-1]}", dates[-1], "Improvement Board", "Progress against the Improvement Plan")
        return dates

    def plan(self) -> tuple[list, list, list]:
        """50 actions, ten per theme, each rated at every board report."""
        actions, progress = [], []
        boards = self.board_dates()
        for number in range(50):
            theme, within = number // 10 + 1, number % 10 + 1
            action_id, words = f"{theme}.{within}", self.rng.choice(FINDING_WORDS)
            due = "ongoing" if within == 10 else _iso(*_month(6 * within + self.rng.randint(0, 5)), 1)[:7]
            actions.append([action_id, str(theme), f"{theme}.{(within - 1) % 3 + 1}",
                            f"Children benefit from improvements in {words}", f"Improve {words} (action {action_id})",
                            self.rng.choice(LEADS), due, f"Audit of {words}; scorecard measures",
                            f"Ofsted R{self.rng.randint(1, 12)}; DfE Notice {theme}.{self.rng.randint(1, 6)}",
                            "plan-2015-16", f"Section 8, action {action_id}"])
            progress += self.progress(action_id, words, boards)
        return actions, progress, self.tallies(boards)

    def tallies(self, boards: list[str]) -> list[list]:
        """Each board report's scorecard summary: only the counts, as some papers give them."""
        rows = []
        for board in boards:
            green = self.rng.randint(20, 40)
            amber = self.rng.randint(5, 60 - green - 5)
            for rating, count in (("Green", green), ("Amber", amber), ("Red", 60 - green - amber)):
                rows.append([board, "Performance scorecard indicators", rating, count, f"board-{board}", "Scorecard summary"])
        return rows

    def progress(self, action_id: str, words: str, boards: list[str]) -> list[list]:
        rows, rank = [], self.rng.randint(3, 4)
        for board in boards:
            if rank > 1:  # a completed action stays complete
                rank = max(1, min(4, rank + self.rng.choice([-1, -1, 0, 0, 0, 1])))
            rating = PLAN_RAG[rank - 1][0]
            rows.append([action_id, board, rating, f"{rating}: audit of {words} reported to the board",
                         "" if rank == 1 else f"Continue work on {words}; re-audit next quarter",
                         f"board-{board}", f"Appendix A, action {action_id}"])
        return rows

    def indicators(self) -> tuple[list, list, list, list]:
        indicators, observations, targets, comparators = [], [], [], []
        performance = [self.performance_document(t) for t in range(self.months)]
        for index, spec in enumerate(indicator_specs()):
            indicators.append([spec["id"], spec["title"], str(spec["theme"]), spec["unit"], spec["polarity"],
                               "monthly", f"{spec['title']}, as this authority counts it (synthetic).",
                               spec["decimals"], "yes" if spec["children"] else "no",
                               spec["lait"] or "", performance[0], "Scorecard definitions"])
            levels = self.levels(spec)
            observations += self.observations(spec, levels, performance)
            if spec["polarity"] != "none":
                targets += self.targets(spec, levels)
            if spec["unit"] != "count":
                comparators += self.comparators(spec, levels, performance, monthly=index % 6 == 0)
        return indicators, observations, targets, comparators

    def performance_document(self, t: int) -> str:
        year, month = _month(t + 1)
        return self.cite(f"perf-{_iso(*_month(t), 1)[:7]}", _iso(year, month, self.day + 10),
                         "Children's Services Performance Board", f"Performance scorecard, {_iso(*_month(t), 1)[:7]}")

    def levels(self, spec: dict) -> list[float]:
        """A monthly series: a trend (improving for a target measure), a season, and noise."""
        low, high = spec["low"], spec["high"]
        span = high - low
        scale = self.size if spec["unit"] == "count" else 1.0
        start, end = self.rng.uniform(low, high), self.rng.uniform(low, high)
        if spec["polarity"] != "none":  # authorities improve after an inadequate judgement
            bad, good = (low, high) if spec["polarity"] == "higher is better" else (high, low)
            start, end = bad + (good - bad) * self.rng.uniform(0, 0.4), bad + (good - bad) * self.rng.uniform(0.5, 1)
        season = self.rng.uniform(0, 0.05) * span
        series = []
        for t in range(self.months):
            value = start + (end - start) * t / 119 + season * math.sin(t * math.pi / 6)
            value += self.rng.gauss(0, 0.04 * span * spec["noise"])
            series.append(max(0.0, value * scale))
        return [min(v, 100.0) for v in series] if spec["unit"] == "percentage" else series

    def observations(self, spec: dict, levels: list[float], performance: list[str]) -> list[list]:
        rows = []
        for t, level in enumerate(levels):
            period = _iso(*_month(t), 1)[:7]
            value, numerator, denominator, note = self.observation(spec, level)
            rows.append([spec["id"], period, value, numerator, denominator, note, performance[t], "Scorecard, p. 2"])
        return rows

    def observation(self, spec: dict, level: float) -> tuple[str, str, str, str]:
        if self.rng.random() < 0.004:
            return "x", "", "", "Not reported this month"
        if spec["children"]:
            count = round(level)
            if 1 <= count <= 5:  # disclosure control, as the DfE does it
                return "c", "", "", "Suppressed: a count of 1 to 5 children"
            return str(count), "", "", ""
        if spec["numden"]:
            denominator = max(20, round(self.rng.uniform(40, 120) * self.size))
            numerator = round(level / 100 * denominator)
            value = _number(100 * numerator / denominator, spec["decimals"])
            if 1 <= numerator <= 5:  # the numerator counts children; the denominator would reveal it
                return value, "c", "", "Numerator suppressed (1 to 5 children); denominator withheld"
            return value, str(numerator), str(denominator), ""
        return _number(level, spec["decimals"]), "", "", ""

    def targets(self, spec: dict, levels: list[float]) -> list[list]:
        """One target per financial year, moving towards good; never overlapping."""
        rows, span = [], (spec["high"] - spec["low"]) * (self.size if spec["unit"] == "count" else 1.0)
        better = 1 if spec["polarity"] == "higher is better" else -1
        for k in range(self.years):
            target = levels[min(12 * k, len(levels) - 1)] + better * 0.05 * span
            target = max(6, target) if spec["children"] else max(0.0, target)
            if spec["unit"] == "percentage":
                target = min(100.0, target)
            source = self.cite(f"plan-{_fy(k).replace('/', '-')}", _iso(FIRST_MONTH[0] + k, 3, 20),
                               "Improvement Board", f"Improvement Plan {_fy(k)}") if k else "plan-2015-16"
            rows.append([spec["id"], _fy(k), _number(target, spec["decimals"]),
                         _number(0.05 * span, spec["decimals"]) if spec["decimals"] else str(max(1, round(0.05 * span))),
                         source, "Targets and tolerances"])
        return rows

    def comparators(self, spec: dict, levels: list[float], performance: list[str], monthly: bool) -> list[list]:
        rows, england = [], england_series(spec)
        for k in range(self.years):
            source = self.benchmark_document(k)
            neighbours = england[k] * self.rng.uniform(0.9, 1.1)
            neighbours = min(neighbours, 100.0) if spec["unit"] == "percentage" else neighbours
            rows.append([spec["id"], _fy(k), "England", "value", _number(england[k], spec["decimals"]), source, "Table 1"])
            rows.append([spec["id"], _fy(k), "statistical neighbours", self.rng.choice(["mean", "median"]),
                         _number(neighbours, spec["decimals"]), source, "Table 1"])
        if monthly:  # a regional benchmarking club that reports every month
            for t, level in enumerate(levels):
                region = level * self.rng.uniform(0.92, 1.08)
                region = min(region, 100.0) if spec["unit"] == "percentage" else region
                rows.append([spec["id"], _iso(*_month(t), 1)[:7], "region", "mean",
                             _number(region, spec["decimals"]), performance[t], "Regional benchmarking, p. 5"])
        return rows

    def benchmark_document(self, k: int) -> str:
        return self.cite(f"bench-{_fy(k).replace('/', '-')}", _iso(FIRST_MONTH[0] + k + 1, 11, self.day),
                         "Department for Education", f"Children's social care benchmarking {_fy(k)}")

    def milestones(self) -> tuple[list, list, list]:
        return journey(self)

    def meetings(self) -> list[tuple[str, str]]:
        """The scrutiny committee's ten meetings, four months apart: (date, the tracker's document id)."""
        found = []
        for meeting in range(10):
            year, month = divmod(2015 * 12 + 10 + 4 * meeting, 12)
            date = _iso(year, month + 1, self.day)
            found.append((date, self.cite(f"scrutiny-{date}", date, "Children's Services Scrutiny Committee",
                                          "Recommendations tracker")))
        return found

    def scrutiny(self) -> list[list]:
        rows = []
        for meeting, (date, source) in enumerate(self.meetings()):
            for item in range(1, 4):
                words = self.rng.choice(FINDING_WORDS)
                done = meeting < 8 or self.rng.random() < 0.3
                rows.append([f"scrutiny-{date}-{item}", date, f"Item {item + 4}: {words}",
                             ["recommendation", "action", "information"][item - 1],
                             f"The committee asks for a report on {words}", self.rng.choice(LEADS),
                             f"Reported to the committee on {words}" if done else "Report due at the next meeting",
                             "complete" if done else "open", source, f"Tracker row {3 * meeting + item}"])
        return rows

    def paper_recommendations(self) -> list[list]:
        """What each meeting's progress report asked the committee to do: three asks a meeting, worded
        as such reports word them (no random draws, so the other tables come out as before)."""
        asks = ["Consider the progress made to date.", "Note the performance figures at Appendix 2",
                "Identify any further recommendations for the appropriate Cabinet Member"]
        return [[f"asked-{date}-{n}", "Children's services improvement: progress report",
                 "The Children's Services Scrutiny Committee", f"2.1 ({n})", words, source, "para 2.1"]
                for date, source in self.meetings() for n, words in enumerate(asks, 1)]


def england_series(spec: dict) -> list[float]:
    """England's figure per financial year: the same for every authority."""
    rng = random.Random(f"england:{spec['id']}")
    middle = (spec["low"] + spec["high"]) / 2
    return [middle * rng.uniform(0.95, 1.05) for _ in range(10)]


def schema_fields() -> dict[str, list[str]]:
    return {path.stem: [f["name"] for f in json.loads(path.read_text(encoding="utf-8"))["fields"]]
            for path in sorted(SCHEMA_DIR.glob("*.json"))}


def descriptor(authority: Authority, names: list[str]) -> dict:
    return {
        "name": authority.slug, "standard": standard_name(), "title": authority.name,
        "description": "Synthetic data for benchmarking the site at national scale, written by "
                       "benchmarks/national.py. Not a real council: every name, code and figure is made up.",
        "gss_code": f"E109{authority.number:05d}", "dfe_code": f"{authority.number:03d}",
        "licenses": [{"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
                      "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}],
        "contributors": [{"title": f"{authority.name} performance team (synthetic)",
                          "email": f"performance@{authority.slug}.example", "role": "contact"}],
        "resources": [{"name": name, "path": f"{name}.csv"} for name in names],
    }


def write_authority(number: int, out: str, seed: int, months: int) -> int:
    """Write one package; return how many observations it holds."""
    authority = Authority(number, seed, months)
    tables, fields = authority.tables(), schema_fields()
    assert set(tables) <= set(fields), f"generator and schemas disagree: {set(tables) - set(fields)}"
    # Tables and trailing columns (notes) the generator does not fill are written empty.
    tables = {name: [row + [""] * (len(fields[name]) - len(row)) for row in tables.get(name, [])] for name in fields}
    folder = Path(out) / authority.slug
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(fields[name])
            writer.writerows(rows)
    text = json.dumps(descriptor(authority, sorted(tables)), indent=2, ensure_ascii=False)
    (folder / "datapackage.json").write_text(text + "\n", encoding="utf-8")
    return len(tables["observations"])


def generate(authorities: int, out: str, seed: int = 2016, months: int = 120, workers: int | None = None) -> int:
    """Write every package, in parallel across cores; return the number of observations."""
    numbers = range(1, authorities + 1)
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
        counts = pool.map(write_authority, numbers, [out] * authorities, [seed] * authorities,
                          [months] * authorities, chunksize=4)
        return sum(counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authorities", type=int, default=153, help="how many (default 153)")
    parser.add_argument("--out", default=str(ROOT / "national"), help="output folder (default national/)")
    parser.add_argument("--months", type=int, default=120, help="months of observations (default 120)")
    parser.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args(argv)
    if not 1 <= args.months <= 120 or args.authorities < 1:
        parser.error("--months must be 1 to 120 and --authorities at least 1")
    started = time.perf_counter()
    observations = generate(args.authorities, args.out, args.seed, args.months)
    print(f"wrote {args.authorities} packages, {observations:,} observations, to {args.out} "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
