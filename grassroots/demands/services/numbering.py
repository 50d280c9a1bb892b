from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import DemandCounter


def demand_next_number(at=None) -> str:
    """A readable number unique per county: JX20261125-0001 (daily sequence, no gaps on commit)."""
    day = timezone.localtime(at or timezone.now()).date()
    for _ in range(3):
        updated = DemandCounter.objects.filter(day=day).update(last=F("last") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    DemandCounter.objects.create(day=day, last=1)
            except IntegrityError:
                continue  # another intake created today's counter first; increment it instead
        last = DemandCounter.objects.filter(day=day).values_list("last", flat=True).get()
        return f"{settings.GRASSROOTS_COUNTY_PREFIX}{day:%Y%m%d}-{last:04d}"
    raise RuntimeError("could not allocate a demand number")
