"""The committee paper (issue 26): the next progress report, made from the same data as the site.

    content   the paper as a plain value (Paper): strings, counts and SVG drawings
    compose   the domain's facts worded into a Paper (no rule of its own)
    html      a Paper as one self-contained, print-ready HTML page
    pdf       a Paper as an accessible PDF (PDF/UA-1), typeset by Typst from paper.typ
    command   `build_site.py paper <authority>`: which report, embargo and drafts, the files written
"""
