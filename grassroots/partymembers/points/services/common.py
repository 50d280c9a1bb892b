"""Helpers the points services share: today, periods, and the registries through which the
apps above partymembers (twonew, partyday, the disposal sub-area) plug in without being
imported here (the import layers forbid it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.text import clean_text

from ...records.services.common import today  # noqa: F401 - re-exported

TWO = Decimal("0.01")


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return first, nxt - timedelta(days=1)


def quarter_bounds(day: date) -> tuple[date, date]:
    q = (day.month - 1) // 3
    start = date(day.year, 3 * q + 1, 1)
    return start, month_bounds(date(day.year, 3 * q + 3, 1))[1]


def period_bounds(period: str, day: date) -> tuple[date, date]:
    if period == "month":
        return month_bounds(day)
    if period == "quarter":
        return quarter_bounds(day)
    return date(day.year, 1, 1), date(day.year, 12, 31)


def text_of(value, *, field: str, label: str, max_length: int = 200, required=True) -> str:
    value = clean_text(value or "")
    if required and len(value) < 2:
        raise ApplicationError(_("请填写%(label)s。") % {"label": label}, field=field)
    return value[:max_length]


# --- registries -------------------------------------------------------------------------------

# auto_source code -> fn(start, end) -> iterable of dicts {member_id, source_kind, source_id,
# source_label, occurred_on, [quantity]}: what an app above knows (twonew's red-team problems
# solved by a member, volunteer hours …). ``quantity`` multiplies the item's points.
_POINT_SOURCES: dict[str, Callable[[date, date], Iterable[dict]]] = {}
# fn(result, actor): a 不合格 annual result (the disposal sub-area opens a *candidate*).
_UNQUALIFIED_LISTENERS: list[Callable] = []
# fn(member_ids, year) -> {member_id: comment}: the theme-party-day guide's comments.
_GUIDE_COMMENTS: list[Callable] = []


def register_point_source(code: str, fn: Callable[[date, date], Iterable[dict]]) -> None:
    """Let an app above partymembers feed the nightly job for the items whose ``auto_source``
    is ``code`` (e.g. twonew: ``register_point_source("s6_red_team", solved_in_period)``)."""
    _POINT_SOURCES[code] = fn


def point_sources() -> dict[str, Callable]:
    return dict(_POINT_SOURCES)


def register_unqualified_listener(fn: Callable) -> None:
    """``fn(result, actor)`` is called, in the transaction that freezes the results, for each
    不合格 annual result: the disposal sub-area opens a review *candidate* (criterion C14) —
    never a disposal."""
    if fn not in _UNQUALIFIED_LISTENERS:
        _UNQUALIFIED_LISTENERS.append(fn)


def unqualified_listeners() -> list[Callable]:
    return list(_UNQUALIFIED_LISTENERS)


def register_guide_comments(fn: Callable) -> None:
    """``fn(member_ids, year) -> {member_id: text}``: partyday's guide (包保领导) comments shown
    to the branch committee as an input to its organisation rating."""
    if fn not in _GUIDE_COMMENTS:
        _GUIDE_COMMENTS.append(fn)


def guide_comments(member_ids, year: int) -> dict[int, str]:
    out: dict[int, str] = {}
    for fn in _GUIDE_COMMENTS:
        for member_id, text in (fn(member_ids, year) or {}).items():
            out[member_id] = "；".join(filter(None, [out.get(member_id, ""), str(text)]))
    return out
