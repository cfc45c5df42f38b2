"""Problems with a package's descriptor, its files, and their columns."""

from __future__ import annotations

from journeys.model.catalogue.kind import Kind

FILES: dict[str, Kind] = {
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
        "Use lower-case letters, digits and hyphens, at most 63 of them, e.g. {package}."),
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
    "control-character": Kind(
        "Control character in a cell", "holds {character}, a control character that pages, charts and feeds "
        "cannot show",
        "Delete it, or replace it with a space or a plain line break (in Excel, Alt+Enter makes one). {where}"),
    "text-too-long": Kind(
        "Text too long for its column", "is {length:,} characters long, more than the {limit:,} that {kind} may hold",
        "Shorten it to {limit:,} characters or fewer: cite the paper (source_section) for the rest."),
    "year-implausible": Kind(
        "Year out of range", "has the year {year}, which no paper of this journey can have",
        "Write the year the paper gives, from {earliest} to {latest} (a placeholder such as 0001-01-01 is not a "
        "date: leave the cell empty if it is optional, or find the date in the paper)."),
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
}
