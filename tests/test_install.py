"""A council adopts the tool without forking (issue 24), as a council's web team would meet it.

The wheel is built from the files a clone holds and installed, alone, into a fresh virtual
environment in a folder outside any checkout (its dependencies come from the package index, as
in CI). Everything below runs there, as a person types it: `journeys init`, `journeys new`, one
figure added to the CSVs, `journeys validate`, `journeys build`, `journeys serve` answering, the
council README's commands exactly as printed, the Python API's example from our README, and the
national demo built by the same installed code. The generated workflow passes actionlint and
zizmor, and the wheel's standard is schemas/, file for file.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest

from test_readme_commands import project_files
from test_serve import free_port, wait_for
from test_workflow import actionlint, zizmor

from journeys.cli import parser
from journeys.release import VERSION
from journeys.scaffold import CONTACT_PLACEHOLDER

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

COUNCIL = {"name": "Slough Borough Council", "gss": "E06000039", "dfe": "871"}
SLUG = "slough"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from what a clone of the repository holds."""
    copy = tmp_path_factory.mktemp("source") / "journeys"
    for name in project_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", str(copy), "-w", str(out)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-3000:]
    [found] = out.glob("journeys-*.whl")
    return found


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory, wheel) -> Path:
    """A folder outside any checkout, with a virtual environment holding only the wheel (and what it needs)."""
    home = tmp_path_factory.mktemp("elsewhere")
    subprocess.run([sys.executable, "-m", "venv", str(home / "venv")], check=True, timeout=300)
    installed = subprocess.run([str(home / "venv" / "bin" / "python"), "-m", "pip", "install", "--quiet",
                                "--disable-pip-version-check", str(wheel)], capture_output=True, text=True, timeout=1200)
    assert installed.returncode == 0, installed.stderr[-3000:]
    return home


def environment(home: Path) -> dict[str, str]:
    """As in a terminal where the council's virtual environment is active: `journeys` is on PATH."""
    kept = {key: value for key, value in os.environ.items()
            if key not in ("VIRTUAL_ENV", "PYTHONPATH", "JOURNEYS_COMMAND", "JOURNEYS_CACHE_DIR")}
    return {**kept, "PATH": f"{home / 'venv' / 'bin'}{os.pathsep}{kept.get('PATH', '')}",
            "VIRTUAL_ENV": str(home / "venv")}


