"""Automatic entries from what the platform knows (S2 §4.6): meeting attendance and unexcused
absence (grassroots.meetings), dues paid by month-end or overdue (records), S1 assignments the
member replied to on time or late and satisfied follow-ups (grassroots.demands; the member is
the replying user's person), and whatever an app above registers (``register_point_source``:
twonew's red-team problems, volunteer hours, training hours).

``points_nightly(month)`` is idempotent: an entry is unique per (member, item, source kind,
source id), so a re-run inserts nothing new. Per item it runs a fixed number of statements
(the candidate rows, the entries already there, one bulk insert) whatever the member count.
Caps per period are applied against what is already recorded in the period. Automatic entries
are confirmed at once — the source row is the evidence; the member may still dispute them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum

from grassroots.core.events import event_record
from grassroots.demands.models import Assignment, FollowUp
from grassroots.meetings.models import MeetingAttendance, MeetingStatus
from grassroots.party.models import ENTRY_STATUSES, PartyMember

from ...records.models import BillStatus, DuesBill
from ..models import AutoSource, EntryStatus, ItemKind, PointEntry, PointsScheme, SchemeStatus
from .common import month_bounds, period_bounds, point_sources, today

HELD = (MeetingStatus.HELD, MeetingStatus.MINUTED)


def _members_q(prefix: str, item) -> Q:
    """The member on the roll, not exempt, in a branch of the item's fields."""
    q = Q(**{f"{prefix}is_active": True, f"{prefix}status__in": ENTRY_STATUSES,
             f"{prefix}exempt_approved_on__isnull": True})
    if item.fields:
        q &= (Q(**{f"{prefix}organisation__field__in": item.fields})
              | Q(**{f"{prefix}organisation__field": ""}))
    return q


def _rows(item, start: date, end: date, now: date):
    """Candidate rows {member_id, source_kind, source_id, source_label, occurred_on}."""
    src, flt = item.auto_source, item.source_filter
    if src == AutoSource.MEETING_ATTENDANCE:
        pm = "person__party_member__"
        qs = MeetingAttendance.objects.filter(
            _members_q(pm, item), meeting__status__in=HELD,
            meeting__held_at__date__range=(start, end))
        if flt == "absent":
            qs = qs.filter(present=False, leave_approved=False)
        else:
            qs = qs.filter(present=True, meeting__kind=flt)
        for r in qs.values("pk", "person__party_member__id", "meeting__held_at",
                           "meeting__title"):
            yield {"member_id": r["person__party_member__id"], "source_kind": "attendance",
                   "source_id": r["pk"], "source_label": r["meeting__title"][:120],
                   "occurred_on": r["meeting__held_at"].date()}
    elif src == AutoSource.DUES:
        qs = DuesBill.objects.filter(_members_q("member__", item), month=start)
        if flt == "overdue":
            if end >= now:  # judged once the month is over
                return
            qs = qs.filter(status=BillStatus.DUE)
            day = end
        else:
            qs = qs.filter(status=BillStatus.PAID, paid_on__lte=end)
            day = None
        for r in qs.values("pk", "member_id", "paid_on"):
            yield {"member_id": r["member_id"], "source_kind": "dues_bill", "source_id": r["pk"],
                   "source_label": f"{start:%Y-%m} 党费", "occurred_on": day or r["paid_on"]}
    elif src == AutoSource.S1_ASSIGNMENT:
        if flt == "satisfied":
            pm = "demand__assignments__replied_by__person__party_member__"
            qs = FollowUp.objects.filter(
                _members_q(pm, item), satisfaction="satisfied",
                recorded_at__date__range=(start, end), demand__assignments__role="lead")
            fields = ("pk", pm + "id", "recorded_at", "demand_id")
            for r in qs.values(*fields).distinct():
                yield {"member_id": r[pm + "id"], "source_kind": "followup", "source_id": r["pk"],
                       "source_label": f"诉求 {r['demand_id']} 回访满意",
                       "occurred_on": r["recorded_at"].date()}
        else:
            pm = "replied_by__person__party_member__"
            qs = Assignment.objects.filter(_members_q(pm, item),
                                           replied_at__date__range=(start, end),
                                           replied_late=(flt == "overdue"))
            for r in qs.values("pk", pm + "id", "replied_at", "demand_id"):
                yield {"member_id": r[pm + "id"], "source_kind": "assignment",
                       "source_id": r["pk"], "source_label": f"诉求 {r['demand_id']} 工单",
                       "occurred_on": r["replied_at"].date()}
    else:
        fn = point_sources().get(src)
        if fn is None:
            return
        rows = list(fn(start, end))
        eligible = set(PartyMember.objects.filter(
            _members_q("", item), pk__in={r["member_id"] for r in rows})
            .values_list("pk", flat=True))
        yield from (r for r in rows if r["member_id"] in eligible)


