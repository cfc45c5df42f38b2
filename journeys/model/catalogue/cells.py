"""Problems with one cell: its type, its form, its key."""

from __future__ import annotations

from journeys.model.catalogue.kind import Kind

CELLS: dict[str, Kind] = {
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
    "not-a-figure": Kind(
        "Not a figure in a form the standard knows", "is not a figure in a form the standard knows",
        "{suggestion}"),
    "not-a-target": Kind(
        "Not a target in a form the standard knows", "is not a target in a form the standard knows",
        "{suggestion}"),
    "target-period-unstated": Kind(
        "Target without a stated period", "is a period not stated, but a target applies over a stated period",
        "Write the period the paper sets the target for, e.g. 2018/19 or 2019-03; if it gives none, write the "
        "target in the indicator's definition instead."),
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
}
