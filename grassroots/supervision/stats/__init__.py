"""The one statistics selector behind every page, API, bulletin and report, split by sub-area:

- ``definitions``: what each figure means (shown on pages, stored in bulletins; docs/rates.md);
- ``periods``: ``Period``, ``Topic`` and the county-wide stand-in user;
- ``rates``: the result's shape, the three rates and the composite score;
- ``red_list``: 红榜;
- ``units``: ``unit_stats`` / ``demand_counts`` (aggregated by the database, scope-filtered);
- ``volumes``: per-month counts (dashboard trend, special reports).

Callers import from ``grassroots.supervision.stats`` as before.
"""

from .definitions import (
    DEFINITIONS,
    GROUPS,
    RED_LIST_MIN_SCORE,
    RED_LIST_SIZE,
    SCORE_WEIGHTS,
    definitions_display,
)
from .periods import COUNTY_WIDE, Period, Topic, month_range, months_ending
from .rates import COUNT_FIELDS, OUTCOMES, SATISFACTIONS, Stats
from .red_list import _mark_red_list, red_list
from .units import FILTER_PARAM, demand_counts, unit_stats
from .volumes import count_months, month_counts, month_trend

__all__ = [
    "COUNTY_WIDE", "COUNT_FIELDS", "DEFINITIONS", "FILTER_PARAM", "GROUPS", "OUTCOMES",
    "RED_LIST_MIN_SCORE", "RED_LIST_SIZE", "SATISFACTIONS", "SCORE_WEIGHTS", "Period", "Stats",
    "Topic", "_mark_red_list", "count_months", "definitions_display", "demand_counts",
    "month_counts", "month_range", "month_trend", "months_ending", "red_list", "unit_stats",
]
