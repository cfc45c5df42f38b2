"""The data standard: one Table Schema per table, and its vocabularies. This folder is the one
source of the standard; the journeys package ships it as `journeys.schemas` (pyproject.toml maps
it there), so an installed tool reads exactly these files."""
