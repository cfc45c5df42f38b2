"""Importing an officer's Excel scorecard into a package (issue 25): `build_site.py import-xlsx`, and
`build_site.py update-description`. Commands, beside journeys.scaffold: they change a package.

    sheet     reading a sheet: values, formats, fills, merged and hidden cells, comments
    headings  periods as officers head columns (Apr-16, Q2 16/17, YTD) in the standard's forms
    values    a figure's cell as the text a CSV would hold
    mapping   the officer's imports/<scorecard>.yml (checked by journeys.checks.mappings) as a Mapping
    draft     the first import: draft the mapping, match labels to indicators, stop
    columns   what each column holds, from its headings and the mapping
    rows      cells into observations, targets, comparators and ratings, each knowing its cells
    ratings   the workbook's ratings against the scale and the domain's facts
    merge     rows into the CSVs, keeping the officer's files (written by journeys.model.writing)
    describe  datapackage.json's "as at" moved to the latest paper (update-description; the import too)
    command   the import: all or nothing, validated, problems at cells; what it prints

Nothing is imported here: the command line imports journeys.workbook.command (or .describe) only
for its own command, and `validate` checks mappings through journeys.checks, without openpyxl.
"""
