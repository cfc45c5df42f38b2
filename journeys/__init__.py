"""Publish children's services improvement journeys: validate Frictionless packages, build a static site."""

__all__ = ["RUN", "__version__"]
__version__ = "0.1.0"

# How the README runs the tool; every command the tool prints starts with it, so it works as printed.
RUN = ".venv/bin/python build_site.py"
