"""The paper as an accessible PDF, typeset by Typst (the `typst` package from PyPI: a compiler in
one wheel, no browser and no system library).

The template (paper.typ) is fixed; the paper's content goes in as data (JSON in sys.inputs), so
text from the CSVs is shown as text and never read as Typst markup. The PDF is PDF/UA-1: tagged,
its title and language set, every chart with its summary as alternative text, tables with header
rows; Typst refuses to write it otherwise.

Fonts: Liberation Sans (regular and bold, in fonts/, SIL Open Font License 1.1), the only fonts the
compiler sees. It has Arial's metrics, and the charts were measured for Arial when vl-convert drew
them, so their labels fit as on the site; and no system font can change the output from one
machine to another. The two files are 0.8 MB in the repository; a PDF embeds only the glyphs it uses.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict
from datetime import datetime, timezone
from functools import cache
from importlib.resources import files
from pathlib import Path

from journeys.outputs.paper.content import Paper

# The template and the fonts are package data: the compiler reads them as files, from where the
# package is installed (a folder; the wheel is never zipped).
HERE = Path(str(files("journeys.outputs.paper")))
TEMPLATE = HERE / "paper.typ"
FONTS = HERE / "fonts"
STANDARDS = ["ua-1"]


@cache
def compiler():
    """One compiler per process: it loads the fonts once."""
    import typst  # here: only what makes a PDF needs it (a second of a build's start otherwise)

    return typst.Compiler(str(TEMPLATE), root=str(HERE), font_paths=[str(FONTS)], ignore_system_fonts=True)


def paper_pdf(paper: Paper, made: datetime | None = None) -> bytes:
    """The PDF's bytes. `made`: its creation date (now if not given; fixed, the same bytes every time)."""
    data = json.dumps({**asdict(paper), "title": paper.title})
    typeset = compiler().compile(format="pdf", sys_inputs={"paper": data}, pdf_standards=STANDARDS,
                                 timestamp=(made or datetime.now(timezone.utc)).replace(microsecond=0))
    return packed(typeset)


def packed(pdf: bytes) -> bytes:
    """The same PDF with its objects in compressed object streams (PDF 1.5, well within PDF/UA-1's
    PDF 1.7). Typst writes each of the two thousand objects of a paper's tag tree as plain text;
    packed, a synthetic national authority's paper takes 0.38 MB, not 0.64 MB, which is 40 MB of a
    national site. Nothing else changes: the tags, title, language and metadata (left uncompressed,
    as qpdf leaves XMP) are the same objects; the file's identifier is made from its content, so the
    same paper is the same bytes."""
    import pikepdf  # here, as typst is: a build that makes no paper never loads it

    with pikepdf.open(io.BytesIO(pdf)) as document:
        out = io.BytesIO()
        document.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True,
                      deterministic_id=True)
    return out.getvalue()
