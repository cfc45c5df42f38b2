"""Small helpers the checks share: suggestions, quoting and reading a field's schema."""

from __future__ import annotations

import difflib

from journeys.model.problems import Problem, problem
from journeys.model.reading import TextTable

Tables = dict[str, TextTable]


def did_you_mean(value: str, options, limit: int = 2000) -> str:
    """'Did you mean "Green"? ' for the closest option, or '' when nothing is close."""
    options = list(options)[:limit]
    folded = {option.casefold().strip(): option for option in options}
    match = folded.get(value.casefold().strip())
    if match is None:
        close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
        match = close[0] if close else None
    return f'Did you mean "{match}"? ' if match is not None and match != value else ""


def quoted_list(values) -> str:
    return ", ".join(f'"{value}"' for value in values)


def field_description(spec: dict) -> str:
    """A field's description turned into what an officer should write: 'the date of ...'."""
    text = spec.get("description", spec.get("title", spec["name"])).strip()
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    enum = spec.get("constraints", {}).get("enum")
    if enum:
        text = f"{text.rstrip('.')}: one of {quoted_list(enum)}."
    return text if text.endswith(".") else text + "."


def spaced(file: str, row: int, column: str, value: str, allowed) -> Problem | None:
    """extra-spaces when the value is allowed once its surrounding spaces go."""
    if value.strip() != value and value.strip() in allowed:
        return problem("extra-spaces", file, row, column, value, fixed=value.strip())
    return None
