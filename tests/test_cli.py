"""The command line as a shell user meets it: `python build_site.py validate | head` ends quietly."""

import subprocess
import sys
from pathlib import Path

from conftest import make_package

ROOT = Path(__file__).resolve().parent.parent


def test_a_reader_closing_the_pipe_ends_validate_without_a_traceback(tmp_path):
    # Enough problems to overflow the pipe's buffer, so a write fails after the reader has gone:
    # at most fifty of a kind are printed per file, so many packages each give fifty.
    bad_periods = [{"indicator_id": "contacts", "period": f"week {i}", "value": "1", "source": "doc-1"}
                   for i in range(60)]
    for number in range(40):
        make_package(tmp_path, f"demo-{number}", observations=bad_periods)
    validate = subprocess.Popen([sys.executable, str(ROOT / "build_site.py"), "validate"],
                                cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first_line = validate.stdout.readline()  # what `| head -1` reads before it exits
    validate.stdout.close()
    errors = validate.stderr.read().decode()
    assert validate.wait(timeout=60) == 141  # 128 + SIGPIPE, as the shell reports a piped command cut short
    assert first_line
    assert "Traceback" not in errors and "BrokenPipeError" not in errors
