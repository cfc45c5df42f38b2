"""The data page: every table to download, the whole package, and the licence."""

from __future__ import annotations

from journeys.domain.dates import as_at
from journeys.model import Authority
from journeys.model.standard import table_schemas
from journeys.outputs.downloads import json_name, published_tables, scorecard_name, zip_name, zipped_only
from journeys.outputs.markup import Column, Html, anchor_id, bullet_list, definitions, internal_link, link, paragraph, table, text
from journeys.outputs.page import DATA, DOWNLOADS, Page, SiteContext, href, in_section
from journeys.outputs.pages.common import document_details, make_page, opening, papers, title_of

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
PAPERS = "papers"  # the anchor of the list of papers, which indicator pages link to


def page(authority: Authority, context: SiteContext) -> Page:
    title = title_of(authority, "data")
    here = in_section(authority.slug, DATA)
    get = lambda name: href(here, in_section(authority.slug, f"{DOWNLOADS}/{name}"))  # noqa: E731
    parts = [opening(title, context, as_at(authority, *authority.tables.values())),
             paragraph("Everything on these pages comes from the tables below. Download them to check a figure, "
                       "or to use the data yourself. Dates are written as ISO dates, as precise as the paper "
                       "gives them (2017-01-31, or 2017-01 for a month, 2017 for a year, undated for none); a "
                       "value may be a GSS symbol instead of a number (see how to read the site)."),
             whole_package(authority, get, zipped_only(context.mode)),
             tables_list(authority, None if zipped_only(context.mode) else get), papers_list(authority),
             licence(authority)]
    return make_page(DATA, title, "Data", parts)


def whole_package(authority: Authority, get, zip_alone: bool) -> Html:
    """The zip and the scorecard, and on one council's site the package description and the JSON
    beside them; on a national site the zip (journeys.outputs.downloads: the site's size), which says so."""
    whole = Html(f"{internal_link(get(zip_name(authority)), 'The whole data package (zip)')}: every table as CSV "
                 f"with its schema, ready for <code>frictionless validate</code>, and all tables as JSON "
                 f"(<code>{text(json_name(authority))}</code>)")
    scorecard = Html(f"{internal_link(get(scorecard_name(authority)), 'The indicators as a scorecard (Excel)')}: "
                     "indicators down, periods across, with each target and where the latest figure stands")
    if zip_alone:
        return Html("## The whole package {#package}\n\n" + bullet_list([whole, scorecard]) + "\n\n" + paragraph(
            "This site holds every authority's tables, so it publishes each authority's in this one zip file, "
            "a tenth of their size. Unzip it to open a table in a spreadsheet."))
    items = [
        whole,
        Html(f"{internal_link(get('datapackage.json'), 'datapackage.json')}: the package description with "
             "the schemas inlined, beside the CSV files below"),
        Html(f"{internal_link(get(json_name(authority)), 'All tables as JSON')}: each table's "
             "<code>columns</code> and its <code>rows</code>, in the order of its CSV file"),
        scorecard,
    ]
    return Html("## The whole package {#package}\n\n" + bullet_list(items))


def tables_list(authority: Authority, get) -> Html:
    """Each table: a link to its CSV file, or (`get` None: a national site) its name in the zip."""
    schemas = table_schemas()
    rows = [[internal_link(get(f"{name}.csv"), f"{name}.csv") if get else text(f"{name}.csv"),
             schemas[name].get("title", name), f"{len(authority.tables[name]):,}", schemas[name].get("description", "")]
            for name in published_tables(authority)]
    columns = [Column("File", row_header=True), Column("Table"), Column("Rows", numeric=True), Column("What it holds")]
    where = "" if get else paragraph("Each table is a CSV file in the zip above.") + "\n"
    # Without links in it (a national site), the table is a region the keyboard can focus, to scroll it.
    return Html("## Each table {#tables}\n\n" + where + table(f"{authority.name}: tables to download", columns, rows,
                                                                 "download-tables", region=not get))


def papers_list(authority: Authority) -> Html:
    """Every paper the figures come from, linked once here rather than from each row that names it
    (pages.common.Citations.named): its title, kind, committee and date as precise as it gives it."""
    items = [Html(f'<li id="{anchor_id(PAPERS, document_id)}" markdown="span">{link(row["url"], row["title"])}. '
                  f"{text(document_details(row))}</li>") for document_id, row in papers(authority).items()]
    if not items:
        return Html("")
    return Html(f"## The papers the figures come from {{#{PAPERS}}}\n\n"
                + paragraph("Each figure's page names its paper in words, and where in it; each is linked here.")
                + '\n<ul class="sources" markdown="1">\n' + "\n".join(items) + "\n</ul>\n")


def licence(authority: Authority) -> Html:
    name = authority.licence.get("title") or authority.licence.get("name") or "Open Government Licence v3.0"
    contact = authority.contact
    words = f"{contact.get('title', '')} {contact.get('email', '')}".strip()
    return Html("## Licence and contact {#licence}\n\n" + definitions([
        ("Licence", link(OGL, name) if authority.licence.get("name", "OGL-UK-3.0") == "OGL-UK-3.0" else text(name)),
        ("Contact", words or None),
    ]))
