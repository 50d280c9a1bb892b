"""Numbered series: readable numbers that never repeat (demand numbers, 督办〔2026〕第N号, 第N期,
and every later numbered record: disposal decisions, title certificates, assessment notices).

A series restarts in each period ("2026" for per-year document numbers, "20261125" for daily
demand numbers, "" for a series that never restarts). Call ``series_next`` inside the caller's
transaction: the counter row stays locked until it commits, so two callers never get the same
number and a rolled-back caller leaves no gap.
"""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max

from .models import SeriesCounter


def _increment(series: str, period: str) -> int | None:
    counter = SeriesCounter.objects.filter(series=series, period=period)
    if not counter.update(last=F("last") + 1):
        return None
    return counter.values_list("last", flat=True).get()


def series_next(series: str, period: str = "", *, taken=None) -> int:
    """The next number of ``series`` in ``period``.

    ``taken``: the records of that series and period already numbered (a queryset with a ``seq``
    column). The counter normally knows the last number; if records were numbered past it without
    it (imported, entered by hand, a counter row lost), the series continues after the highest.
    """
    for _attempt in range(3):
        last = _increment(series, period)
        if last is None:
            try:
                with transaction.atomic():
                    SeriesCounter.objects.create(series=series, period=period, last=1)
            except IntegrityError:
                continue  # another caller created the counter first; increment it instead
            last = 1
        if taken is not None:
            top = taken.aggregate(top=Max("seq"))["top"] or 0
            if last <= top:
                SeriesCounter.objects.filter(series=series, period=period).update(last=top + 1)
                last = top + 1
        return last
    raise RuntimeError(f"could not allocate a number in series {series} {period}")


def series_next_into(series: str, period: str, *, table: str, column: str, pk, prefix: str,
                     width: int = 4) -> str | None:
    """PostgreSQL only: advance the counter and write ``prefix`` + the zero-padded number into
    ``table.column`` of row ``pk`` in one statement (the intake's hot path). None when the
    counter has no row yet or the database is not PostgreSQL: call ``series_next`` then."""
    if connection.vendor != "postgresql":
        return None
    qn = connection.ops.quote_name
    counter = qn(SeriesCounter._meta.db_table)
    t = qn(table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH c AS (UPDATE {counter} SET {qn('last')} = {qn('last')} + 1 "
            f"WHERE {qn('series')} = %s AND {qn('period')} = %s RETURNING {qn('last')}) "
            f"UPDATE {t} SET {qn(column)} = %s || LPAD(c.{qn('last')}::text, "
            f"GREATEST(%s, LENGTH(c.{qn('last')}::text)), '0') "
            f"FROM c WHERE {t}.{qn('id')} = %s RETURNING {t}.{qn(column)}",
            [series, period, prefix, width, pk])
        row = cursor.fetchone()
    return row[0] if row is not None else None
