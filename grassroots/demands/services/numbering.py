from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from ..models import Demand, DemandCounter


def _increment(day) -> int | None:
    """Today's counter plus one (the row stays locked until commit); None if there is no row."""
    if not DemandCounter.objects.filter(day=day).update(last=F("last") + 1):
        return None
    return DemandCounter.objects.filter(day=day).values_list("last", flat=True).get()


def demand_next_number(at=None) -> str:
    """A readable number unique per county: JX20261125-0001 (daily sequence, no gaps on commit)."""
    day = timezone.localtime(at or timezone.now()).date()
    for _ in range(3):
        last = _increment(day)
        if last is None:
            try:
                with transaction.atomic():
                    DemandCounter.objects.create(day=day, last=1)
            except IntegrityError:
                continue  # another intake created today's counter first; increment it instead
            last = 1
        return f"{settings.GRASSROOTS_COUNTY_PREFIX}{day:%Y%m%d}-{last:04d}"
    raise RuntimeError("could not allocate a demand number")


def demand_assign_number(demand, at=None) -> str:
    """Give ``demand`` (saved with a provisional number) its readable number; call it last in
    the intake transaction: today's counter row stays locked until commit."""
    day = timezone.localtime(at or timezone.now()).date()
    if connection.vendor == "postgresql":
        # One statement: the counter's next value, written into the demand's number.
        qn = connection.ops.quote_name
        counter, demands = qn(DemandCounter._meta.db_table), qn(Demand._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH c AS (UPDATE {counter} SET {qn('last')} = {qn('last')} + 1 "
                f"WHERE {qn('day')} = %s RETURNING {qn('last')}) "
                f"UPDATE {demands} SET {qn('number')} = %s || LPAD(c.{qn('last')}::text, "
                f"GREATEST(4, LENGTH(c.{qn('last')}::text)), '0') "
                f"FROM c WHERE {demands}.{qn('id')} = %s RETURNING {demands}.{qn('number')}",
                [day, f"{settings.GRASSROOTS_COUNTY_PREFIX}{day:%Y%m%d}-", demand.pk])
            row = cursor.fetchone()
        if row is not None:
            demand.number = row[0]
            return demand.number
    # No counter for today yet (or not PostgreSQL): allocate, then write.
    demand.number = demand_next_number(at)
    Demand.objects.filter(pk=demand.pk).update(number=demand.number)
    return demand.number
