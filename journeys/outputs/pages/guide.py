"""The officers' guide, generated from the data standard: every table and column as schemas/*.json
describe them, the national measures an indicator may claim, the GSS symbols, how to write periods,
and the inspection frameworks' grades."""

from __future__ import annotations

from journeys.domain.measures import national_measures
from journeys.model.standard import (
    GSS_SYMBOLS,
    REQUIRED_TABLES,
    field_kind,
    framework_vocabulary,
    frameworks,
    standard_name,
    table_schemas,
)
from journeys.model.vocabulary import EARLIEST_YEAR, LATEST_YEAR, PERIOD_KINDS
from journeys.outputs.markup import Column, Html, bullet_list, heading, paragraph, table, text
from journeys.outputs.page import GUIDE, Page, SiteContext
from journeys.outputs.pages.common import make_page, opening

KIND_HINTS = {"date": "a date: 2017-01-31 (or 31/01/2017)",
              "date or month": "a date, a month as 2014-03, or a year as 2010",
              "date or undated": "a date, a month as 2021-03, a year as 2021, or undated",
              "datetime": "a date, with a time if needed: 2017-01-12 10:00",
              "period": "a period (see Periods below)", "due": "a period, or 'ongoing'",
              "value": "a number, or a GSS symbol (see below)", "number": "a plain number",
              "figure": "a number, a bound, a change or a GSS symbol (see Figures as the paper states them)",
              "target": "a number, a strict target or a range (see Figures as the paper states them)",
              "stated period": "a period (see Periods below), but not unstated",
              "identifier": "letters, digits, dots, hyphens and underscores", "integer": "a whole number",
              "boolean": "yes or no"}


def page(context: SiteContext) -> Page:
    title = text("Officers' guide to the data")
    parts = [opening(title, context, None),
             paragraph("Each authority keeps its journey as a folder of CSV files, one per table below, with a "
                       "datapackage.json that lists them and names the version of this data standard it follows, "
                       f'"standard": "{standard_name()}". Only documents.csv is required: a package can start '
                       f"with its plan alone. Check a package with: {context.command} validate data/<name>."),
             *[table_section(name, schema) for name, schema in table_schemas().items()],
             measures(), symbols(), as_stated(), periods(), dates(), grades(), commands(context.command),
             worked_example(context.command)]
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
    allowed = KIND_HINTS.get(field_kind(field), "text")
    limit = constraints.get("maxLength")
    return f"{allowed}, up to {limit:,} characters" if limit else allowed


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


# Figures and targets as the papers state them (journeys.model.values): (write, for what the paper says).
STATED_FORMS = [
    (">200", "a bound: 'over 200' (>=200 at least 200); the site shows 'more than 200'"),
    ("<100", "a bound: 'fewer than 100' (<=100 at most 100). A count of children bounded at 5 or under is "
             "written c"),
    ("change -28", "a change with no level: 'fell by 28' (change +29: 'rose by 29'); the site shows 'down 28'"),
    ("unstated 2018-09", "in the period column: a figure whose period the paper does not state, at the paper's "
                         "date (see Periods)"),
    ("<20 or >90", "in targets.csv: a strict target, 'below 20' or 'above 90' (<=45 and >=95: at most, at least)"),
    ("20-25", "in targets.csv: a range, 'between 20 and 25' (Coventry's caseload standards), smaller first"),
    ("close to target", "in indicators.csv's polarity: the nearer the target the better (Kent's scorecards)"),
    ("(meaning left empty)", "in rag_scale.csv: a rating the papers use without publishing its meaning, such as "
                             "'Amber E'; the site shows it as given, with 'meaning not published'"),
]


def as_stated() -> Html:
    rows = [[form, meaning] for form, meaning in STATED_FORMS]
    return Html(heading(2, "Figures as the paper states them", "as-stated")
                + paragraph("Record what the paper says, never a figure rounded into something it does not say. "
                            "A bound or a change is shown as the paper words it and never drawn or compared as a "
                            "plain figure: a bound says whether a target is met only when every figure it allows "
                            "would say the same, and a change has no level at all. A figure whose period is not "
                            "stated is shown, never drawn. Charts, comparisons and summaries say what they leave "
                            "out. Say in the note what the paper printed.")
                + table("How to write a figure or a target as the paper states it",
                        [Column("Write", row_header=True), Column("For")], rows, "as-stated-table"))


