"""Publish children's services improvement journeys: validate Frictionless packages, build a static site.

The Python API, for a council's own scripts or a notebook (each imported when first used, so that
`import journeys` and `journeys --help` stay quick):

    config = journeys.load_config("site.yml")       # site.yml, checked; ProblemsFound if it has mistakes
    problems = journeys.validate(["data/kent"])     # [] or Problem(file, row, column, slug, message, hint, ...)
    problems = journeys.build(config)               # [] once the site is published, else why it was not
"""

from importlib import import_module

from journeys.release import VERSION as __version__

__all__ = ["Problem", "ProblemsFound", "__version__", "build", "load_config", "validate"]

API = {"Problem", "ProblemsFound", "load_config", "validate"}


def __getattr__(name: str):
    """The API, imported by name when first used: every module of journeys imports this package, and
    the build's keys (journeys.build.keys) follow import statements, so one here would put the whole
    tool into the key of every kind of kept work."""
    if name in API:
        return getattr(import_module("journeys.api"), name)
    if name == "build":  # the build package, which can be called: journeys.build(config)
        return import_module("journeys.build")
    raise AttributeError(f"module 'journeys' has no attribute {name!r}")
