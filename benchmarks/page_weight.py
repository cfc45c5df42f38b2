"""What a reader's browser fetches, measured in headless Chromium against the built site.

    from benchmarks.page_weight import browser_figures
    browser_figures(Path("site"), Path("site/kent/indicators/x/index.html"), "return home interviews")

The browser decides what to fetch (stylesheets, scripts, images, fonts, workers, whatever a
script loads), so nothing is missed by reading the HTML by hand; each file fetched from the
site is then sized as a server would send it, gzip-compressed (level 6). Requests to any other
host are counted separately: the site must make none.
"""

from __future__ import annotations

import functools
import gzip
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def compressed_size(path: Path) -> int:
    """Bytes on the wire: files already gzipped (Pagefind's index, wasm) as they are, others gzipped."""
    data = path.read_bytes()
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, compresslevel=6, mtime=0))


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the table readable
        pass


def serve(site: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler) -> ThreadingHTTPServer:
    """The folder served by a thread on 127.0.0.1 and a free port (the benchmarks' one server)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def bytes_of(urls: list[str], site: Path, origin: str) -> tuple[int, int, int]:
    """Compressed bytes of the same-origin files requested, how many, and requests elsewhere."""
    local = {unquote(urlsplit(u).path) for u in urls if u.startswith(origin)}
    files = [site / (p.lstrip("/") + ("index.html" if p.endswith("/") else "")) for p in local]
    files = [f for f in files if f.is_file()]
    return sum(compressed_size(f) for f in files), len(files), sum(not u.startswith(origin) for u in urls)


def browser_figures(site: Path, page: Path | None, query: str) -> dict:
    """In headless Chromium: the indicator page's first load and a first search query."""
    from playwright.sync_api import sync_playwright
    server = serve(site)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    figures = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            if page is not None:
                figures["page"] = load_page(browser, f"{origin}/{page.relative_to(site).as_posix()}", site, origin)
            figures["search"] = first_search(browser, origin, site, query)
            browser.close()
    finally:
        server.shutdown()
    return figures


def load_page(browser, url: str, site: Path, origin: str) -> tuple[int, int, int]:
    """Everything the page fetches on first load, scrolled to the end so every chart shows."""
    context = browser.new_context()
    tab, urls = context.new_page(), []
    tab.on("request", lambda request: urls.append(request.url))
    tab.goto(url, wait_until="networkidle")
    tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    tab.wait_for_load_state("networkidle")
    context.close()
    return bytes_of(urls, site, origin)


def first_search(browser, origin: str, site: Path, query: str) -> tuple[int, int, int, int] | None:
    """What answering a first query costs, after the home page has loaded; and the results found.

    Pagefind: its own loader decides what to fetch (entry, wasm, meta, the index chunks for the
    query's words, then one fragment per result shown: the first five, as its UI shows them).
    Material's built-in search instead loads its whole index with the page (search_index.json).
    """
    if (site / "pagefind" / "pagefind.js").exists():
        context = browser.new_context()
        tab, urls = context.new_page(), []
        tab.goto(f"{origin}/", wait_until="networkidle")
        tab.on("request", lambda request: urls.append(request.url))
        found = tab.evaluate("""async (query) => {
            const pagefind = await import('/pagefind/pagefind.js');
            const search = await pagefind.search(query);
            await Promise.all(search.results.slice(0, 5).map(result => result.data()));
            return search.results.length;
        }""", query)
        context.close()
        return (*bytes_of(urls, site, origin), found)
    index = site / "search" / "search_index.json"
    if index.exists():  # results not counted: Material's search runs in its own worker
        files = [p for p in (site / "search").rglob("*") if p.is_file()]
        return sum(compressed_size(p) for p in files), len(files), 0, -1
    return None
