"""The officers' guide, generated from the data standard: every table and column as schemas/*.json
describe them, the national measures an indicator may claim, the GSS symbols, how to write periods,
and the inspection frameworks' grades."""

from __future__ import annotations

from journeys.measures import national_measures
from journeys.render import GUIDE, Page, SiteContext
from journeys.render.common import make_page, opening
from journeys.render.markup import Column, Html, bullet_list, heading, paragraph, table, text
from journeys.schemas import GSS_SYMBOLS, REQUIRED_TABLES, field_kind, frameworks, table_schemas
from journeys.vocabulary import PERIOD_KINDS

KIND_HINTS = {"date": "a date: 2017-01-31 (or 31/01/2017)", "date or month": "a date, or a month as 2014-03",
              "datetime": "a date, with a time if needed: 2017-01-12 10:00",
              "period": "a period (see Periods below)", "due": "a period, or 'ongoing'",
              "value": "a number, or a GSS symbol (see below)", "number": "a plain number",
              "identifier": "letters, digits, dots, hyphens and underscores", "integer": "a whole number",
              "boolean": "yes or no"}


def page(context: SiteContext) -> Page:
    title = text("Officers' guide to the data")
    parts = [opening(title, context, None),
             paragraph("Each authority keeps its journey as a folder of CSV files, one per table below, with a "
                       "datapackage.json that lists them. Only documents.csv is required: a package can start "
                       "with its plan alone. Check a package with: python build_site.py validate data/<name>."),
             *[table_section(name, schema) for name, schema in table_schemas().items()],
             measures(), symbols(), periods(), grades()]
    return make_page(GUIDE, title, "Officers' guide", parts)


def table_section(name: str, schema: dict) -> Html:
    rows = [[f["name"], f.get("title", ""), f.get("description", ""), _required(f), _allowed(f)]
            for f in schema["fields"]]
    columns = [Column("Column", row_header=True), Column("Title"), Column("What to write"), Column("Required"),
               Column("Allowed values")]
    need = "Required in every package." if name in REQUIRED_TABLES else "Optional."
    return Html(heading(2, f"{schema.get('title', name)} ({name}.csv)", f"table-{name}")
                + paragraph(f"{schema.get('description', '')} {need}")
                + table(f"The columns of {name}.csv, in order", columns, rows, f"columns-{name}"))


def _required(field: dict) -> str:
    return "Yes" if field.get("constraints", {}).get("required") else "No"


def _allowed(field: dict) -> str:
    constraints = field.get("constraints", {})
    if "enum" in constraints:
        return "; ".join(constraints["enum"])
    return KIND_HINTS.get(field_kind(field), "text")


def measures() -> Html:
    """The catalogue of national measures (schemas/vocabularies/national_measures.csv): the only
    codes indicators.csv's lait_code accepts, and what a claim must match."""
    rows = [[str(m.code), m.name, m.unit.capitalize(), m.polarity.capitalize()] for m in national_measures().values()]
    columns = [Column("LAIT code", row_header=True), Column("Measure"), Column("Unit"), Column("Which way is better")]
    return Html(heading(2, "National measures (lait_code)", "national-measures")
                + paragraph("An indicator defined exactly as one of the DfE's national measures names it in the "
                            "lait_code column of indicators.csv; the site then compares it with other authorities "
                            "that report the same measure. Only these codes are accepted, and the validator "
                            "refuses a claim whose unit or polarity differs or whose definition describes a "
                            "different measure (another timescale, say). If in doubt, leave lait_code empty.")
                + table("The national measures an indicator may claim", columns, rows, "national-measures-table"))


def symbols() -> Html:
    items = [text(f"{symbol}: {meaning}") for symbol, meaning in GSS_SYMBOLS.items()]
    return Html(heading(2, "Symbols instead of a value", "symbols")
                + paragraph("Where a paper gives no figure, write one of the Government Statistical Service "
                            "symbols, never a guess, a zero or an old-style symbol such as N/A, - or ..:")
                + bullet_list(items))


PERIOD_FORMS = [(kind.example, kind.meaning) for kind in PERIOD_KINDS.values()]


def periods() -> Html:
    rows = [[form, meaning] for form, meaning in PERIOD_FORMS]
    return Html(heading(2, "Periods", "periods")
                + paragraph("Write the period a figure covers the way the paper does, in one of these forms:")
                + table("How to write a period", [Column("Write", row_header=True), Column("For")], rows,
                        "periods-table"))


def grades() -> Html:
    rows = [[f["title"], f["from"], "; ".join(f["grades"]),
             "Yes" if f.get("overall_grade") == "required" else "No: sub-judgements only"]
            for f in frameworks().values()]
    columns = [Column("Framework", row_header=True), Column("From"), Column("Grades"), Column("Overall grade")]
    return Html(heading(2, "Inspection frameworks and their grades", "frameworks")
                + table("The grades each Ofsted framework allows", columns, rows, "frameworks-table"))
