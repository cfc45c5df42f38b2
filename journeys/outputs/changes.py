"""What changed since the previous report, in words: the overview's list and each feed entry.
journeys.domain.changes works the changes out; this only words them."""

from __future__ import annotations

from journeys.domain.changes import IndicatorCrossing, NewFinding, NewMilestone, ReportChanges
from journeys.domain.figures import STATUSES
from journeys.model.periods import format_date
from journeys.outputs.markup import Html, bullet_list, heading, text
from journeys.outputs.wording import format_value, in_period, stated_target

PLURAL_KINDS = {"area for improvement": "areas for improvement"}  # findings.kind; the rest add -s


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
    lines += [crossing_line(c, escape) for c in report.crossings]
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


def standing_words(status: str) -> str:
    """'Amber (within tolerance)': a standing as "What changed" names it."""
    return f"{STATUSES[status].rag} ({STATUSES[status].phrase})"


def crossing_line(c: IndicatorCrossing, escape) -> str:
    # Only a percentage carries its unit here: "What changed" is read beside the figure's own page.
    unit = "percentage" if c.unit == "percentage" else ""
    value, target = format_value(c.value, unit, c.decimals), stated_target(c.target_text or c.target, unit, c.decimals)
    return (f"{escape(c.title)} {c.direction}: {standing_words(c.after)} "
            f"{escape(in_period(c.period_label))}, {escape(value)} against a target of {escape(target)}, "
            f"from {standing_words(c.before)}")


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
    label, previous = report.labels  # as precise as the papers: "March 2019", never an invented 1st
    since = f" (since {previous or format_date(report.previous)})" if report.previous else ""
    return f"{label or format_date(report.date)}{since}"


def changes_markdown(reports: list[ReportChanges], heading_level: int = 3, limit: int | None = None) -> Html:
    """Markdown for an overview page: newest report first, a heading and a list per report."""
    shown = [r for r in reversed(reports) if not r.is_empty()][:limit]
    if not shown:
        return Html("No changes reported yet.\n")
    return Html("\n".join(heading(heading_level, report_title(r), f"changes-{r.date.isoformat()}") + "\n"
                           + bullet_list([Html(line) for line in change_lines(r)], "changes") for r in shown))
