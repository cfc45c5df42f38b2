"""The paper's content: a plain value (strings, numbers, SVG drawings) made only from the domain's
facts, worded as the site words them. The HTML and the Typst renderings both show this value and
nothing else, so the two cannot disagree, and neither can disagree with the site.

Every string here is text, as the data gave it: each rendering escapes it its own way.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGE = "en-GB"


@dataclass(frozen=True)
class Picture:
    svg: str       # the same drawing the site shows (charts.draw: through the chart cache)
    alt: str       # its summary sentence: what the site shows as the chart's caption


@dataclass(frozen=True)
class Cover:
    title: str         # "Coventry City Council: children's services improvement progress report"
    authority: str
    committee: str     # site.yml's paper.committee; "" when not set
    date: str          # the report's date, as precise as its paper gives it
    report: str        # the report's paper ("" when chosen by a date)
    as_at: str         # the paper the figures are as at, with its date
    since: str         # the previous report it is compared with
    draft: str         # "DRAFT: not for publication until …" or "" when the paper is public
    made: str          # when and from what it was made


@dataclass(frozen=True)
class Fact:
    term: str
    words: str


@dataclass(frozen=True)
class RatingLine:
    """One rating: how many plan actions had it at the previous report and have it now."""
    rating: str
    meaning: str
    before: int | None     # None: no previous report to compare with
    now: int
    change: str            # "up 2", "down 1", "no change", "" without a previous report


@dataclass(frozen=True)
class ChangeGroup:
    heading: str                 # the report's date (and the one before it), as the site heads it
    lines: tuple[str, ...]       # one sentence per change, as the site words it


@dataclass(frozen=True)
class IndicatorLine:
    indicator_id: str
    title: str
    theme: str
    latest: str            # "28.0% (November 2016)", "No figures"
    previous: str
    target: str
    status: str            # "Met target", "Within tolerance", "Missed target", "No target", "Activity measure"
    status_key: str        # met, within tolerance, missed, or "" (for a tag's colour: words come first)
    direction: str         # "Improving", … "Not enough figures"
    comparators: str
    source: str            # the number of its source in the list of sources
    sparkline: Picture | None


@dataclass(frozen=True)
class ChartSection:
    indicator_id: str
    title: str
    why: str               # "Missed target; worsening": why the paper draws it
    picture: Picture


@dataclass(frozen=True)
class ActionLine:
    action_id: str
    action: str
    reported: str          # the report its rating is from
    evidence: str
    next_steps: str
    source: str            # the number of its source in the list of sources


@dataclass(frozen=True)
class ActionGroup:
    rating: str
    meaning: str
    actions: tuple[ActionLine, ...]


@dataclass(frozen=True)
class Source:
    number: int
    title: str
    details: str           # kind, committee or board, date (as precise as given), note
    url: str
    locators: tuple[str, ...]   # the sections this paper cites it for


@dataclass(frozen=True)
class Paper:
    language: str
    cover: Cover
    summary: tuple[Fact, ...]
    ratings: tuple[RatingLine, ...]
    ratings_notes: tuple[str, ...]   # tallies without items, a lag between ratings and papers
    changes: tuple[ChangeGroup, ...]
    indicators_summary: str
    indicators: tuple[IndicatorLine, ...]
    charts: tuple[ChartSection, ...]
    actions: tuple[ActionGroup, ...]
    sources: tuple[Source, ...]

    @property
    def title(self) -> str:
        return f"{self.cover.title}, {self.cover.date}"
