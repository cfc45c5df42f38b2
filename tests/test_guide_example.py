"""The officers' guide's worked example, run for real: a board update dated only by its month,
added to a copy of a shipped package, validates cleanly and is shown as a month, never a day."""

import csv
import html
import json
import shutil
from pathlib import Path

from journeys.outputs.drawing import Drawing
from journeys.cli import main
from journeys.model import load_authority
from journeys.outputs.pages.guide import WORKED_EXAMPLE, page as guide_page
from journeys.build.validation import validate_package

ROOT = Path(__file__).resolve().parent.parent


def _append(path: Path, row: dict) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert list(row) == header, "the guide's example row must follow the table's columns in order"
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(row.values())


def copy_with_example(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / WORKED_EXAMPLE["package"]
    shutil.copytree(ROOT / "data" / WORKED_EXAMPLE["package"], folder)
    for table in ("documents", "milestones"):
        _append(folder / f"{table}.csv", WORKED_EXAMPLE[table])
    assert main(["add-table", str(folder), "board_updates"]) == 0  # as the guide says: never edit the JSON
    for row in WORKED_EXAMPLE["board_updates"]:
        _append(folder / "board_updates.csv", row)
    return folder


def update_description(folder: Path) -> Path:
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["description"] = WORKED_EXAMPLE["description"]
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    return folder


def test_the_new_paper_prompts_an_update_of_the_description(tmp_path):
    found = validate_package(copy_with_example(tmp_path))
    assert [(p.slug, p.file.endswith("datapackage.json")) for p in found] == [("package-property", True)]
    assert "as at 5 November 2018" in found[0].message and "leics-board-2019-03" in found[0].message
    assert "dated March 2019" in found[0].message


def test_the_worked_example_validates_once_the_description_is_updated(tmp_path):
    assert validate_package(update_description(copy_with_example(tmp_path))) == []


def test_the_board_update_keeps_its_month(tmp_path):
    authority = load_authority(update_description(copy_with_example(tmp_path)))
    milestones = authority.table("milestones").set_index("milestone_id")
    board = milestones.loc["board-2019-03"]
    assert (board["date_label"], board["date_precision"]) == ("March 2019", "month")
    document = authority.table("documents").set_index("document_id").loc["leics-board-2019-03"]
    assert (document["date_label"], document["kind"]) == ("March 2019", "board update")


def test_the_journey_page_shows_the_month_and_the_note(tmp_path):
    from journeys.outputs.pages import journey

    authority = load_authority(update_description(copy_with_example(tmp_path)))
    body = html.unescape(journey.page(authority, context()).body)
    assert "March 2019: Improvement board update" in body
    assert "1 March 2019" not in body
    assert "Dated by month only, as the paper gives it." in body
    assert "Figures as at March 2019 (Improvement board update, March 2019)" in body


def test_the_guide_shows_the_example_and_every_new_column_and_command():
    body = html.unescape(guide_page(context()).body)
    assert "Worked example: a board update dated only by its month" in body
    assert 'leics-board-2019-03,2019-03,Children\'s Services Improvement Board,"Improvement board update, March 2019"' in body
    for words in ("add-table", "accessed", "Kind of source", "work_programme.csv", "Note",
                  "The impact of leaders on social work practice with children and families",
                  "requires improvement: write Requires improvement to be good"):
        assert words in body, words


def context():
    # Built in 2026: the example's March 2019 meeting is past, so it is on the journey, not "planned".
    from datetime import datetime
    from journeys.outputs.page import Entry, SiteContext
    return SiteContext(site_name="Journeys", mode="national", built_at=datetime(2026, 1, 1),
                       authorities=(Entry(WORKED_EXAMPLE["package"], "Leicestershire"),))


def test_the_overview_shows_the_latest_board_update(tmp_path):
    from journeys.domain.summary import summarise
    from journeys.outputs.pages import overview

    authority = load_authority(update_description(copy_with_example(tmp_path)))
    body = html.unescape(overview.page(authority, context(), summarise(authority, context().built_at), Drawing()).body)
    assert "## Children's Services Improvement Board: latest update {#board-update}" in body
    assert "Children's Services Improvement Board, March 2019." in body
    key, risk = body.index("### Key messages"), body.index("### Risks")
    assert key < body.index("Actions on track") < risk < body.index("Capacity to manage early help")
    assert "Latest meeting reported" in body and "1 March 2019" not in body
    assert "No rated progress report published" not in body  # Leicestershire's progress report stands
