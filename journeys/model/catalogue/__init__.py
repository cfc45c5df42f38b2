"""The catalogue of problems: every kind of problem the tool can report, by a stable slug, with a
message template (what is wrong) and a hint template (what to write instead). docs/problems.md is
rendered from it by journeys.model.problems.catalogue_markdown (`python -m journeys.checks >
docs/problems.md`); a test keeps the two in step, and another makes sure every slug is produced by a real fixture. Problems themselves are made by
journeys.model.problems.problem().

The kinds are kept in four modules by where they are found (files, cells, rules, commands); this one
joins them in that order, which is the order docs/problems.md lists them in.
"""

from __future__ import annotations

from journeys.model.catalogue.cells import CELLS
from journeys.model.catalogue.commands import COMMANDS
from journeys.model.catalogue.files import FILES
from journeys.model.catalogue.kind import Kind
from journeys.model.catalogue.rules import RULES


def _joined(*parts: dict[str, Kind]) -> dict[str, Kind]:
    """The parts as one catalogue; a slug in two parts would make one silently replace the other."""
    joined: dict[str, Kind] = {}
    for part in parts:
        repeated = joined.keys() & part.keys()
        if repeated:
            raise ValueError(f"problem kinds catalogued twice: {sorted(repeated)}")
        joined.update(part)
    return joined


# Placeholders in braces are filled by the check that finds the problem; {run} by problem() itself:
# the command that started this program, so a command in a hint works where it is read.
CATALOGUE: dict[str, Kind] = _joined(FILES, CELLS, RULES, COMMANDS)

__all__ = ["CATALOGUE", "Kind"]
