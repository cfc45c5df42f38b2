"""A page and where it sits: `Page`, what every page may read of the site (`SiteContext`), the
paths of an authority's pages within its section, and relative links between pages.

Nothing here knows about the site engine. Links between pages are relative directory URLs made
by `href()`, so they work wherever the site is hosted and whichever build made the target.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import datetime

from journeys.outputs.markup import Html


@dataclass(frozen=True)
class Page:
    path: str              # within its section, e.g. "indicators/re-referrals.md"
    title: Html            # the page's full title: its <h1>, its <title>
    nav_title: Html        # the short name in the navigation
    body: Html             # Markdown with HTML blocks, starting with the <h1>
    group: str | tuple | None = None  # pages sharing a group sit under one nav heading (a tuple: nested);
                                      # headings are markup, as the theme prints them: escape CSV text
    meta: dict = field(default_factory=dict)  # extra front matter, e.g. {"search": "exclude"}


@dataclass(frozen=True)
class Entry:
    """An authority as other sections link to it."""
    slug: str
    name: str


@dataclass(frozen=True)
class SiteContext:
    site_name: str
    mode: str                      # "national" or "single"
    built_at: datetime
    authorities: tuple[Entry, ...]
    compared: dict = field(default_factory=dict)  # (slug, indicator_id) -> render.compare.Compared (issue 7)
    papers: bool = False           # site.yml's paper.on_site: each overview links its committee paper (issue 26)
    committee: str = ""            # site.yml's paper.committee: on the paper's cover
    command: str = "journeys"      # what starts the tool where the site is built: the guide's commands begin so


# Where an authority's pages sit within its section (site/<slug>/…).
OVERVIEW, PLAN, INDICATORS, JOURNEY, SCRUTINY, DATA = (
    "index.md", "plan.md", "indicators/index.md", "journey.md", "scrutiny.md", "data.md")
DOWNLOADS = "downloads"
PAPER_PDF, PAPER_HTML = "paper/committee-paper.pdf", "paper/committee-paper.html"  # in the section, when on
HOME, GLOSSARY, HOW_TO_READ, GUIDE, PROBLEMS, ACCESSIBILITY, SEARCH = (
    "index.md", "glossary.md", "how-to-read.md", "officers-guide.md", "problems.md", "accessibility.md", "search.md")


def indicator_path(indicator_id: str) -> str:
    """indicators/<id>.md; ids are pattern-checked, but an id named 'index' must not clash."""
    safe = "".join(c if c.isalnum() or c in "._-" else "-" for c in indicator_id)
    return f"indicators/{safe if safe.lower() != 'index' else 'index-indicator'}.md"


def in_section(slug: str, path: str) -> str:
    """A section path as a site-level path: ('coventry', 'plan.md') -> 'coventry/plan.md'."""
    return f"{slug}/{path}" if slug else path


def page_dir(path: str) -> str:
    """The directory URL a source path is served at: plan.md -> plan/, a/index.md -> a/."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index" or stem.endswith("/index"):
        stem = stem[:-5]
    return stem if stem == "" or stem.endswith("/") else stem + "/"


def href(from_path: str, to_path: str, anchor: str = "") -> str:
    """A relative URL between two site-level paths ('coventry/plan.md', 'glossary.md',
    'coventry/downloads/actions.csv'). Pages are served as directories (use_directory_urls)."""
    here = page_dir(from_path)
    target = page_dir(to_path) if to_path.endswith(".md") else to_path
    relative = posixpath.relpath("/" + target, "/" + here) if target else posixpath.relpath("/", "/" + here)
    if to_path.endswith(".md"):
        relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{anchor}" if anchor else "")


FEEDS_DIR, ALL_FEED = "feeds", "all"


def feed_path(name: str) -> str:
    """Where a feed sits in the site: feeds/<slug>.xml, or feeds/all.xml for the whole site."""
    return f"{FEEDS_DIR}/{name}.xml"
