"""How the person started this program, so that every command it prints can be pasted where they are.

`journeys validate data/kent` where the tool is installed (a council's own repository), and
`.venv/bin/python build_site.py validate data/kent` in a checkout of this project, as its README
documents. Worked out here, once, from the command line the process was started with; the
command line sets it in the environment, so worker processes and the builds `serve` starts
(which Python starts in other ways) print the same.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

ENVIRONMENT = "JOURNEYS_COMMAND"
INSTALLED = "journeys"  # the console script: what a council's README and workflow run
SCRIPT = "build_site.py"  # this repository's entry point
REPOSITORY = ".venv/bin/python build_site.py"  # how this repository's README runs it, after `make install`


def command() -> str:
    """The words that start this program, e.g. 'journeys' or '.venv/bin/python build_site.py'."""
    return os.environ.get(ENVIRONMENT) or started_as(getattr(sys, "orig_argv", sys.argv))


def remember() -> str:
    """Fix the command for this process and those it starts (the command line calls this first)."""
    os.environ[ENVIRONMENT] = chosen = command()
    return chosen


def started_as(argv: list[str]) -> str:
    """The command in `argv` (the interpreter's own command line) that ran journeys, as typed.

    A console script (`journeys …`) is named as the person can type it again: its name when it is
    the one found on PATH, else its full path (which works after `cd`, as init's next step asks).
    `python build_site.py` and `python -m journeys` keep the interpreter as it was typed. Anything
    else (a notebook, a test runner, a council's own script calling the Python API) gets the
    installed command.
    """
    if len(argv) < 2:
        return INSTALLED
    interpreter, rest = argv[0], _after_options(argv[1:])
    if rest[:2] == ["-m", "journeys"]:
        return shlex.join([interpreter, "-m", "journeys"])
    if not rest or rest[0].startswith("-"):
        return INSTALLED
    script = rest[0]
    if Path(script).name == SCRIPT:
        return shlex.join([interpreter, script])
    if Path(script).stem in ("journeys", "journeys-script"):
        return _console_script(script)
    return INSTALLED


def _after_options(arguments: list[str]) -> list[str]:
    """The interpreter's arguments from the script (or -m) on: options such as -X importtime skipped."""
    index = 0
    while index < len(arguments) and arguments[index].startswith("-") and arguments[index] not in ("-m", "-c", "-"):
        index += 2 if arguments[index] in ("-X", "-W") else 1
    return arguments[index:]


def _console_script(script: str) -> str:
    found = shutil.which(INSTALLED)
    try:
        if found and Path(found).resolve() == Path(script).resolve():
            return INSTALLED
    except OSError:
        pass
    return shlex.quote(os.path.abspath(script))
