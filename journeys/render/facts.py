"""What the pages say about an authority, worked out from its tables: pure functions, no markup.

Latest grade, intervention status, latest report, RAG summary, each indicator's status
against target and direction of travel, what changed since the previous report, and the
"as at" date of whatever a page shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from journeys.model import Authority
from journeys.periods import format_date, parse_date, parse_period
from journeys.schemas import GSS_SYMBOLS, frameworks

OVERALL = "Overall effectiveness"


def date_label(value: object) -> str:
    """'30 June 2014' for a day, 'March 2014' for a month written 2014-03, '' for nothing."""
    if isinstance(value, (pd.Timestamp, date)) and not pd.isna(value):
        return format_date(value)
    text = str(value or "").strip()
    if len(text) == 7 and (period := parse_period(text)):
        return period.label
    day = parse_date(text)
    return format_date(day) if day else text


def as_at(authority: Authority, *tables: pd.DataFrame) -> pd.Timestamp | None:
    """The latest date among the documents cited by these rows: how current a page is."""
    cited = set()
    for table in tables:
        if "source" in table:
            cited.update(table["source"][table["source"] != ""])
    documents = authority.table("documents")
    dates = documents.loc[documents["document_id"].isin(cited), "date_date"].dropna()
    return dates.max() if len(dates) else None


# The tables whose rows are figures: the "as at" of an overview or of the home page comes from the
# latest paper that carries one, not from a later paper that only reports a meeting (issue 15).
FIGURE_TABLES = ("observations", "targets", "comparators", "progress", "rag_tallies")


def _figure_tables(authority: Authority) -> list[pd.DataFrame]:
    figures = [authority.table(name) for name in FIGURE_TABLES if not authority.table(name).empty]
    return figures or list(authority.tables.values())


def figures_as_at_label(authority: Authority) -> str | None:
    """as_at_label over the papers that carry figures; over every paper if none does."""
    return as_at_label(authority, *_figure_tables(authority))


def figures_as_at(authority: Authority) -> pd.Timestamp | None:
    """The first day of figures_as_at_label's paper, to compare authorities by."""
    return as_at(authority, *_figure_tables(authority))


def ratings_lag(authority: Authority) -> str | None:
    """Said plainly when the latest ratings are older than the latest paper: 'These ratings are from the
    report of 5 November 2018; the later papers, to March 2019, give no new ratings.' None otherwise."""
    reported = latest_report_date(authority)
    documents = authority.table("documents").dropna(subset=["date_date"])
    if reported is None or documents.empty:
        return None
    latest = documents.sort_values(["date_date", "date_last"], kind="stable").iloc[-1]
    if latest["date_date"] <= reported:
        return None
    return (f"These ratings are from the report of {date_label(reported)}; the later papers, to "
            f"{latest['date_label']}, give no new ratings.")


def as_at_label(authority: Authority, *tables: pd.DataFrame) -> str | None:
    """'March 2019 (Improvement board update, March 2019)': the latest cited paper's date, exactly as
    precise as the paper gives it (never an invented day), and which paper it is."""
    cited = set()
    for table in tables:
        if "source" in table:
            cited.update(table["source"][table["source"] != ""])
    documents = authority.table("documents")
    dated = documents[documents["document_id"].isin(cited) & documents["date_date"].notna()]
    if dated.empty:
        return None
    latest = dated.sort_values(["date_date", "date_last"], kind="stable").iloc[-1]
    return f"{latest['date_label']} ({latest['title']})"


# --- The journey -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Inspection:
    milestone_id: str
    title: str
    when: str
    overall: str | None
    judgements: list[tuple[str, str]]


def milestones_in_order(authority: Authority) -> pd.DataFrame:
    # By first day, then last day: 2016-11-01 before the month 2016-11, the month before the year 2016
    # only where they start together (dates of mixed precision, issue 15).
    return authority.table("milestones").sort_values(["date_date", "date_last", "milestone_id"], kind="stable")


def record_ends(authority: Authority, now: datetime | None = None) -> pd.Timestamp | None:
    """The last day the published record speaks for: its latest paper's date, or the build date
    if that is earlier. A work programme lists meetings beyond it; no paper says they took place."""
    latest = authority.table("documents")["date_date"].max()
    days = [day for day in (latest, pd.Timestamp(now.date()) if now else None) if day is not None and pd.notna(day)]
    return min(days) if days else None