PERIOD_FORMS = [(kind.example, kind.meaning) for kind in PERIOD_KINDS.values()]


def periods() -> Html:
    rows = [[form, meaning] for form, meaning in PERIOD_FORMS]
    return Html(heading(2, "Periods", "periods")
                + paragraph("Write the period a figure covers the way the paper does, in one of these forms:")
                + table("How to write a period", [Column("Write", row_header=True), Column("For")], rows,
                        "periods-table"))


def grades() -> Html:
    rows = [[f["title"], f["id"], f["from"], "; ".join(f.get("judgements", [])), "; ".join(f["grades"]),
             "Yes" if f.get("overall_grade") == "required" else "No: sub-judgements only"]
            for f in frameworks().values()]
    columns = [Column("Framework", row_header=True), Column("Write in milestones.csv"), Column("From"),
               Column("Judgements (write the name in full)"), Column("Grades"), Column("Overall grade")]
    vocabulary = framework_vocabulary()
    short_forms = {**vocabulary.get("grade_aliases", {}), **vocabulary.get("judgement_aliases", {})}
    aliases = [text(f"{short}: write {full}") for short, full in short_forms.items()]
    return Html(heading(2, "Inspection frameworks, their judgements and grades", "frameworks")
                + table("The judgements and grades each Ofsted framework allows", columns, rows, "frameworks-table")
                + paragraph("Papers shorten the names of judgements and grades. Write the full name Ofsted uses; "
                            "the validator suggests it for these short forms:")
                + bullet_list(aliases))


def dates() -> Html:
    return Html(heading(2, "Dates as precise as the paper", "dates")
                + paragraph("Write a date exactly as precisely as the paper gives it, and never invent a day: a "
                            "day as 2019-03-14, a month as 2019-03, a year as 2019. A paper or web page with no "
                            "date at all is dated undated in documents.csv, with the day you read it under "
                            "accessed. The site shows 'March 2019' for a month, never '1 March 2019'. Say in the "
                            "note column when a date is uncertain, planned, or given differently by two papers. "
                            f"Years run from {EARLIEST_YEAR} to {LATEST_YEAR}: a placeholder such as 0001-01-01 "
                            "is not a date."))


COMMANDS = [
    ("validate data/<name>", "check a package and list every problem, with what to write instead"),
    ("new <name> --name ... --gss ... --dfe ...",
     "start a package: every table an empty CSV with its header; then replace the contact's placeholder email"),
    ("add-table data/<name> <table>",
     "add one table to an existing package: writes its CSV header and lists it in datapackage.json (never edit "
     "the JSON by hand)"),
    ("import-xlsx data/kent data/kent/imports/scorecard-2012-13.xlsx",
     "import the figures, targets and comparators of a scorecard kept in Excel; the first import of a workbook "
     "drafts its mapping (imports/<workbook>.yml) to check; a changed published figure needs --replace; nothing "
     "is written unless the whole import is clean"),
    ("update-description data/<name>",
     "bring datapackage.json's \"as at\" up to the latest paper (import-xlsx does this itself)"),
    ("paper data/<name>",
     "write the committee paper for the latest report, as a PDF and a web page, into papers/: the figures, "
     "ratings and changes the site shows. Add --as-at 2017-01-12 (a day, or a document_id) for another report, "
     "--since for the report to compare with (the one before, if not given), and --draft to include papers "
     "still under embargo: every page then says DRAFT: not for publication until the embargo ends"),
    ("serve", "preview the site, rebuilt whenever a file changes"),
]


def command_lines(run: str) -> list[tuple[str, str]]:
    """The officers' commands as they are typed where the site is built, e.g. 'journeys validate data/<name>'."""
    return [(f"{run} {command}", what) for command, what in COMMANDS]


def commands(run: str) -> Html:
    rows = [[command, what] for command, what in command_lines(run)]
    return Html(heading(2, "Commands", "commands")
                + table("The commands an officer uses", [Column("Run", row_header=True), Column("What it does")],
                        rows, "commands-table")
                + paragraph(WORKBOOKS))


