"""docs/problems.md, rendered from the catalogue: every slug with its message and hint, for officers.

`python -m journeys.checks > docs/problems.md` writes it; tests/test_validate_problems.py keeps
the file in step with journeys.model.problems.CATALOGUE.
"""

from __future__ import annotations

import html
import re

from journeys import RUN
from journeys.model.problems import CATALOGUE


def catalogue_markdown() -> str:
    """docs/problems.md: every slug with its message and hint, for officers."""
    lines = ["# Problems the validator reports", "",
             f"`{RUN} validate` prints each problem with the file, the row as a spreadsheet",
             "shows it (the header is row 1), the column, the value, what is wrong and what to write instead,",
             "then the problem's name in brackets. Every name is listed here. Words in braces, such as",
             "{value}, are filled in from your data.", ""]
    for slug, kind in CATALOGUE.items():
        subject = "{value} " if kind.message.split(" ", 1)[0] in VERBS else ""
        lines += [f"## {slug}", "", f"**{_markdown(kind.title)}.** The validator says: "
                  f"{_markdown(subject + _unbrace(kind.message))}.", "",
                  f"What to do: {_markdown(_unbrace(kind.hint))}", ""]
    return "\n".join(lines)


# The first words of messages that follow the value, e.g. '"67.8%" has a % sign'.
VERBS = {"is", "has", "must", "matches", "repeats", "overlaps", "can", "marks", "leads", "appears", "holds"}


def _unbrace(template: str) -> str:
    """A template as officers read it: {{ and }} become single braces."""
    return template.replace("{{", "{").replace("}}", "}")


def _markdown(text: str) -> str:
    """Plain text that Markdown shows as written: no HTML, no emphasis, no links."""
    return re.sub(r"([\\`*_\[\]#|<>])", r"\\\1", html.escape(text, quote=False))

