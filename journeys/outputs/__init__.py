"""Outputs: everything a reader gets, worded and drawn from the domain's facts (pages, pictures,
charts, feeds, downloads, search documents). Nothing here works a fact out again, and nothing
knows which site engine runs."""
