"""axe-core on every page of an assembled site, for benchmarks/bench_engines.py --axe.

The site is served from a thread (as a host would serve it, under the path of the benchmark's
site_url, /journeys/, which the 404 page's links start from) and each page is opened in Debian's
chromium with axe-core added, checking WCAG 2.2 A and AA as tests/browser/test_accessibility.py
does. Returns the violations by rule, with the pages that have them.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from pathlib import Path

from benchmarks.page_weight import serve

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
RUN = "options => axe.run(document, options).then(results => results.violations.map(v => v.id + ' (' + v.impact + ')'))"


PREFIX = "journeys"  # the path of https://example.org/journeys/, the benchmark's site_url


def violations(site: Path) -> dict[str, list[str]]:
    """Each axe rule a page breaks, with the pages that break it."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    host = Path(tempfile.mkdtemp(prefix="bench-engines-host-"))
    (host / PREFIX).symlink_to(site.resolve(), target_is_directory=True)
    server = serve(host)
    found = defaultdict(list)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            context = browser.new_context()
            context.add_init_script(Axe().axe_script)
            page = context.new_page()
            for path in sorted(site.rglob("*.html")):
                address = path.relative_to(site).as_posix().removesuffix("index.html")
                page.goto(f"http://127.0.0.1:{server.server_port}/{PREFIX}/{address}")
                for rule in page.evaluate(RUN, OPTIONS):
                    found[rule].append(address or "/")
            browser.close()
    finally:
        server.shutdown()
        (host / PREFIX).unlink()
        host.rmdir()
    return dict(found)
