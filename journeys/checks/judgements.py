"""Judgement names in their framework's vocabulary (issue 15): papers shorten them ("help and
protection"), the data keep Ofsted's full name, and the validator says which one to write."""

from __future__ import annotations

import difflib

import numpy as np

from journeys.checks.common import Tables, quoted_list
from journeys.checks.rules import columns, key_map
from journeys.model.problems import Problem, problem
from journeys.model.standard import framework_vocabulary, frameworks


def check_judgement_names(tables: Tables) -> list[Problem]:
    judgements = columns(tables, "judgements", "milestone_id", "judgement")
    lookup = key_map(tables, "milestones", "milestone_id", "framework")
    if judgements is None or lookup is None:
        return []
    framework = judgements.lookup("milestone_id", lookup)
    problems = []
    for name, spec in frameworks().items():
        if not spec.get("judgements_checked"):
            continue
        allowed = spec.get("judgements", [])
        folded = {judgement.casefold() for judgement in allowed}
        for i in np.flatnonzero(framework == name):
            written = judgements["judgement"][i]
            if written.strip() and written.strip().casefold() not in folded:
                problems.append(problem("judgement-unknown", judgements.file, int(judgements.rows[i]), "judgement",
                                        written, framework=name, allowed=quoted_list(allowed),
                                        suggestion=judgement_suggestion(written, allowed)))
    return problems


def judgement_suggestion(written: str, allowed: list[str]) -> str:
    """'Did you mean "…"? ' from the short forms papers use, else the closest name; '' if none is close."""
    aliases = {short.casefold(): full for short, full in framework_vocabulary().get("judgement_aliases", {}).items()}
    full = aliases.get(written.strip().casefold())
    if full in allowed:
        return f'Did you mean "{full}"? Papers often shorten it; write the full name. '
    containing = [name for name in allowed if written.strip().casefold() in name.casefold()]
    close = containing[:1] or difflib.get_close_matches(written, allowed, n=1, cutoff=0.6)
    return f'Did you mean "{close[0]}"? ' if close else ""