def run(home: Path, command: str, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    """A command line exactly as printed, run where the person is."""
    done = subprocess.run(shlex.split(command), cwd=cwd, env=environment(home), capture_output=True, text=True,
                          timeout=timeout)
    assert "Traceback" not in done.stdout + done.stderr, (command, done.stdout[-3000:], done.stderr[-3000:])
    return done


def succeeds(home: Path, command: str, cwd: Path) -> str:
    done = run(home, command, cwd)
    assert done.returncode == 0, (command, done.stdout[-3000:], done.stderr[-3000:])
    return done.stdout


def printed_command(output: str, after: str) -> str:
    """The command the tool printed after `after`, e.g. 'check the package with: '."""
    return re.search(re.escape(after) + r"(.+)$", output, re.M)[1].strip()


@pytest.fixture(scope="module")
def council(elsewhere) -> Path:
    """`journeys init`, then the package filled in as an officer would: the contact, a paper, one figure."""
    output = succeeds(elsewhere, f'journeys init council --name "{COUNCIL["name"]}" --gss {COUNCIL["gss"]} '
                                 f'--dfe {COUNCIL["dfe"]}', elsewhere)
    assert f"Next: cd council, replace the contact's email ({CONTACT_PLACEHOLDER})" in output
    checked = run(elsewhere, printed_command(output, "check the package with: "), elsewhere / "council")
    assert checked.returncode == 1 and CONTACT_PLACEHOLDER in checked.stdout  # as printed, where the person is
    folder = elsewhere / "council"
    fill_in(folder / "data" / SLUG)
    statement = folder / "docs" / "accessibility.md"
    statement.write_text(statement.read_text(encoding="utf-8").replace("[website address]",
                                                                       "https://slough.example/journey/"))
    return folder


def fill_in(package: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["contributors"][0]["email"] = "improvement@slough.example"
    (package / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    source = {"source": "slough-2024-06", "source_section": "Appendix 1"}
    append(package / "documents.csv", {"document_id": "slough-2024-06", "date": "2024-06-12",
                                       "body": "Children's Services Scrutiny Panel", "kind": "committee paper",
                                       "title": "Children's services improvement: performance report"})
    append(package / "indicators.csv", {"indicator_id": "re-referrals", "title": "Re-referrals within 12 months",
                                        "unit": "percentage", "polarity": "lower is better", "frequency": "monthly",
                                        "definition": "Referrals within 12 months of a previous referral",
                                        "decimals": "1", "counts_children": "yes", **source})
    append(package / "observations.csv", {"indicator_id": "re-referrals", "period": "2024-05", "value": "21.4",
                                          **source})


def append(path: Path, row: dict) -> None:
    """A row under the CSV's header, the columns it leaves out empty."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert set(row) <= set(header), set(row) - set(header)
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow([row.get(column, "") for column in header])


@pytest.fixture(scope="module")
def built(elsewhere, council) -> Path:
    output = succeeds(elsewhere, "journeys build", council)
    assert "Built 1 authorities" in output
    return council / "site"


# --- The wheel -----------------------------------------------------------------------------------

def test_the_wheel_is_under_five_megabytes_and_holds_only_the_tool(wheel):
    assert wheel.name == f"journeys-{VERSION}-py3-none-any.whl"
    assert wheel.stat().st_size <= 5_000_000
    with zipfile.ZipFile(wheel) as archive:
        tops = {name.split("/")[0] for name in archive.namelist()}
    assert tops == {"journeys", f"journeys-{VERSION}.dist-info"}


def test_the_packaged_standard_and_pages_are_schemas_and_docs_file_for_file(wheel):
    """schemas/ is the one source of the standard: the wheel's copy is made from it, never by hand."""
    with zipfile.ZipFile(wheel) as archive:
        for packaged, source in (("journeys/schemas/", ROOT / "schemas"), ("journeys/docs/", ROOT / "docs")):
            shipped = {name[len(packaged):]: archive.read(name) for name in archive.namelist()
                       if name.startswith(packaged)}
            ours = {path.relative_to(source).as_posix(): path.read_bytes() for path in sorted(source.rglob("*"))
                    if path.is_file() and "__pycache__" not in path.parts}
            assert shipped == ours, packaged


def test_the_wheel_holds_the_committee_paper_s_template_and_fonts_file_for_file(wheel):
    """`journeys paper` typesets with them; the wheel's copies are the repository's."""
    source = ROOT / "journeys" / "outputs" / "paper"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for path in [source / "paper.typ", *sorted((source / "fonts").iterdir())]:
            packaged = path.relative_to(ROOT).as_posix()
            assert packaged in names and archive.read(packaged) == path.read_bytes(), packaged


# --- The command, installed ----------------------------------------------------------------------

def test_version_and_help_name_every_command(elsewhere):
    assert succeeds(elsewhere, "journeys --version", elsewhere).strip() == f"journeys {VERSION}"
    usage = succeeds(elsewhere, "journeys --help", elsewhere)
    assert usage.startswith("usage: journeys ")
    commands = parser()._subparsers._group_actions[0].choices  # every subcommand this checkout has
    assert {"init", "new", "add-table", "validate", "build", "serve", "embargo-ended"} <= set(commands)
    for name in commands:
        assert re.search(rf"^\s+{re.escape(name)}\b", usage, re.M), name
        assert succeeds(elsewhere, f"journeys {name} --help", elsewhere).startswith(f"usage: journeys {name}")


def test_init_refuses_a_folder_that_is_not_empty_names_what_is_there_and_touches_nothing(elsewhere):
    folder = elsewhere / "taken"
    (folder / "notes").mkdir(parents=True)
    (folder / "notes" / "plan.txt").write_text("ours", encoding="utf-8")
    done = run(elsewhere, f'journeys init taken --name "{COUNCIL["name"]}" --gss E06000039 --dfe 871', elsewhere)
    assert done.returncode == 1
    assert "taken: init writes a new site only into a new or empty folder, and this one holds notes." in done.stdout
    assert sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*")) == ["notes", "notes/plan.txt"]


def test_new_makes_a_package_and_its_printed_command_works_where_it_was_printed(elsewhere):
    scratch = elsewhere / "scratch"
    scratch.mkdir()
    output = succeeds(elsewhere, 'journeys new windsor --name "Royal Borough of Windsor and Maidenhead" '
                                 "--gss E06000040 --dfe 868", scratch)
    printed = printed_command(output, "check the package with: ")
    assert printed == "journeys validate data/windsor"
    checked = run(elsewhere, printed, scratch)
    assert checked.returncode == 1 and "[package-property]" in checked.stdout and CONTACT_PLACEHOLDER in checked.stdout
    assert json.loads((scratch / "data" / "windsor" / "datapackage.json").read_text())["standard"] == "journeys/1.0"


def test_init_writes_the_council_s_own_repository(council):
    made = sorted(path.relative_to(council).as_posix() for path in council.rglob("*") if path.is_file()
                  and not path.relative_to(council).as_posix().startswith("data/"))
    assert made == [".github/workflows/publish.yml", ".gitignore", "README.md", "docs/accessibility.md",
                    "requirements.txt", "site.yml"]
    site = (council / "site.yml").read_text(encoding="utf-8")
    assert "mode: single" in site and f"authorities: [{SLUG}]" in site and "docs_dir: docs" in site
    assert COUNCIL["name"] in site
    requirement = [line for line in (council / "requirements.txt").read_text().splitlines() if not line.startswith("#")]
    assert requirement == [f"journeys=={VERSION}"]  # the release that wrote it: upgrading is this one number
    ignored = (council / ".gitignore").read_text()
    assert "/site/" in ignored and "/.cache/" in ignored and "/papers/" in ignored
    assert "This website is run by Slough Borough Council." in (council / "docs" / "accessibility.md").read_text()


def test_the_filled_in_package_validates(elsewhere, council):
    assert "1 package checked: no problems." in succeeds(elsewhere, f"journeys validate data/{SLUG}", council)


def test_the_build_publishes_the_council_s_pages(built):
    home = (built / "index.html").read_text(encoding="utf-8")
    assert "Slough Borough Council: children&#39;s services improvement" in home or \
        "Slough Borough Council: children's services improvement" in home
    assert (built / SLUG / "index.html").is_file()
    indicator = (built / SLUG / "indicators" / "re-referrals" / "index.html").read_text(encoding="utf-8")
    assert "21.4" in indicator
    accessibility = (built / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert "https://slough.example/journey/" in accessibility and "Slough Borough Council" in accessibility
    guide = html.unescape((built / "officers-guide" / "index.html").read_text(encoding="utf-8"))
    assert "journeys validate data/<name>" in guide and "build_site.py" not in guide
    problems = (built / "problems" / "index.html").read_text(encoding="utf-8")
    assert "journeys validate" in problems and "build_site.py" not in problems


def test_serve_answers(elsewhere, council, built):
    port = free_port()
    preview = subprocess.Popen(["journeys", "serve", "--port", str(port)], cwd=council, env=environment(elsewhere),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def answers() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{SLUG}/", timeout=5) as response:
                return response.status == 200 and b"Slough Borough Council" in response.read()
        except OSError:
            return False
    answers.__doc__ = f"journeys serve answering on port {port}"
    try:
        wait_for(answers)
    finally:
        os.killpg(preview.pid, signal.SIGINT)
        preview.wait(timeout=60)


def test_the_council_readme_s_commands_work_as_printed(elsewhere, council, built):
    readme = (council / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## For officers\s+```sh\n(.*?)```", readme, re.S)[1]
    commands = [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]
    assert {command.split()[1] for command in commands} >= {"validate", "serve", "build", "paper"}
    assert all(command.startswith("journeys ") for command in commands)
    for command in commands:
        if command == "journeys serve":  # runs until stopped: test_serve_answers starts it
            continue
        succeeds(elsewhere, command, council)
    paper = council / "papers" / f"{SLUG}-paper-2024-06-12"  # the committee paper, typeset by the installed tool
    assert paper.with_suffix(".pdf").read_bytes().startswith(b"%PDF-")
    assert "21.4" in paper.with_suffix(".html").read_text(encoding="utf-8")
    assert succeeds(elsewhere, "journeys embargo-ended --within-minutes 120 data", council).strip() == "ended=false"
    assert "Added board_updates" in succeeds(elsewhere, f"journeys add-table data/{SLUG} board_updates", council)


def test_the_generated_workflow_installs_the_pinned_release_and_passes_both_linters(council):
    workflow = council / ".github" / "workflows" / "publish.yml"
    text = workflow.read_text(encoding="utf-8")
    assert "pip install -r requirements.txt" in text and f"journeys=={VERSION}" in text
    runs = re.findall(r"^\s+run: (.+)$", text, re.M)
    assert "journeys validate" in runs and "journeys build" in runs
    assert not [line for line in runs if "${{" in line]
    linted = zizmor(workflow)
    assert linted.returncode == 0 and "No findings" in linted.stdout + linted.stderr, linted.stdout + linted.stderr
    linted = actionlint(workflow)
    assert linted.returncode == 0 and "1 file(s), 0 finding(s)" in linted.stdout, linted.stdout


def test_the_python_api_example_in_our_readme_runs(elsewhere, council, built):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"## Python API.*?```python\n(.*?)```", readme, re.S)[1]
    output = succeeds(elsewhere, f"python -c {shlex.quote(example)}", council)
    assert "0 problems" in output and "Published" in output


def test_the_national_demo_is_built_by_the_same_installed_code(elsewhere):
    demo = elsewhere / "demo"
    demo.mkdir()
    shutil.copy2(ROOT / "site.yml", demo / "site.yml")
    shutil.copytree(ROOT / "data", demo / "data")
    # the Excel import and update-description, installed, on the shipped workbook as our guide gives them
    succeeds(elsewhere, "journeys import-xlsx data/kent data/kent/imports/scorecard-2012-13.xlsx", demo)
    succeeds(elsewhere, "journeys update-description data/kent", demo)
    succeeds(elsewhere, "journeys validate", demo)
    succeeds(elsewhere, "journeys build", demo)
    for slug in ("coventry", "kent", "leicestershire", "worcestershire"):
        assert (demo / "site" / slug / "index.html").is_file()
