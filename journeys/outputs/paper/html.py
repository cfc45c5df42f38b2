"""The paper as one self-contained, print-ready HTML page: its CSS inlined, its charts inline SVG,
nothing loaded from anywhere. The same content as the PDF (content.Paper), every string escaped."""

from __future__ import annotations

from html import escape

from journeys.outputs import vega
from journeys.outputs.paper.content import ChangeGroup, ChartSection, IndicatorLine, Paper, Picture

CSS = """
@page { size: A4; margin: 18mm 16mm 18mm; }
@page wide { size: A4 landscape; }
:root { color: #0b0c0c; font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 16px; }
body { margin: 0 auto; max-width: 70rem; padding: 1rem; line-height: 1.45; overflow-wrap: anywhere; }
h1 { font-size: 2rem; margin: .3rem 0; } h2 { font-size: 1.5rem; margin-top: 2rem; } h3 { font-size: 1.2rem; }
a { color: #1d70b8; } .table-wrap:focus, a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.committee, .quiet { color: #505a5f; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
@media screen and (max-width: 40rem) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: .4rem; } }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; font-size: .9rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border: 1px solid #b1b4b6; padding: .3rem .4rem; text-align: left; vertical-align: top; }
thead th { background: #f3f2f1; }
td.number { text-align: right; }
.status-met { background: #cce2d8; } .status-within-tolerance { background: #fff7bf; } .status-missed { background: #f4cdc6; }
td svg { width: 8rem; height: auto; display: block; }
figure { margin: 1rem 0 2rem; } figure svg { max-width: 100%; height: auto; }
figcaption { margin-top: .4rem; }
.draft { border: 3px solid #942514; color: #942514; font-weight: bold; padding: .5rem .8rem; margin-bottom: 1rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
@media print {
  :root { font-size: 10pt; } body { max-width: none; padding: 0; }
  .performance { page: wide; } .chart-section { break-inside: avoid; }
  thead { display: table-header-group; } tr { break-inside: avoid; }
  .draft { position: fixed; top: 0; left: 0; right: 0; margin: 0; padding: .2rem .5rem; background: #fff; }
  .draft-space { height: 2.2rem; } a { color: #0b0c0c; }
}
"""


def t(value) -> str:
    """Text from the data as HTML text: escaped, quotes included (it may sit in an attribute)."""
    return escape(str(value), quote=True)


def paper_html(paper: Paper, drawn_at: dict[str, str] | None = None) -> str:
    """The whole page. `drawn_at`: indicator_id -> the link to a page that draws the same chart (on the
    site, its indicator page); such a chart is linked, not drawn again, and its summary kept."""
    cover = paper.cover
    draft = (f'<p class="draft" role="note">{t(cover.draft)}</p><div class="draft-space"></div>'
             if cover.draft else "")
    return (f'<!DOCTYPE html>\n<html lang="{t(paper.language)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{t(paper.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{draft}<main>\n"
            + cover_html(paper) + summary_html(paper) + changes_html(paper.changes, cover.since)
            + performance_html(paper) + charts_html(paper.charts, drawn_at or {}) + actions_html(paper)
            + sources_html(paper)
            + "</main>\n</body>\n</html>\n")


def facts(pairs) -> str:
    return '<dl class="facts">' + "".join(f"<dt>{t(term)}</dt><dd>{t(words)}</dd>" for term, words in pairs) + "</dl>\n"


def cover_html(paper: Paper) -> str:
    cover = paper.cover
    committee = f'<p class="committee">{t(cover.committee)}</p>\n' if cover.committee else ""
    return (f"<header>\n{committee}<h1>{t(cover.title)}</h1>\n<p>{t(cover.date)}</p>\n"
            + facts([("Report", cover.report or cover.date), ("Compared with", f"the previous report, {cover.since}"),
                      ("Figures as at", cover.as_at)])
            + f'<p class="quiet">{t(cover.made)} The figures are as the council papers of the time give them: '
              "a record of that time, not of current performance.</p>\n</header>\n")


def table(caption: str, header: list[str], rows: list[list[str]], css_class: str = "") -> str:
    """A table with a caption and column headers; each row's first cell is its row header. Cells are HTML."""
    head = "".join(f'<th scope="col">{t(name)}</th>' for name in header)
    body = "".join("<tr>" + "".join(f'<th scope="row">{cells[0]}</th>' if i == 0 else cells[i]
                                    for i in range(len(cells))) + "</tr>\n" for cells in rows)
    # A wide table scrolls within its region, which the keyboard must reach too (tabindex) and which is named.
    return (f'<div class="table-wrap {css_class}" role="region" aria-label="{t(caption)}" tabindex="0"><table>\n'
            f'<caption>{t(caption)}</caption>\n<thead><tr>{head}</tr>'
            f"</thead>\n<tbody>\n{body}</tbody>\n</table></div>\n")


def td(value, css_class: str = "") -> str:
    return f'<td class="{css_class}">{t(value)}</td>' if css_class else f"<td>{t(value)}</td>"


def summary_html(paper: Paper) -> str:
    parts = ['<section aria-labelledby="summary">\n<h2 id="summary">Summary</h2>\n',
             facts([(f.term, f.words) for f in paper.summary])]
    if paper.ratings:
        rows = [[t(r.rating), td(r.meaning), td("Not known" if r.before is None else r.before, "number"),
                 td(r.now, "number"), td(r.change)] for r in paper.ratings]
        parts.append(table(f"Plan actions by rating, now and at the previous report ({paper.cover.since})",
                           ["Rating", "Meaning", "Previous report", "Now", "Change"], rows))
    parts += [f"<p>{t(note)}</p>\n" for note in paper.ratings_notes]
    return "".join(parts) + "</section>\n"


