"""What the search indexer reads: each page's indexed content alone, at the page's own path."""

from __future__ import annotations

from journeys.outputs.finish import finish_pages
from journeys.outputs.search import BODY_END, BODY_START, search_document

PAGE = (f'<html><head><title>Kent</title></head><body><nav>Home · Plan · Indicators</nav>'
        f'<article>{BODY_START}<h1>Referrals</h1><p>Referrals fell.</p>'
        f'<div class="chart">chart</div>{BODY_END}</article><footer>Built today</footer></body></html>')


def test_a_search_document_is_the_page_content_alone():
    document = search_document(PAGE)
    assert BODY_START in document and "<h1>Referrals</h1><p>Referrals fell.</p>" in document
    assert "<nav>" not in document and "<footer>" not in document and "<title>" not in document
    assert document.count("<div") == document.count("</div>")


def test_pages_kept_out_of_search_have_no_document(tmp_path):
    built, documents = tmp_path / "site", tmp_path / "search"
    (built / "kent" / "referrals").mkdir(parents=True)
    (built / "kent" / "referrals" / "index.html").write_text(PAGE, encoding="utf-8")
    (built / "search").mkdir()
    (built / "search" / "index.html").write_text("<html><body><article>Search</article></body></html>")
    finish_pages(built, {}, documents)
    assert sorted(str(p.relative_to(documents)) for p in documents.rglob("*.html")) == ["kent/referrals/index.html"]


def test_a_search_document_holds_what_readers_search_for_not_every_figure():
    rows = "\n".join(f'<tr><th scope="row" data-pagefind-ignore="all">2016-{m:02d}</th>'
                     f'<td class="num" data-pagefind-ignore="all">{20 + m}.5</td><td>{"fewer than six" if m == 3 else ""}</td></tr>'
                     for m in range(1, 13))
    page = (f'<html><body><article>{BODY_START}<h1>Re-referrals (Kent)</h1>'
            '<dl class="facts"><dt>Latest figure</dt><dd>32.5% (December 2016)</dd></dl>'
            '<p>Definition: referrals within 12 months of a previous referral</p>'
            '<svg data-pagefind-ignore="all"><text>chart words</text></svg>'
            '<p class="table-caption" id="figures-table">Every figure</p>\n'
            f'<div class="table-wrap">\n<table aria-labelledby="figures-table">\n<tbody>\n{rows}\n</tbody>\n</table>\n</div>'
            '<ul class="sources"><li id="source-1">Source 1: Scorecard, March 2016</li></ul>'
            '<div class="table-wrap">\n<table aria-labelledby="meeting-table">\n<tbody>\n'
            '<tr><td data-pagefind-ignore="all">2016-07-21</td><td>Report progress in January</td></tr>\n'
            f'</tbody>\n</table>\n</div>{BODY_END}</article></body></html>')
    document = search_document(page)
    for wanted in ("Re-referrals (Kent)", "Latest figure", "32.5% (December 2016)", "referrals within 12 months",
                   "Report progress in January", "fewer than six"):
        assert wanted in document
    for unwanted in ("21.5", "23.5", "2016-03", "chart words", "2016-07-21", "<svg", "Scorecard"):
        assert unwanted not in document
    assert document.count("<tr>") == 2  # the row with a note, and the recommendation
    assert len(document) < len(page) / 3


def test_pages_without_figures_keep_their_sources_in_search():
    page = (f'<html><body><article>{BODY_START}<h1>Plan</h1>'
            f'<ul class="sources"><li id="source-1">Source 1: Improvement plan 2017</li></ul>{BODY_END}</article></body></html>')
    assert "Improvement plan 2017" in search_document(page)
