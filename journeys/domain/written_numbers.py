"""Numbers in free text, however they are written: what a note could give away beside a `c`.

A note, a target's note or a board update can give a suppressed count away without a digit:
"just two children", "a handful (three)", "³", "②", "III", "a single child", or a bound that
pins it, "fewer than 2" (1, since a `c` is 1 to 5) or "more than 4" (5). `numbers_in(text)`
finds every number the text gives, in digits, words, superscripts, circled and other Unicode
digits, Roman numerals and bounds, with the range of counts each allows; and leaves out what is
harmless beside a `c`: dates and periods, durations, ages, references to paragraphs and
recommendations, and a bound or range that covers the whole suppression range (1 to 5, fewer
than 6).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from journeys.domain.disclosure import SMALL_COUNTS

LOW, HIGH = SMALL_COUNTS[0], SMALL_COUNTS[-1]

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
WORDS = {**{word: number for number, word in enumerate(UNITS)}, **TENS, "hundred": 100, "thousand": 1000,
         "dozen": 12, "twice": 2, "thrice": 3, "twins": 2, "triplets": 3}
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
            "tenth": 10, "eleventh": 11, "twelfth": 12}
MONTH_NAMES = ("January|February|March|April|May|June|July|August|September|October|November|December"
               "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")

_WORD = "|".join(sorted(WORDS, key=len, reverse=True))
# A number: digits (1,722 or 4.5), words (three, twenty-one), or a Roman numeral in capitals (II, IV)
# or small letters of i, v and x alone (ii, iv); "I" alone is a pronoun.
NUMBER = (rf"(?:\d+(?:[.,]\d+)*|\b(?:{_WORD})(?:[- ](?:{_WORD}))*\b"
          r"|(?-i:\b(?:X{0,3}(?:IX|IV|VI{0,3}|I{2,3})|X{1,3}I{1,3}|X{2,3})\b)|(?-i:\b[ivx]{2,}\b))")
PEOPLE = (r"(?:children|child|young (?:people|persons?)|boys?|girls?|babies|baby|infants?|siblings?|families|family"
          r"|care leavers?|cases?|referrals?|pupils?|teenagers?|people|persons?|parents?|carers?|mothers?|fathers?"
          r"|placements?|adopters?|households?)")


@dataclass(frozen=True)
class Written:
    """A number as a text gives it, and the counts it allows (low to high)."""
    text: str
    low: float
    high: float

    def pins_a_small_count(self) -> bool:
        """It allows some counts of 1 to 5 but not all of them: it narrows what a `c` hides."""
        low, high = max(self.low, LOW), min(self.high, HIGH)
        return low <= high and (low, high) != (LOW, HIGH)


# --- What is harmless beside a `c` ---------------------------------------------------------------

# Pattern sources, compiled on first use (`_pattern`): compiled at import they took 12 ms of every
# build's start, while only the validation of a package with a `c` beside text uses them.
_HARMLESS = (
    rf"(?-i:\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:{MONTH_NAMES})\b(?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b)?"
    r"(?:,?\s+(?:19|20)\d{2}(?:\s*[-/–]\s*\d{2,4})?\b)?)",                   # 30 September 2018, April 2016-17
    r"\b(?:19|20)\d{2}(?:\s*[-/–]\s*\d{1,4}(?:[-/]\d{1,2})?)?\b",            # 2018, 2018-09-30, 2015-16, 2018/19
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",                                        # 30/09/2018
    r"\b\d{1,2}:\d{2}\b|\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b",              # 10:00, 2.30pm
    r"\bYTD\b|\bQ[1-4]\b|\bquarter\s+[1-4]\b",                             # periods
    rf"\b(?:aged?|ages)\s+{NUMBER}(?:\s*(?:-|–|to|and)\s*{NUMBER})?(?:\s*(?:years?|months?))?"
    rf"|\b{NUMBER}\s*(?:-|–|to)\s*{NUMBER}[- ]years?[- ]olds?\b|\b{NUMBER}[- ]years?[- ]olds?\b"
    rf"|\b(?:under|over)[- ]{NUMBER}s\b|\b{NUMBER}\+",                     # ages: aged 16 to 17, under-18s
    rf"\b{NUMBER}[- ]?(?:working[- ])?(?:days?|weeks?|months?|years?|hours?|minutes?)\b",  # within 12 months
    rf"\b(?:para(?:graph)?s?|pp?|pages?|sections?|appendix|appendices|annex(?:es)?|tables?|charts?|figures?"
    rf"|recommendations?|parts?|chapters?|items?|schedules?|priorit(?:y|ies)|objectives?|themes?|notes?"
    rf"|measures?|indicators?|NI|LAIT|codes?|version)\.?\s*[A-Z]?{NUMBER}[a-z]?(?:\.\d+)*"
    rf"(?:(?:,\s*|\s+and\s+|\s+or\s+|\s*(?:-|–|to)\s*)[A-Z]?{NUMBER}[a-z]?(?:\.\d+)*\b)*",  # paras 3, 4 and 5
    r"\b(?:second|2nd)\s+(?:or|and)\s+subsequent\b"                        # the measure's own name
    r"|\b(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|half)\b",
)

_STRICT_BELOW, _BELOW = r"fewer than|less than|under|below", r"at most|no more than|not more than|up to|a maximum of"
_STRICT_ABOVE, _ABOVE = (r"more than|over|above|greater than|in excess of|exceeding",
                         r"at least|no fewer than|no less than|not less than|a minimum of")
_BOUNDS = (
    rf"\b(?P<range>between|from)\s+(?P<a>{NUMBER})\s+(?:and|to)\s+(?P<b>{NUMBER})\b"
    rf"|\b(?P<first>{NUMBER})\s+to\s+(?P<last>{NUMBER})\b|\b(?P<from>\d+)\s*[-–]\s*(?P<to>\d+)\b"
    rf"|\b(?P<bound>{_STRICT_BELOW}|{_BELOW}|{_STRICT_ABOVE}|{_ABOVE})\s+(?P<n>{NUMBER})"
    rf"|\b(?P<m>{NUMBER})\s+or\s+(?P<side>fewer|less|more|over)\b")
_ORDINAL = rf"\b(?:{'|'.join(ORDINALS)}|\d+(?:st|nd|rd|th))\b"
_VAGUE = rf"\b(?P<word>a single|a sole|a lone|both|a couple of|a pair of)\s+(?:\w+\s+){{0,2}}?{PEOPLE}\b"
_VAGUE_COUNTS = {"a single": 1, "a sole": 1, "a lone": 1, "both": 2, "a couple of": 2, "a pair of": 2}


@cache
def _pattern(source: str) -> re.Pattern:
    return re.compile(source, re.I)


@lru_cache(maxsize=4096)
def numbers_in(text: str) -> tuple[Written, ...]:
    """Every number the text gives beside a `c` that is not harmless, in the order written."""
    if not text.strip():
        return ()
    plain, origin = _normalised(text)
    masked = list(plain)
    found: list[tuple[int, int, float, float]] = []

    def take(start: int, end: int, low: float | None = None, high: float | None = None) -> None:
        masked[start:end] = " " * (end - start)
        if low is not None:
            found.append((start, end, low, high))

    for source in _HARMLESS:
        for match in _pattern(source).finditer("".join(masked)):
            take(*match.span())
    for match in _pattern(_BOUNDS).finditer("".join(masked)):
        low, high = _bound(match)
        if math.isnan(low):
            continue
        take(*match.span(), *((None, None) if low <= LOW and high >= HIGH else (low, high)))
    for match in _pattern(_VAGUE).finditer("".join(masked)):
        count = _VAGUE_COUNTS[" ".join(match["word"].lower().split())]
        take(*match.span(), count, count)
    for match in _pattern(_ORDINAL).finditer("".join(masked)):
        take(*match.span(), _value(match[0]), math.inf)
    for match in _pattern(NUMBER).finditer("".join(masked)):
        value = _value(match[0])
        if not math.isnan(value):
            take(*match.span(), value, value)
    return tuple(Written(text[origin[start]:origin[end - 1] + 1].strip(), low, high)
                 for start, end, low, high in sorted(found))


def _normalised(text: str) -> tuple[str, list[int]]:
    """The text with every digit in ASCII (³, ②, ３, Ⅲ, ❸, ३ → 3 or III) and, for each of its
    characters, the position in `text` it came from."""
    characters, origin = [], []
    for position, character in enumerate(text):
        plain = unicodedata.normalize("NFKC", character)
        if not plain.isascii():
            value = unicodedata.numeric(plain, None) if len(plain) == 1 else None
            plain = f" {value:g} " if value is not None else plain
        characters.append(plain)
        origin += [position] * len(plain)
    return "".join(characters), origin


def _bound(match: re.Match) -> tuple[float, float]:
    """The counts a bound or range allows; NaN when a part of it is not a number after all."""
    if match["range"] or match["first"] or match["from"]:
        ends = ("a", "b") if match["range"] else ("first", "last") if match["first"] else ("from", "to")
        low, high = (_value(match[end]) for end in ends)
        return (low, high) if low <= high else (high, low)
    if match["bound"]:
        bound, number = " ".join(match["bound"].lower().split()), _value(match["n"])
    else:
        bound, number = {"fewer": "at most", "less": "at most"}.get(match["side"].lower(), "at least"), _value(match["m"])
    if re.fullmatch(_STRICT_BELOW, bound):
        return -math.inf, math.ceil(number) - 1
    if re.fullmatch(_BELOW, bound):
        return -math.inf, number
    if re.fullmatch(_STRICT_ABOVE, bound):
        return math.floor(number) + 1, math.inf
    return number, math.inf


def _value(token: str) -> float:
    """The number a token writes: 1,722; 4.5; three; twenty-one; IV; 3rd; second."""
    token = token.strip()
    folded = token.lower()
    if folded in ORDINALS:
        return float(ORDINALS[folded])
    if re.fullmatch(r"\d+(?:st|nd|rd|th)", folded):
        return float(folded[:-2])
    if re.fullmatch(r"\d+(?:[.,]\d+)*", token):
        digits = token.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", token) else token.replace(",", ".")
        try:
            return float(digits)
        except ValueError:
            return math.nan
    if re.fullmatch(r"[ivxIVX]+", token) and (token.isupper() or token.islower()):
        return float(_roman(token.upper()))
    words = re.split(r"[- ]+", folded)
    if all(word in WORDS for word in words):
        total = 0.0
        for word in words:
            total = total * WORDS[word] if word in ("hundred", "thousand") and total else total + WORDS[word]
        return total
    return math.nan


def _roman(token: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for current, following in zip(token, token[1:] + " "):
        total += -values[current] if values.get(following, 0) > values[current] else values[current]
    return total
