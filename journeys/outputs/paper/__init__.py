"""The committee paper (issue 26): the next progress report, made from the same data as the site.

    content   the paper as a plain value (Paper): strings, counts and SVG drawings
    compose   the domain's facts worded into a Paper (no rule of its own)
    html      a Paper as one self-contained, print-ready HTML page
    pdf       a Paper as an accessible PDF (PDF/UA-1), typeset by Typst from paper.typ
    on_site   the paper for the latest report, as files in an authority's section of the site

The command that chooses the report, applies the embargo (or not, for a draft) and writes the
files is journeys.paper_command.
"""
