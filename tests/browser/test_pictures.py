"""Charts and pictures on a phone: at 320 px their text stays 12 px or more, and a picture wider
than the column scrolls inside its own labelled region while the page itself does not."""

from __future__ import annotations

import pytest

from browser.test_accessibility import every_page

pytestmark = pytest.mark.browser

# For each drawing on the page: its name, the smallest text in it as drawn on screen (the font
# size times the drawing's scale), and whether a box narrower than it can be scrolled by keyboard.
DRAWINGS = """() => [...document.querySelectorAll('svg[role=img]')].map(svg => {
    const scale = svg.getScreenCTM().a;
    const sizes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
        .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    const box = svg.closest('.chart-scroll');
    const fits = svg.getBoundingClientRect().width <= svg.parentElement.clientWidth + 1;
    const name = document.getElementById(svg.getAttribute('aria-labelledby'));
    return {name: name ? name.textContent.trim() : '(no name)', texts: sizes.length,
            smallest: sizes.length ? Math.min(...sizes) : null,
            scrollable: fits || (box !== null && box.tabIndex === 0 && box.getAttribute('role') === 'region'
                                 && getComputedStyle(box).overflowX === 'auto')};
})"""


def test_at_320_pixels_every_drawing_keeps_its_text_at_12_pixels(visit, built_site):
    visit.page.set_viewport_size({"width": 320, "height": 800})
    drawn, problems = 0, []
    for path in every_page(built_site):
        page = visit.open(path)
        if page.evaluate("() => document.documentElement.scrollWidth") > 320:
            problems.append((path, "the page scrolls sideways"))
        for drawing in page.evaluate(DRAWINGS):
            drawn += drawing["texts"] > 0
            if drawing["smallest"] is not None and drawing["smallest"] < 11.99:
                problems.append((path, drawing["name"], f"text drawn at {drawing['smallest']:.1f} px"))
            if not drawing["scrollable"]:
                problems.append((path, drawing["name"], "wider than its column and cannot be scrolled"))
    assert drawn >= 5, "the site should have charts with text on several pages"
    assert problems == [], "\n".join(map(str, problems))
