"""The site's sections: one per authority, and the root (the home and site-wide pages), each built
into a folder of its own by the site engine, or taken as it is from the last site or the cache.

A section is made from its authority's package, the site's settings and the code; nothing else.
Its key says so (journeys.build.kept), so a section whose key is unchanged is taken from the
site last published (hard links, no copying) or, failing that, from the cache; only the rest
are built. Each section's pages' search documents are kept beside it, for the search index.
"""

from __future__ import annotations

import shutil
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path

from journeys import engine
from journeys.build.config import SiteConfig
from journeys.build.kept import Inputs, Kept
from journeys.build.outlines import Outline, published
from journeys.build.stages import SEARCH_DOCUMENTS, SECTION, SITE_PAGES, KeptTemplates, drawing_with
from journeys.build.workers import current_renderer
from journeys.domain.measures import gather
from journeys.invocation import command
from journeys.model.periods import format_date
from journeys.model.problems import Problem, problem
from journeys.model.reading import read_file
from journeys.outputs import downloads, finish, sitemaps
from journeys.outputs.drawing import RenderError
from journeys.outputs.markup import text
from journeys.outputs.page import (ACCESSIBILITY, ALL_FEED, GLOSSARY, GUIDE, HOW_TO_READ, SEARCH, Entry, SiteContext,
                                   feed_path, page_dir)
from journeys.outputs.pages import authority_pages, compare, glossary, site_pages
from journeys.outputs.paper.on_site import paper_files
from journeys.outputs.pages.site import default_pages

# Folders the root writes into the site; a package with one of these names would clash.
ABOUT = [("How to read the site", HOW_TO_READ), ("Glossary", GLOSSARY), ("Officers' guide", GUIDE),
         ("Accessibility", ACCESSIBILITY), ("Search", SEARCH)]


@dataclass(frozen=True)
class Site:
    """What every section shares: names and links (context), the look, and the comparisons."""
    context: SiteContext
    look: engine.Look
    found: tuple        # the comparisons' series (measures.gather), made from every outline
    written: dict = field(default_factory=dict)  # the hand-written pages' Markdown by path (the root's alone)


@dataclass(frozen=True)
class SectionJob:
    """One section to restore or build: an authority's (slug), or the root's (slug "")."""
    slug: str
    folder: Path | None      # the authority's package; None for the root
    workspace: Path          # where it is put: workspace/<slug> (or workspace/_root)
    inputs: Inputs           # what it is made from, besides the code
    outline: Outline | None = None
    site: Site | None = None
    outlines: tuple[Outline, ...] = ()   # for the root: every authority's


@dataclass
class SectionReport:
    """What one section's build did: its problems, its pages, where it came from, where time went."""
    slug: str
    problems: list[Problem] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # the built pages, relative to the section's folder
    came_from: str = "built"                           # built, the last site, or the cache
    key: str = ""
    seconds: dict[str, float] = field(default_factory=dict)


def site_settings(config: SiteConfig, outlines: list[Outline], now: datetime, written: dict[str, str]) -> Site:
    """`written`: the hand-written pages, the site's own or the tool's (hand_written_pages)."""
    context = SiteContext(site_name=config.name, mode=config.mode, built_at=now,
                          authorities=tuple(Entry(o.slug, o.name) for o in outlines), command=command(),
                          papers=config.papers_on_site, committee=config.paper_committee)
    look = engine.Look(site_name=str(text(config.name)), primary_colour=config.branding.primary_colour,
                       accent_colour=config.branding.accent_colour, logo=config.branding.logo,
                       abbreviations=tuple((a.abbreviation, a.meaning) for a in glossary.load()),
                       built=format_date(now.date()), site_url=config.site_url)
    found = gather(claim for outline in outlines for claim in outline.series)
    return Site(replace(context, compared=compare.entries(found)), look, tuple(found), written)


def hand_written_pages(config: SiteConfig) -> tuple[dict[str, str], list[Problem]]:
    """The hand-written pages by path: each from the site's docs_dir where it has that page (a
    council's own accessibility statement), else the tool's own."""
    written, problems = default_pages(), []
    folder = config.docs_dir
    if folder is None:
        return written, []
    if not folder.is_dir():
        return written, [_docs_problem(config, "is not a folder", str(folder))]
    for path in written:
        own = folder / path
        if own.is_symlink():
            problems.append(_docs_problem(config, f"holds {path} as a symbolic link; the site takes only plain files",
                                          str(own)))
        elif own.is_file():
            try:
                written[path] = read_file(own).decode("utf-8-sig")
            except UnicodeDecodeError:
                problems.append(_docs_problem(config, f"holds {path}, which is not saved as UTF-8", str(own)))
    return written, problems


