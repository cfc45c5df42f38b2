"""`journeys paper <authority>`: the committee paper for one report, as a PDF and an HTML page.

The package is validated, then loaded exactly as the build loads it
(journeys.build.outlines.published: embargoes applied at this moment, disclosure control applied),
so the paper never shows what the site may not. Its model and its drawings are kept as the
build keeps them (journeys.build.kept), so a paper after a build draws nothing again.

`--draft` is for officers writing the paper before the committee meets: the embargoed papers are
included, and every page says "DRAFT: not for publication until <time>" (the latest embargo among
the papers it includes).

Options name a report by its paper (a document_id in documents.csv) or its day (2017-01-12).
A mistake in them is a problem (paper-option), never a traceback.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from journeys.build.config import load_config
from journeys.build.kept import Kept
from journeys.build.outlines import published
from journeys.build.stages import drawing_with
from journeys.build.validation import validate_packages
from journeys.build.workers import Renderer
from journeys.domain.embargo import UK, embargo_ends, instant
from journeys.domain.reports import Report, as_it_stood, latest_report, previous_report, report_of
from journeys.invocation import command
from journeys.model import Authority, read_text_table, type_table
from journeys.model.periods import format_date
from journeys.model.problems import Problem, printable, problem
from journeys.outputs.drawing import Drawing
from journeys.outputs.paper.compose import compose
from journeys.outputs.paper.content import Paper
from journeys.outputs.paper.html import paper_html
from journeys.outputs.paper.pdf import paper_pdf

# A draft is the record with no embargo held: as the public will see it once every embargo has ended.
EVERY_EMBARGO_ENDED = datetime(9999, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Choice:
    """What the options asked for."""
    as_at: str | None = None
    since: str | None = None
    draft: bool = False


def paper_command(slug: str, choice: Choice, out: str = "papers", config_path: str = "site.yml") -> int:
    """Write <out>/<slug>-paper-<day>[-draft].pdf and .html; print their paths. 1 on any problem.
    `slug`: the package's folder (data/coventry) or its name in site.yml's data_dir (coventry)."""
    config, problems = load_config(config_path)
    if problems:
        return refuse(problems)
    folder = Path(slug) if "/" in slug else config.data_dir / slug  # data/coventry, or coventry in data_dir
    if not (folder / "datapackage.json").is_file():
        return refuse([option(str(folder), slug, "is not a package folder",
                              f"Give an authority's package folder, e.g. data/coventry, or its name in "
                              f"{config.data_dir}, e.g. coventry.")])
    slug = folder.name
    kept = Kept(config.cache_dir)
    problems = validate_packages([folder], kept)
    if problems:
        return refuse(problems)
    drawing = drawing_with(kept, Renderer())  # vl-convert starts only if a drawing is not kept already
    made, problems = make_paper(folder, kept, datetime.now(timezone.utc), choice, config.paper_committee, drawing)
    if problems:
        return refuse(problems)
    for path in write_paper(made, Path(out), file_stem(slug, made, choice.draft)):
        print(printable(f"Wrote {path}"))
    return 0


def refuse(problems: list[Problem]) -> int:
    """Print every problem and fail, writing nothing."""
    print()
    for found in problems:
        print(found.line())
    print(f"\n{len(problems)} problem{'s' if len(problems) != 1 else ''}: no paper was written.", file=sys.stderr)
    return 1


def option(file: str, value: str, what: str, fix: str, column: str = "") -> Problem:
    return problem("paper-option", file, None, column or None, value, what=what, fix=fix)


def make_paper(folder: Path, kept: Kept, now: datetime, choice: Choice, committee: str,
               drawing: Drawing) -> tuple[Paper | None, list[Problem]]:
    """The paper the options ask for, from the package as the build loads it."""
    authority, _ = published(folder, EVERY_EMBARGO_ENDED if choice.draft else now, kept)
    report, problems = chosen_report(authority, choice.as_at, folder, now, "--as-at")
    if problems:
        return None, problems
    stood = as_it_stood(authority, report.day)
    since, problems = chosen_since(authority, stood, report, choice.since, folder, now)
    if problems:
        return None, problems
    draft = draft_words(stood, now) if choice.draft else ""
    return compose(stood, report, since, committee=committee, draft=draft, drawing=drawing,
                   today=now.date()), []


def chosen_report(authority: Authority, chosen: str | None, folder: Path, now: datetime, flag: str) -> tuple[Report | None, list[Problem]]:
    if chosen is None:
        report = latest_report(authority)
        if report is None:
            return None, [option(str(folder / "documents.csv"), "", "has no dated report to write the paper for",
                                 "Give the report's kind (committee paper or board update) and date in "
                                 f"documents.csv, or name it: {command()} paper {folder.name} --as-at 2017-01-12")]
        return report, []
    report = report_of(authority, chosen)
    if report is not None:
        return report, []
    held = embargo_ends(every_paper(folder)).get(chosen)
    if held is not None and held > instant(now):
        return None, [option(flag, chosen, f"is embargoed until {moment(held)}",
                             f"Add --draft to write the paper before then: {command()} paper {folder.name} {flag} "
                             f"{chosen} --draft")]
    return None, [option(flag, chosen, "is neither a paper in documents.csv nor a day",
                         "Give a document_id from documents.csv, or a day written as 2017-01-12.")]


def every_paper(folder: Path):
    """documents.csv as written, embargoed papers included: to say why a paper cannot be named."""
    return type_table("documents", read_text_table(folder / "documents.csv"))


def chosen_since(authority: Authority, stood: Authority, report: Report, chosen: str | None, folder: Path,
                 now: datetime) -> tuple[Report | None, list[Problem]]:
    if chosen is None:
        return previous_report(stood, report.day), []
    since, problems = chosen_report(authority, chosen, folder, now, "--since")
    if problems:
        return None, problems
    if since.day >= report.day:
        return None, [option("--since", chosen, f"is not before the report the paper is for ({report.label})",
                             "Give the previous report: an earlier document_id, or an earlier day.")]
    return since, []


def moment(end: datetime) -> str:
    """'12 January 2017 10:00 (UK time)', as the build's log names an embargo's end."""
    local = end.astimezone(UK)
    return f"{format_date(local.date())} {local:%H:%M} (UK time)"


def draft_words(stood: Authority, now: datetime) -> str:
    """What every page of a draft says: until when the latest embargo among its papers holds."""
    pending = [end for end in embargo_ends(stood.table("documents")).values() if end > instant(now)]
    return f"DRAFT: not for publication until {moment(max(pending))}" if pending else "DRAFT"


def file_stem(slug: str, paper: Paper, draft: bool) -> str:
    day = paper_day(paper)
    return f"{slug}-paper-{day}" + ("-draft" if draft else "")


def paper_day(paper: Paper) -> str:
    """The report's day for a file name: the cover's date, ISO where it is a day."""
    try:
        return datetime.strptime(paper.cover.date, "%d %B %Y").date().isoformat()
    except ValueError:
        return "".join(c if c.isalnum() else "-" for c in paper.cover.date.lower())


def write_paper(paper: Paper, out: Path, stem: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    pdf, page = out / f"{stem}.pdf", out / f"{stem}.html"
    pdf.write_bytes(paper_pdf(paper))
    page.write_text(paper_html(paper), encoding="utf-8")
    return [pdf, page]

