"""Checks beyond types, and the cell checks' variants, each on a tiny package."""

from __future__ import annotations

import pytest

from conftest import DEFAULT_TABLES, make_package
from journeys.build.validation import validate_package


def first_changed(table: str, **changes) -> list[dict]:
    rows = [dict(row) for row in DEFAULT_TABLES[table]]
    rows[0].update(changes)
    return rows


def found(tmp_path, **tables) -> list[tuple]:
    return [(p.slug, p.file.rsplit("/", 1)[-1], p.row, p.column) for p in validate_package(make_package(tmp_path, **tables))]


@pytest.mark.parametrize("symbol, fixed", [("N/A", "z if it does not apply, or x if the figure is not available"),
                                           ("-", "z if it does not apply, or 0 if the figure is zero"),
                                           ("..", "x"), (":", "x"), ("~", "low")])
def test_each_legacy_symbol_is_refused_with_the_gss_symbol_to_use(tmp_path, symbol, fixed):
    folder = make_package(tmp_path, observations=first_changed("observations", value=symbol))
    [problem] = validate_package(folder)
    assert (problem.slug, problem.row, problem.column, problem.value) == ("legacy-symbol", 2, "value", symbol)
    assert problem.hint == f"Use the GSS symbol: {fixed}."


@pytest.mark.parametrize("error", ["#DIV/0!", "#REF!", "#N/A", "#VALUE!"])
def test_excel_errors_are_refused_by_name_in_any_column(tmp_path, error):
    folder = make_package(tmp_path, themes=first_changed("themes", description=error))
    [problem] = validate_package(folder)
    assert (problem.slug, problem.row, problem.column, problem.value) == ("excel-error", 2, "description", error)
    assert problem.message.startswith("is an Excel error (")


def test_a_uk_date_is_a_date(tmp_path):
    assert found(tmp_path, documents=first_changed("documents", date="12/01/2017")) == []


def test_a_us_date_is_explained(tmp_path):
    [problem] = validate_package(make_package(tmp_path, documents=first_changed("documents", date="01/31/2017")))
    assert problem.hint == "Dates are read day first. If you meant 31 January, write 2017-01-31."


def test_small_counts_of_children_in_a_count_value_and_a_denominator(tmp_path):
    observations = [dict(DEFAULT_TABLES["observations"][2], value="5"),
                    dict(DEFAULT_TABLES["observations"][0], value="c", numerator="", denominator="3")]
    assert found(tmp_path, observations=observations) == [
        ("small-count", "observations.csv", 2, "value"), ("small-count", "observations.csv", 3, "denominator")]


def test_a_percentage_of_five_is_not_a_small_count(tmp_path):
    assert found(tmp_path, observations=first_changed("observations", value="5", numerator="", denominator="")) == []


def test_counts_that_do_not_count_children_may_be_small(tmp_path):
    indicators = [dict(row, counts_children="no") for row in DEFAULT_TABLES["indicators"]]
    observations = [dict(DEFAULT_TABLES["observations"][2], value="3")]
    assert found(tmp_path, indicators=indicators, observations=observations) == []


def test_suppressed_numerator_with_value_and_denominator_is_derivable(tmp_path):
    assert found(tmp_path, observations=first_changed("observations", numerator="c")) == [
        ("suppression-derivable", "observations.csv", 2, "numerator")]


def test_two_suppressed_figures_hide_the_third(tmp_path):
    assert found(tmp_path, observations=first_changed("observations", value="c", numerator="c")) == []


def test_tallies_use_the_authoritys_ratings_of_any_scale(tmp_path):
    tallies = [dict(DEFAULT_TABLES["rag_tallies"][0], rating=rating) for rating in ("Green", "Amber", "Purple")]
    for row, tally in enumerate(tallies):
        tally["subject"] = f"Scorecard {row}"
    assert found(tmp_path, rag_tallies=tallies) == [("rag-unknown", "rag_tallies.csv", 4, "rating")]


def test_without_a_plan_scale_progress_takes_red_amber_green_blue(tmp_path):
    scale = [row for row in DEFAULT_TABLES["rag_scale"] if row["scale"] == "indicator"]
    progress = first_changed("progress", rating="Blue")
    assert found(tmp_path, rag_scale=scale, progress=progress) == []


def test_a_grade_in_the_wrong_case_is_guessed(tmp_path):
    [problem] = validate_package(make_package(tmp_path, judgements=first_changed("judgements", grade="inadequate")))
    assert problem.hint.startswith('Did you mean "Inadequate"? ')


def test_sub_judgements_are_fine_under_a_framework_without_an_overall_grade(tmp_path):
    milestones = first_changed("milestones", framework="ilacs-2026")
    judgements = [dict(DEFAULT_TABLES["judgements"][0], judgement="The experiences and progress of children in care",
                       grade="Good")]
    assert found(tmp_path, milestones=milestones, judgements=judgements) == []


def test_targets_that_follow_on_do_not_overlap(tmp_path):
    targets = [dict(DEFAULT_TABLES["targets"][0], period=period) for period in ("2016/17", "2017/18", "2018-04")]
    assert found(tmp_path, targets=targets) == []


def test_a_progress_report_on_the_day_of_its_document_is_fine(tmp_path):
    assert found(tmp_path, progress=first_changed("progress", action_id="2", report_date="12/01/2017")) == []


def test_a_reference_with_spaces_is_told_to_lose_them(tmp_path):
    [problem] = validate_package(make_package(tmp_path, progress=first_changed("progress", action_id="1 ")))
    assert (problem.slug, problem.hint) == ("extra-spaces", 'Delete the spaces: write "1".')


def test_a_misspelt_column_is_one_problem_not_two(tmp_path):
    folder = make_package(tmp_path)
    text = (folder / "themes.csv").read_text().replace("description", "Description", 1)
    (folder / "themes.csv").write_text(text)
    [problem] = validate_package(folder)
    assert (problem.slug, problem.value) == ("column-unknown", "Description")
    assert problem.hint.startswith('Did you mean "description"? ')


def test_a_column_with_spaces_round_its_name_is_told_to_lose_them(tmp_path):
    folder = make_package(tmp_path)
    text = (folder / "themes.csv").read_text().replace("description", "description ", 1)
    (folder / "themes.csv").write_text(text)
    assert [(p.slug, p.value) for p in validate_package(folder)] == [("extra-spaces", "description ")]