def is_planned(days: pd.Series, ends: pd.Timestamp | None) -> pd.Series:
    """Which dates lie after the record ends: what was planned, not (yet) what happened."""
    return days > ends if ends is not None else pd.Series(False, index=days.index)


def journey_so_far(authority: Authority, now: datetime | None = None) -> pd.DataFrame:
    """Milestones up to the end of the record, in date order."""
    milestones = milestones_in_order(authority)
    return milestones[~is_planned(milestones["date_date"], record_ends(authority, now))]


def planned_milestones(authority: Authority, now: datetime | None = None) -> pd.DataFrame:
    """Milestones dated after the end of the record (boards and meetings scheduled), in date order."""
    milestones = milestones_in_order(authority)
    return milestones[is_planned(milestones["date_date"], record_ends(authority, now))]


def judgements_of(authority: Authority, milestone_id: str) -> list[tuple[str, str]]:
    """(judgement, grade) pairs, overall effectiveness first."""
    table = authority.table("judgements")
    rows = table[table["milestone_id"] == milestone_id]
    pairs = list(zip(rows["judgement"], rows["grade"]))
    return sorted(pairs, key=lambda pair: pair[0] != OVERALL)


def latest_inspection(authority: Authority, now: datetime | None = None) -> Inspection | None:
    """The latest milestone so far that carries grades."""
    graded = set(authority.table("judgements")["milestone_id"])
    milestones = journey_so_far(authority, now)
    rows = milestones[milestones["milestone_id"].isin(graded)]
    if rows.empty:
        return None
    row = rows.iloc[-1]
    judgements = judgements_of(authority, row["milestone_id"])
    overall = next((grade for judgement, grade in judgements if judgement == OVERALL), None)
    when = date_label(row["published"] or row["date"])
    return Inspection(row["milestone_id"], row["title"], when, overall, judgements)


def framework_title(framework_id: str) -> str:
    return frameworks().get(framework_id, {}).get("title", framework_id)


INTERVENTIONS = {
    "improvement notice issued": ("Improvement notice", True),
    "improvement notice reviewed": ("Improvement notice", True),
    "improvement notice lifted": ("Improvement notice", False),
    "statutory direction issued": ("Statutory direction", True),
    "statutory direction lifted": ("Statutory direction", False),
    "commissioner appointed": ("Children's services commissioner", True),
}


def intervention_status(authority: Authority, now: datetime | None = None) -> str:
    """'Improvement notice in force since 30 June 2014', or what was lifted, or none recorded.
    A review or lifting that is only planned does not count."""
    state: dict[str, tuple[bool, str]] = {}
    for _, row in journey_so_far(authority, now).iterrows():
        if row["kind"] in INTERVENTIONS:
            name, in_force = INTERVENTIONS[row["kind"]]
            since = state.get(name, (False, ""))
            started = since[1] if (since[0] and in_force) else date_label(row["date"])
            state[name] = (in_force, started)
    for name in ("Statutory direction", "Children's services commissioner", "Improvement notice"):
        if state.get(name, (False,))[0]:
            verb = "appointed" if name.startswith("Children") else "in force since"
            return f"{name} {verb} {state[name][1]}"
    lifted = [f"{name} lifted {when}" for name, (on, when) in state.items() if not on]
    return lifted[0] if lifted else "No DfE intervention recorded"


# --- The plan and its ratings ----------------------------------------------------------------

@dataclass(frozen=True)
class RatingCount:
    rating: str
    count: int
    meaning: str


def rag_meanings(authority: Authority, scale: str = "plan") -> dict[str, str]:
    table = authority.table("rag_scale")
    rows = table[table["scale"] == scale].sort_values("rank")
    return dict(zip(rows["rating"], rows["meaning"]))


def _rank(authority: Authority, scale: str) -> dict[str, int]:
    table = authority.table("rag_scale")
    rows = table[table["scale"] == scale]
    return {rating: int(rank) for rating, rank in zip(rows["rating"], rows["rank"]) if not pd.isna(rank)}


def current_ratings(authority: Authority) -> pd.DataFrame:
    """Each action's most recent progress row."""
    progress = authority.table("progress").sort_values(["report_date_date", "action_id"], kind="stable")
    return progress.drop_duplicates("action_id", keep="last")


