"""The site-wide pages: home, how to read the site, glossary, officers' guide, accessibility, search.

How to read the site and the accessibility statement are written by hand in docs/; the rest
is generated. Hand-written pages are ours, not data, so they are used as written.
"""

from __future__ import annotations

from dataclasses import replace
from importlib.resources import files
from pathlib import Path

from journeys.outputs.drawing import Drawing
from journeys.outputs.markup import Html, text
from journeys.outputs.page import ACCESSIBILITY, HOW_TO_READ, SEARCH, Page, SiteContext, href
from journeys.outputs.pages import glossary, guide, home
from journeys.outputs.pages.common import dates_line, make_page

ABOUT = "About this site"
DOCS = Path(str(files("journeys.docs")))  # docs/ in the repository, shipped in the package
HAND_WRITTEN = [(HOW_TO_READ, "How to read the site"), (ACCESSIBILITY, "Accessibility"),
                ("problems.md", "Problems the validator reports")]


def pages(summaries, context: SiteContext, drawing: Drawing) -> list[Page]:
    written = {path: hand_written(path, nav, context) for path, nav in HAND_WRITTEN if (DOCS / path).exists()}
    ordered = [home.page(summaries, context, drawing), written.get(HOW_TO_READ), glossary.page(glossary.load(), context),
               guide.page(context), written.get("problems.md"), written.get(ACCESSIBILITY), search_page(context)]
    return [page if page.path == "index.md" else replace(page, group=ABOUT) for page in ordered if page is not None]


def hand_written(path: str, nav_title: str, context: SiteContext) -> Page:
    """A page from docs/, its build date added under its heading."""
    source = (DOCS / path).read_text(encoding="utf-8")
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
