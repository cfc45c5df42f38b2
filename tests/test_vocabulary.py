"""Each vocabulary is defined once (journeys/vocabulary.py): the Table Schemas, the parser, the
checks and the hand-written docs say exactly what it says."""

import re
from pathlib import Path

import pytest

from journeys.model import values, vocabulary
from journeys.checks.cells import SYMBOL_NAMES
from journeys.model import type_table
from journeys.model.periods import parse_period
from journeys.model.standard import field_kind, table_schemas

DOCS = Path(__file__).resolve().parent.parent / "docs"

ENUMS = {
    ("indicators", "polarity"): vocabulary.POLARITIES,
    ("indicators", "unit"): vocabulary.UNITS,
    ("milestones", "kind"): vocabulary.MILESTONE_KINDS,
    ("milestones", "framework"): tuple(vocabulary.frameworks()),
    ("comparators", "comparator"): vocabulary.COMPARATORS,
    ("documents", "kind"): vocabulary.DOCUMENT_KINDS,
    ("observations", "basis"): tuple(vocabulary.VALUE_BASES),
}


def schema_field(table: str, name: str) -> dict:
    return next(f for f in table_schemas()[table]["fields"] if f["name"] == name)


@pytest.mark.parametrize("table, name", sorted(ENUMS))
def test_schema_enums_are_the_vocabulary(table, name):
    assert tuple(schema_field(table, name)["constraints"]["enum"]) == ENUMS[(table, name)]


def test_every_value_field_accepts_exactly_the_gss_symbols():
    value_fields = [(table, f["name"]) for table, schema in table_schemas().items() for f in schema["fields"]
                    if "low" in f.get("constraints", {}).get("pattern", "")]
    assert value_fields  # observations' value, numerator, denominator; comparators' value
    for table, name in value_fields:
        field = schema_field(table, name)
        # observations' value is a figure as the paper states it (a bound, a change), one of these forms
        expected = (values.FIGURE, "figure") if (table, name) == ("observations", "value") else (vocabulary.VALUE, "value")
        assert (field["constraints"]["pattern"], field_kind(field)) == expected
        pattern = re.compile(field["constraints"]["pattern"])
        assert all(pattern.match(symbol) for symbol in vocabulary.GSS_SYMBOLS), (table, name)


@pytest.mark.parametrize("text, form", [("67.8", "number"), ("-3", "number"), ("c", "symbol"), (">200", "bound"),
                                        ("<=45", "bound"), ("change -28", "change"), ("change +2.5", "change"),
                                        ("change 0", "change")])
def test_every_figure_form_is_in_the_schema_and_the_parser(text, form):
    assert re.fullmatch(schema_field("observations", "value")["constraints"]["pattern"], text)
    assert values.parse_figure(text).form == form


@pytest.mark.parametrize("text", ["over 200", "> 200", "change -", "change 28", "20-25", "+3", "=<5"])
def test_a_figure_in_words_is_in_no_form(text):
    assert not re.fullmatch(schema_field("observations", "value")["constraints"]["pattern"], text)
    assert values.parse_figure(text) is None


@pytest.mark.parametrize("text, form", [("22", "number"), ("<20", "bound"), (">=95", "bound"), ("20-25", "range"),
                                        ("25-20", None), ("20-20", None)])
def test_target_forms(text, form):
    # the schema's pattern reads the shape (for stock frictionless); the parser, and so the
    # validator, also refuses a range that runs backwards or has one end
    assert re.fullmatch(schema_field("targets", "target")["constraints"]["pattern"], text)
    assert (values.parse_target(text).form if form else values.parse_target(text)) == form


def test_the_model_reads_every_symbol_as_no_number():
    import pandas as pd
    rows = pd.DataFrame({"indicator_id": "i", "period": "2016-11", "value": [*vocabulary.GSS_SYMBOLS, "1.5"]})
    typed = type_table("observations", rows)
    assert typed["value_number"].isna().tolist() == [True] * len(vocabulary.GSS_SYMBOLS) + [False]


def test_the_checks_and_the_docs_name_every_symbol():
    assert SYMBOL_NAMES == ("c (confidential), x (not available), z (not applicable), low (rounds to zero) "
                            "or u (low reliability)")
    how_to_read = (DOCS / "how-to-read.md").read_text(encoding="utf-8")
    listed = re.findall(r"^- \*\*([a-z]+)\*\*: ([^.]+)", how_to_read, re.MULTILINE)
    assert [(symbol, meaning.lower()) for symbol, meaning in listed] == [
        (symbol, vocabulary.symbol_name(symbol)) for symbol in vocabulary.GSS_SYMBOLS]


@pytest.mark.parametrize("kind", list(vocabulary.PERIOD_KINDS.values()), ids=lambda kind: kind.name)
def test_each_period_kind_is_what_the_parser_makes_of_its_example(kind):
    assert parse_period(kind.example).kind == kind.name


def test_every_grade_is_known_and_interventions_are_milestone_kinds():
    assert "Requires improvement to be good" in vocabulary.grades()
    assert set(vocabulary.INTERVENTIONS) <= set(vocabulary.MILESTONE_KINDS)


def test_how_to_read_names_every_standing_as_the_pages_and_what_changed_word_it():
    from journeys.domain.figures import STATUSES

    how_to_read = (DOCS / "how-to-read.md").read_text(encoding="utf-8")
    unwrapped = " ".join(how_to_read.split())
    for status in STATUSES.values():
        assert f"**{status.words}**" in unwrapped
        assert f"**{status.rag} ({status.phrase})**" in unwrapped


def test_every_field_of_free_text_has_a_length_of_its_kind():
    """Issue 22.3: no page, feed or chart is asked to lay out a megabyte of text."""
    unbounded = [(table, field["name"]) for table, schema in table_schemas().items() for field in schema["fields"]
                 if field_kind(field) in ("string", "identifier") and "enum" not in field.get("constraints", {})
                 and field.get("constraints", {}).get("maxLength") not in vocabulary.TEXT_LENGTHS.values()]
    assert unbounded == []
