"""What an app above demands adds to the dispatch pages: suggested units and possible duplicates.

The triage app registers its selectors here from its ``AppConfig.ready``, so the demand pages ask
for advice without importing triage (triage stands on demands, not the other way round). With no
advisor registered the pages simply show none.
"""

from __future__ import annotations

from collections.abc import Callable

_suggestions: list[Callable] = []
_duplicates: list[Callable] = []


def register_dispatch_advisor(*, suggestions: Callable, duplicates: Callable) -> None:
    """``suggestions(demands) -> {demand_pk: {...}}``; ``duplicates(demands) -> {pk: [...]}``."""
    _suggestions[:] = [suggestions]
    _duplicates[:] = [duplicates]


def dispatch_suggestions(demands) -> dict[int, dict]:
    return _suggestions[0](demands) if _suggestions else {}


def duplicates_for_demands(demands) -> dict[int, list[dict]]:
    return _duplicates[0](demands) if _duplicates else {}


_reply_flags: list[Callable] = []


def register_reply_flags(fn: Callable) -> None:
    """``fn(demand) -> [reason, ...]``: why the lead unit's current reply was flagged by the
    reply-quality check ([] when it was not). The follow-up close asks for a reason then."""
    _reply_flags[:] = [fn]


def reply_flags(demand) -> list[str]:
    return list(_reply_flags[0](demand)) if _reply_flags else []
