"""Issue 12.8 and 12.9: an embargo ends at an instant, never early, on the days the clocks change;
and the build log names a held-back paper by its id only."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from journeys.domain.embargo import apply_embargo, embargo_ended_within
from journeys.model import load_authority
from publishing_support import MARKER, embargo_package

UTC = timezone.utc


def held_at(authority, hour: int, minute: int, day: datetime) -> bool:
    return bool(apply_embargo(authority, day.replace(hour=hour, minute=minute, tzinfo=UTC))[1])


def test_a_time_in_the_spring_gap_is_read_as_gmt_and_released_once(tmp_path):
    """01:30 on 29 March 2026 never shows on a UK clock (01:00 GMT becomes 02:00 BST)."""
    authority = load_authority(embargo_package(tmp_path, publish_after="2026-03-29 01:30"))
    day = datetime(2026, 3, 29)
    minutes = [(h, m) for h in (0, 1, 2) for m in range(0, 60)]
    held = [held_at(authority, h, m, day) for h, m in minutes]
    released_from = minutes[held.index(False)]
    assert released_from == (1, 30) and not any(held[held.index(False):])  # 01:30 UTC = 02:30 BST, never again held


def test_an_ambiguous_autumn_time_is_the_later_instant_and_released_once(tmp_path):
    """01:30 on 25 October 2026 happens twice: 00:30 UTC (BST) and 01:30 UTC (GMT)."""
    authority = load_authority(embargo_package(tmp_path, publish_after="2026-10-25 01:30"))
    day = datetime(2026, 10, 25)
    minutes = [(h, m) for h in (0, 1, 2) for m in range(0, 60)]
    held = [held_at(authority, h, m, day) for h, m in minutes]
    assert held[:minutes.index((1, 30))] == [True] * minutes.index((1, 30))  # held through 00:31 and 01:00
    assert not any(held[minutes.index((1, 30)):])


def test_the_scheduled_check_sees_each_end_once_on_both_days(tmp_path):
    for when, end in (("2026-03-29 01:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
                      ("2026-10-25 01:30", datetime(2026, 10, 25, 1, 30, tzinfo=UTC))):
        data = embargo_package(tmp_path / when[:10], publish_after=when).parent
        hourly = [end - timedelta(hours=2) + timedelta(minutes=60 * k) for k in range(5)]
        ended = [embargo_ended_within(data, now, timedelta(minutes=60)) for now in hourly]
        assert sum(bool(found) for found in ended) == 1, when


def test_the_log_names_the_paper_by_id_and_time_only(tmp_path):
    authority = load_authority(embargo_package(tmp_path, publish_after="2030-01-01 09:00"))
    [held] = apply_embargo(authority, datetime(2026, 1, 1, tzinfo=UTC))[1]
    line = held.line()
    assert held.document_id in line and "1 January 2030 09:00" in line
    assert MARKER not in line and "title" not in line  # the paper's title is "Papers <marker> title"
