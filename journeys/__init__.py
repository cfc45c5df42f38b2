"""Publish children's services improvement journeys: validate Frictionless packages, build a static site."""

__all__ = ["__version__"]
__version__ = "0.1.0"
