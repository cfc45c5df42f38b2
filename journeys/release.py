"""This release of journeys: its version, written once (pyproject.toml reads it from here)."""

VERSION = "0.2.0"