def changes_html(groups: tuple[ChangeGroup, ...], since: str) -> str:
    parts = ['<section aria-labelledby="changes">\n<h2 id="changes">What changed since the previous report</h2>\n']
    if not groups:
        parts.append(f"<p>No changes reported since the previous report ({t(since)}).</p>\n")
    for group in groups:
        parts.append(f"<h3>{t(group.heading)}</h3>\n<ul>" + "".join(f"<li>{t(line)}</li>" for line in group.lines)
                     + "</ul>\n")
    return "".join(parts) + "</section>\n"


def inline_svg(picture: Picture, key: str, labelled_by: str) -> str:
    """The drawing named by a heading or a cell and described by its summary, ids made unique."""
    described = f"{key}-alt"
    svg = vega.embed_svg(picture.svg, key, labelled_by, described)
    return svg + f'<span class="visually-hidden" id="{described}">{t(picture.alt)}</span>'


def performance_html(paper: Paper) -> str:
    rows = [_indicator_row(number, line) for number, line in enumerate(paper.indicators)]
    header = ["Indicator", "Latest", "Previous", "Target", "Status", "Direction", "Comparators", "Recent figures",
              "Source"]
    lead = (f"<p>{t(paper.indicators_summary)} Each line of recent figures shows the indicator's latest figures of "
            "its main kind of period; the dashed line is its target.</p>\n")
    body = table("Every indicator: where it stands against its target, and which way it is moving", header, rows,
                 "performance") if rows else ""
    return f'<section aria-labelledby="performance">\n<h2 id="performance">Performance</h2>\n{lead}{body}</section>\n'


def _indicator_row(number: int, line: IndicatorLine) -> list[str]:
    name = f"indicator-{number}"
    status_class = "status-" + line.status_key.replace(" ", "-") if line.status_key else ""
    spark = (f"<td>{inline_svg(line.sparkline, f'spark-{number}', name)}</td>" if line.sparkline
             else td("None"))
    return [f'<span id="{name}">{t(line.title)}</span>', td(line.latest), td(line.previous), td(line.target),
            td(line.status, status_class), td(line.direction), td(line.comparators), spark, td(line.source)]


def charts_html(sections: tuple[ChartSection, ...], drawn_at: dict[str, str]) -> str:
    if not sections:
        return ""
    parts = ['<section aria-labelledby="off-target">\n<h2 id="off-target">Indicators off target or worsening</h2>\n']
    for number, chart in enumerate(sections):
        heading = f"chart-{number}-heading"
        parts.append(f'<div class="chart-section"><h3 id="{heading}">{t(chart.title)}</h3>\n'
                     f'<p class="quiet">{t(chart.why)}.</p>\n' + chart_html(chart, number, heading, drawn_at)
                     + "</div>\n")
    return "".join(parts) + "</section>\n"


def chart_html(chart: ChartSection, number: int, heading: str, drawn_at: dict[str, str]) -> str:
    """The chart drawn with its summary as caption; or, where a page of the site draws the same, the
    summary and a link to it (the PDF beside this page draws it too)."""
    summary = f"chart-{number}-summary"
    if chart.indicator_id in drawn_at:
        return (f'<p id="{summary}">{t(chart.picture.alt)}</p>\n<p><a href="{t(drawn_at[chart.indicator_id])}">'
                f"The chart of {t(chart.title)}</a> is on the indicator's page, and in the PDF.</p>\n")
    return ("<figure>" + vega.embed_svg(chart.picture.svg, f"chart-{number}", heading, summary)
            + f'<figcaption id="{summary}">{t(chart.picture.alt)}</figcaption></figure>\n')


def actions_html(paper: Paper) -> str:
    if not paper.actions:
        return ""
    parts = ['<section aria-labelledby="actions">\n<h2 id="actions">Plan actions by rating</h2>\n']
    for group in paper.actions:
        meaning = f" ({group.meaning})" if group.meaning else ""
        rows = [[t(a.action_id), td(a.action), td(a.reported), td(a.evidence), td(a.next_steps), td(a.source)]
                for a in group.actions]
        parts.append(f"<h3>{t(group.rating + meaning)}</h3>\n"
                     + table(f"Actions rated {group.rating}, with the evidence of their latest report",
                             ["Action", "What", "Reported", "Evidence", "Next steps", "Source"], rows))
    return "".join(parts) + "</section>\n"


def sources_html(paper: Paper) -> str:
    items = []
    for source in paper.sources:
        title = (f'<a href="{t(source.url)}">{t(source.title)}</a>' if source.url.startswith(("https://", "http://"))
                 else t(source.title))
        cited = f" Cited for: {t('; '.join(source.locators))}." if source.locators else ""
        items.append(f'<li id="source-{source.number}">{title}. {t(source.details)}{cited}</li>')
    body = "<ol>" + "".join(items) + "</ol>\n" if items else "<p>No papers are cited.</p>\n"
    return f'<section aria-labelledby="sources">\n<h2 id="sources">Sources</h2>\n{body}</section>\n'
