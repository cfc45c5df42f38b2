"""The catalogue of problems: every kind of problem the tool can report, by a stable slug, with a
message template (what is wrong) and a hint template (what to write instead). docs/problems.md is
rendered from it (`python -m journeys.checks > docs/problems.md`); a test keeps the two in step,
and another makes sure every slug is produced by a real fixture. Problems themselves are made by
journeys.model.problems.problem().
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    title: str
    message: str
    hint: str


# Placeholders in braces are filled by the check that finds the problem; {run} by problem() itself:
# the command that started this program, so a command in a hint works where it is read.
CATALOGUE: dict[str, Kind] = {
    # The package and its descriptor
    "folder-missing": Kind(
        "Folder not found", "there is no folder here",
        "Give the folder of a data package, e.g. data/kent."),
    "folder-not-empty": Kind(
        "Folder not empty", "init writes a new site only into a new or empty folder, and this one {found}",
        "Give the name of a folder that does not exist yet, and init makes it. Nothing here was changed."),
    "package-missing": Kind(
        "No datapackage.json", "the folder has no datapackage.json, which says what the package holds",
        "Start a package with: {run} new {package} --name \"...\" --gss E... --dfe ..."),
    "package-json-invalid": Kind(
        "datapackage.json is not valid JSON", "the file is not valid JSON: {error}",
        "Check for a missing comma, quote or bracket on this line or the one before it."),
    "package-json-too-deep": Kind(
        "datapackage.json nested too deeply", "the file nests brackets {depth} levels deep, more than the {limit} "
        "a data package needs",
        "Check for brackets [ or {{ opened by mistake: the properties, licences, contributors and resources need "
        "only a few levels."),
    "package-property": Kind(
        "Missing or wrong package property", "{what}",
        "{fix}"),
    "package-standard": Kind(
        "Property not as the Data Package standard defines it",
        "does not follow the Data Package standard: {note}",
        "Write the property as https://datapackage.org/standard/data-package/ describes it, or remove it."),
    "standard-missing": Kind(
        "No data standard named", "the package does not say which version of the data standard it follows",
        'Add the line "standard": "{standard}", under "name" (this release of journeys knows {known}). '
        'Each resource\'s "schema" can then go: the standard gives every table its schema.'),
    "standard-unknown": Kind(
        "Unknown version of the data standard", "is not a version of the data standard journeys {release} knows",
        'Write "standard": "{standard}" (the versions it knows: {known}), or install a release that knows this one.'),
    "package-name": Kind(
        "Package name does not match its folder",
        "must be the name of the package's folder, in lower-case letters, digits and hyphens",
        'Write "name": "{package}", and give the folder the same name.'),
    "package-name-reserved": Kind(
        "Package name used by the site", "is a name the site uses for its own pages and files ({names})",
        "Choose another name for the package and its folder, e.g. the authority's name."),
    "slug-invalid": Kind(
        "Not a usable package name", "is not a usable package name (it becomes the folder and the web address)",
        "Use lower-case letters, digits and hyphens, e.g. {package}."),
    "gss-code": Kind(
        "Not a GSS code", "is not an English local authority GSS code",
        'Write the nine-character code, e.g. "E08000026" for Coventry.'),
    "dfe-code": Kind(
        "Not a DfE code", "is not a DfE local authority code",
        'Write the three-digit code, e.g. "331" for Coventry.'),
    "licence": Kind(
        "Licence is not OGL-UK-3.0", "the package must be published under the Open Government Licence v3.0",
        'Write "licenses": [{{"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0", '
        '"path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}}].'),
    "contact-missing": Kind(
        "No contact", "the package names no contact",
        'Add to "contributors" an entry {{"title": "<name and role>", "email": "<address>", "role": "contact"}}.'),
    "resource-invalid": Kind(
        "Resource entry is malformed", "{what}",
        'Write each resource as {{"name": "<table>", "path": "<table>.csv"}}.'),
    "table-unknown": Kind(
        "Unknown table", "is not a table of the data standard",
        "{suggestion}The tables are: {tables}."),
    "table-duplicate": Kind(
        "Table listed twice", "is listed more than once in datapackage.json",
        "Keep one entry for each table."),
    "table-missing": Kind(
        "Required table missing", "every package needs {table}.csv, listed in datapackage.json",
        "Add it with: {run} add-table {package} {table} (it writes the CSV's header and lists it)."),
    "referenced-table-missing": Kind(
        "Referenced table missing", 'column "{column}" refers to {table}.csv, but the package has no {table}.csv',
        "Add {table}.csv with its header row (it may have no other rows) and list it in datapackage.json."),
    "path-outside-package": Kind(
        "Path leads outside the package", "leads outside the package folder: {reason}",
        'Write the file name alone, e.g. "{table}.csv", and keep the file in the package folder.'),
    "path-remote": Kind(
        "Path is a web address", "is a web address, but the validator reads only files inside the package folder",
        'Save the file into the package folder and write its name, e.g. "{table}.csv".'),
    "path-not-csv": Kind(
        "Path is not a .csv file", "is not a .csv file, and every table must be one",
        'Save the table as CSV UTF-8 and write its name, e.g. "{table}.csv".'),
    "schema-mismatch": Kind(
        "Resource uses another table's schema", "is not the schema of the {table} table",
        'Remove the "schema" entry: the standard the package names ("standard" in datapackage.json) gives each '
        "table its schema."),
    "file-missing": Kind(
        "File missing", "the file is listed in datapackage.json but is not in the folder",
        "Add the file, or remove its entry from datapackage.json."),
    "csv-not-listed": Kind(
        "CSV file not listed", "the file is in the package folder but not in datapackage.json, so it would be ignored",
        "{suggestion}"),
    # Reading a file
    "file-too-large": Kind(
        "File too large", "the file is {size}, more than the {limit} allowed",
        "Split the data over several packages, or check the file is really a CSV of this package."),
    "file-empty": Kind(
        "File empty", "the file is empty: it needs at least its header row",
        "Write the header row: {columns}."),
    "not-csv": Kind(
        "Not a CSV file", "{what}",
        "In Excel choose File > Save As > CSV UTF-8 (Comma delimited) (*.csv)."),
    "not-utf8": Kind(
        "Not saved as UTF-8", "the file is not saved as UTF-8: this row has a character it cannot read "
        "(probably \"{character}\", as Windows-1252 would read it)",
        "In Excel choose File > Save As > CSV UTF-8 (Comma delimited) (*.csv)."),
    "wrong-separator": Kind(
        "Wrong separator", "the columns are separated by {separator}, not commas",
        "Save it again as CSV UTF-8 (Comma delimited); check your computer's list separator is a comma."),
    "csv-malformed": Kind(
        "Broken CSV", "the file cannot be read as CSV from this row: {error}",
        "Look for a quote mark (\") that opens a cell but never closes it."),
    "cell-too-large": Kind(
        "Cell too large", "a cell in this row holds more than {limit}, the most a cell may hold",
        "Shorten it: a cell holds a figure or a few sentences; cite the paper for the rest."),
    "header-missing": Kind(
        "Header row missing", "the first row must be the header row with the column names",
        "Write the header row: {columns}."),
    "blank-row": Kind(
        "Empty rows", "{rows} empty",
        "Delete the empty {noun} (a trailing empty row from Excel counts too)."),
    "cells-extra": Kind(
        "Too many cells", "this row has {count} cells but the header has {expected}",
        "Delete the extra cells at the end of the row, or put quotes round a value that contains a comma."),
    "cells-missing": Kind(
        "Too few cells", "this row has {count} cells but the header has {expected}",
        "Add the missing cells (leave them empty if there is nothing to write)."),
    # Columns
    "column-missing": Kind(
        "Column missing", 'there is no column "{column}"',
        "Add it {place}."),
    "column-unknown": Kind(
        "Unknown column", "is not a column of {table}.csv",
        "{suggestion}The columns are: {columns}."),
    "column-unnamed": Kind(
        "Column without a name", "column {position} has no name in the header row",
        "Delete the column if it is empty, or write its name."),
    "column-duplicate": Kind(
        "Column twice", "appears more than once in the header row",
        "Keep one column of each name."),
    "column-order": Kind(
        "Columns in the wrong order", "the columns are not in the standard's order",
        "Put them in this order: {columns}."),
    # Cells
    "required-missing": Kind(
        "Required cell empty", "this cell is empty, but {table}.csv needs it",
        "Write {what}"),
    "excel-error": Kind(
        "Excel error value", "is an Excel error ({meaning}), not a value",
        "Fix the formula in the workbook and export again{or_symbol}."),
    "extra-spaces": Kind(
        "Spaces around a value", "has a space before or after it",
        'Delete the spaces: write "{fixed}".'),
    "not-a-date": Kind(
        "Not a date", "is not a date",
        "{suggestion}"),
    "not-a-datetime": Kind(
        "Not a date and time", "is not a date, or a date and time",
        "Write it as 2017-01-12 10:00 (UK time), or a date alone as 2017-01-12."),
    "not-a-period": Kind(
        "Not a period", "is not a period",
        "{suggestion}"),
    "not-a-number": Kind(
        "Not a number", "is not a number{or_symbol}",
        "{suggestion}"),
    "percent-sign": Kind(
        "Percent sign", "has a % sign",
        'Write the plain number: {fixed}.'),
    "thousands-separator": Kind(
        "Thousands separator", "has a comma inside the number",
        'Write the plain number: {fixed}.'),
    "legacy-symbol": Kind(
        "Old-style symbol", "is an old-style symbol ({meaning})",
        "Use the GSS symbol: {fixed}."),
    "symbol-format": Kind(
        "Symbol written differently", "is written differently from the GSS symbol",
        'Write {fixed} (lower case, no brackets).'),
    "not-an-integer": Kind(
        "Not a whole number", "is not a whole number",
        "Write a whole number such as 3, with no decimal point, spaces or commas."),
    "out-of-range": Kind(
        "Out of range", "must be {bound}",
        "Write a whole number {bound}."),
    "not-yes-no": Kind(
        "Not yes or no", "must be yes or no",
        'Write {fixed}.'),
    "not-in-list": Kind(
        "Not one of the allowed values", "is not one of the allowed values",
        "{suggestion}Write one of: {allowed}."),
    "bad-identifier": Kind(
        "Not a usable ID", "can hold only letters, digits, dots, hyphens and underscores, starting with a letter or digit",
        'Write it as, for example, "{fixed}".'),
    "not-a-web-address": Kind(
        "Not a web address", "is not a web address",
        "Write the full address starting https://, or leave the cell empty if the paper is not online."),
    "pattern-mismatch": Kind(
        "Not in the required form", "is not in the form this column needs",
        "{description}"),
    # Keys
    "duplicate-key": Kind(
        "Duplicate", "repeats the {key} of row {first}",
        "Each {what} may appear once: correct one of the rows or delete the repeat."),
    "unknown-reference": Kind(
        "Unknown reference", "matches no {target} in {table}.csv",
        "{suggestion}Write one that {table}.csv holds, or add that row to {table}.csv first."),
    # Rules beyond types
    "rag-unknown": Kind(
        "Rating not in the authority's RAG scale", "is not one of the authority's {scale} ratings",
        "{suggestion}Write one of: {allowed}{where}."),
    "grade-unknown": Kind(
        "Grade not in the framework", "is not a grade of the {framework} framework",
        "{suggestion}Write one of: {allowed}."),
    "judgement-unknown": Kind(
        "Judgement not in the framework", "is not a judgement of the {framework} framework",
        "{suggestion}Write one of: {allowed}."),
    "overall-grade-forbidden": Kind(
        "No overall grade in this framework", "is not graded under the {framework} framework, which gives sub-judgements only",
        "Delete this row: record only the sub-judgements."),
    "framework-missing": Kind(
        "Framework missing", "milestone {milestone} has grades in judgements.csv but no framework",
        "Write the inspection framework, one of: {allowed}."),
    "percentage-out-of-range": Kind(
        "Percentage outside 0-100", "is a percentage outside 0 to 100",
        "Write the percentage as a number from 0 to 100 (67.8, not 0.678)."),
    "targets-overlap": Kind(
        "Overlapping targets", "overlaps {other_period}, the period of the target for {indicator} in row {other}",
        "Give each stretch of time one target: change one of the periods, or delete one row."),
    "progress-after-document": Kind(
        "Progress dated after its source", "is after the date of the document it cites, {document} ({date})",
        "Write the date of the report the rating came from, or cite the document it came from."),
    "recommendation-from-inspector": Kind(
        "Inspector's recommendation as a paper's", "is {kind}: an inspector's recommendations go in findings.csv",
        "Move the row to findings.csv (kind recommendation); this table holds what a council paper asks its meeting to do."),
    "small-count": Kind(
        "Unsuppressed small count", "is a count of 1 to 5 children, which could identify them",
        "Write c (confidential) instead, and say so in the note; make sure no other figure reveals it."),
    "suppression-derivable": Kind(
        "Suppressed value can be worked out", "can be worked out from the {others}, so suppressing it hides nothing",
        "Suppress one of the {others} as well (write c), or leave {empty} empty."),
    "small-count-rounded": Kind(
        "Small count after rounding", "is published as {shown} ({decimals} decimal places), a count of 1 to 5 children, which could identify them",
        "Write c (confidential) instead, and say so in the note; make sure no other figure reveals it."),
    "percentage-reveals-small-count": Kind(
        "Percentage reveals a small count", "is a percentage that, with the denominator {denominator}, reveals a numerator of {numerator} children",
        "Suppress the value as well (write c), or leave the denominator empty."),
    "suppression-derivable-sum": Kind(
        "Suppressed figure can be worked out from year-to-date figures",
        "can be worked out from {others}: a year-to-date figure is the sum of its months",
        "Suppress one of {fix} as well (write c)."),
    "parts-derivable": Kind(
        "Suppressed part can be worked out from its total",
        "can be worked out from {others}: parts.csv says the parts add up to the total",
        "Suppress one of {fix} as well (write c) for this period."),
    "note-reveals-suppressed": Kind(
        "Note gives a suppressed figure away",
        "is a note beside a suppressed figure (c) that holds a number ({number}), which could reveal it",
        'Say only that the figure is suppressed, e.g. "a count of 1 to 5 children: suppressed (c)", without the '
        "number."),
    "target-for-activity-measure": Kind(
        "Target for an activity measure", "is an activity measure (polarity none in indicators.csv), so it has no target",
        "Delete this target row, or give the indicator its polarity in indicators.csv."),
    "basis-without-note": Kind(
        "A deduced or inferred figure without a note", "is empty, but this figure is {basis}: the note must say how",
        "Say how the figure was worked out, e.g. \"100% less the 42% printed for the other group\", or why it is "
        "read from the paper; or empty the basis column if the paper prints the figure as it is."),
    # National measures (issue 7: journeys.checks.measures.check_national_measures)
    "lait-code-unknown": Kind(
        "Unknown national measure", "is not a code in the catalogue of national measures",
        "{suggestion}Write a code from schemas/vocabularies/national_measures.csv, or leave lait_code empty."),
    "lait-code-repeated": Kind(
        "National measure claimed twice", "is also claimed by indicator {other} in row {first}",
        "Only one indicator can be a national measure: leave lait_code empty on one of them."),
    "lait-unit-mismatch": Kind(
        "Unit differs from the national measure", 'is not the unit of national measure {code} ({name}), which is "{expected}"',
        'Write "{expected}" if the indicator is the national measure; otherwise leave lait_code empty.'),
    "lait-polarity-mismatch": Kind(
        "Polarity differs from the national measure",
        'is not the polarity of national measure {code} ({name}), which is "{expected}"',
        'Write "{expected}" if the indicator is the national measure; otherwise leave lait_code empty.'),
    "lait-definition-differs": Kind(
        "Definition differs from the national measure",
        "marks a local definition, so this indicator is not national measure {code} ({name})",
        "Delete {code} from lait_code (leave it empty): the national measure is \"{definition}\"."),
    # Importing an Excel scorecard (import-xlsx; journeys/workbook/, journeys/checks/mappings.py)
    "workbook-unreadable": Kind(
        "Workbook cannot be read", "{what}",
        "{fix}"),
    "workbook-sheet-missing": Kind(
        "Sheet not in the workbook", "is not a sheet of the workbook",
        "{suggestion}The sheets are: {sheets}. Write the sheet's name as sheet: in the mapping."),
    "workbook-heading-unknown": Kind(
        "Column heading not understood", "is a column heading that names no period and is not in the mapping",
        "Head a column of figures with its period as Excel shows it (Nov 2016, 2016/17, 2016/17 Q2, YTD), or add "
        "the heading under columns: in the mapping, e.g. \"{heading}\": {{role: ignore}} to leave the column out."),
    "workbook-label-unknown": Kind(
        "Row label not in the mapping", "is a row with figures whose label the mapping does not know",
        "{suggestion}Add it under indicators: in {mapping} with its indicator_id from indicators.csv (or "
        "indicator_id: null to leave the row out)."),
    "workbook-indicator-unknown": Kind(
        "Mapping names an unknown indicator", "is not an indicator_id in indicators.csv",
        "{suggestion}Correct it in {mapping}, or add the indicator to indicators.csv first."),
    "workbook-period-unknown": Kind(
        "Period not understood", "is not a period",
        "Write a month as Excel shows it (Nov 2016, or a date), a financial year as 2016/17, a quarter as "
        "2016/17 Q2 or Q2 16/17, or year to date as YTD Nov 2016."),
    "workbook-formula-uncalculated": Kind(
        "Formula never calculated", "this cell holds a formula that Excel has not calculated, so it has no value",
        "Open the workbook in Excel, let it calculate (press F9), save it, and import it again."),
    "workbook-figure-not-yet": Kind(
        "Figure that cannot be imported yet",
        "is a bound, a change or a range, as the paper states it: such figures cannot be imported yet",
        "Leave the cell empty (or move the words to a Note column): the standard does not hold bounds such as "
        "\"over 200\", changes such as \"fell by 28\" or ranges such as \"20-25\" as figures yet."),
    "workbook-colour-unknown": Kind(
        "Fill colour with no rating", "is a fill colour the mapping gives no rating",
        "Add it under colours: in {mapping} with the rating it means, e.g. \"{colour}\": Green, or remove the fill."),
    "workbook-rating-differs": Kind(
        "Rating disagrees with the figures", "is the workbook's rating, but the site would show {expected}: {reason}",
        "Correct the rating (or its colour) in the workbook, or the figure, target or tolerance it rates."),
    "workbook-document-incomplete": Kind(
        "Paper not described", "document {document_id} is not in documents.csv and the mapping does not give its {fields}",
        "Add them under document: in {mapping} (date as 2017-01-12, body, title), or add the paper to documents.csv "
        "first."),
    "figure-changed": Kind(
        "Published figure would change", "would replace {old}, the {what} the package publishes for {key}",
        "If the workbook corrects the published figure, import again with --replace; otherwise correct the workbook."),
    "mapping-invalid": Kind(
        "Import mapping not as its schema says", "{what}",
        "{fix}"),
    # Building the site (journeys/build/config.py, journeys/build/pipeline.py, journeys/engine.py, journeys/build/search.py)
    "site-config": Kind(
        "Problem in the site configuration", "{what}",
        "{fix}"),
    "site-engine": Kind(
        "The site engine could not build a page", "{what}",
        "{fix}"),
    "search-index": Kind(
        "The search index could not be built", "{what}",
        "{fix}"),
    # Many of one kind
    "more-problems": Kind(
        "More problems of one kind", "{count} more problems of the kind above ({slug}) in this file, after the "
        "first {shown}",
        "Fix those listed: the rest are usually the same mistake repeated, and the next check lists any left."),
    # The safety net: a problem the validator itself did not foresee.
    "file-unreadable": Kind(
        "File could not be checked", "the validator could not check this file ({error})",
        "Please report this, with the file, to the site's maintainers."),
}


def catalogue_markdown(run: str) -> str:
    """Every slug with its message and hint, for officers; `run` starts the commands it shows."""
    lines = ["# Problems the validator reports", "",
             f"`{run} validate` prints each problem with the file, the row as a spreadsheet",
             "shows it (the header is row 1), the column, the value, what is wrong and what to write instead,",
             "then the problem's name in brackets. Every name is listed here. Words in braces, such as",
             "{value}, are filled in from your data.", ""]
    for slug, kind in CATALOGUE.items():
        subject = "{value} " if kind.message.split(" ", 1)[0] in VERBS else ""
        lines += [f"## {slug}", "", f"**{_markdown(kind.title)}.** The validator says: "
                  f"{_markdown(subject + _unbrace(kind.message))}.", "",
                  f"What to do: {_markdown(_unbrace(kind.hint.replace('{run}', run)))}", ""]
    return "\n".join(lines)


# The first words of messages that follow the value, e.g. '"67.8%" has a % sign'.
VERBS = {"is", "has", "must", "matches", "repeats", "overlaps", "can", "marks", "leads", "appears", "holds"}


def _unbrace(template: str) -> str:
    """A template as officers read it: {{ and }} become single braces."""
    return template.replace("{{", "{").replace("}}", "}")


def _markdown(text: str) -> str:
    """Plain text that Markdown shows as written: no HTML, no emphasis, no links."""
    return re.sub(r"([\\`*_\[\]#|<>])", r"\\\1", html.escape(text, quote=False))

