"""A kind of problem: its title, what is wrong, and what to write instead."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    title: str
    message: str
    hint: str
