"""Tiny real packages for the publishing tests (embargo, changes, feeds, end-to-end build).

`write_package(root, **tables)` writes a package of exactly those tables with conftest's
make_package; `embargo_package(root)` writes the package every embargo test uses:
one public paper, one embargoed until 1 March 2017 10:00 UK time, and rows that cite the
embargoed paper directly or through a foreign key, each carrying MARKER in its text.
"""

from __future__ import annotations

from pathlib import Path

from conftest import make_package
from journeys.model import Authority, load_authority
from journeys.outputs.feeds import authority_feed, site_feed
from journeys.outputs.page import ALL_FEED, feed_path
from journeys.model.standard import table_schemas

MARKER = "Zqxembargoed"  # one word, so search indexes keep it whole
PUBLISH_AFTER = "2017-03-01 10:00"


def write_package(root: Path, slug: str = "testshire", **tables: list[dict]) -> Path:
    """A package of exactly the tables given, at root/data/<slug> (conftest's make_package)."""
    omitted = {name: None for name in table_schemas() if name not in tables}
    return make_package(root, slug, **omitted, **tables)


def embargo_tables(publish_after: str = PUBLISH_AFTER) -> dict[str, list[dict]]:
    """Rows: '...-public' ones stay; every row mentioning MARKER must be held back."""
    public, secret = "doc-public", "doc-embargoed"
    return {
        "documents": [
            {"document_id": public, "date": "2017-01-12", "body": "Scrutiny Board", "title": "Progress report"},
            {"document_id": secret, "date": "2017-03-01", "body": "Scrutiny Board",
             "title": f"Papers {MARKER} title", "publish_after": publish_after},
        ],
        "themes": [
            {"theme_id": "t-public", "title": "Front door", "order": "1", "source": public},
            {"theme_id": "t-secret", "title": f"Theme {MARKER} from the new paper", "order": "2", "source": secret},
        ],
        "objectives": [
            {"objective_id": "o-public", "theme_id": "t-public", "kind": "objective", "title": "A stable workforce",
             "source": public},
        ],
        "actions": [
            {"action_id": "1.1", "theme_id": "t-public", "objective_id": "o-public",
             "action": "Recruit permanent social workers", "due": "ongoing", "source": public},
            {"action_id": "1.2", "theme_id": "t-public", "action": f"Action {MARKER} cited by the new paper",
             "source": secret},
            {"action_id": "2.1", "theme_id": "t-secret", "action": f"Action {MARKER} in the embargoed theme",
             "source": public},
        ],
        "progress": [
            {"action_id": "1.1", "report_date": "2017-01-12", "rating": "Amber", "evidence": "Caseloads falling",
             "source": public},
            {"action_id": "1.1", "report_date": "2017-03-01", "rating": "Green", "evidence": f"Evidence {MARKER}",
             "source": secret},
            {"action_id": "2.1", "report_date": "2017-01-12", "rating": "Red", "evidence": f"Evidence {MARKER} via theme",
             "source": public},
        ],
        "indicators": [
            {"indicator_id": "rhi-timeliness", "title": "Return home interviews within 72 hours", "unit": "percentage",
             "polarity": "higher is better", "frequency": "monthly", "definition": "Share of interviews on time",
             "decimals": "1", "counts_children": "no", "source": public},
            {"indicator_id": "secret-indicator", "title": f"Indicator {MARKER}", "unit": "count", "polarity": "none",
             "frequency": "monthly", "definition": f"Definition {MARKER}", "decimals": "0",
             "counts_children": "no", "source": secret},
        ],
        "observations": [
            {"indicator_id": "rhi-timeliness", "period": "2016-11", "value": "61.5", "source": public},
            {"indicator_id": "rhi-timeliness", "period": "2016-12", "value": "77.5", "note": f"Note {MARKER}",
             "source": secret},
            {"indicator_id": "secret-indicator", "period": "2016-11", "value": "40",
             "note": f"Note {MARKER} via indicator", "source": public},
        ],
        "targets": [
            {"indicator_id": "rhi-timeliness", "period": "2016/17", "target": "75", "tolerance": "5", "source": public},
        ],
        "milestones": [
            {"milestone_id": "mv-1", "kind": "monitoring visit", "date": "2016-11-08", "title": "Monitoring visit",
             "source": public},
            {"milestone_id": "mv-2", "kind": "monitoring visit", "date": "2017-02-14",
             "title": f"Monitoring visit {MARKER}", "source": secret},
        ],
        "findings": [
            {"finding_id": "mv-1-s1", "milestone_id": "mv-1", "kind": "strength", "text": "Caseloads are manageable",
             "source": public},
            {"finding_id": "mv-2-s1", "milestone_id": "mv-2", "kind": "strength",
             "text": f"Finding {MARKER} of the embargoed visit", "source": public},
            {"finding_id": "mv-1-a1", "milestone_id": "mv-1", "kind": "area for improvement",
             "text": f"Finding {MARKER} cited by the new paper", "source": secret},
        ],
    }


def embargo_package(root: Path, publish_after: str = PUBLISH_AFTER, **overrides) -> Path:
    return write_package(root, **{**embargo_tables(publish_after), **overrides})


def authority(tmp_path: Path, **tables: list[dict]) -> Authority:
    """Load a package of the given tables (documents default to one paper, 'doc')."""
    tables.setdefault("documents", [{"document_id": "doc", "date": "2017-01-12", "body": "Board", "title": "Paper"}])
    return load_authority(write_package(tmp_path, **tables))


def write_feeds(summaries: list, site_url: str, out_dir: Path, now, site_name: str = "Journeys") -> list[Path]:
    """Each authority's feed and the site's, written into out_dir/feeds as the build writes them
    (journeys.build.pipeline.write_feeds, without its cache); their paths, the site's last."""
    paths = []
    for summary in summaries:
        paths.append(_write(out_dir / feed_path(summary.slug), authority_feed(summary, site_url, now.date())))
    paths.append(_write(out_dir / feed_path(ALL_FEED), site_feed(summaries, site_url, now.date(), site_name)))
    return paths


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