def latest_report_date(authority: Authority) -> pd.Timestamp | None:
    dates = pd.concat([authority.table("progress")["report_date_date"],
                       authority.table("rag_tallies")["report_date_date"]]).dropna()
    return dates.max() if len(dates) else None


def rag_summary(authority: Authority) -> list[RatingCount]:
    """How many actions have each rating now (their latest), best rating first."""
    ratings = current_ratings(authority)["rating"].value_counts()
    return _ordered_counts(authority, dict(ratings.items()))


def _ordered_counts(authority: Authority, counts: dict[str, int]) -> list[RatingCount]:
    rank, meanings = _rank(authority, "plan"), rag_meanings(authority)
    ordered = sorted(counts, key=lambda rating: (rank.get(rating, 99), rating))
    return [RatingCount(rating, int(counts[rating]), meanings.get(rating, "")) for rating in ordered]


@dataclass(frozen=True)
class Tally:
    subject: str
    report_date: pd.Timestamp
    counts: list[RatingCount]
    source: str = ""
    source_section: str = ""


def latest_tallies(authority: Authority) -> list[Tally]:
    """Counts of ratings that a paper gives without the items behind them, latest per subject."""
    table = authority.table("rag_tallies")
    tallies = []
    for subject, rows in table.groupby("subject", sort=False):
        latest = rows[rows["report_date_date"] == rows["report_date_date"].max()]
        counts = dict(zip(latest["rating"], latest["count"].astype(int)))
        first = latest.iloc[0]
        tallies.append(Tally(subject, first["report_date_date"], _ordered_counts(authority, counts),
                             first["source"], first["source_section"]))
    return tallies


# --- Indicators -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Reading:
    period: str
    label: str
    end: pd.Timestamp
    number: float


@dataclass(frozen=True)
class Target:
    label: str
    target: float
    tolerance: float | None


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: pd.Series
    latest: Reading | None
    previous: Reading | None
    target: Target | None
    status: str | None      # "met", "within tolerance", "missed"
    direction: str | None   # improving / worsening / increasing / decreasing / no change


STATUS_WORDS = {"met": "Met target", "within tolerance": "Within tolerance", "missed": "Missed target"}
STATUS_RAG = {"met": "green", "within tolerance": "amber", "missed": "red"}


def main_kind(observations: pd.DataFrame) -> str | None:
    """The period kind most of an indicator's figures use (monthly figures beside a YTD one)."""
    kinds = observations.loc[observations["value_number"].notna(), "period_kind"]
    return kinds.value_counts().index[0] if len(kinds) else None


def indicator_status(indicator: pd.Series, observations: pd.DataFrame, targets: pd.DataFrame) -> IndicatorStatus:
    """Latest figure, the one before it (same kind of period), the target and what they say."""
    kind = main_kind(observations)
    series = observations[(observations["period_kind"] == kind) & observations["value_number"].notna()]
    series = series.sort_values("period_end")
    readings = [Reading(r.period, r.period_label, r.period_end, float(r.value_number))
                for r in series.tail(2).itertuples()]
    latest = readings[-1] if readings else None
    previous = readings[-2] if len(readings) > 1 else None
    target = target_for(targets, latest.end) if latest else None
    polarity = indicator["polarity"]
    return IndicatorStatus(indicator, latest, previous, target,
                           judge(latest, target, polarity), direction(latest, previous, polarity, indicator["decimals"]))


def target_for(targets: pd.DataFrame, day: pd.Timestamp) -> Target | None:
    """The target whose period contains the day (targets may not overlap)."""
    return target_lookup(targets)(day)


def target_lookup(targets: pd.DataFrame):
    """A function day -> Target | None, for looking up many days against one indicator's targets."""
    spans = [(r["period_start"], r["period_end"],
              Target(r["period_label"], float(r["target_number"]),
                     None if pd.isna(r["tolerance_number"]) else float(r["tolerance_number"])))
             for r in targets.to_dict("records")]

    def lookup(day: pd.Timestamp) -> Target | None:
        return next((target for start, end, target in reversed(spans) if start <= day <= end), None)
    return lookup


def judge(latest: Reading | None, target: Target | None, polarity: str) -> str | None:
    if latest is None or target is None or polarity == "none":
        return None
    sign = 1 if polarity == "higher is better" else -1
    shortfall = sign * (target.target - latest.number)  # how far short of the target
    if shortfall <= 0:
        return "met"
    if target.tolerance is not None and shortfall <= target.tolerance:
        return "within tolerance"
    return "missed"


