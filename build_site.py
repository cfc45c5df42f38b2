#!/usr/bin/env python3
"""Validate every data package in data/ and build the public site into site/.

    python build_site.py                 build the site from the shipped data
    python build_site.py validate [DIR]  check packages and print every problem
    python build_site.py new SLUG ...    start a package for a new authority
    python build_site.py serve           preview, rebuilding when a CSV changes
"""

import sys

from journeys.cli import main

if __name__ == "__main__":
    sys.exit(main())
