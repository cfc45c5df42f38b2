"""Each authority as the public may see it now, and its outline: what the build holds of it while
it builds the site (its names, its summary, its series for the comparisons), never its tables.

At national scale every authority's tables held at once would not fit in memory (5 MB each): the
build keeps an outline of each, and the worker that builds a section loads that package again,
from the kept model.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from journeys.build.kept import Inputs, Kept
from journeys.build.stages import EMBARGO_ENDS, MODEL, OUTLINE
from journeys.domain import Summary, summarise
from journeys.domain.disclosure import protect
from journeys.domain.embargo import apply_embargo, embargo_ends, instant
from journeys.domain.measures import claimed_series
from journeys.model import Authority, load_authority


@dataclass(frozen=True)
class Outline:
    slug: str
    name: str
    folder: Path
    public: tuple        # what `now` changes of what is public (public_state): part of every key made from it
    summary: Summary
    series: tuple        # measures.claimed_series: what the comparisons take from it
    digest: str          # of the summary and series, for the keys of what is built from every outline
    held: tuple[str, ...] = ()  # what embargoes hold back, one line each


def model(folder: Path, kept: Kept) -> Authority:
    """The package as read, kept by its files (embargoes are applied to it after)."""
    return kept.value(MODEL, Inputs(files=(folder,)), lambda: load_authority(folder))


def public_state(folder: Path, now: datetime, kept: Kept) -> tuple[str, int]:
    """All that the time of day changes of what is public: the build's date (pages print it) and
    how many of the package's embargoes have ended by now."""
    ends = kept.value(EMBARGO_ENDS, Inputs(files=(folder,)),
                      lambda: sorted(embargo_ends(model(folder, kept).table("documents")).values()))
    return now.date().isoformat(), sum(end <= instant(now) for end in ends)


def kept_outline(folder: Path, now: datetime, kept: Kept) -> Outline | None:
    """The package's outline if the cache holds it, reading no table; else None."""
    ends = kept.kept(EMBARGO_ENDS, Inputs(files=(folder,)))
    if ends is None:
        return None
    public = now.date().isoformat(), sum(end <= instant(now) for end in ends)
    return kept.kept(OUTLINE, Inputs(files=(folder,), settings=public))


def published(folder: Path, now: datetime, kept: Kept) -> tuple[Authority, list[str]]:
    """The package as the public may see it now (embargoes applied, suppression protected), and what
    was held back, a line each."""
    authority, held = apply_embargo(model(folder, kept), now)
    return protect(authority), [item.line() for item in held]


def outline(folder: Path, now: datetime, kept: Kept) -> Outline:
    """The package's outline, kept by its files and its public state: a rebuild reads an outline,
    not the package's tables."""
    public = public_state(folder, now, kept)
    return kept.value(OUTLINE, Inputs(files=(folder,), settings=public), lambda: _outline(folder, now, public, kept))


def outline_at(now: datetime, folder: Path, kept: Kept) -> Outline:
    """outline(folder, now, kept), as a job for the workers (functools.partial(outline_at, now))."""
    return outline(folder, now, kept)


def _outline(folder: Path, now: datetime, public: tuple, kept: Kept) -> Outline:
    authority, held = published(folder, now, kept)
    summary = summarise(authority, now)
    series = claimed_series(authority, summary)
    digest = hashlib.sha256(pickle.dumps((summary, series), protocol=5)).hexdigest()
    return Outline(authority.slug, authority.name, folder, public, summary, series, digest, tuple(held))
