"""The committee paper (issue 26), as an officer gets it from `journeys paper`: the PDF's text
and tags read back, the HTML page, drafts and embargoes, and mistakes in the options."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pikepdf
import pypdf
import pytest

from conftest import DEFAULT_TABLES, DOCUMENT, make_package
from journeys.build import pipeline
from journeys.build.config import load_config
from journeys.cli import main
from journeys.domain import summarise
from journeys.domain.ratings import rag_summary
from journeys.domain.reports import as_it_stood, changed_between, end_of, report_of
from journeys.model import load_authority
from journeys.outputs.drawing import Drawing
from journeys.outputs.page import PAPER_HTML, PAPER_PDF, SiteContext
from journeys.outputs.paper.on_site import paper_files
from journeys.outputs.changes import change_lines
from journeys.domain.disclosure import protect
from journeys.invocation import ENVIRONMENT
from journeys.outputs.wording import format_value

ROOT = Path(__file__).resolve().parent.parent
EMBARGOED = {"document_id": "doc-3", "date": "2049-01-12", "body": "Scrutiny Board (2)",
             "title": "Progress report for January 2049", "kind": "committee paper", "publish_after": "2049-01-12 10:00"}
UNTIL = "DRAFT: not for publication until 12 January 2049 10:00 (UK time)"


def site_yml(tmp_path: Path, data_dir: Path) -> Path:
    path = tmp_path / "site.yml"
    path.write_text(f"data_dir: {data_dir}\nsite_dir: {tmp_path / 'site'}\ncache_dir: {tmp_path / 'cache'}\n"
                    "paper:\n  committee: Education and Children's Services Scrutiny Board (2)\n", encoding="utf-8")
    return path


def paper(tmp_path: Path, data_dir: Path, *options: str) -> int:
    return main(["paper", *options, "--config", str(site_yml(tmp_path, data_dir)), "--out", str(tmp_path / "out")])


def pages_text(pdf: Path) -> list[str]:
    """Each page's text as a reader's tool extracts it, every run of white space one space."""
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages]


@pytest.fixture(scope="module")
def coventry(tmp_path_factory) -> tuple[Path, Path]:
    """The paper for Coventry as at 12 January 2017, since 14 December 2016: (PDF, HTML)."""
    tmp_path = tmp_path_factory.mktemp("coventry")
    assert paper(tmp_path, ROOT / "data", "coventry", "--as-at", "2017-01-12", "--since", "2016-12-14") == 0
    return tmp_path / "out" / "coventry-paper-2017-01-12.pdf", tmp_path / "out" / "coventry-paper-2017-01-12.html"


def test_coventrys_paper_holds_that_reports_ratings_figures_and_changes(coventry):
    """Read from the data through the domain, never written into the test."""
    words = " ".join(pages_text(coventry[0]))
    authority = protect(load_authority(ROOT / "data" / "coventry"))
    report, since = report_of(authority, "2017-01-12"), report_of(authority, "2016-12-14")
    stood = as_it_stood(authority, report.day)
    summary = summarise(stood, end_of(report.day))
    assert "Education and Children's Services Scrutiny Board (2)" in words and "12 January 2017" in words
    assert summary.as_at.label in words and " ".join(summary.as_at.paper.split()) in words
    ratings = rag_summary(stood)
    assert all(f"{c.count} {c.rating}" in words for c in ratings) if ratings else "No ratings published" in words
    figures = [s for s in summary.statuses if s.latest]
    assert len(figures) > 60
    for status in figures:
        ind = status.indicator
        assert f"{format_value(status.latest.number, ind['unit'], ind['decimals'])} ({status.latest.label})" in words
    changes = changed_between(stood, report, since)
    lines = [" ".join(line.split()) for report in changes for line in change_lines(report, escape=str)]
    assert len(lines) > 5 and all(line in words for line in lines)
    assert "Ofsted monitoring visit (help and protection)" in words  # dated November, first reported in January


def struct_elements(pdf: pikepdf.Pdf):
    """Every element of the tag tree, in reading order."""
    yield from below(pdf.Root.StructTreeRoot)


def below(element):
    """The element and everything under it, in reading order (depth first, children in order)."""
    stack = [element]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            yield node
            kids = node.get("/K")
            stack.extend(reversed(list(kids)) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else [])


def test_the_pdf_is_tagged_with_title_language_alternative_text_and_table_headers(coventry):
    with pikepdf.open(coventry[0]) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en-GB"
        assert str(pdf.docinfo.Title).startswith("Coventry City Council: children's services improvement")
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert 'pdfuaid:part="1"' in pdf.Root.Metadata.read_bytes().decode() or \
            "<pdfuaid:part>1</pdfuaid:part>" in pdf.Root.Metadata.read_bytes().decode()
        kinds = [str(element.get("/S")) for element in struct_elements(pdf)]
        figures = [element for element in struct_elements(pdf) if element.get("/S") == "/Figure"]
        tables = [element for element in struct_elements(pdf) if element.get("/S") == "/Table"]
    assert kinds.count("/H1") == 1 and "/H2" in kinds and kinds.index("/H1") < kinds.index("/H2")
    assert len(figures) > 60, "a sparkline per indicator with figures, and the charts"
    assert all(str(figure.get("/Alt", "")).strip() for figure in figures), "every picture has alternative text"
    assert tables and all(any(cell.get("/S") == "/TH" for cell in below(table)) for table in tables), \
        "every table has header cells"


def test_the_html_page_is_the_same_paper_and_loads_nothing(coventry):
    page = coventry[1].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in page
    assert not re.search(r'<(?:link|script|img|iframe)\b|\bsrc=|@import|url\((?!#)', page)
    assert page.count("<svg ") > 60 and "<th scope=\"col\">Indicator</th>" in page
    text = " ".join(re.sub(r"<svg.*?</svg>|<[^>]+>", " ", page, flags=re.S).replace("&#x27;", "'").split())
    words = " ".join(pages_text(coventry[0]))
    for line in re.findall(r"<li>([^<]+)</li>", page):
        assert " ".join(line.replace("&#x27;", "'").split()) in words, "the PDF says what the page says"
    assert "Ofsted monitoring visit (help and protection)" in text


def embargoed_package(tmp_path: Path) -> Path:
    return make_package(tmp_path, documents=DEFAULT_TABLES["documents"] + [EMBARGOED],
                        observations=DEFAULT_TABLES["observations"] + [
                            {"indicator_id": "re-referrals", "period": "2016-12", "value": "31.7",
                             "source": "doc-3", "source_section": "Appendix 1"}])


def test_a_draft_is_marked_on_every_page_and_without_draft_the_embargoed_figures_stay_out(tmp_path):
    folder = embargoed_package(tmp_path)
    assert paper(tmp_path, folder.parent, "demo", "--draft") == 0
    draft = pages_text(tmp_path / "out" / "demo-paper-2049-01-12-draft.pdf")
    assert len(draft) > 1 and all(UNTIL in page for page in draft)
    assert "31.7% (December 2016)" in " ".join(draft)
    assert UNTIL in (tmp_path / "out" / "demo-paper-2049-01-12-draft.html").read_text(encoding="utf-8")

    assert paper(tmp_path, folder.parent, "demo") == 0
    public = tmp_path / "out" / "demo-paper-2017-01-12"
    words = " ".join(pages_text(public.with_suffix(".pdf")))
    page = public.with_suffix(".html").read_text(encoding="utf-8")
    assert "DRAFT" not in words and "DRAFT" not in page
    assert "31.7" not in words and "31.7" not in page and "January 2049" not in words
    assert "22.5% (November 2016)" in words


@pytest.mark.parametrize("run", ["journeys", ".venv/bin/python build_site.py"])
def test_naming_an_embargoed_paper_without_draft_says_how_to_write_the_draft(tmp_path, capsys, monkeypatch, run):
    """The command to paste is the one the officer started, installed or in this repository."""
    monkeypatch.setenv(ENVIRONMENT, run)
    folder = embargoed_package(tmp_path)
    assert paper(tmp_path, folder.parent, "demo", "--as-at", "doc-3") == 1
    out = capsys.readouterr().out
    assert ('--as-at: "doc-3" is embargoed until 12 January 2049 10:00 (UK time). Add --draft to write the paper '
            f"before then: {run} paper demo --as-at doc-3 --draft") in out
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("options, said", [
    (["--as-at", "13/01/2017"], '--as-at: "13/01/2017" is neither a paper in documents.csv nor a day.'),
    (["--as-at", "2016-12-01", "--since", "doc-1"], '--since: "doc-1" is not before the report the paper is for'),
])
def test_a_mistake_in_the_options_is_a_problem_not_a_traceback(tmp_path, capsys, options, said):
    folder = make_package(tmp_path)
    assert paper(tmp_path, folder.parent, "demo", *options) == 1
    assert said in capsys.readouterr().out


MARKUP = '#set text(fill: red) <script>alert("x")</script> *not bold* $x$ #emph[y] ]'


def test_text_from_the_csvs_is_text_in_both_the_pdf_and_the_page(tmp_path):
    indicators = [dict(DEFAULT_TABLES["indicators"][0], title=MARKUP), DEFAULT_TABLES["indicators"][1]]
    folder = make_package(tmp_path, indicators=indicators)
    assert paper(tmp_path, folder.parent, "demo") == 0
    words = " ".join(pages_text(tmp_path / "out" / "demo-paper-2017-01-12.pdf"))
    assert " ".join(MARKUP.split()) in words
    page = (tmp_path / "out" / "demo-paper-2017-01-12.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_the_plan_actions_are_listed_by_rating_with_their_latest_evidence(tmp_path):
    folder = make_package(tmp_path)
    assert paper(tmp_path, folder.parent, "demo", "--since", "2016-10-13") == 0
    words = " ".join(pages_text(tmp_path / "out" / "demo-paper-2017-01-12.pdf"))
    assert "Plan actions by rating" in words and "Green (good progress)" in words
    assert "Open an early help hub" in words and "Review in March" in words
    assert re.search(r"Green good progress 0 1 up 1", words), "ratings now beside the previous report's"
    assert "Action 1 (Open an early help hub) moved forwards from Amber to Green" in words


def test_the_paper_for_a_report_leaves_out_later_papers(tmp_path):
    folder = make_package(tmp_path)
    authority = load_authority(folder)
    stood = as_it_stood(authority, pd.Timestamp("2016-12-31"))
    assert list(stood.table("documents")["document_id"]) == ["doc-2"]
    assert stood.table("observations").empty and stood.table("progress").empty


def site_with_papers(tmp_path: Path, on: bool, committee: str = ""):
    (tmp_path / "site.yml").write_text(f"data_dir: data\nsite_dir: site\ncache_dir: cache\n"
                                       f"paper:\n  on_site: {str(on).lower()}\n  committee: {committee}\n",
                                       encoding="utf-8")
    config, problems = load_config(tmp_path / "site.yml")
    assert problems == []
    return config


def test_switching_papers_on_or_changing_the_committee_rebuilds_the_sections_with_the_paper(tmp_path, capsys):
    """paper.on_site and paper.committee are part of each section's key (its SiteContext)."""
    now = pd.Timestamp("2026-11-01 09:00", tz="UTC").to_pydatetime()
    make_package(tmp_path)
    assert pipeline.build(site_with_papers(tmp_path, False), now) == 0
    section = tmp_path / "site" / "demo"
    assert not (section / "paper").exists() and "committee-paper" not in (section / "index.html").read_text()
    capsys.readouterr()

    assert pipeline.build(site_with_papers(tmp_path, True, "Scrutiny Board (2)"), now) == 0
    assert "2 built, 0 from the last site, 0 from the cache" in capsys.readouterr().out
    overview = (section / "index.html").read_text(encoding="utf-8")
    assert 'href="paper/committee-paper.pdf"' in overview and 'href="paper/committee-paper.html"' in overview
    assert "Scrutiny Board (2)" in " ".join(pages_text(section / PAPER_PDF))
    assert "Scrutiny Board (2)" in (section / PAPER_HTML).read_text(encoding="utf-8")

    assert pipeline.build(site_with_papers(tmp_path, True, "Corporate Parenting Panel"), now) == 0
    assert "2 built, 0 from the last site, 0 from the cache" in capsys.readouterr().out
    assert "Corporate Parenting Panel" in " ".join(pages_text(section / PAPER_PDF))

    assert pipeline.build(site_with_papers(tmp_path, True, "Corporate Parenting Panel"), now) == 0
    assert "0 built, 1 from the last site, 1 from the cache" in capsys.readouterr().out


