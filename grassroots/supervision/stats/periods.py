"""The arguments of every statistic: the period, the topic, and the county-wide stand-in user."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from grassroots.core.parsing import DATE_MAX, DATE_MIN
from grassroots.documents.gbdocx import cn_span


class _CountyWide:
    """A stand-in user with county-wide scope for periodic jobs (bulletins compiled at night)."""

    is_authenticated = True
    pk = None

    def __init__(self):
        from grassroots.core.scope import Role, Scope

        self._grassroots_scope = Scope(user_id=0, roles=frozenset({Role.ADMIN}))


COUNTY_WIDE = _CountyWide()

_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})(?:-[0-9]{1,2})?", re.ASCII)


@dataclass(frozen=True)
class Period:
    """An inclusive range of local dates."""

    start: date
    end: date

    def __post_init__(self):
        # Refused here, where every page and the API build one: a period in year 1 or 9999 cannot
        # be turned into times in the database (and the month before or after it does not exist).
        if not (DATE_MIN <= self.start <= DATE_MAX and DATE_MIN <= self.end <= DATE_MAX):
            raise ValueError(f"period out of range: {self.start}..{self.end}")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def of(cls, value) -> Period:
        if isinstance(value, Period):
            return value
        if isinstance(value, tuple):
            return cls(value[0], value[1])
        if isinstance(value, date):
            return cls.month(value.year, value.month)
        if isinstance(value, str):  # "2026-10"
            match = _MONTH.fullmatch(value.strip())
            if match is None:
                raise ValueError(f"not a month: {value[:20]!r}")
            if not 1970 <= int(match[1]) <= 2200:  # with room around it for next/previous
                raise ValueError(f"month out of range: {value[:20]!r}")
            return cls.month(int(match[1]), int(match[2]))
        raise TypeError(f"not a period: {value!r}")

    @property
    def is_month(self) -> bool:
        return self.start.day == 1 and self.end == Period.month(self.start.year,
                                                                 self.start.month).end

    @property
    def label(self) -> str:
        if self.is_month:
            return f"{self.start.year}年{self.start.month}月"
        return cn_span(self.start, self.end)  # documents: prose dates, 2026年3月1日至5月31日

    @property
    def display_label(self) -> str:
        """``label`` in the page's language (documents keep the Chinese ``label``)."""
        if self.is_month:
            return gettext("%(year)s年%(month)s月") % {"year": self.start.year,
                                                       "month": self.start.month}
        return gettext("%(start)s 至 %(end)s") % {"start": f"{self.start:%Y-%m-%d}",
                                                  "end": f"{self.end:%Y-%m-%d}"}

    @property
    def key(self) -> str:
        return f"{self.start:%Y-%m}" if self.is_month else f"{self.start}_{self.end}"

    def bounds(self) -> tuple[datetime, datetime]:
        tz = timezone.get_default_timezone()
        return (datetime.combine(self.start, time.min, tz),
                datetime.combine(self.end + timedelta(days=1), time.min, tz))

    def previous(self) -> Period:
        if self.is_month:
            prev_end = self.start - timedelta(days=1)
            return Period.month(prev_end.year, prev_end.month)
        length = (self.end - self.start).days + 1
        return Period(self.start - timedelta(days=length), self.start - timedelta(days=1))


@dataclass(frozen=True)
class Topic:
    """Narrows the statistics to one topic (special reports): category, keywords, places."""

    category_id: int | None = None
    keywords: tuple[str, ...] = ()
    division_ids: tuple[int, ...] = ()

    def q(self, prefix: str = "") -> Q:
        q = Q()
        if self.category_id:
            c = self.category_id
            q &= (Q(**{f"{prefix}category_id": c}) | Q(**{f"{prefix}category__parent_id": c})
                  | Q(**{f"{prefix}category__parent__parent_id": c}))
        if self.keywords:
            kq = Q()
            for word in self.keywords:
                kq |= Q(**{f"{prefix}title__icontains": word}) | Q(**{f"{prefix}text__icontains": word})
            q &= kq
        if self.division_ids:
            q &= (Q(**{f"{prefix}town_id__in": self.division_ids})
                  | Q(**{f"{prefix}division_id__in": self.division_ids}))
        return q


def month_range(first: Period, count: int) -> list[Period]:
    out, p = [], Period.month(first.start.year, first.start.month)
    for _ in range(count):
        out.append(p)
        nxt = p.end + timedelta(days=1)
        p = Period.month(nxt.year, nxt.month)
    return out


def months_ending(last: Period, count: int) -> list[Period]:
    """The ``count`` calendar months up to and including ``last``'s month, oldest first."""
    first = Period.month(last.start.year, last.start.month)
    for _ in range(count - 1):
        first = first.previous()
    return month_range(first, count)
