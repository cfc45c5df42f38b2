"""The domain's rules, on their own: the documented rounding rule and the Summary a build keeps."""

import pickle
from datetime import datetime, timezone

import pytest

from conftest import make_package, target_status
from journeys.domain import summarise, what_changed
from journeys.domain.figures import MET, MISSED, WITHIN, direction, indicator_statuses
from journeys.model import load_authority
from journeys.model.vocabulary import HIGHER, LOWER, NO_POLARITY

NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize("value, target, tolerance, polarity, decimals, status", [
    (64.8, 65.0, 0.2, HIGHER, 1, WITHIN),        # the review's two cases: short by exactly the tolerance
    (22.3, 22.0, 0.3, LOWER, 1, WITHIN),
    (64.7, 65.0, 0.2, HIGHER, 1, MISSED),
    (64.76, 64.8, None, HIGHER, 1, MET),         # printed 64.8 against 64.8: met, as the reader sees it
    (64.74, 64.8, None, HIGHER, 1, MISSED),      # printed 64.7: short, with no tolerance
    (64.55, 65.0, 0.4, HIGHER, 1, MISSED),       # printed 64.5 (64.55 is stored as 64.549999…): short by 0.5
    (19.5, 20, 0, HIGHER, 0, MET),               # printed 20: half to even
    (20.5, 20, 0, LOWER, 0, MET),                # printed 20 too
    (21.5, 20, 1, LOWER, 0, MISSED),             # printed 22
    (1000, 5, 1, NO_POLARITY, 0, None),          # an activity measure has no target status
])
def test_standing_is_judged_at_the_published_decimals(value, target, tolerance, polarity, decimals, status):
    assert target_status(value, target, tolerance, polarity, decimals) == status


@pytest.mark.parametrize("latest, previous, polarity, decimals, words", [
    (22.04, 22.0, HIGHER, 1, "no change"),       # both printed 22.0
    (22.06, 22.0, HIGHER, 1, "improving"),       # 22.1 against 22.0
    (22.06, 22.0, LOWER, 1, "worsening"),
    (22.06, 22.0, NO_POLARITY, 1, "increasing"),
    (1500, 1722, NO_POLARITY, 0, "decreasing"),
    (22.0, None, HIGHER, 1, None),
])
def test_direction_is_judged_at_the_published_decimals(latest, previous, polarity, decimals, words):
    assert direction(latest, previous, polarity, decimals) == words


def test_a_summary_survives_pickling_whole(tmp_path):
    """The build may keep a Summary between runs (and hand it between processes)."""
    authority = load_authority(make_package(tmp_path))
    summary = summarise(authority, NOW)
    assert summary.statuses and summary.changes
    assert pickle.loads(pickle.dumps(summary)) == summary
    assert list(summary.statuses) == indicator_statuses(authority)
    assert list(summary.changes) == what_changed(authority, NOW)
    assert next(s for s in summary.statuses if s.indicator_id == "re-referrals").status == "within tolerance"


def test_a_summary_keeps_the_latest_reports_that_changed_something_as_many_as_the_feeds_show(tmp_path, monkeypatch):
    import journeys.domain.summary as summary_module
    from journeys.outputs.feeds import MAX_ENTRIES

    assert MAX_ENTRIES == summary_module.RECENT_REPORTS  # the feed shows what the summary keeps
    authority = load_authority(make_package(tmp_path))
    changed = [report for report in what_changed(authority, NOW) if not report.is_empty()]
    assert len(changed) >= 2
    monkeypatch.setattr(summary_module, "RECENT_REPORTS", 1)
    assert list(summarise(authority, NOW).changes) == changed[-1:]
