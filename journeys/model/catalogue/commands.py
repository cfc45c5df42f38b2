"""Problems the commands find beyond a package: the Excel import, the site's build, and the safety net."""

from __future__ import annotations

from journeys.model.catalogue.kind import Kind

COMMANDS: dict[str, Kind] = {
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
        "Figure in no form the standard holds",
        "is a range or an approximate figure, which the standard does not hold as a figure",
        "Write the figure the paper gives, or leave the cell empty and put the words in a Note column. The "
        "standard holds a bound (\"over 200\" is read as >200), a change with no level (\"fell by 28\" as "
        "change -28), and a range only as a target (20-25)."),
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
    "write-failed": Kind(
        "Could not write to the disk", "could not be written: {reason}",
        "{fix}"),
    "chart-failed": Kind(
        "A chart could not be drawn", "a chart of this package could not be drawn: {error}",
        "Look in the package for very long or unusual text in what charts show (an indicator's title, a rating's "
        "meaning, a milestone's title), shorten it and build again; if there is none, please report this."),
    "site-engine": Kind(
        "The site engine could not build a page", "{what}",
        "{fix}"),
    "search-index": Kind(
        "The search index could not be built", "{what}",
        "{fix}"),
    # The committee paper (journeys/paper_command.py)
    "paper-option": Kind(
        "Problem in the paper's options", "{what}",
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