def _docs_problem(config: SiteConfig, what: str, value: str) -> Problem:
    return problem("site-config", str(config.path), None, "docs_dir", value, what=what,
                   fix="Keep the site's own pages as UTF-8 Markdown files in a folder beside site.yml, e.g. "
                       "docs/accessibility.md, and write 'docs_dir: docs'.")


def section_jobs(outlines: list[Outline], site: Site, workspace: Path) -> list[SectionJob]:
    """Each authority's section. Its pages read no list of every authority (with it in the key, one
    authority's change would rebuild them all), and only its own comparisons."""
    jobs, compared = [], {}
    for place, entry in site.context.compared.items():
        compared.setdefault(place[0], {})[place] = entry
    for outline in outlines:
        context = replace(site.context, authorities=(), command="", compared=compared.get(outline.slug, {}))
        own = replace(site, context=context, found=(), written={})
        jobs.append(SectionJob(outline.slug, outline.folder, workspace / outline.slug,
                               Inputs(files=(outline.folder, *_logo(site)),
                                      settings=[outline.public, _context_settings(context), _look_settings(site)]),
                               outline, own))
    return jobs


def root_job(outlines: list[Outline], site: Site, workspace: Path) -> SectionJob:
    """The home and site-wide pages: made from every authority's summary and series (the outlines'
    digests), the site's names, look and hand-written pages."""
    context = replace(site.context, compared={})
    inputs = Inputs(files=_logo(site), settings=[[o.digest for o in outlines], _context_settings(context),
                                                 _look_settings(site), sorted(site.written.items())])
    return SectionJob("", None, workspace / "_root", inputs, site=site, outlines=tuple(outlines))


def _context_settings(context: SiteContext) -> list:
    """What pages take from the site's context: names, links, the build's date (not its time), the
    command the guide names, and whether sections hold committee papers, and for which committee."""
    return [context.site_name, context.mode, context.built_at.date().isoformat(), context.command,
            [vars(entry) for entry in context.authorities],  # flat dataclasses: vars, not asdict's deep copy
            [[list(place), vars(entry)] for place, entry in sorted(context.compared.items())],
            context.papers, context.committee]


def _look_settings(site: Site) -> dict:
    return asdict(replace(site.look, logo=None))  # the logo is an input file: its bytes are hashed


def _logo(site: Site) -> tuple[Path, ...]:
    return (site.look.logo,) if site.look.logo else ()


# --- Taking a section as it is -------------------------------------------------------------------

def restore(job: SectionJob, kept: Kept, last: dict[str, str], last_site: Path) -> SectionReport | None:
    """The section from the last site (when its key there is this one) or from the cache, with
    its search documents; None if it must be built."""
    key, documents = kept.key(_stage(job), job.inputs), kept.key(SEARCH_DOCUMENTS, job.inputs)
    built = job.workspace / "built"
    if job.slug and last.get(job.slug) == key and (last_site / job.slug).is_dir():
        if kept.restore(documents, built / "search") is not None:
            kept.mark_used(key)
            pages = _link_tree(last_site / job.slug, built / "site")
            return SectionReport(job.slug, pages=pages, came_from="the last site", key=key)
    files = kept.restore(key, built / "site")
    if files is None or kept.restore(documents, built / "search") is None:
        shutil.rmtree(built, ignore_errors=True)
        return None
    return SectionReport(job.slug, pages=sorted(name for name in files if name.endswith(".html")),
                         came_from="the cache", key=key)


def _link_tree(source: Path, target: Path) -> list[str]:
    """A folder of the last site linked into the new one (hard links: no copying); its pages."""
    shutil.copytree(source, target, copy_function=_link, symlinks=True)
    return sorted(path.relative_to(target).as_posix() for path in target.rglob("*.html"))


def _link(source: str, target: str) -> None:
    try:
        Path(target).hardlink_to(source)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


# --- Building one ---------------------------------------------------------------------------------

def build(job: SectionJob, kept: Kept) -> SectionReport:
    """A section built into job.workspace/built/site, its search documents into …/built/search, both
    kept. Runs wherever it is sent: it loads the authority again (from the kept model)."""
    report = SectionReport(job.slug, key=kept.key(_stage(job), job.inputs))
    used_before = set(kept.used)
    report.problems = kept.computing(_stage(job), job.inputs, lambda: _build(job, kept, report))
    built = job.workspace / "built"
    if not report.problems:
        report.pages = sorted(page.relative_to(built / "site").as_posix() for page in (built / "site").rglob("*.html"))
        drawn = kept.used - used_before
        kept.keep(report.key, built / "site", relies_on=drawn)
        kept.keep(kept.key(SEARCH_DOCUMENTS, job.inputs), built / "search")
    shutil.rmtree(job.workspace / "work", ignore_errors=True)
    return report


