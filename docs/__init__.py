"""The site's hand-written pages (how to read the site, the accessibility statement, the problem
catalogue) and its abbreviations. This folder is their one source; the journeys package ships it
as `journeys.docs` (pyproject.toml maps it there)."""