def direction(latest: Reading | None, previous: Reading | None, polarity: str, decimals) -> str | None:
    if latest is None or previous is None:
        return None
    change = latest.number - previous.number
    if abs(change) < 0.5 * 10 ** -int(decimals or 0):
        return "no change"
    if polarity == "none":
        return "increasing" if change > 0 else "decreasing"
    better = change > 0 if polarity == "higher is better" else change < 0
    return "improving" if better else "worsening"


UNIT_SUFFIX = {"percentage": "%", "days": " days", "weeks": " weeks", "rate per 10,000 children": " per 10,000 children"}


def format_value(number: float | None, unit: str, decimals) -> str:
    """67.8%, 1,722, 45.2 per 10,000 children; '' for no number."""
    if number is None or (isinstance(number, float) and math.isnan(number)):
        return ""
    places = int(decimals) if not pd.isna(decimals) else 0
    return f"{number:,.{places}f}{UNIT_SUFFIX.get(unit, '')}"


def shown_value(row, unit: str, decimals) -> str:
    """A figure as the site shows it: formatted, or the GSS symbol with its meaning."""
    if not pd.isna(row["value_number"]):
        return format_value(row["value_number"], unit, decimals)
    return symbol_label(row["value"])


def symbol_label(symbol: str) -> str:
    """'x: not available': the GSS symbol, then what it means."""
    if symbol in GSS_SYMBOLS:
        return f"{symbol}: {GSS_SYMBOLS[symbol]}"
    return symbol or "no figure"


def gaps(observations: pd.DataFrame) -> pd.DataFrame:
    """Periods the indicator reports with a symbol instead of a figure."""
    return observations[observations["value_number"].isna()].sort_values("period_end")


def describe(status: IndicatorStatus, gap_rows: pd.DataFrame) -> str:
    """The sentence that says what the chart shows."""
    ind = status.indicator
    if status.latest is None:
        return f"{ind['title']}: no figures have been published."
    value = lambda n: format_value(n, ind["unit"], ind["decimals"])  # noqa: E731
    words = [f"{ind['title']}: {value(status.latest.number)} in {status.latest.label}"]
    if status.previous is not None:
        words.append(f", {status.direction} from {value(status.previous.number)} in {status.previous.label}")
    sentence = "".join(words) + "."
    if status.target is not None:
        verdict = STATUS_WORDS.get(status.status, "")
        sentence += f" The target for {status.target.label} is {value(status.target.target)}"
        sentence += f": {verdict.lower()}." if verdict else "."
    if len(gap_rows):
        missing = "; ".join(f"{r.period_label}, {symbol_label(r.value)}" for r in gap_rows.itertuples())
        sentence += f" No figure is shown for {missing}."
    return sentence


# --- One authority in a line, for the home page ----------------------------------------------

@dataclass(frozen=True)
class Summary:
    slug: str
    name: str
    inspection: Inspection | None
    intervention: str
    latest_report: pd.Timestamp | None
    ratings: list[RatingCount]
    tallies: list[Tally]
    as_at: pd.Timestamp | None
    as_at_label: str | None = None  # the latest paper with figures, as precise as it is dated, named
    figures_as_at: pd.Timestamp | None = None  # that paper's first day, to find the latest across authorities


def summarise(authority: Authority, now: datetime | None = None) -> Summary:
    """What the home page shows of an authority (all the root build needs of it)."""
    return Summary(authority.slug, authority.name, latest_inspection(authority, now),
                   intervention_status(authority, now),
                   latest_report_date(authority), rag_summary(authority), latest_tallies(authority),
                   as_at(authority, *authority.tables.values()), figures_as_at_label(authority),
                   figures_as_at(authority))


def indicator_statuses(authority: Authority) -> list[IndicatorStatus]:
    """Every indicator's status, in the order of indicators.csv."""
    observations = dict(tuple(authority.table("observations").groupby("indicator_id", sort=False)))
    targets = dict(tuple(authority.table("targets").groupby("indicator_id", sort=False)))
    empty_obs, empty_targets = authority.table("observations").iloc[0:0], authority.table("targets").iloc[0:0]
    return [indicator_status(row, observations.get(row["indicator_id"], empty_obs),
                             targets.get(row["indicator_id"], empty_targets))
            for _, row in authority.table("indicators").iterrows()]
