"""Each page's description (its <meta name="description">, what a search engine shows under its
title): a sentence or two of the page's own facts, worded from the domain's values as the page
words them. Plain text; the engine escapes it.

    describe_authority(pages, summary) -> the pages, each with its description
    describe_site(pages, summaries)    -> the same for the home and site-wide pages
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from journeys.domain import Summary
from journeys.outputs.page import (
    ACCESSIBILITY,
    DATA,
    GLOSSARY,
    GUIDE,
    HOME,
    HOW_TO_READ,
    INDICATORS,
    JOURNEY,
    OVERVIEW,
    PLAN,
    SCRUTINY,
    SEARCH,
    Page,
    indicator_path,
)
from journeys.outputs.wording import counted, describe, word_list

NO_GAPS = pd.DataFrame(columns=["value", "period_label"])
ABOUT_PAGES = {
    HOW_TO_READ: "How to read this site: what the figures, ratings, targets and dates on its pages mean, and "
                 "what they do not.",
    GLOSSARY: "The terms and abbreviations used in English councils' children's services papers, explained.",
    GUIDE: "The officers' guide: how to record an authority's improvement plan, figures and papers as a data "
           "package, table by table.",
    ACCESSIBILITY: "This site's accessibility statement: how it meets WCAG 2.2 AA, and how to report a problem.",
    SEARCH: "Search every authority's plans, actions, indicators and inspection findings.",
    "problems.md": "Every problem the data validator can report, with what to write instead.",
}


def describe_authority(pages: list[Page], summary: Summary) -> list[Page]:
    by_path = {PLAN: _plan(summary), INDICATORS: _indicators(summary), JOURNEY: _journey(summary),
               SCRUTINY: f"The scrutiny committee's recommendations to {summary.name} on its children's services, "
                         "and what became of each.",
               DATA: f"{summary.name}'s improvement data as CSV, JSON and a Frictionless data package, under the "
                     "Open Government Licence v3.0.",
               OVERVIEW: _overview(summary)}
    by_path.update((indicator_path(status.indicator_id), f"{summary.name}: {describe(status, NO_GAPS)}")
                   for status in summary.statuses)
    return [replace(page, description=by_path.get(page.path, page.description)) for page in pages]


def describe_site(pages: list[Page], summaries: list[Summary]) -> list[Page]:
    names = [summary.name for summary in summaries]
    home = (f"How {counted(len(names), 'English council', 'English councils')} ({word_list(names)}) are improving "
            "their children's services: Ofsted judgements, improvement plans and performance figures, from their "
            "own papers.") if names else "Children's services improvement journeys, from councils' own papers."
    described = {HOME: home, **ABOUT_PAGES}
    return [replace(page, description=described.get(page.path, page.description)) for page in pages]


def _as_at(summary: Summary) -> str:
    return f" Figures as at {summary.as_at.label}." if summary.as_at else ""


def _overview(summary: Summary) -> str:
    judged = summary.inspection
    judgement = (f"Ofsted judged it {judged.overall} ({judged.when}). " if judged and judged.overall else "")
    intervention = f" DfE intervention: {summary.intervention}." if summary.intervention else ""
    return (f"{summary.name}'s children's services improvement journey. {judgement}"
            f"{counted(len(summary.statuses), 'indicator', 'indicators')} and the plan at a glance.{intervention}"
            f"{_as_at(summary)}")


def _plan(summary: Summary) -> str:
    rated = [f"{count.count} {count.rating}" for count in summary.ratings if count.count]
    ratings = f" Latest ratings: {word_list(rated)}." if rated else ""
    return f"{summary.name}'s improvement plan: its themes, actions and their ratings at each report.{ratings}"


def _indicators(summary: Summary) -> str:
    return (f"{summary.name}'s {counted(len(summary.statuses), 'performance indicator', 'performance indicators')}: "
            f"each one's latest figure, target and direction.{_as_at(summary)}")


def _journey(summary: Summary) -> str:
    judged = summary.inspection
    latest = f" Latest judgement: {judged.overall} ({judged.when})." if judged and judged.overall else ""
    return f"{summary.name}'s inspections, visits, DfE intervention and improvement boards, in order.{latest}"
