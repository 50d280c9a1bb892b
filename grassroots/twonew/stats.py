"""The rates of S6 (§8.4), one selector each, computed in the database (one query per figure);
definitions in docs/twonew.md.

Denominator of every coverage rate: the organisations in the register whose operating status is
not closed or zombie (``TwoNewOrg.objects.counted()``), within what the user may see. Each unit
is one row, so a joint branch covering three units counts three covered units, each once."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncMonth

from .models import CoverageMode, CoverageSettings, InstructorVisit, ParkEntry, SyncTask, TwoNewOrg
from .models.entry import CLOSED_SYNC, EntryStatus
from .models.registry import OrgKind
from .services.common import add_natural_months

GROUPS = {"county": None, "park": ("park_id", "park__name"),
          "town": ("division_id", "division__name")}


def _org_modes(settings=None) -> list[str]:
    settings = settings or CoverageSettings.current()
    modes = [CoverageMode.OWN, CoverageMode.JOINT]
    if settings.count_attached:
        modes.append(CoverageMode.ATTACHED)
    return modes


def _rate(qs, numerator: Q, group: str) -> list[dict]:
    """``[{"key", "label", "total", "covered", "rate"}]`` — one row for the county, else one per
    park or town (units outside any park under "—")."""
    agg = {"total": Count("pk"), "covered": Count("pk", filter=numerator)}
    if GROUPS[group] is None:
        rows = [{"key": None, "label": "", **qs.aggregate(**agg)}]
    else:
        key, label = GROUPS[group]
        rows = [{"key": r[key], "label": r[label] or "—", "total": r["total"],
                 "covered": r["covered"]}
                for r in qs.values(key, label).annotate(**agg).order_by(label)]
    for r in rows:
        r["rate"] = (r["covered"] / r["total"]) if r["total"] else None
    return rows


def _base(qs=None):
    return (qs if qs is not None else TwoNewOrg.objects.all()).counted()


def organisational_coverage(qs=None, group: str = "county") -> list[dict]:
    """组织覆盖率 = units with their own or a joint organisation (attached ones only where the
    county counts them) ÷ counted units."""
    return _rate(_base(qs), Q(coverage_mode__in=_org_modes()), group)


def own_founding_rate(qs=None, group: str = "county") -> list[dict]:
    """单独组建率 = units with their own organisation ÷ counted units."""
    return _rate(_base(qs), Q(coverage_mode=CoverageMode.OWN), group)


def work_coverage(qs=None, group: str = "county", *, today: date) -> list[dict]:
    """工作覆盖率 = units with an organisation, or visited by their instructor or liaison
    within the last N months (6 by default) ÷ counted units."""
    settings = CoverageSettings.current()
    since = add_natural_months(today, -settings.work_visit_months)
    visited = Exists(InstructorVisit.objects.filter(org=OuterRef("pk"), visited_on__gt=since,
                                                    visited_on__lte=today))
    qs = _base(qs).annotate(visited=visited)
    return _rate(qs, Q(coverage_mode__in=_org_modes(settings)) | Q(visited=True), group)


def above_size_coverage(qs=None, group: str = "county") -> list[dict]:
    """规上企业党组织覆盖率 = above-designated-size enterprises with their own or a joint
    organisation ÷ counted above-size enterprises."""
    qs = _base(qs).filter(is_above_size=True, kind=OrgKind.ENTERPRISE)
    return _rate(qs, Q(coverage_mode__in=_org_modes()), group)


def monthly_coverage(qs=None, *, today: date, months: int = 12) -> list[dict]:
    """Organisational coverage at each of the last ``months`` month ends: units registered by
    then and covered (``covered_on``) by then, over today's register (one query)."""
    qs = _base(qs)
    modes = _org_modes()
    ends = []
    first = today.replace(day=1)
    for i in range(months - 1, -1, -1):
        start = add_natural_months(first, -i)
        ends.append(min(add_natural_months(start, 1) - timedelta(days=1), today))
    agg = {}
    for i, end in enumerate(ends):
        agg[f"t{i}"] = Count("pk", filter=Q(registered_on__lte=end))
        agg[f"c{i}"] = Count("pk", filter=Q(registered_on__lte=end, coverage_mode__in=modes,
                                            covered_on__lte=end))
    row = qs.aggregate(**agg)
    return [{"month": end.strftime("%Y-%m"), "total": row[f"t{i}"], "covered": row[f"c{i}"],
             "rate": row[f"c{i}"] / row[f"t{i}"] if row[f"t{i}"] else None}
            for i, end in enumerate(ends)]


def four_sync_completion(entries=None, *, start: date, end: date) -> dict:
    """四同步 completion = entries of the period (entered between ``start`` and ``end``, not
    withdrawn) complete with no task closed after its due date ÷ entries of the period."""
    qs = (entries if entries is not None else ParkEntry.objects.all()).filter(
        entered_on__gte=start, entered_on__lte=end).exclude(status=EntryStatus.WITHDRAWN)
    late = Exists(SyncTask.objects.filter(entry=OuterRef("pk"), done_on__gt=F("due_on")))
    row = qs.annotate(late=late).aggregate(
        total=Count("pk"),
        on_time=Count("pk", filter=Q(status=EntryStatus.COMPLETE, late=False)),
        complete=Count("pk", filter=Q(status=EntryStatus.COMPLETE)))
    row["rate"] = row["on_time"] / row["total"] if row["total"] else None
    return row


def four_sync_by_month(entries=None, *, start: date, end: date) -> list[dict]:
    """The same, per month of entry (one query)."""
    qs = (entries if entries is not None else ParkEntry.objects.all()).filter(
        entered_on__gte=start, entered_on__lte=end).exclude(status=EntryStatus.WITHDRAWN)
    late = Exists(SyncTask.objects.filter(entry=OuterRef("pk"), done_on__gt=F("due_on")))
    rows = list(qs.annotate(late=late, month=TruncMonth("entered_on")).values("month").annotate(
        total=Count("pk"),
        on_time=Count("pk", filter=Q(status=EntryStatus.COMPLETE, late=False)),
    ).order_by("month"))
    for r in rows:
        r["rate"] = r["on_time"] / r["total"] if r["total"] else None
    return rows


def task_lateness(tasks=None, *, today: date) -> list[dict]:
    """Per sync task kind: how many, done late, open past due (one query)."""
    qs = (tasks if tasks is not None else SyncTask.objects.all()).exclude(
        entry__status=EntryStatus.WITHDRAWN)
    return list(qs.values("kind").annotate(
        total=Count("pk"),
        late=Count("pk", filter=Q(done_on__gt=F("due_on"))),
        overdue=Count("pk", filter=~Q(status__in=CLOSED_SYNC) & Q(due_on__lt=today)),
    ).order_by("kind"))
