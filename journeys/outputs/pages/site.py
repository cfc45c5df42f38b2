"""The site-wide pages: home, how to read the site, glossary, officers' guide, problems, accessibility, search.

How to read the site and the accessibility statement are written by hand: the tool ships its
own (docs/ here, journeys.docs installed), and a site may replace them with its own (site.yml's
docs_dir: a council completes the accessibility statement's template). The rest is generated.
Hand-written pages are the site's, not data, so they are used as written.
"""

from __future__ import annotations

from dataclasses import replace
from importlib.resources import files
from pathlib import Path

from journeys.model.problems import catalogue_markdown
from journeys.outputs.drawing import Drawing
from journeys.outputs.markup import Html, text
from journeys.outputs.page import ACCESSIBILITY, HOW_TO_READ, PROBLEMS, SEARCH, Page, SiteContext, href
from journeys.outputs.pages import glossary, guide, home
from journeys.outputs.pages.common import dates_line, make_page

ABOUT = "About this site"
DOCS = Path(str(files("journeys.docs")))  # docs/ in the repository, shipped in the package
HAND_WRITTEN = {HOW_TO_READ: "How to read the site", ACCESSIBILITY: "Accessibility"}


def default_pages() -> dict[str, str]:
    """The tool's own hand-written pages, by path: what a site uses where it has none of its own."""
    return {path: (DOCS / path).read_text(encoding="utf-8") for path in HAND_WRITTEN}


def pages(summaries, context: SiteContext, drawing: Drawing, written: dict[str, str] | None = None) -> list[Page]:
    """`written`: the hand-written pages' Markdown by path (default_pages() when not given)."""
    sources = written if written is not None else default_pages()
    own = {path: hand_written(path, HAND_WRITTEN[path], sources[path], context) for path in HAND_WRITTEN}
    ordered = [home.page(summaries, context, drawing), own[HOW_TO_READ], glossary.page(glossary.load(), context),
               guide.page(context), problems_page(context), own[ACCESSIBILITY], search_page(context)]
    return [page if page.path == "index.md" else replace(page, group=ABOUT) for page in ordered]


def problems_page(context: SiteContext) -> Page:
    """Every problem the validator reports, its commands as they are typed where this site is built."""
    return hand_written(PROBLEMS, "Problems the validator reports", catalogue_markdown(context.command), context)


def hand_written(path: str, nav_title: str, source: str, context: SiteContext) -> Page:
    """A page written in Markdown, its build date added under its heading."""
    first, _, rest = source.partition("\n")
    title = first.lstrip("# ").strip() if first.startswith("# ") else nav_title
    body = f"# {title}\n\n{dates_line(context.built_at, None)}\n{rest}"
    return Page(path=path, title=text(title), nav_title=text(nav_title), body=Html(body))


def search_page(context: SiteContext) -> Page:
    """Results come from the Pagefind index of the built site, drawn by our own script as text."""
    script = href(SEARCH, "assets/javascripts/search.js")
    body = Html(f"""# Search

{dates_line(context.built_at, None)}

<form class="search-page" role="search" aria-label="Search this site" action="./" method="get">
<label for="search-query">Words to look for in plans, actions, indicators and findings</label>
<input type="search" id="search-query" name="q" autocomplete="off">
<button type="submit" class="md-button md-button--primary">Search</button>
</form>

<p id="search-status" role="status" aria-live="polite"></p>

<ol id="search-results" class="search-results"></ol>

<noscript><p>Search needs JavaScript. Every authority's pages can be reached from the home page.</p></noscript>

<script src="{script}" defer></script>
""")
    return make_page(SEARCH, text("Search"), "Search", [body], meta={"search_exclude": True})
