"""The catalogue of national measures, the lait_code check, and the comparison model (issue 7)."""

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Resource, Schema

from conftest import comparisons
from journeys.checks.measures import check_national_measures
from journeys.outputs.pages.compare import periods_sentence
from journeys.domain.measures import CATALOGUE_FILE, national_measures
from journeys.model import load_authority
from journeys.model.problems import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "compare"
CATALOGUE_SCHEMA = ROOT / "schemas" / "vocabularies" / "national_measures.schema.json"
FILE = "data/alpha/indicators.csv"
SLUGS = ["lait-code-unknown", "lait-code-repeated", "lait-unit-mismatch", "lait-polarity-mismatch",
         "lait-definition-differs"]


def indicators(*rows: dict) -> pd.DataFrame:
    """indicators.csv as the validator reads it: text, indexed by spreadsheet row (header = 1)."""
    base = {"indicator_id": "repeat-plans", "title": "Repeat child protection plans", "unit": "percentage",
            "polarity": "lower is better", "definition": "Children who became the subject of a plan for "
            "a second or subsequent time, as a percentage of children who became the subject of a plan.",
            "lait_code": "15"}
    frame = pd.DataFrame([{**base, **row} for row in rows], dtype=str)
    frame.index = range(2, len(rows) + 2)
    return frame


