"""Reading CSV files as offices export them: rows numbered as a spreadsheet shows them."""

from __future__ import annotations

import random

import pytest

from journeys.model import read_text_table
from journeys.model.reading import read_table

HEADER = "theme_id,title,description,order,source,source_section"


def write(tmp_path, content: bytes, name: str = "themes.csv"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_bom_crlf_and_a_quoted_line_break_keep_spreadsheet_rows(tmp_path):
    text = f'{HEADER}\r\n1,"Early help,\r\nand the front door",,1,doc-1,\r\n2,Leadership,,2,doc-1,p. 4\r\n'
    table, problems = read_table(write(tmp_path, b"\xef\xbb\xbf" + text.encode()), "themes.csv")
    assert problems == []
    assert table.header == HEADER.split(",")
    assert list(table.frame.index) == [2, 3]  # the quoted line break does not add a row
    assert table.frame.loc[2, "title"] == "Early help,\r\nand the front door"
    assert table.frame.loc[3, "source_section"] == "p. 4"
    # ...but it moves row 3 to the file's line 4, where an editor or GitHub shows it
    assert table.position(3, "source_section") == (4, len("2,Leadership,,2,doc-1,") + 1)


def test_trailing_empty_rows_are_reported_once_and_left_out(tmp_path):
    text = f"{HEADER}\n1,Early help,,1,doc-1,\n,,,,,\n\n,,,,,\n"
    table, problems = read_table(write(tmp_path, text.encode()), "themes.csv")
    assert [(p.slug, p.row, p.message) for p in problems] == [("blank-row", 3, "rows 3 to 5 are empty")]
    assert list(table.frame.index) == [2]


def test_a_blank_row_in_the_middle_keeps_the_numbering_of_the_rows_after_it(tmp_path):
    text = f"{HEADER}\n1,Early help,,1,doc-1,\n\n2,Leadership,,2,doc-1,\n"
    table, problems = read_table(write(tmp_path, text.encode()), "themes.csv")
    assert [(p.slug, p.row) for p in problems] == [("blank-row", 3)]
    assert list(table.frame.index) == [2, 4]


def test_windows_1252_export_is_refused_naming_the_row_and_the_character(tmp_path):
    text = f"{HEADER}\n1,Early help,,1,doc-1,\n2,Children’s services,,2,doc-1,\n"
    table, [problem] = read_table(write(tmp_path, text.encode("cp1252")), "themes.csv")
    assert table is None
    assert (problem.slug, problem.row) == ("not-utf8", 3)
    assert '"’"' in problem.message and "CSV UTF-8" in problem.hint


def test_semicolon_separated_file_is_refused_with_the_reason(tmp_path):
    text = HEADER.replace(",", ";") + "\n1;Early help;;1;doc-1;\n"
    table, [problem] = read_table(write(tmp_path, text.encode()), "themes.csv")
    assert table is None
    assert (problem.slug, problem.row) == ("wrong-separator", 1)
    assert problem.message == "the columns are separated by semicolons, not commas"


def test_an_excel_workbook_saved_with_a_csv_name_is_named(tmp_path):
    table, [problem] = read_table(write(tmp_path, b"PK\x03\x04" + bytes(100)), "themes.csv")
    assert (table, problem.slug) == (None, "not-csv")
    assert "Excel workbook (.xlsx)" in problem.message


def test_utf16_unicode_text_is_named(tmp_path):
    table, [problem] = read_table(write(tmp_path, "\ufeff" .encode("utf-16-le") + HEADER.encode("utf-16-le")),
                                  "themes.csv")
    assert "UTF-16" in problem.message


def test_old_mac_line_endings_are_rows_too(tmp_path):
    table, problems = read_table(write(tmp_path, f"{HEADER}\r1,Early help,,1,doc-1,\r2,Lead,,2,doc-1,\r".encode()),
                                 "themes.csv")
    assert problems == [] and list(table.frame["title"]) == ["Early help", "Lead"]
    assert table.position(3, "title") == (3, 3)


def test_the_model_reads_exactly_what_validation_read(tmp_path):
    """BOM, CRLF, quoted line breaks, trailing empty rows: the model sees the same cells."""
    text = f'{HEADER}\r\n1,"Early\r\nhelp",,1,doc-1,\r\n,,,,,\r\n'
    path = write(tmp_path, b"\xef\xbb\xbf" + text.encode())
    frame = read_text_table(path)
    assert list(frame.columns) == HEADER.split(",")
    assert frame.to_dict("records") == [{"theme_id": "1", "title": "Early\r\nhelp", "description": "", "order": "1",
                                         "source": "doc-1", "source_section": ""}]


@pytest.mark.parametrize("seed", range(40))
def test_random_bytes_never_raise_and_never_need_the_safety_net(tmp_path, seed):
    generator = random.Random(seed)
    alphabet = [b",", b'"', b"\n", b"\r", b";", b"\t", b"a", b"1", b"\xef\xbb\xbf", b"\xff", b"\x00", b"\xc3\xa9",
                b"#DIV/0!", b" ", HEADER.encode()]
    if seed % 2:
        content = bytes(generator.randrange(256) for _ in range(generator.randrange(1, 400)))
    else:
        content = b"".join(generator.choice(alphabet) for _ in range(generator.randrange(1, 200)))
    table, problems = read_table(write(tmp_path, content), "themes.csv", HEADER.split(","))
    assert table is not None or problems, "a file that cannot be read must say why"
    assert all(problem.slug != "file-unreadable" for problem in problems)
    assert all(problem.line() for problem in problems)
