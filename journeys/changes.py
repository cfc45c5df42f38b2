"""What changed since the previous report: RAG moves, actions added or closed, indicators that
crossed a target or tolerance, new milestones and findings.

Each change is dated by the report it belongs to:
  a RAG rating, an added or closed action  -> the progress report_date;
  an indicator's crossing                  -> the date of the document that brought the newer
                                              value (its period's end if that is unknown);
  a milestone                              -> its own date; its findings -> the date it was
                                              published, else its date.
`what_changed(authority, now)` groups them by date, oldest first; planned milestones are not
changes. Pure: no reading, no writing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date, datetime

import numpy as np
import pandas as pd

from journeys.model import Authority
from journeys.periods import format_date
from journeys.render.facts import journey_so_far
from journeys.render.markup import Html, bullet_list, heading, text

# Without a rag_scale.csv the standard accepts these ratings (see schemas/rag_scale.json);
# Blue is the conventional "complete".
DEFAULT_PLAN_RANKS = {"Blue": 1, "Green": 2, "Amber": 3, "Red": 4}
PLAIN_RAG = {"red", "amber", "green"}
COMPLETE_WORDS = re.compile(r"\b(complete|completed|closed|achieved|done)\b", re.IGNORECASE)
PLURAL_KINDS = {"area for improvement": "areas for improvement"}  # findings.kind; the rest add -s
TARGET_STATUS = {"Green": "on target", "Amber": "within tolerance", "Red": "off target"}


@dataclass(frozen=True)
class RagChange:
    action_id: str
    action: str
    before: str
    after: str
    direction: str  # forwards, backwards, or sideways (two ratings of the same rank)


@dataclass(frozen=True)
class ActionEvent:
    action_id: str
    action: str
    rating: str


@dataclass(frozen=True)
class IndicatorCrossing:
    indicator_id: str
    title: str
    period_label: str
    value: float
    unit: str
    decimals: int
    target: float
    tolerance: float
    before: str  # Green, Amber or Red, worked out from the target, tolerance and polarity
    after: str
    direction: str  # improved or worsened


@dataclass(frozen=True)
class NewMilestone:
    milestone_id: str
    kind: str
    title: str
    grades: tuple[tuple[str, str], ...] = ()  # (judgement, grade), overall effectiveness first


@dataclass(frozen=True)
class NewFinding:
    finding_id: str
    milestone_id: str
    milestone_title: str
    kind: str
    text: str


@dataclass(frozen=True)
class ReportChanges:
    """Everything that changed at one report date since the one before it."""

    date: date
    previous: date | None
    labels: tuple[str, str] = ("", "")  # this date and the previous as precise as the papers ("March 2019")
    rag_changes: tuple[RagChange, ...] = ()
    added: tuple[ActionEvent, ...] = ()
    closed: tuple[ActionEvent, ...] = ()
    crossings: tuple[IndicatorCrossing, ...] = ()
    milestones: tuple[NewMilestone, ...] = ()
    findings: tuple[NewFinding, ...] = ()

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if f.name not in ("date", "previous", "labels"))


def what_changed(authority: Authority, now: datetime | None = None) -> list[ReportChanges]:
    """One ReportChanges per report date, oldest first (dates with no change included).

    Milestones dated after the record ends (facts.record_ends: the latest paper, or `now`, the
    build's time, if earlier) are planned, not changes, and are left out.
    """
    journey = journey_so_far(authority, now)
    events = (_progress_events(authority) + _indicator_events(authority)
              + _milestone_events(journey, authority.table("judgements"))
              + _finding_events(journey, authority.table("findings")))
    dates = sorted({day for day, _, _ in events} | _progress_dates(authority))
    by_date = {day: {} for day in dates}
    for day, kind, change in events:
        by_date[day].setdefault(kind, []).append(change)
    previous = [None, *dates[:-1]]
    labels = _coarse_labels(authority, journey, dates)
    return [ReportChanges(day, before, (labels.get(day, ""), labels.get(before, "")),
                          **{kind: tuple(items) for kind, items in by_date[day].items()})
            for day, before in zip(dates, previous)]


def _coarse_labels(authority: Authority, journey: pd.DataFrame, dates: list[date]) -> dict[date, str]:
    """A date known only by its month or year ("March 2019"), for each change date that no paper
    or milestone gives as a day: a month-dated milestone is never shown as the 1st (issue 15)."""
    coarse, exact = {}, set(_progress_dates(authority))
    for table, column in ((journey, "date"), (journey, "published"), (authority.table("documents"), "date")):
        rows = table.dropna(subset=[f"{column}_date"])
        for day, precision, label in zip(rows[f"{column}_date"], rows[f"{column}_precision"], rows[f"{column}_label"]):
            (exact.add(day.date()) if precision == "day" else coarse.setdefault(day.date(), label))
    return {day: label for day, label in coarse.items() if day in dates and day not in exact}


def as_at(authority: Authority) -> date | None:
    """The date the authority's data is as at: its latest paper (after any embargo)."""
    latest = authority.table("documents")["date_date"].max()
    return None if pd.isna(latest) else latest.date()


# --- plan: ratings per action ----------------------------------------------------------------

def plan_ranks(authority: Authority) -> dict[str, int]:
    """Rating -> rank (1 is best) for the plan scale; the standard's defaults without rag_scale."""
    scale = authority.table("rag_scale")
    plan = scale[scale["scale"] == "plan"]
    if plan.empty:
        return dict(DEFAULT_PLAN_RANKS)
    return {rating: int(rank) for rating, rank in zip(plan["rating"], plan["rank"])}


def complete_ratings(authority: Authority) -> set[str]:
    """The best-ranked ratings that mean done: Blue, Complete… but not a best-ranked Green
    meaning "good progress" (Leicestershire), unless its meaning says it is complete."""
    ranks = plan_ranks(authority)
    scale = authority.table("rag_scale")
    plan = scale[scale["scale"] == "plan"]
    meanings = dict(zip(plan["rating"], plan["meaning"]))
    best = min(ranks.values(), default=None)
    return {rating for rating, rank in ranks.items() if rank == best
            and (rating.casefold() not in PLAIN_RAG or COMPLETE_WORDS.search(meanings.get(rating, "")))}


def _progress_dates(authority: Authority) -> set[date]:
    return {day.date() for day in authority.table("progress")["report_date_date"].dropna()}


def _progress_events(authority: Authority) -> list[tuple[date, str, object]]:
    progress = authority.table("progress").dropna(subset=["report_date_date"])
    actions = dict(zip(authority.table("actions")["action_id"], authority.table("actions")["action"]))
    ranks, complete = plan_ranks(authority), complete_ratings(authority)
    events = []
    for action_id, history in progress.sort_values("report_date_date").groupby("action_id", sort=True):
        events += _action_history(action_id, actions.get(action_id, ""), history, ranks, complete)
    return events


def _action_history(action_id, action, history, ranks, complete) -> list[tuple[date, str, object]]:
    events, before = [], None
    for day, rating in zip(history["report_date_date"], history["rating"]):
        day = day.date()
        if before is None:
            events.append((day, "added", ActionEvent(action_id, action, rating)))
        elif rating != before:
            events.append((day, "rag_changes", RagChange(action_id, action, before, rating,
                                                         _direction(ranks, before, rating))))
        if rating in complete and before not in complete:
            events.append((day, "closed", ActionEvent(action_id, action, rating)))
        before = rating
    return events


def _direction(ranks: dict[str, int], before: str, after: str) -> str:
    old, new = ranks.get(before), ranks.get(after)
    if old is None or new is None or old == new:
        return "sideways"
    return "forwards" if new < old else "backwards"


# --- indicators: RAG from target, tolerance and polarity -------------------------------------

def target_rag(value: float, target: float, tolerance: float, polarity: str) -> str | None:
    """Meets the target: Green; short of it by no more than the tolerance: Amber; else Red.
    None for activity measures (polarity none), which have no target."""
    return target_rags(np.array([value]), np.array([target]), np.array([tolerance]), np.array([polarity]))[0]


def target_rags(values, targets, tolerances, polarities) -> np.ndarray:
    """target_rag over whole columns at once (an empty tolerance, NaN, counts as 0)."""
    values, targets = np.asarray(values, dtype=float), np.asarray(targets, dtype=float)
    tolerances = np.nan_to_num(np.asarray(tolerances, dtype=float))
    polarities = np.asarray(polarities, dtype=object)
    shortfall = np.where(polarities == "lower is better", values - targets, targets - values)
    shortfall = shortfall.round(9)  # 89.9 against 90 with tolerance 0.1 is amber, not red
    rags = np.where(shortfall <= 0, "Green", np.where(shortfall <= tolerances, "Amber", "Red")).astype(object)
    rags[~np.isin(polarities, ["higher is better", "lower is better"])] = None
    return rags


def rated_observations(authority: Authority) -> pd.DataFrame:
    """Numeric observations of indicators with a polarity, each with the target in force at the
    end of its period and the RAG that gives; one row per observation that has a target."""
    indicators = authority.table("indicators")
    indicators = indicators[indicators["polarity"] != "none"]
    observations = authority.table("observations").dropna(subset=["value_number", "period_end"])
    observations = observations.merge(indicators[["indicator_id", "title", "unit", "polarity", "decimals"]],
                                      on="indicator_id")
    targets = authority.table("targets")[["indicator_id", "period_start", "period_end", "target_number",
                                          "tolerance_number"]]
    joined = observations.merge(targets.rename(columns={"period_start": "target_start", "period_end": "target_end"}),
                                on="indicator_id")
    joined = joined[(joined["target_start"] <= joined["period_end"]) & (joined["period_end"] <= joined["target_end"])]
    joined = joined.sort_values("target_start").drop_duplicates(["indicator_id", "period"], keep="last")
    joined["rag"] = target_rags(joined["value_number"], joined["target_number"], joined["tolerance_number"],
                                joined["polarity"])
    return joined


def _indicator_events(authority: Authority) -> list[tuple[date, str, object]]:
    # Compare like with like: a month with the month before, a financial year with the last one.
    rated = rated_observations(authority).sort_values(["indicator_id", "period_kind", "period_end"])
    rated["before"] = rated.groupby(["indicator_id", "period_kind"])["rag"].shift()
    crossed = rated[rated["before"].notna() & (rated["rag"] != rated["before"])]
    documents = authority.table("documents")
    reported = crossed["source"].map(dict(zip(documents["document_id"], documents["date_date"])))
    days = pd.to_datetime(reported).fillna(crossed["period_end"])
    columns = ["indicator_id", "title", "period_label", "value_number", "unit", "decimals", "target_number",
               "tolerance_number", "before", "rag"]
    rows = zip(*(crossed[column].tolist() for column in columns))
    return [(day.date(), "crossings", _crossing(*row)) for day, row in zip(days, rows)]


def _crossing(indicator_id, title, period_label, value, unit, decimals, target, tolerance, before, after):
    order = {"Green": 1, "Amber": 2, "Red": 3}
    return IndicatorCrossing(indicator_id, title, period_label, float(value), unit,
                             0 if pd.isna(decimals) else int(decimals), float(target),
                             0.0 if pd.isna(tolerance) else float(tolerance), before, after,
                             "improved" if order[after] < order[before] else "worsened")


# --- the journey: milestones and findings ----------------------------------------------------

def _milestone_events(milestones: pd.DataFrame, judgements: pd.DataFrame) -> list[tuple[date, str, object]]:
    """Each milestone, with its grades when it was graded: a new inspection's grades are news."""
    milestones = milestones.dropna(subset=["date_date"])
    grades: dict[str, list[tuple[str, str]]] = {}
    for mid, judgement, grade in zip(judgements["milestone_id"], judgements["judgement"], judgements["grade"]):
        grades.setdefault(mid, []).append((judgement, grade))
    overall_first = lambda pairs: tuple(sorted(pairs, key=lambda p: p[0] != "Overall effectiveness"))  # noqa: E731
    return [(day.date(), "milestones", NewMilestone(mid, kind, title, overall_first(grades.get(mid, []))))
            for mid, kind, title, day in zip(milestones["milestone_id"], milestones["kind"], milestones["title"],
                                             milestones["date_date"])]


def _finding_events(milestones: pd.DataFrame, findings: pd.DataFrame) -> list[tuple[date, str, object]]:
    when = milestones["published_date"].fillna(milestones["date_date"])
    dated = dict(zip(milestones["milestone_id"], when))
    titles = dict(zip(milestones["milestone_id"], milestones["title"]))
    return [(dated[mid].date(), "findings", NewFinding(fid, mid, titles[mid], kind, text))
            for fid, mid, kind, text in zip(findings["finding_id"], findings["milestone_id"],
                                            findings["kind"], findings["text"])
            if mid in dated and pd.notna(dated[mid])]


# --- rendering, kept minimal: the site places it on the overview page ------------------------

def short(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def change_lines(report: ReportChanges, escape=text, list_limit: int = 5) -> list[str]:
    """Sentences, one per change (long lists summarised), CSV text passed through `escape`:
    the site's `text()` for pages, html.escape for feeds."""
    lines = [f"{_action_label(c, escape)} moved {c.direction} from {escape(c.before)} to {escape(c.after)}"
             if c.direction != "sideways" else
             f"{_action_label(c, escape)} changed from {escape(c.before)} to {escape(c.after)}"
             for c in report.rag_changes]
    lines += _listed(report.added, "added to the plan, rated", "actions added to the plan", escape, list_limit)
    lines += _listed(report.closed, "closed, rated", "actions closed", escape, list_limit)
    lines += [_crossing_line(c, escape) for c in report.crossings]
    lines += [f"New milestone: {escape(m.title)} ({escape(m.kind)})" + _grades_text(m, escape)
              for m in report.milestones]
    lines += _finding_lines(report.findings, escape)
    return lines


def _grades_text(milestone: NewMilestone, escape) -> str:
    if not milestone.grades:
        return ""
    return ", judged " + "; ".join(f"{escape(judgement)}: {escape(grade)}" for judgement, grade in milestone.grades)


def _action_label(change, escape) -> str:
    text = f" ({escape(short(change.action, 60))})" if change.action else ""
    return f"Action {escape(change.action_id)}{text}"


def _listed(events, verb, summary, escape, limit) -> list[str]:
    if len(events) > limit:
        return [f"{len(events)} {summary}"]
    return [f"{_action_label(e, escape)} {verb} {escape(e.rating)}" for e in events]


def _crossing_line(c: IndicatorCrossing, escape) -> str:
    value = f"{c.value:,.{c.decimals}f}{'%' if c.unit == 'percentage' else ''}"
    target = f"{c.target:,.{c.decimals}f}{'%' if c.unit == 'percentage' else ''}"
    return (f"{escape(c.title)} {c.direction}: {c.after} ({TARGET_STATUS[c.after]}) in "
            f"{escape(c.period_label)}, {escape(value)} against a target of {escape(target)}, "
            f"from {c.before} ({TARGET_STATUS[c.before]})")


def _finding_lines(findings: tuple[NewFinding, ...], escape) -> list[str]:
    by_milestone: dict[str, list[NewFinding]] = {}
    for finding in findings:
        by_milestone.setdefault(finding.milestone_id, []).append(finding)
    lines = []
    for items in by_milestone.values():
        kinds: dict[str, int] = {}
        for finding in items:
            kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
        counted = ", ".join(f"{count} {_plural(kind, count)}" for kind, count in kinds.items())
        lines.append(f"New findings from {escape(items[0].milestone_title)}: {escape(counted)}")
    return lines


def _plural(kind: str, count: int) -> str:
    return kind if count == 1 else PLURAL_KINDS.get(kind, kind + "s")


def summary(report: ReportChanges) -> str:
    """A few words counting the changes, e.g. '2 ratings moved forwards, 1 new milestone'."""
    moves = [c.direction for c in report.rag_changes]
    parts = [(moves.count("forwards"), "rating moved forwards", "ratings moved forwards"),
             (moves.count("backwards"), "rating went backwards", "ratings went backwards"),
             (moves.count("sideways"), "rating changed", "ratings changed"),
             (len(report.added), "action added", "actions added"),
             (len(report.closed), "action closed", "actions closed"),
             (len(report.crossings), "indicator crossed its target or tolerance",
              "indicators crossed their target or tolerance"),
             (len(report.milestones), "new milestone", "new milestones"),
             (len(report.findings), "new finding", "new findings")]
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in parts if n) or "no changes"


def report_title(report: ReportChanges) -> str:
    label, previous = report.labels
    since = f" (since {previous or format_date(report.previous)})" if report.previous else ""
    return f"{label or format_date(report.date)}{since}"


def changes_markdown(reports: list[ReportChanges], heading_level: int = 3, limit: int | None = None) -> Html:
    """Markdown for an overview page: newest report first, a heading and a list per report."""
    shown = [r for r in reversed(reports) if not r.is_empty()][:limit]
    if not shown:
        return Html("No changes reported yet.\n")
    return Html("\n".join(heading(heading_level, report_title(r), f"changes-{r.date.isoformat()}") + "\n"
                           + bullet_list([Html(line) for line in change_lines(r)], "changes") for r in shown))