def _build(job: SectionJob, kept: Kept, report: SectionReport) -> list[Problem]:
    drawing = drawing_with(kept, current_renderer())
    try:
        with timed(report, "pages"):
            section = _root_section(job, drawing) if not job.slug else _authority_section(job, kept, drawing)
    except RenderError as error:  # over the renderer's time or memory limit, or a spec it refused
        return [problem("chart-failed", job.folder.as_posix() if job.folder else "site", error=str(error)[:500])]
    with timed(report, "site engine"):
        return through_the_engine(section, job.site.look, job.workspace, KeptTemplates(kept))


def through_the_engine(section: engine.Section, look: engine.Look, workspace: Path, templates=None) -> list[Problem]:
    """A section's pages through the site engine into workspace/built/site, finished (their HTML
    blocks, lifted before the engine, put back), and their search documents into workspace/built/search."""
    pages, blocks = finish.lift_pages(section.pages, look.abbreviations)
    built = workspace / "built"
    problems = engine.build_section(replace(section, pages=pages), look, workspace / "work", built / "site", templates)
    if not problems:
        finish.finish_pages(built / "site", blocks, built / "search", shared_assets=bool(section.name))
    return problems


def _authority_section(job: SectionJob, kept: Kept, drawing) -> engine.Section:
    authority, _ = published(job.folder, job.site.context.built_at, kept)
    context = job.site.context
    pages = authority_pages(authority, context, job.outline.summary, drawing)
    files = {**downloads.files(authority, job.outline.summary.statuses, context.mode),
             **paper_files(authority, context, job.outline.summary, drawing),
             **sitemaps.authority_files(job.site.look.site_url, authority.slug, pages)}
    return engine.Section(name=authority.slug, title=str(text(authority.name)), pages=pages, files=files,
                          nav_head=[{"Home": "../"}], nav_tail=[about_links("../")],
                          feed=(feed_path(authority.slug), str(text(f"{authority.name}: what changed"))))


def _root_section(job: SectionJob, drawing) -> engine.Section:
    found = list(job.site.found)
    pages = site_pages([o.summary for o in job.outlines], job.site.context, drawing, job.site.written)
    pages += compare.pages(found, job.site.context, drawing)
    listed = [{str(text(o.name)): f"{o.slug}/"} for o in job.outlines]
    files = {**compare.files(found),
             **sitemaps.root_files(job.site.look.site_url, pages, [outline.slug for outline in job.outlines])}
    return engine.Section(name="", title=job.site.look.site_name, pages=pages, files=files,
                          feed=(feed_path(ALL_FEED), f"{job.site.look.site_name}: what changed"),
                          nav_tail=[{"Authorities": listed}] if listed else [])


def _stage(job: SectionJob):
    return SECTION if job.slug else SITE_PAGES


def about_links(root: str) -> dict:
    return {"About this site": [{title: root + page_dir(path)} for title, path in ABOUT]}


# --- Putting the sections together ----------------------------------------------------------------

def assemble(workspace: Path, reports: list[SectionReport]) -> tuple[Path, list[Problem]]:
    """One site: the root's folder, with each authority's moved into its own; and a problem if any
    page a section made is not there (never publish fewer pages than were made)."""
    site = workspace / "site"
    (workspace / "_root" / "built" / "site").rename(site)
    for report in reports:
        if report.slug:
            (workspace / report.slug / "built" / "site").rename(site / report.slug)
    missing = [f"{report.slug}/{page}" if report.slug else page for report in reports for page in report.pages
               if not (site / report.slug / page).is_file()]
    return site, [problem("site-engine", "site",
                          what=f"{len(missing)} built page(s) are missing from the assembled site, e.g. {missing[0]}",
                          fix="Delete the cache folder (cache_dir in site.yml) and build again; please report this.")
                  ] if missing else []


@contextmanager
def timed(report: SectionReport, what: str):
    start = time.perf_counter()
    yield
    report.seconds[what] = report.seconds.get(what, 0.0) + time.perf_counter() - start


def section_summary(reports: list[SectionReport]) -> str:
    """Where the sections came from, and the processes' time per kind of work."""
    totals: dict[str, float] = {}
    for report in reports:
        for what, seconds in report.seconds.items():
            totals[what] = totals.get(what, 0.0) + seconds
    came = {where: sum(r.came_from == where for r in reports) for where in ("the last site", "the cache", "built")}
    spent = ", ".join(f"{what} {seconds:.1f} s" for what, seconds in totals.items()) or "nothing to build"
    return f"{came['built']} built, {came['the last site']} from the last site, {came['the cache']} from the cache; " \
           f"work in the sections: {spent}"
