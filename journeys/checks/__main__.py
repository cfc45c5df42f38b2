"""`python -m journeys.checks > docs/problems.md`: the catalogue of problems, for officers."""

import sys

from journeys.model.problems import catalogue_markdown

sys.stdout.write(catalogue_markdown())
