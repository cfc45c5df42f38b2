"""What the search indexer reads: each page's indexed content alone, at the page's own path."""

from __future__ import annotations

from journeys.search import BODY_END, BODY_START, search_document, write_search_documents

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
    write_search_documents(built, documents)
    assert sorted(str(p.relative_to(documents)) for p in documents.rglob("*.html")) == ["kent/referrals/index.html"]
