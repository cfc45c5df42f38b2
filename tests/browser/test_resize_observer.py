"""Issue 12.15: in a browser without ResizeObserver, Material's bundle fetched a polyfill from
unpkg.com. The site ships its own, so no request leaves the site's host and the pages still work."""

from __future__ import annotations

import pytest

from browser.conftest import page_paths

pytestmark = pytest.mark.browser

PAGES = page_paths()
WITHOUT = "delete window.ResizeObserver; window.__native = typeof ResizeObserver;"


@pytest.mark.parametrize("name", ["home", "overview", "indicator", "plan"])
def test_no_request_leaves_the_host_without_resize_observer(visit, name):
    visit.page.add_init_script(WITHOUT)
    page = visit.open(PAGES[name])
    page.set_viewport_size({"width": 600, "height": 800})  # a resize, which Material observes
    page.wait_for_timeout(1200)
    assert page.evaluate("window.__native") == "undefined"  # the browser really lacked it
    assert page.evaluate("typeof ResizeObserver") == "function"  # ours, from the site itself
    assert [url for url in visit.requests if url.endswith("/assets/javascripts/resize-observer.js")]
    assert visit.foreign == [] and all(url.startswith(visit.base) for url in visit.requests)
    assert [error for error in visit.errors if "ResizeObserver" in error or "unpkg" in error] == []


def test_the_polyfill_reports_a_size_change(visit):
    visit.page.add_init_script(WITHOUT)
    page = visit.open(PAGES["home"])
    sizes = page.evaluate("""() => new Promise(resolve => {
        const box = document.createElement('div'); box.style.width = '100px'; document.body.appendChild(box);
        const seen = [];
        new ResizeObserver(entries => { seen.push(entries[0].contentRect.width);
            if (seen.length === 1) box.style.width = '250px'; else resolve(seen); }).observe(box);
        setTimeout(() => resolve(seen), 3000);
    })""")
    assert sizes == [100, 250]
