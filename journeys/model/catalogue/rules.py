"""Problems that rules beyond types find: ratings, grades, targets, disclosure control, national measures."""

from __future__ import annotations

from journeys.model.catalogue.kind import Kind

RULES: dict[str, Kind] = {
    # Rules beyond types
    "rag-unknown": Kind(
        "Rating not in the authority's RAG scale", "is not one of the authority's {scale} ratings",
        "{suggestion}Write one of: {allowed}{where}."),
    "grade-unknown": Kind(
        "Grade not in the framework", "is not a grade of the {framework} framework",
        "{suggestion}Write one of: {allowed}."),
    "judgement-unknown": Kind(
        "Judgement not in the framework", "is not a judgement of the {framework} framework",
        "{suggestion}Write one of: {allowed}."),
    "overall-grade-forbidden": Kind(
        "No overall grade in this framework", "is not graded under the {framework} framework, which gives sub-judgements only",
        "Delete this row: record only the sub-judgements."),
    "framework-missing": Kind(
        "Framework missing", "milestone {milestone} has grades in judgements.csv but no framework",
        "Write the inspection framework, one of: {allowed}."),
    "percentage-out-of-range": Kind(
        "Percentage outside 0-100", "is a percentage outside 0 to 100",
        "Write the percentage as a number from 0 to 100 (67.8, not 0.678)."),
    "targets-overlap": Kind(
        "Overlapping targets", "overlaps {other_period}, the period of the target for {indicator} in row {other}",
        "Give each stretch of time one target: change one of the periods, or delete one row."),
    "progress-after-document": Kind(
        "Progress dated after its source", "is after the date of the document it cites, {document} ({date})",
        "Write the date of the report the rating came from, or cite the document it came from."),
    "recommendation-from-inspector": Kind(
        "Inspector's recommendation as a paper's", "is {kind}: an inspector's recommendations go in findings.csv",
        "Move the row to findings.csv (kind recommendation); this table holds what a council paper asks its meeting to do."),
    "small-count": Kind(
        "Unsuppressed small count", "is a count of 1 to 5 children, which could identify them",
        "Write c (confidential) instead, and say so in the note; make sure no other figure reveals it."),
    "suppression-derivable": Kind(
        "Suppressed value can be worked out", "can be worked out from the {others}, so suppressing it hides nothing",
        "Suppress one of the {others} as well (write c), or leave {empty} empty."),
    "small-count-rounded": Kind(
        "Small count after rounding",
        "is published as {shown} ({decimals} decimal places), a count of 1 to 5 children, which could identify them",
        "Write c (confidential) instead, and say so in the note; make sure no other figure reveals it."),
    "percentage-reveals-small-count": Kind(
        "Percentage or rate reveals a small count",
        "is a {unit} that, with {beside}, gives away a count of {count} children",
        "{fix}"),
    "suppression-derivable-sum": Kind(
        "Suppressed figure can be worked out from figures of other periods",
        "can be worked out from {others}: a figure for a quarter, a year or a year to date is the sum of the "
        "months in it, and a period written two ways (31/03/2017 and 2017-03-31) is one period",
        "Suppress one of {fix} as well (write c)."),
    "parts-derivable": Kind(
        "Suppressed figure can be worked out from its total or parts",
        "can be worked out from {others}: parts.csv says the parts add up to the total, and the months of a "
        "longer period add up to it",
        "Suppress one of {fix} as well (write c)."),
    "note-reveals-suppressed": Kind(
        "Note gives a suppressed figure away",
        "is a note beside a suppressed figure (c) that holds a number ({number}), which could reveal it",
        'Say only that the figure is suppressed, e.g. "a count of 1 to 5 children: suppressed (c)", without the '
        "number in any form (digits, words such as \"two\", Roman numerals, or a bound such as \"fewer than 2\")."),
    "text-reveals-suppressed": Kind(
        "Text near a suppressed figure gives it away",
        "holds a number ({number}) near the suppressed figure of {indicator} for {period} (c, observations.csv "
        "row {row}), which could reveal it",
        "Write the text without that number (in any form: digits, words, Roman numerals or a bound such as "
        "\"fewer than 2\"), or suppress the figure it gives away as well."),
    "target-against-polarity": Kind(
        "Target points the other way", "is a target met {side}, but indicators.csv says {indicator} is {polarity}",
        "Check the target against the paper, or correct the indicator's polarity in indicators.csv."),
    "unstated-after-source": Kind(
        "Period dated after its paper", "is dated after the paper it cites, {document} ({date})",
        "Write the date of the paper, or of the column or section the figure is printed in: no later than "
        "the paper itself."),
    "small-count-bound": Kind(
        "Bound reveals a small count", "is a bound that says a count of children is at most 5, which could "
        "identify them",
        "Write c (confidential) instead; the note may say that the paper printed a bound."),
    "change-reveals-small-count": Kind(
        "Change reveals a small count",
        "is a change that, with {previous} in {period}, gives a count of {level} children, which could identify them",
        "Write c (confidential) instead, and say so in the note."),
    "target-for-activity-measure": Kind(
        "Target for an activity measure", "is an activity measure (polarity none in indicators.csv), so it has no target",
        "Delete this target row, or give the indicator its polarity in indicators.csv."),
    "basis-without-note": Kind(
        "A deduced or inferred figure without a note", "is empty, but this figure is {basis}: the note must say how",
        "Say how the figure was worked out, e.g. \"100% less the 42% printed for the other group\", or why it is "
        "read from the paper; or empty the basis column if the paper prints the figure as it is."),
    # National measures (issue 7: journeys.checks.measures.check_national_measures)
    "lait-code-unknown": Kind(
        "Unknown national measure", "is not a code in the catalogue of national measures",
        "{suggestion}Write a code from schemas/vocabularies/national_measures.csv, or leave lait_code empty."),
    "lait-code-repeated": Kind(
        "National measure claimed twice", "is also claimed by indicator {other} in row {first}",
        "Only one indicator can be a national measure: leave lait_code empty on one of them."),
    "lait-unit-mismatch": Kind(
        "Unit differs from the national measure", 'is not the unit of national measure {code} ({name}), which is "{expected}"',
        'Write "{expected}" if the indicator is the national measure; otherwise leave lait_code empty.'),
    "lait-polarity-mismatch": Kind(
        "Polarity differs from the national measure",
        'is not the polarity of national measure {code} ({name}), which is "{expected}"',
        'Write "{expected}" if the indicator is the national measure; otherwise leave lait_code empty.'),
    "lait-definition-differs": Kind(
        "Definition differs from the national measure",
        "marks a local definition, so this indicator is not national measure {code} ({name})",
        "Delete {code} from lait_code (leave it empty): the national measure is \"{definition}\"."),
}
