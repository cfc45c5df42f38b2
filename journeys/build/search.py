"""The search index: Pagefind, given each section's search documents (journeys.outputs.search).

Pagefind splits its index into chunks fetched as a query needs them, so the first search on a
national site stays small. The index and Pagefind's search script are written into the site's
/pagefind/ folder and served with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from journeys.model.problems import Problem, problem

INDEX_FOLDER = "pagefind"


def index_site(out: Path, documents: Path | Iterable[Path]) -> list[Problem]:
    """Index folders of search documents, each laid out as the site is below its root, into the
    folder out (the site's /pagefind/). `documents` may be an iterator that waits for a folder
    to be ready: Pagefind, a process of its own, indexes each folder as it comes."""
    folders = iter([documents] if isinstance(documents, Path) else documents)
    try:
        # In a thread of its own: the caller may already be running an event loop (a browser
        # driver, a server), and asyncio.run() refuses to start a second one in that thread.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pages = pool.submit(_run, folders, out.resolve()).result()
    except Exception as error:  # the indexer is a separate program: report, don't crash the build
        for _ in folders:  # let a producer waiting to hand over a folder go on
            pass
        return [_problem(f"the search indexer failed: {error}")]
    if pages == 0:
        return [_problem("the search indexer found no pages to index")]
    return []


def _run(folders: Iterator[Path], out: Path) -> int:
    import asyncio  # Pagefind's client is asynchronous; only a build that indexes loads it

    return asyncio.run(_index(folders, out))


async def _index(folders: Iterator[Path], out: Path) -> int:
    import asyncio

    from pagefind.index import IndexConfig, PagefindIndex

    loop, pages = asyncio.get_running_loop(), 0
    config = IndexConfig(force_language="en", output_path=str(out))
    async with PagefindIndex(config=config) as index:  # writes the index on leaving
        while (folder := await loop.run_in_executor(None, next, folders, None)) is not None:
            result = await index.add_directory(str(folder.resolve()))
            pages += int(result.get("page_count", 0))
    return pages


def _problem(message: str) -> Problem:
    return problem("search-index", "site", what=message,
                   fix="Check that Pagefind is installed: pip install 'pagefind[bin]'.")
