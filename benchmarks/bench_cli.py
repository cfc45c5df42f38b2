#!/usr/bin/env python3
"""Print how quickly the command line answers before it does any work (issue 24: `journeys --help`
in 0.3 s or less), and what `import journeys` costs a council's script.

    python benchmarks/bench_cli.py              # 15 runs of each
    python benchmarks/bench_cli.py --repeat 31

Each figure is the median wall time of a fresh process, started as a person starts it: the
installed `journeys` console script beside this interpreter, `build_site.py` as this repository's
README runs it, and `python -c "import journeys"`. For scale, the same for a bare
`python -c pass`. And which modules `journeys --help` imports beyond the standard library: none
of the libraries the work needs (pandas, frictionless, MkDocs …) is imported for help.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HEAVY = ("pandas", "numpy", "frictionless", "altair", "mkdocs", "yaml", "vl_convert", "jinja2")


def median_seconds(command: list[str], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def imported_for_help() -> list[str]:
    """The heavy libraries among the modules loaded by the time `--help` has printed."""
    probe = ("import sys, contextlib, io\nfrom journeys.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             "    try:\n        main(['--help'])\n    except SystemExit:\n        pass\n"
             "print(' '.join(sorted(sys.modules)))")
    loaded = subprocess.run([PYTHON, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return sorted({name.split(".")[0] for name in loaded if name.split(".")[0] in HEAVY})


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=15)
    repeats = options.parse_args().repeat
    script = shutil.which("journeys", path=str(Path(PYTHON).parent))
    runs = {"python -c pass (the interpreter alone)": [PYTHON, "-c", "pass"],
            "python -c 'import journeys'": [PYTHON, "-c", "import journeys"],
            "python build_site.py --help": [PYTHON, "build_site.py", "--help"]}
    if script:
        runs["journeys --help"] = [script, "--help"]
        runs["journeys --version"] = [script, "--version"]
    else:
        print("(no journeys console script beside this Python: `make install` installs one)")
    print(f"median of {repeats} fresh processes each, wall time:")
    for label, command in runs.items():
        print(f"  {label:<42} {median_seconds(command, repeats) * 1000:7.1f} ms")
    heavy = imported_for_help()
    print(f"heavy libraries imported for --help: {', '.join(heavy) if heavy else 'none'}")


if __name__ == "__main__":
    main()
