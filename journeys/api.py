"""The Python API: what the commands do, for a council's own scripts and notebooks.

    import journeys

    config = journeys.load_config("site.yml")
    problems = journeys.validate(["data/kent"])
    for found in problems:
        print(found.file, found.row, found.column, found.slug, found.message, found.hint)
    if not problems:
        journeys.build(config)

Problems are data (journeys.model.problems.Problem): the same ones the commands print.
`journeys.build` is the build package itself, which can be called (journeys/build/__init__.py):
a function of that name here would be replaced by the package as soon as it was imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from journeys.build import validation as validating
from journeys.build.config import SiteConfig
from journeys.build.config import load_config as read_config
from journeys.model.problems import Problem

__all__ = ["Problem", "ProblemsFound", "load_config", "validate"]


class ProblemsFound(ValueError):
    """A configuration with mistakes: each is a Problem in `problems`, as the commands print them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(found.line() for found in problems))


def load_config(path: str | Path = "site.yml") -> SiteConfig:
    """The site's configuration (site.yml), checked; relative paths in it are relative to the file.
    Raises ProblemsFound, listing every mistake in it."""
    config, problems = read_config(path)
    if problems:
        raise ProblemsFound(problems)
    return config


def validate(folders: Iterable[str | Path]) -> list[Problem]:
    """Every problem in these package folders (e.g. ["data/kent"]); none when all are valid."""
    return validating.validate_packages([Path(folder) for folder in folders])
