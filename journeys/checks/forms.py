"""What to write instead of a figure or a target in words: the forms of journeys.model.values.

Papers print "over 200", "fell by 28", "below 20" and "20–25"; the standard holds them as >200,
change -28, <20 and 20-25. Each function looks at one failing value and says what to write,
never changing a figure into something the paper does not say.
"""

from __future__ import annotations

import re

from journeys.checks.suggest import plain_number

NUMBER = r"(-?\d[\d,]*(?:\.\d+)?)\s*(%|per ?cent|days?|weeks?|children|cases)?"
BOUND_WORDS = {  # words papers put before a number -> the relation the standard writes
    ">": ("over", "more than", "above", "greater than", "in excess of"),
    "<": ("fewer than", "less than", "under", "below"),
    ">=": ("at least", "no fewer than", "no less than", "a minimum of", "minimum"),
    "<=": ("at most", "up to", "no more than", "a maximum of", "maximum", "within"),
}
SIGNS = {"≥": ">=", "≤": "<=", "=>": ">=", "=<": "<="}
FALLS = ("fell", "fallen", "dropped", "decreased", "reduced", "down", "declined", "a decrease of", "a fall of",
         "a reduction of", "a drop of")
RISES = ("rose", "risen", "increased", "grew", "up", "went up", "an increase of", "a rise of")
APPROXIMATE = ("approximately", "approx.", "approx", "about", "around", "circa", "c.", "roughly", "nearly", "almost")
FIGURE_FORMS = ("Write a plain number such as 67.8, a bound such as >200 (over 200) or <100 (fewer than 100), "
                "a change with no level such as change -28 (fell by 28), or a GSS symbol: c, x, z, low or u.")
TARGET_FORMS = ("Write a plain number such as 22, a strict target such as <20 (below 20) or >90 (above 90), "
                "or a range such as 20-25, smaller first.")


def _plain(number: str) -> str:
    return plain_number(number.replace(",", "")) or number


def _words(text: str, phrases) -> re.Match | None:
    pattern = "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))
    return re.fullmatch(rf"(?:{pattern})(?: by)?\s*{NUMBER}", text.strip(), flags=re.IGNORECASE)


def _bound(text: str) -> str | None:
    """'over 200' -> '>200'; '≥ 95%' -> '>=95'."""
    for sign, relation in SIGNS.items():
        text = text.replace(sign, relation)
    if m := re.fullmatch(rf"(<=|>=|<|>)\s*{NUMBER}", text.strip()):
        return f"{m[1]}{_plain(m[2])}"
    for relation, phrases in BOUND_WORDS.items():
        if m := _words(text, phrases):
            return f"{relation}{_plain(m[1])}"
    return None


def _change(text: str) -> str | None:
    """'fell by 28' -> 'change -28'; 'change 28' -> 'change +28'."""
    if m := re.fullmatch(rf"change\s*\+?\s*{NUMBER}", text.strip(), flags=re.IGNORECASE):
        number = _plain(m[1])
        return f"change {number}" if number.startswith("-") or number == "0" else f"change +{number}"
    for sign, phrases in (("-", FALLS), ("+", RISES)):
        if m := _words(text, phrases):
            number = _plain(m[1]).lstrip("-")
            return "change 0" if number == "0" else f"change {sign}{number}"
    return None


def _range(text: str) -> tuple[str, str] | None:
    """'20–25', '20 to 25', 'between 20 and 25' -> ('20', '25'), smaller first."""
    m = re.fullmatch(rf"(?:between\s+)?{NUMBER}\s*(?:-|–|—|to|and)\s*{NUMBER}", text.strip(), flags=re.IGNORECASE)
    if not m:
        return None
    low, high = _plain(m[1]), _plain(m[3])
    return (low, high) if float(low) <= float(high) else (high, low)


def stated_form(text: str, target: bool = False) -> str | None:
    """The standard's form of a figure (or, with `target`, a target) a paper or a scorecard prints in
    words: 'over 200' -> '>200', 'fell by 28' -> 'change -28', 'below 20' -> '<20', '20–25' -> '20-25'.
    None when the words are no such form (a plain number, a symbol, an approximate figure, a
    figure given as a range): what the words say is never rounded into a figure."""
    if target:
        low, high = _range(text) or ("", "")
        return f"{low}-{high}" if low != high else _bound(text)  # "within 45 days" is <=45
    return _change(text) or _bound(text)


def figure_suggestion(text: str) -> str | None:
    """What to write for a figure in words; None when nothing here fits (the number checks then speak)."""
    if found := _change(text):
        return f"Write a change the paper gives without a level as {found}."
    if re.fullmatch(r"\+\d+(\.\d+)?", text.strip()):
        return f"Write a level as {text.strip()[1:]}, or a change with no level as change {text.strip()}."
    if found := _bound(text):
        return f"Write a bound as {found}, with no words, % sign or commas."
    if _range(text):
        return ("A figure cannot be a range: write the figure the paper gives, or x (not available) with the "
                "range in the note. A range is a form for targets (targets.csv).")
    approximate = re.fullmatch(rf"(?:{'|'.join(map(re.escape, APPROXIMATE))})\s*{NUMBER}", text.strip(), re.I)
    if approximate:
        return (f"Write the number the paper gives, {_plain(approximate[1])}, and say in the note that the paper "
                "calls it approximate.")
    return None


def target_suggestion(text: str) -> str:
    """What to write for a target the standard cannot read."""
    if found := _range(text):
        low, high = found
        if low == high:
            return f"Write a range's two ends, smaller first; a single figure is written alone: {low}."
        return f"Write a range as {low}-{high}, smaller first, with no spaces or words."
    if found := _bound(text):
        return (f"Write it as {found}." if not re.match(r"(?i)within", text.strip()) else
                f"Write it as {found[2:]} (met at or below it when lower is better), or {found}.")
    if (words := re.fullmatch(rf"(?:target:?\s*)?{NUMBER}", text.strip(), re.I)) and plain_number(words[1].replace(",", "")):
        return f"Write the plain number: {_plain(words[1])}."
    return TARGET_FORMS
