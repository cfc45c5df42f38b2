"""`build_site.py validate`: every problem printed once, grouped by file, counted, exit status 1."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from conftest import DEFAULT_TABLES, edit_descriptor, make_package
from journeys.cli import main
from journeys.model.problems import CATALOGUE
from journeys.build.validation import annotation, validate_package, validate_packages

ROOT = Path(__file__).resolve().parent.parent


def broken_observations(**changes) -> list[dict]:
    rows = [dict(row) for row in DEFAULT_TABLES["observations"]]
    rows[1].update(changes)
    return rows


def test_a_valid_package_passes_with_exit_status_0(tmp_path, capsys, monkeypatch):
    make_package(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "1 package checked: no problems.\n"


def test_problems_are_grouped_by_file_then_counted_with_exit_status_1(tmp_path, capsys, monkeypatch):
    make_package(tmp_path, observations=broken_observations(period="31/02/2025", value="67.8%"),
                 progress=[dict(DEFAULT_TABLES["progress"][0], rating="Purple")])
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert main(["validate", "data/demo"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "data/demo/observations.csv",
        '  row 3, column "period": "31/02/2025" is not a period. Write it as 2025-02 (month) or 2025-02-28 (day). '
        "[not-a-period]",
        '  row 3, column "value": "67.8%" has a % sign. Write the plain number: 67.8. [percent-sign]',
        "",
        "data/demo/progress.csv",
        '  row 2, column "rating": "Purple" is not one of the authority\'s plan ratings. Write one of: "Green", '
        '"Amber", "Red" (as rag_scale.csv defines them). [rag-unknown]',
        "",
        "3 problems in 2 files (1 package checked).",
    ]


def test_every_folder_in_data_is_checked_by_default(tmp_path, capsys, monkeypatch):
    make_package(tmp_path, slug="alpha")
    make_package(tmp_path, slug="beta", observations=broken_observations(value="N/A"))
    (tmp_path / "data" / ".hidden").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    assert "data/beta/observations.csv" in out and "data/alpha" not in out
    assert out.endswith("1 problem in 1 file (2 packages checked).\n")


def test_no_packages_at_all_is_said_plainly(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    assert "No data packages found in data/" in capsys.readouterr().out


def test_a_datapackage_json_path_is_taken_as_its_folder(tmp_path, capsys, monkeypatch):
    make_package(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "data/demo/datapackage.json"]) == 0


def test_github_actions_annotations_point_at_the_file_line_and_column(tmp_path, capsys, monkeypatch):
    folder = make_package(tmp_path)
    (folder / "themes.csv").write_text(
        'theme_id,title,description,order,source,source_section\n1,"Early\nhelp",,1,doc-1,\n2,Lead,,second,doc-1,\n',
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["validate", "data/demo"]) == 1
    annotations = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::")]
    # spreadsheet row 3 starts on the file's line 4 (a quoted line break); "second" starts at character 9
    assert annotations == [
        "::error file=data/demo/themes.csv,line=4,col=9,title=Not a whole number (not-an-integer)::"
        'row 3, column "order": "second" is not a whole number. '
        "Write a whole number such as 3, with no decimal point, spaces or commas."]


def test_annotation_escapes_what_github_would_read_as_commands():
    from journeys.model.problems import problem
    found = problem("not-a-number", "data/a,b/x.csv", 2, "value", "50%\n::warning::x", or_symbol="",
                    suggestion="Write 50.")
    text = annotation(found)
    assert text.startswith("::error file=data/a%2Cb/x.csv,line=2,title=Not a number (not-a-number)::")
    assert "\n" not in text and "50%25%0A::warning::x" in text


def test_packages_checked_in_parallel_give_the_same_problems_in_order(tmp_path):
    folders = [make_package(tmp_path, slug=f"p{n}", observations=broken_observations(value=f"{n},000"))
               for n in range(1, 4)]
    together = validate_packages(folders)
    assert together == [p for folder in folders for p in validate_package(folder)]
    assert [(p.file.split("/")[-2], p.slug) for p in together] == [
        ("p1", "thousands-separator"), ("p2", "thousands-separator"), ("p3", "thousands-separator")]


def test_a_malformed_datapackage_names_its_line(tmp_path):
    folder = make_package(tmp_path)
    text = (folder / "datapackage.json").read_text().replace('"dfe_code": "331",', '"dfe_code": "331"')
    (folder / "datapackage.json").write_text(text)
    [found] = validate_package(folder, "data/demo")
    assert (found.slug, found.row) == ("package-json-invalid", 8)
    assert found.line().startswith("data/demo/datapackage.json, line 8: the file is not valid JSON")


@pytest.mark.parametrize("path, reason", [
    ("/etc/passwd.csv", "it is an absolute path"),
    ("C:\\data\\themes.csv", "it is an absolute path"),
    ("../../schemas/themes.csv", '".." climbs out of it'),
    ("sub/../../themes.csv", '".." climbs out of it'),
])
def test_paths_leading_out_of_the_package_are_refused_unread(tmp_path, path, reason):
    folder = make_package(tmp_path)
    data = json.loads((folder / "datapackage.json").read_text())
    next(r for r in data["resources"] if r["name"] == "themes")["path"] = path
    edit_descriptor(folder, resources=data["resources"])
    found = [p for p in validate_package(folder) if p.slug == "path-outside-package"]
    assert [p.value for p in found] == [path]
    assert found[0].message.endswith(f": {reason}")


def test_a_symbolic_link_leading_out_is_refused(tmp_path):
    folder = make_package(tmp_path)
    outside = tmp_path / "secret.csv"
    outside.write_text((folder / "themes.csv").read_text())
    (folder / "themes.csv").unlink()
    os.symlink(outside, folder / "themes.csv")
    found = [p for p in validate_package(folder) if p.slug == "path-outside-package"]
    assert len(found) == 1 and "symbolic link" in found[0].message


def test_a_symbolic_link_inside_the_package_is_fine(tmp_path):
    folder = make_package(tmp_path)
    (folder / "themes.csv").rename(folder / "themes-2017.csv")
    os.symlink(folder / "themes-2017.csv", folder / "themes.csv")
    data = json.loads((folder / "datapackage.json").read_text())
    assert [p.slug for p in validate_package(folder)] == ["csv-not-listed"]  # the real file is not listed
    assert data["resources"][1]["path"] == "themes.csv"


def test_a_referenced_table_may_be_present_with_its_header_only(tmp_path):
    folder = make_package(tmp_path, objectives=[], actions=[dict(DEFAULT_TABLES["actions"][1])], progress=[])
    assert validate_package(folder) == []


def test_an_authority_can_start_with_only_its_plan(tmp_path):
    omitted = {name: None for name in DEFAULT_TABLES if name not in ("documents", "themes", "objectives", "actions")}
    assert validate_package(make_package(tmp_path, **omitted)) == []


def test_a_rag_scale_absent_accepts_red_amber_green_blue(tmp_path):
    progress = [dict(DEFAULT_TABLES["progress"][0], rating="Blue")]
    assert validate_package(make_package(tmp_path, rag_scale=None, progress=progress)) == []


def test_spreadsheet_row_numbers_survive_bom_crlf_quoted_newlines_and_trailing_rows(tmp_path):
    folder = make_package(tmp_path)
    text = ("indicator_id,period,value,numerator,denominator,note,source,source_section,basis\r\n"
            're-referrals,2016-10,24.1,,,"a note\r\nover two lines",doc-1,,\r\n'
            "re-referrals,2016-11,67.8%,,,,doc-1,,\r\n"
            ",,,,,,,,\r\n,,,,,,,,\r\n")
    (folder / "observations.csv").write_bytes(b"\xef\xbb\xbf" + text.encode())
    found = validate_package(folder, "data/demo")
    assert [(p.slug, p.row, p.file_line) for p in found] == [("percent-sign", 3, 4), ("blank-row", 4, 5)]


def test_issue_example_wording(tmp_path):
    """The wording the issue gives for an impossible date in a period column."""
    folder = make_package(tmp_path, slug="kent", observations=broken_observations(period="31/02/2025"))
    [found] = validate_package(folder, "data/kent")
    assert found.line() == ('data/kent/observations.csv, row 3, column "period": "31/02/2025" is not a period. '
                            "Write it as 2025-02 (month) or 2025-02-28 (day).")


def test_whole_package_fuzz_never_raises_nor_needs_the_safety_net(tmp_path):
    generator = random.Random(7)
    folder = make_package(tmp_path)
    pieces = ['{', '}', '[', ']', '"resources"', '"name"', '"path"', ':', ',', '"documents"', '"themes.csv"',
              '"../x.csv"', 'null', '1', '"schema"', '\n', '"licenses"']
    for _ in range(60):
        text = "".join(generator.choice(pieces) for _ in range(generator.randrange(1, 40)))
        (folder / "datapackage.json").write_text(text)
        found = validate_package(folder)
        assert found and all(p.slug in CATALOGUE and p.slug != "file-unreadable" for p in found)


def test_every_shipped_package_is_checked_without_a_traceback():
    """The shipped data may be mid-transcription; whatever it holds, the validator answers with Problems."""
    folders = sorted(p for p in (ROOT / "data").iterdir() if p.is_dir())
    assert folders, "data/ should ship the four authorities"
    found = validate_packages(folders)
    assert all(p.slug in CATALOGUE and p.slug != "file-unreadable" for p in found)


def test_validate_from_inside_the_package_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(make_package(tmp_path))
    assert main(["validate", "."]) == 0