def test_on_the_site_the_paper_page_links_a_chart_its_indicator_page_draws_the_same_and_draws_one_it_does_not(
        tmp_path):
    """The site's paper page does not hold the indicator page's drawing again; a chart that differs (a
    figure came after the report) is drawn into it. The command's page draws every chart."""
    worsening = [{"indicator_id": "re-referrals", "period": "2016-10", "value": "22.5", **DOCUMENT},
                 {"indicator_id": "re-referrals", "period": "2016-11", "value": "26.0", **DOCUMENT}]
    later = {"document_id": "doc-4", "date": "2017-02-20", "body": "Scrutiny Board (2)", "title": "Scorecard",
             "url": "https://example.org/papers/4"}
    since = [{"indicator_id": "re-referrals", "period": "2016-12", "value": "27.0", "source": "doc-4"}]
    for observations, documents, linked in ((worsening, [], True), (worsening + since, [later], False)):
        folder = make_package(tmp_path / str(linked), documents=DEFAULT_TABLES["documents"] + documents,
                              observations=observations)
        authority = protect(load_authority(folder))
        context = SiteContext(site_name="Journeys", mode="national", built_at=NOW, authorities=(), papers=True)
        page = paper_files(authority, context, summarise(authority, NOW), Drawing())[PAPER_HTML].decode("utf-8")
        charts = re.search(r'<section aria-labelledby="off-target">.*?</section>', page, re.S)[0]
        assert "Re-referrals within 12 months" in charts and "26.0%" in charts  # the summary, either way
        assert ('href="../indicators/re-referrals/"' in charts) is linked
        assert ("<svg" in charts) is not linked
        assert ("<svg" in page) and "26.0" in page  # the performance table's line of recent figures stays


NOW = pd.Timestamp("2026-11-01 09:00", tz="UTC").to_pydatetime()
