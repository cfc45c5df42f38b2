"""The domain: every fact a reader sees, worked out once, by pure functions over the model.

Pages, feeds, downloads, comparisons, the home page and search documents render what these
return and never work a fact out again. Imports run one way: model -> domain -> render ->
engine -> build; nothing here imports journeys.render.

    figures   an indicator's latest figure, its standing against target, its direction (one
              rounding rule: compare at the indicator's published decimals)
    ratings   the plan's RAG ratings now, tallies, the authority's scale, what is complete
    journey   milestones so far and planned, the latest inspection, DfE intervention
    changes   what changed at each report
    dates     the "as at" of what a page shows (the latest paper with figures); where the record ends
    boards    improvement board updates, in the boards' own words
    summary   all of the above for one authority, computed once: summarise(authority, now)

Vocabularies (GSS symbols, period kinds, polarities, milestone kinds, grades) are in
journeys.vocabulary, beneath the model.
"""

from journeys.domain.changes import ReportChanges, what_changed
from journeys.domain.dates import AsAt, as_at, record_ends
from journeys.domain.figures import STATUSES, IndicatorStatus, indicator_statuses
from journeys.domain.summary import Summary, summarise

__all__ = ["AsAt", "STATUSES", "IndicatorStatus", "ReportChanges", "Summary", "as_at", "indicator_statuses", "record_ends",
           "summarise", "what_changed"]