def copy_fixture(slug: str, tmp_path: Path, name: str | None = None) -> Path:
    folder = tmp_path / (name or slug)
    folder.mkdir()
    for file in (FIXTURES / slug).iterdir():
        (folder / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def authorities(*slugs):
    return [load_authority(FIXTURES / slug) for slug in slugs]


# --- The catalogue ----------------------------------------------------------------------------

def validate_catalogue(folder: Path) -> list:
    schema = Schema.from_descriptor(json.loads(CATALOGUE_SCHEMA.read_text(encoding="utf-8")))
    report = Resource(path=CATALOGUE_FILE.name, basepath=str(folder), schema=schema).validate()
    return report.flatten(["rowNumber", "fieldNumber", "type"])


def test_catalogue_validates_against_its_table_schema():
    assert validate_catalogue(CATALOGUE_FILE.parent) == []


def test_the_catalogue_schema_really_constrains_it(tmp_path):
    """A control for the test above: a unit outside the enum and a repeated code are refused."""
    text = CATALOGUE_FILE.read_text(encoding="utf-8")
    lines = text.splitlines()
    broken = text.replace(",lower is better,percentage,", ",lower is better,per cent,", 1) + lines[1] + "\n"
    (tmp_path / CATALOGUE_FILE.name).write_text(broken, encoding="utf-8")
    errors = validate_catalogue(tmp_path)
    assert [2, 5, "constraint-error"] in errors
    assert [len(lines) + 1, None, "primary-key"] in errors


def test_catalogue_units_are_the_indicator_schemas_units():
    """The catalogue may only use units an indicator can have, or no indicator could claim it."""
    indicators_schema = json.loads((ROOT / "schemas" / "indicators.json").read_text(encoding="utf-8"))
    unit_enum = next(f for f in indicators_schema["fields"] if f["name"] == "unit")["constraints"]["enum"]
    catalogue_schema = json.loads(CATALOGUE_SCHEMA.read_text(encoding="utf-8"))
    assert next(f for f in catalogue_schema["fields"] if f["name"] == "unit")["constraints"]["enum"] == unit_enum


def test_catalogue_holds_the_national_measures_of_the_domain_brief():
    expected = {271: "lower is better", 304: "higher is better", 15: "lower is better",
                218: "higher is better", 98: "lower is better", 372: "lower is better",
                393: "higher is better", 113: "higher is better", 221: "lower is better"}
    measures = national_measures()
    assert {code: measures[code].polarity for code in expected} == expected


def test_each_differs_wording_compiles_and_spares_the_dfe_definition_itself():
    for measure in national_measures().values():
        re.compile(measure.differs)
        assert measure.differing_wording(measure.definition) is None, measure.code


@pytest.mark.parametrize("code, local_definition", [
    (15, "Children starting a plan who had a previous plan within two years."),
    (15, "Repeat plans within 2 years of the previous plan ending."),
    (271, "Referrals within 6 months of a previous referral."),
    (304, "Initial assessments completed within 10 working days."),
    (218, "Initial conferences held within 20 working days of the strategy discussion."),
    (372, "Children with three or more placements in the previous two years."),
    (113, "Relevant and former relevant care leavers in education, employment or training."),
])
def test_differs_wording_catches_local_definitions(code, local_definition):
    assert national_measures()[code].differing_wording(local_definition)


def test_differs_wording_leaves_the_national_window_alone():
    assert national_measures()[271].differing_wording("Re-referrals within 12 months of a previous referral.") is None


# --- The check --------------------------------------------------------------------------------

def test_a_faithful_claim_passes():
    assert check_national_measures(indicators({}), FILE) == []


def test_no_lait_code_column_no_problems():
    assert check_national_measures(indicators({}).drop(columns="lait_code"), FILE) == []


def test_mismatched_unit_is_refused_naming_the_catalogue_unit():
    [found] = check_national_measures(indicators({"unit": "count"}), FILE)
    assert (found.slug, found.row, found.column, found.value) == ("lait-unit-mismatch", 2, "unit", "count")
    assert found.line() == (
        'data/alpha/indicators.csv, row 2, column "unit": "count" is not the unit of national measure 15 '
        '(Second or subsequent child protection plan), which is "percentage". Write "percentage" if the '
        "indicator is the national measure; otherwise leave lait_code empty.")


def test_mismatched_polarity_is_refused_naming_the_catalogue_polarity():
    [found] = check_national_measures(indicators({}, {"polarity": "higher is better", "lait_code": "113",
                                                      "title": "Care leavers in EET", "definition": "EET."},
                                                  {"polarity": "none", "lait_code": "271", "definition": "x"}),
                                       FILE)
    assert (found.slug, found.row, found.column, found.value) == ("lait-polarity-mismatch", 4, "polarity", "none")
    assert 'national measure 271 (Re-referrals within 12 months), which is "lower is better"' in found.message
    assert found.hint == 'Write "lower is better" if the indicator is the national measure; otherwise leave lait_code empty.'


def test_unit_and_polarity_both_wrong_gives_two_problems():
    found = check_national_measures(indicators({"unit": "days", "polarity": "higher is better"}), FILE)
    assert [(p.slug, p.column) for p in found] == [("lait-unit-mismatch", "unit"),
                                                  ("lait-polarity-mismatch", "polarity")]


def test_a_value_outside_the_enum_is_left_to_the_enum_check():
    assert check_national_measures(indicators({"unit": "per cent", "polarity": "Lower"}), FILE) == []


def test_within_two_years_definition_is_refused_with_the_hint_to_remove_the_code():
    definition = "Children starting a child protection plan who had a previous plan within two years."
    [found] = check_national_measures(indicators({"definition": definition}), FILE)
    assert (found.slug, found.row, found.column, found.value) == (
        "lait-definition-differs", 2, "definition", "within two years")
    assert found.line() == (
        'data/alpha/indicators.csv, row 2, column "definition": "within two years" marks a local definition, '
        "so this indicator is not national measure 15 (Second or subsequent child protection plan). Delete 15 "
        'from lait_code (leave it empty): the national measure is "' + national_measures()[15].definition + '".')


def test_unknown_code_is_refused_with_did_you_mean_by_title():
    [found] = check_national_measures(indicators({"lait_code": "16"}), FILE)
    assert (found.slug, found.column, found.value) == ("lait-code-unknown", "lait_code", "16")
    assert found.hint.startswith("Did you mean 15 (Second or subsequent child protection plan)? ")


def test_unknown_code_did_you_mean_falls_back_to_the_digits():
    [found] = check_national_measures(indicators({"lait_code": "272", "title": "Something else"}), FILE)
    assert found.hint.startswith("Did you mean 271 (Re-referrals within 12 months)? ")


def test_unknown_code_with_nothing_near_has_no_guess():
    [found] = check_national_measures(indicators({"lait_code": "9999", "title": "Zebra crossings"}), FILE)
    assert found.hint == ("Write a code from schemas/vocabularies/national_measures.csv, "
                          "or leave lait_code empty.")


def test_a_code_claimed_twice_is_refused_on_the_second_row():
    found = check_national_measures(indicators({}, {"indicator_id": "repeat-plans-ytd"}), FILE)
    assert [(p.slug, p.row, p.column, p.value) for p in found] == [("lait-code-repeated", 3, "lait_code", "15")]
    assert found[0].message == "is also claimed by indicator repeat-plans in row 2"


def test_a_code_that_is_not_a_whole_number_is_left_to_the_type_check():
    assert check_national_measures(indicators({"lait_code": "fifteen"}, {"lait_code": ""}), FILE) == []


def test_every_slug_is_catalogued_for_the_docs():
    assert set(SLUGS) <= set(CATALOGUE)


def test_every_slug_is_produced_by_the_check():
    frame = indicators({"lait_code": "16"}, {"unit": "count", "polarity": "higher is better",
                                             "definition": "Repeat plans within two years.",
                                             "indicator_id": "b"}, {"indicator_id": "c"})
    assert {p.slug for p in check_national_measures(frame, FILE)} == set(SLUGS)


def test_shipped_claims_pass_the_check():
    for path in sorted((ROOT / "data").glob("*/indicators.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            frame = pd.DataFrame(list(csv.DictReader(handle)), dtype=str)
        frame.index = range(2, len(frame) + 2)
        assert check_national_measures(frame, str(path)) == [], path


# --- The comparison model ---------------------------------------------------------------------

def test_a_comparison_lists_exactly_the_authorities_that_report_the_measure():
    """Three authorities: alpha and beta report measure 15; gamma's repeat plans are 'within two
    years' (no code), and gamma alone reports 372, which is therefore not compared."""
    found = comparisons(authorities("alpha", "beta", "gamma"))
    assert [(c.measure.code, [s.slug for s in c.series]) for c in found] == [(15, ["alpha", "beta"])]


def test_order_of_authorities_does_not_matter():
    forwards = comparisons(authorities("alpha", "beta", "gamma"))
    backwards = comparisons(authorities("gamma", "beta", "alpha"))
    assert forwards == backwards


def test_one_authority_alone_makes_no_comparison():
    assert comparisons(authorities("alpha", "gamma")) == []


def test_a_claim_without_any_published_number_does_not_count_as_reporting(tmp_path):
    folder = copy_fixture("beta", tmp_path, "delta")
    observations = folder / "observations.csv"
    lines = observations.read_text(encoding="utf-8").splitlines()
    symbols = [lines[0]] + [re.sub(r"^(cp-repeat,[^,]+),[^,]+,", r"\1,x,", line) for line in lines[1:]]
    observations.write_text("\n".join(symbols) + "\n", encoding="utf-8")
    assert comparisons([*authorities("alpha"), load_authority(folder)]) == []


def test_symbols_are_gaps_never_zero_and_a_suppressed_figure_never_reaches_the_model():
    [comparison] = comparisons(authorities("alpha", "beta"))
    alpha, beta = comparison.series
    assert [(p.period, p.value, p.symbol) for p in alpha.observations] == [
        ("2016-10", 20.5, ""), ("2016-11", None, "c"), ("2016-12", 18.0, "")]
    assert [(p.period, p.value, p.symbol) for p in beta.observations] == [
        ("2015/16", 22.0, ""), ("2016/17", None, "x"), ("2017/18", 16.4, "")]


def test_a_figure_beside_a_suppressed_numerator_is_withheld(tmp_path):
    """Disclosure control applies even if the caller forgot it: a value whose numerator is c is c."""
    folder = copy_fixture("alpha", tmp_path)
    observations = folder / "observations.csv"
    observations.write_text(observations.read_text(encoding="utf-8").replace(
        "repeat-plans,2016-12,18.0,,", "repeat-plans,2016-12,18.0,c,"), encoding="utf-8")
    [comparison] = comparisons([load_authority(folder), *authorities("beta")])
    assert [(p.period, p.value) for p in comparison.series[0].observations] == [
        ("2016-10", 20.5), ("2016-11", None), ("2016-12", None)]
    assert comparison.series[0].latest.period == "2016-10"


def test_latest_value_with_its_period_and_source_document():
    [comparison] = comparisons(authorities("alpha", "beta"))
    alpha, beta = comparison.series
    assert (alpha.latest.period, alpha.latest.value, alpha.latest_source.title, alpha.latest_source.date) == (
        "2016-12", 18.0, "Performance overview, November 2016", "12 January 2017")
    assert (beta.latest.label, beta.latest.value, beta.latest_source.document_id) == (
        "2017/18", 16.4, "beta-2018-11-05")


def test_targets_and_england_and_neighbour_comparators_come_along():
    [comparison] = comparisons(authorities("alpha", "beta"))
    alpha, beta = comparison.series
    assert [(t.period, t.value) for t in alpha.targets] == [("2016/17", 18.0)]
    assert [(b.label, [(p.period, p.value) for p in b.points]) for b in alpha.benchmarks] == [
        ("England", [("2015/16", 17.9)]), ("statistical neighbours (mean)", [("2015/16", 19.2)])]
    assert [b.label for b in beta.benchmarks] == ["statistical neighbours (median)"]


def test_the_page_says_when_periods_differ():
    [comparison] = comparisons(authorities("alpha", "beta"))
    assert comparison.periods_differ
    assert periods_sentence(comparison) == (
        "These authorities report over different periods: Alpha City Council reports months; "
        "Beta County Council reports financial years. A value for one kind of period is not "
        "comparable with a value for another.")


def test_same_kinds_of_period_need_no_sentence():
    [comparison] = comparisons(authorities("alpha", "alpha"))
    assert not comparison.periods_differ and periods_sentence(comparison) == ""


def test_the_validator_reports_a_false_claim_where_an_officer_would_look(tmp_path):
    from journeys.build.validation import validate_package

    folder = copy_fixture("alpha", tmp_path)
    indicators_csv = folder / "indicators.csv"
    indicators_csv.write_text(indicators_csv.read_text(encoding="utf-8").replace(
        "percentage,lower is better,monthly", "count,lower is better,monthly"), encoding="utf-8")
    found = [(p.slug, p.file, p.row, p.column, p.value) for p in validate_package(folder, "data/alpha")
             if p.slug.startswith("lait-")]
    assert found == [("lait-unit-mismatch", "data/alpha/indicators.csv", 2, "unit", "count")]
