#!/usr/bin/env python3
"""This repository's entry point to the command line that an installed tool calls `journeys`.

    .venv/bin/python build_site.py                 build the site from the shipped data
    .venv/bin/python build_site.py validate [DIR]  check packages and print every problem
    .venv/bin/python build_site.py new SLUG ...    start a package for a new authority
    .venv/bin/python build_site.py serve           preview, rebuilding when a file changes
    .venv/bin/python build_site.py --help          every command
"""

import sys

from journeys.cli import main

if __name__ == "__main__":
    sys.exit(main())
