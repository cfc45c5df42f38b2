"""The committee paper tells the site's story (issue 26): for every figure, the paper's performance
table gives the latest figure, the standing against target and the direction the indicator page
gives, and its "What changed" names the same crossings as the overview's. Read from what each
output produces (the paper's HTML page and PDF text, the site's Markdown), over the histories of
tests/test_one_story.py, boundaries and suppression included."""

from __future__ import annotations

import html
import io
import re
from datetime import date

import pypdf
import pytest
from hypothesis import HealthCheck, event, given, settings

from journeys.domain.dates import latest_paper
from journeys.domain.reports import as_it_stood, previous_report, report_of
from journeys.model.periods import parse_period
from journeys.outputs.drawing import DRAWN, Drawing
from journeys.outputs.paper.compose import compose
from journeys.outputs.paper.html import paper_html
from journeys.outputs.paper.pdf import paper_pdf
from test_one_story import (INDICATOR, History, Said, context, crossing_lines, histories, in_what_changed,
                            main_series, make_authority, on_indicator_page, pages_of, published_figures)

BLANK = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'  # drawing is not what is compared
UNDRAWN = Drawing(keep=lambda kind, made_from, compute: BLANK if kind == DRAWN else compute())
WORDS = {"Met target": "met", "Within tolerance": "within tolerance", "Missed target": "missed"}


def the_report(authority):
    """The report a paper is written for: the histories' papers give no kind, so it is named, as
    `paper --as-at <document_id>` names it: the latest paper."""
    return report_of(authority, latest_paper(authority)["document_id"])


def the_paper(history: History):
    authority = make_authority(history)
    report = the_report(authority)
    stood = as_it_stood(authority, report.day)
    return authority, compose(stood, report, previous_report(stood, report.day), committee="", draft="",
                              drawing=UNDRAWN, today=date(2026, 11, 1))


def in_paper_page(page: str) -> tuple[str, Said]:
    """(latest figure, standing and direction) from the paper's performance table."""
    table = page.split('class="table-wrap performance"')[1].split("</table>")[0]
    row = re.search(r'<tr><th scope="row">.*?</tr>', table, re.S)[0]
    cells = [html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    latest, status, moved = cells[0], cells[3], cells[4].lower()
    return latest, Said(WORDS.get(status), None if moved.startswith("not enough") else moved)


def previous_day(authority) -> date:
    report = the_report(authority)
    since = previous_report(as_it_stood(authority, report.day), report.day)
    return since.day.date() if since else date.min


def site_latest(pages: dict[str, str]) -> str:
    page = pages[f"indicators/{INDICATOR}.md"]
    return re.search(r'<dt markdown="span">Latest figure</dt>\n<dd markdown="span">([^<]+)</dd>', page)[1]


def assert_same_story(history: History) -> str:
    authority, paper = the_paper(history)
    pages = pages_of(authority, context())
    page = html.unescape(paper_html(paper))
    latest, said = in_paper_page(paper_html(paper))
    assert said == on_indicator_page(pages), "standing and direction"
    assert latest == site_latest(pages), "latest figure"
    figures = main_series(published_figures(history))
    if not figures:
        return "no figures"
    month = figures[-1][0]
    changes = page.split('id="changes"')[1].split("</section>")[0]
    # The latest figure's crossing is news in the paper when its paper came after the previous report.
    reported = date.fromisoformat(f"{month[-7:]}-28")
    expected = in_what_changed(pages, month) if reported > previous_day(authority) else []
    assert crossing_lines(re.sub(r"<[^>]+>", " ", changes), month) == expected, "What changed"
    return f"{said.status}, {said.direction}"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_the_paper_gives_every_figure_the_standing_and_direction_the_site_gives(history):
    event(assert_same_story(history))


def test_the_pdf_says_what_the_paper_page_says():
    """The PDF shows the same content: its performance row and its changes, as a reader extracts them."""
    history = History("lower is better", 1, "22.0", "0.3", (("2016-11", "21.0", ""), ("2016-12", "22.3", "")))
    authority, paper = the_paper(history)
    words = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(paper_pdf(paper))).pages)
    latest, said = in_paper_page(paper_html(paper))
    assert said == Said("within tolerance", "worsening")
    assert f"{latest} 21.0% (November 2016) 22.0% (2016/17) Within tolerance Worsening" in words
    label = parse_period("2016-12").label
    assert crossing_lines(words, "2016-12") == [("within tolerance", "met")] and label in words


@pytest.mark.parametrize("history", [
    History("lower is better", 1, "22", "2", (("2016-11", "21.0", ""), ("2016-12", "<25", ""))),   # a bound
    History("lower is better", 1, "20-25", "", (("2016-11", "21.0", ""), ("2016-12", "24.0", ""))),  # a range
    History("lower is better", 1, "<20", "", (("2016-11", "21.0", ""), ("2016-12", "19.5", ""))),  # a strict target
], ids=["bound", "range", "strict"])
def test_the_paper_words_figures_and_targets_as_the_papers_state_them_as_the_indicator_page_does(history):
    """Its latest figure, target, standing and direction read as the indicator page's (issue 25, point 5)."""
    authority, paper = the_paper(history)
    page = paper_html(paper).split('class="table-wrap performance"')[1].split("</table>")[0]
    row = re.search(r'<tr><th scope="row">.*?</tr>', page, re.S)[0]
    cells = [html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    indicator = pages_of(authority, context())[f"indicators/{INDICATOR}.md"]
    facts = {name: html.unescape(re.sub(r"<[^>]+>", "", said)).strip() for name, said in
             re.findall(r'<dt markdown="span">([^<]+)</dt>\n<dd markdown="span">(.*?)</dd>', indicator, re.S)}
    assert (cells[0], cells[2], cells[3]) == (facts["Latest figure"], facts["Target"], facts["Against target"])
    assert facts["Since the previous figure"].lower().startswith(cells[4].lower())
