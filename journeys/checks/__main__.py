"""`python -m journeys.checks > docs/problems.md`: the catalogue of problems, for officers, with the
commands as this repository's README runs them (a site's own page shows them as its build ran)."""

import sys

from journeys.invocation import REPOSITORY
from journeys.model.problems import catalogue_markdown

sys.stdout.write(catalogue_markdown(REPOSITORY))