def _item_entries(scheme, item, start, end, now) -> list[PointEntry]:
    rows = sorted(_rows(item, start, end, now), key=lambda r: (r["occurred_on"], r["source_id"]))
    if not rows:
        return []
    p_start = period_bounds(item.period, start)[0]
    p_end = period_bounds(item.period, end)[1]
    existing = PointEntry.objects.filter(item=item, occurred_on__range=(p_start, p_end))
    have = set(existing.values_list("member_id", "source_kind", "source_id"))
    used: dict[tuple, Decimal] = defaultdict(Decimal)
    if item.cap_per_period is not None:
        for r in (existing.exclude(status=EntryStatus.VOIDED)
                  .values("member_id", "occurred_on").annotate(total=Sum("points"))):
            key = (r["member_id"], period_bounds(item.period, r["occurred_on"])[0])
            used[key] += abs(r["total"])
    sign = 1 if item.kind == ItemKind.ADD else -1
    out = []
    for r in rows:
        if (r["member_id"], r["source_kind"], r["source_id"]) in have:
            continue
        points = item.points * Decimal(r.get("quantity", 1))
        if item.cap_per_period is not None:
            key = (r["member_id"], period_bounds(item.period, r["occurred_on"])[0])
            points = min(points, item.cap_per_period - used[key])
            if points <= 0:
                continue
            used[key] += points
        have.add((r["member_id"], r["source_kind"], r["source_id"]))
        out.append(PointEntry(
            scheme=scheme, member_id=r["member_id"], item=item, aspect=item.aspect,
            points=sign * points, occurred_on=r["occurred_on"], source_kind=r["source_kind"],
            source_id=r["source_id"], source_label=r["source_label"][:120],
            status=EntryStatus.CONFIRMED))
    return out


def points_nightly(month: date, *, actor=None) -> dict:
    """The automatic entries of ``month`` under the published scheme of its year."""
    scheme = PointsScheme.objects.filter(year=month.year, status=SchemeStatus.PUBLISHED).first()
    if scheme is None:
        return {"scheme": None, "created": 0}
    start, end = month_bounds(month)
    now = today()
    if start > now:
        return {"scheme": scheme.pk, "created": 0}
    created = {}
    with transaction.atomic():
        for item in scheme.items.exclude(auto_source=AutoSource.MANUAL).order_by("code"):
            entries = _item_entries(scheme, item, start, end, now)
            if entries:
                PointEntry.objects.bulk_create(entries, batch_size=2000, ignore_conflicts=True)
                created[item.code] = len(entries)
        total = sum(created.values())
        if total:
            event_record(subject=scheme, actor=actor, action="points_nightly",
                         extra={"month": f"{start:%Y-%m}", "created": created})
    return {"scheme": scheme.pk, "created": total}


def points_nightly_job() -> dict:
    """The periodic job: this month so far and the month before (late data, the overdue
    deductions judged once a month is over)."""
    now = today()
    previous = month_bounds(now)[0].replace(day=1)
    previous = month_bounds(date(previous.year - (previous.month == 1),
                                 12 if previous.month == 1 else previous.month - 1, 1))[0]
    return {"previous": points_nightly(previous)["created"],
            "current": points_nightly(now)["created"]}
