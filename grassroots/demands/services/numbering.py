from django.conf import settings
from django.utils import timezone

from grassroots.core.numbering import series_next, series_next_into

from ..models import Demand

SERIES = "demand"


def _prefix(day) -> str:
    return f"{settings.GRASSROOTS_COUNTY_PREFIX}{day:%Y%m%d}-"


def demand_next_number(at=None) -> str:
    """A readable number unique per county: JX20261125-0001 (daily sequence, no gaps on commit)."""
    day = timezone.localtime(at or timezone.now()).date()
    return f"{_prefix(day)}{series_next(SERIES, f'{day:%Y%m%d}'):04d}"


def demand_assign_number(demand, at=None) -> str:
    """Give ``demand`` (saved with a provisional number) its readable number; call it last in
    the intake transaction: today's counter row stays locked until commit."""
    day = timezone.localtime(at or timezone.now()).date()
    number = series_next_into(SERIES, f"{day:%Y%m%d}", table=Demand._meta.db_table,
                              column="number", pk=demand.pk, prefix=_prefix(day))
    if number is not None:
        demand.number = number
        return number
    # No counter for today yet (or not PostgreSQL): allocate, then write.
    demand.number = demand_next_number(at)
    Demand.objects.filter(pk=demand.pk).update(number=demand.number)
    return demand.number
