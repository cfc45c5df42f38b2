"""`build_site.py paper <authority>`: the committee paper for one report, as a PDF and an HTML page.

The package is validated, then loaded exactly as the build loads it (journeys.build.load_one:
embargoes applied at this moment, disclosure control applied), so the paper never shows what
the site may not. `--draft` is for officers writing the paper before the committee meets: the
embargoed papers are included, and every page says "DRAFT: not for publication until <time>"
(the latest embargo among the papers it includes).

Options name a report by its paper (a document_id in documents.csv) or its day (2017-01-12).
A mistake in them is a problem (paper-option), never a traceback.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from journeys import RUN, cache
from journeys.config import load_config
from journeys.domain.reports import Report, as_it_stood, latest_report, previous_report, report_of
from journeys.embargo import embargo_ends, instant
from journeys.model import Authority
from journeys.paper.compose import compose
from journeys.paper.content import Paper
from journeys.paper.html import paper_html
from journeys.paper.pdf import paper_pdf
from journeys.periods import format_date
from journeys.problems import Problem, problem

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
    from journeys.build import drawing_through, keep_authored_specs
    from journeys.validate import validate_packages

    config, problems = load_config(config_path)
    if problems:
        return refuse(problems)
    folder = Path(slug) if "/" in slug else config.data_dir / slug  # data/coventry, or coventry in data_dir
    if not (folder / "datapackage.json").is_file():
        return refuse([option(str(folder), slug, "is not a package folder",
                              f"Give an authority's package folder, e.g. data/coventry, or its name in "
                              f"{config.data_dir}, e.g. coventry.")])
    slug = folder.name
    store = cache.Store(config.cache_dir)
    problems = validate_packages([folder], store)
    if problems:
        return refuse(problems)
    keep_authored_specs(store)
    made, problems = make_paper(folder, store, datetime.now(timezone.utc), choice, config.paper_committee,
                                drawing_through(store)[0])
    if problems:
        return refuse(problems)
    for path in write_paper(made, Path(out), file_stem(slug, made, choice.draft)):
        print(f"Wrote {path}")
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


def make_paper(folder: Path, store: cache.Store, now: datetime, choice: Choice, committee: str,
               draw) -> tuple[Paper | None, list[Problem]]:
    """The paper the options ask for, from the package as the build loads it."""
    from journeys.build import load_one

    authority, _ = load_one(folder, EVERY_EMBARGO_ENDED if choice.draft else now, store)
    report, problems = chosen_report(authority, choice.as_at, folder, now, "--as-at")
    if problems:
        return None, problems
    stood = as_it_stood(authority, report.day)
    since, problems = chosen_since(authority, stood, report, choice.since, folder, now)
    if problems:
        return None, problems
    draft = draft_words(stood, now) if choice.draft else ""
    return compose(stood, report, since, committee=committee, draft=draft, draw=draw,
                   today=now.date()), []


def chosen_report(authority: Authority, chosen: str | None, folder: Path, now: datetime, flag: str) -> tuple[Report | None, list[Problem]]:
    if chosen is None:
        report = latest_report(authority)
        if report is None:
            return None, [option(str(folder / "documents.csv"), "", "has no dated paper to report on",
                                 "Add the papers the figures come from to documents.csv, each with its date.")]
        return report, []
    report = report_of(authority, chosen)
    if report is not None:
        return report, []
    held = embargo_ends(every_paper(folder)).get(chosen)
    if held is not None and held > instant(now):
        return None, [option(flag, chosen, f"is embargoed until {moment(held)}",
                             f"Add --draft to write the paper before then: {RUN} paper {folder.name} {flag} "
                             f"{chosen} --draft")]
    return None, [option(flag, chosen, "is neither a paper in documents.csv nor a day",
                         "Give a document_id from documents.csv, or a day written as 2017-01-12.")]


def every_paper(folder: Path):
    """documents.csv as written, embargoed papers included: to say why a paper cannot be named."""
    from journeys.model import read_text_table, type_table

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
    from journeys.embargo import UK

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


def site_paper(authority: Authority, now: datetime, committee: str, draw) -> dict[str, bytes]:
    """The public paper for the latest report, for the site (render.PAPER_PDF, render.PAPER_HTML):
    `authority` as the build loaded it, so embargoes and disclosure control are already applied."""
    from journeys.render import PAPER_HTML, PAPER_PDF

    report = latest_report(authority)
    if report is None:
        return {}
    stood = as_it_stood(authority, report.day)
    paper = compose(stood, report, previous_report(stood, report.day), committee=committee, draft="", draw=draw,
                    today=now.date())
    return {PAPER_PDF: paper_pdf(paper, made=now), PAPER_HTML: paper_html(paper).encode("utf-8")}
