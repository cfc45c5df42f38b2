"""The search index: Pagefind, run over the whole built site once every build has finished.

Pagefind splits its index into chunks fetched as a query needs them, so the first search on a
national site stays small. Only each page's content (`data-pagefind-body`, set by the theme
override) is indexed: navigation, headers and footers are not. The index and Pagefind's
search script are written into the site's /pagefind/ folder and served with it.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from journeys.problems import Problem

INDEX_FOLDER = "pagefind"


def index_site(site: Path) -> list[Problem]:
    """Index every page of the built site into site/pagefind/."""
    try:
        # In a thread of its own: the caller may already be running an event loop (a browser
        # driver, a server), and asyncio.run() refuses to start a second one in that thread.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pages = pool.submit(asyncio.run, _index(site.resolve())).result()
    except Exception as error:  # the indexer is a separate program: report, don't crash the build
        return [_problem(f"the search indexer failed: {error}")]
    if pages == 0:
        return [_problem("the search indexer found no pages to index")]
    return []


async def _index(site: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(force_language="en", output_path=str(site / INDEX_FOLDER))
    async with PagefindIndex(config=config) as index:  # writes the index on leaving
        result = await index.add_directory(str(site))
    return int(result.get("page_count", 0))


def _problem(message: str) -> Problem:
    return Problem("search-index", "site", None, None, None, message,
                   "Check that Pagefind is installed: pip install 'pagefind[bin]'.")
