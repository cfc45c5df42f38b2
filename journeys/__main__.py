"""`python -m journeys`: the same command line as `journeys`."""

import sys

from journeys.cli import main

sys.exit(main())