WORKBOOKS = ("Importing a scorecard: the workbook may have periods across (Nov 2016, Apr-16, 2016/17, "
             "2016/17 Q2, Q2 16/17, YTD, or Excel dates) or one row per figure; headings merged over several "
             "rows; percentages as Excel shows them (0.0%); a rating as a word or only as a cell's colour (say "
             "in the mapping's colours: which colour means which rating). Hidden rows and columns are not "
             "imported, and are listed. A cell holding *, n/a or - needs the mapping's symbols: to say which GSS "
             "symbol it means; a formula must have been calculated and saved by Excel. Every problem names the "
             "workbook, the sheet and the cell.")


# The worked example the guide shows, and tests/test_guide_example.py runs against a copy of a
# shipped package: a board update known only by its month, added to an existing authority.
BOARD = "Children's Services Improvement Board"
WORKED_EXAMPLE = {
    "package": "leicestershire",
    "documents": {"document_id": "leics-board-2019-03", "date": "2019-03", "body": BOARD,
                  "title": "Improvement board update, March 2019", "url": "", "publish_after": "",
                  "kind": "board update", "accessed": "",
                  "note": "The update gives the month of the meeting but not its day."},
    "milestones": {"milestone_id": "board-2019-03", "kind": "improvement board", "date": "2019-03", "end_date": "",
                   "published": "", "framework": "", "title": "Improvement board update",
                   "summary": "The board reviewed progress against the Ofsted recommendations.",
                   "source": "leics-board-2019-03", "source_section": "Key messages",
                   "note": "Dated by month only, as the paper gives it."},
    "board_updates": [
        {"message_id": "board-2019-03-1", "date": "2019-03", "board": BOARD, "milestone_id": "board-2019-03",
         "kind": "key message", "message": "Actions on track", "source": "leics-board-2019-03",
         "source_section": "Key messages", "note": ""},
        {"message_id": "board-2019-03-2", "date": "2019-03", "board": BOARD, "milestone_id": "board-2019-03",
         "kind": "risk", "message": "Capacity to manage early help", "source": "leics-board-2019-03",
         "source_section": "Key risks", "note": ""},
    ],
    "description": ("Historical: Leicestershire's progress against the 17 recommendations of Ofsted's November "
                    "2016 inspection, from the progress report to the Children and Families Overview and Scrutiny "
                    "Committee of 5 November 2018 and the improvement board update of March 2019; as at March 2019."),
}


def _csv_line(row: dict) -> str:
    """The row as it would appear in the CSV file, quoted where a cell holds a comma."""
    import csv
    import io
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row.values())
    return out.getvalue()


def worked_example(run: str) -> Html:
    package = WORKED_EXAMPLE["package"]
    folder = f"data/{package}"
    steps = [text(f"Add a row to {folder}/documents.csv for the paper. Its date is the month, 2019-03 (never an "
                  "invented day); its kind is board update; the note says the day is not given:"),
             text(_csv_line(WORKED_EXAMPLE["documents"])),
             text(f"Add a row to {folder}/milestones.csv for the board meeting, also dated 2019-03, citing the "
                  "paper by its document_id:"),
             text(_csv_line(WORKED_EXAMPLE["milestones"])),
             text(f"The package has no board_updates table yet. Add it with: {run} add-table {folder} "
                  "board_updates (it writes the CSV's header and lists the table in datapackage.json)."),
             text(f"Add the update's messages to {folder}/board_updates.csv, one a row, each with its kind:"),
             *[text(_csv_line(row)) for row in WORKED_EXAMPLE["board_updates"]],
             text(f"Run {run} validate {folder}. It reports that the package's description still "
                  "says 'as at 5 November 2018', older than the new paper. Update the description in "
                  "datapackage.json so it names the new paper and its date:"),
             text(WORKED_EXAMPLE["description"]),
             text(f"Run {run} validate {folder} again: no problems. The overview now shows the "
                  "latest improvement board update, March 2019, with its key message and its risk; the journey "
                  "shows 'March 2019: Improvement board update' with its note; and the figures are 'as at March "
                  "2019', naming the paper.")]
    return Html(heading(2, "Worked example: a board update dated only by its month", "worked-example")
                + bullet_list(steps, "worked-example"))
