"""Items derived from S1 (demand handling) for a quarter: the handler's own on-time replies,
satisfied follow-ups, unjustified returns, reopened cases and supervision notices (§7.5).

Each kind is one database query over the S1 events of the quarter for every handler on the
records concerned (a unit or the whole county); the values come from the records' rule set.
Deriving a quarter twice adds nothing: an item is unique per record, kind and source.
Only records not yet assessed take new items (a leader's score is not moved under him).
Definitions: docs/assessment.md.
"""

from collections import defaultdict
from datetime import date, datetime, time

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, DecimalField, Exists, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone

from grassroots.core.events import event_record, events_batched
from grassroots.core.models import Event
from grassroots.core.policy import require
from grassroots.demands.models import (
    Assignment,
    AssignmentRole,
    AssignmentStatus,
    FollowUp,
    Satisfaction,
)

from .. import rules
from ..models import ItemEvent, ItemSource, RoutineRecord, RoutineStatus
from .routine import quarter_bounds

KINDS = {
    "s1.on_time": "按时答复办结工单",
    "s1.satisfied": "群众回访满意",
    "s1.unjustified_return": "无正当理由退单（派单中心裁定承办）",
    "s1.reopened": "答复后群众不满意，重新办理",
    "s1.notice": "所办诉求被督办通知点名",
}
NEGATIVE = {"s1.unjustified_return", "s1.reopened", "s1.notice"}
OPEN_STATES = (RoutineStatus.OPEN, RoutineStatus.LOGGING, RoutineStatus.SELF_SUMMARISED)


def _bounds(year: int, quarter: int) -> tuple[datetime, datetime]:
    start, end = quarter_bounds(year, quarter)
    tz = timezone.get_current_timezone()
    return (datetime.combine(start, time.min, tzinfo=tz),
            datetime.combine(date.fromordinal(end.toordinal() + 1), time.min, tzinfo=tz))


def _ref(prefix: str, field: str):
    return Concat(Value(prefix), Cast(field, CharField()), output_field=CharField())


def _events(action: str, model, lo, hi):
    return Event.objects.filter(content_type=ContentType.objects.get_for_model(model),
                                action=action, at__gte=lo, at__lt=hi)


def _prior_actor(actions: tuple[str, ...], model):
    """The actor of the latest event of ``actions`` on the same object before this one."""
    return Subquery(Event.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=OuterRef("object_id"),
        action__in=actions, at__lte=OuterRef("at")).exclude(pk=OuterRef("pk"))
        .order_by("-at", "-pk").values("actor_id")[:1])


def derived_rows(user_ids, year: int, quarter: int) -> list[dict]:
    """Every S1 fact of the quarter that counts for one of ``user_ids`` (as handler):
    ``{kind, user_id, ref, event_id, assignment_id, at, text}``, one query per kind."""
    lo, hi = _bounds(year, quarter)
    users = list(user_ids)
    rows = []
    # 1. The reply that stood (the assignment's latest), on time, by the handler.
    latest_reply = Subquery(Event.objects.filter(
        content_type=ContentType.objects.get_for_model(Assignment), object_id=OuterRef("object_id"),
        action="reply").order_by("-at", "-pk").values("pk")[:1])
    on_time = Assignment.objects.filter(pk=OuterRef("object_id"), replied_late=False,
                                        status__in=[AssignmentStatus.REPLIED, AssignmentStatus.CLOSED])
    for e in (_events("reply", Assignment, lo, hi).filter(actor_id__in=users)
              .annotate(latest=latest_reply).filter(pk=F("latest")).filter(Exists(on_time))
              .values("pk", "actor_id", "object_id", "at")):
        rows.append({"kind": "s1.on_time", "user_id": e["actor_id"], "ref": f"event:{e['pk']}",
                     "event_id": e["pk"], "assignment_id": e["object_id"], "at": e["at"]})
    # 2. A follow-up rated satisfied or basically satisfied: the lead assignment's replier.
    lead = Assignment.objects.filter(demand_id=OuterRef("demand_id"), role=AssignmentRole.LEAD)
    for f in (FollowUp.objects.filter(recorded_at__gte=lo, recorded_at__lt=hi, satisfaction__in=[
            Satisfaction.SATISFIED, Satisfaction.BASICALLY])
              .annotate(handler=Subquery(lead.values("replied_by_id")[:1]),
                        assignment=Subquery(lead.values("pk")[:1]))
              .filter(handler__in=users).values("pk", "handler", "assignment", "recorded_at")):
        rows.append({"kind": "s1.satisfied", "user_id": f["handler"], "ref": f"followup:{f['pk']}",
                     "event_id": None, "assignment_id": f["assignment"], "at": f["recorded_at"]})
    # 3. A return the dispatch centre ruled against: who asked for it.
    for e in (_events("reject_return", Assignment, lo, hi)
              .annotate(handler=_prior_actor(("return", "escalate_return"), Assignment))
              .filter(handler__in=users).values("pk", "handler", "object_id", "at")):
        rows.append({"kind": "s1.unjustified_return", "user_id": e["handler"],
                     "ref": f"event:{e['pk']}", "event_id": e["pk"],
                     "assignment_id": e["object_id"], "at": e["at"]})
    # 4. Reopened after an unsatisfied follow-up: who gave the reply it reopened.
    for e in (_events("reopen", Assignment, lo, hi)
              .annotate(handler=_prior_actor(("reply",), Assignment))
              .filter(handler__in=users).values("pk", "handler", "object_id", "at")):
        rows.append({"kind": "s1.reopened", "user_id": e["handler"], "ref": f"event:{e['pk']}",
                     "event_id": e["pk"], "assignment_id": e["object_id"], "at": e["at"]})
    # 5. A supervision notice issued in the quarter naming a demand the handler replied to
    # as the notice's unit.
    from grassroots.supervision.models import SupervisionNotice

    through = SupervisionNotice.demands.through
    unit_lead = Assignment.objects.filter(demand_id=OuterRef("demand_id"),
                                          unit_id=OuterRef("supervisionnotice__unit_id"))
    for n in (through.objects.filter(supervisionnotice__issued_at__gte=lo,
                                     supervisionnotice__issued_at__lt=hi)
              .annotate(handler=Subquery(unit_lead.exclude(replied_by=None)
                                         .order_by("role").values("replied_by_id")[:1]),
                        assignment=Subquery(unit_lead.order_by("role").values("pk")[:1]))
              .filter(handler__in=users)
              .values("supervisionnotice_id", "demand_id", "handler", "assignment",
                      "supervisionnotice__issued_at")):
        rows.append({"kind": "s1.notice", "user_id": n["handler"],
                     "ref": f"notice:{n['supervisionnotice_id']}:demand:{n['demand_id']}",
                     "event_id": None, "assignment_id": n["assignment"],
                     "at": n["supervisionnotice__issued_at"]})
    return rows


def s1_items_derive(*, actor, year: int, quarter: int, units=None) -> int:
    """Add the S1-derived items of the quarter to the open records of ``units`` (None: the
    county). Returns how many items were added."""
    for unit in units or ():
        require(actor, "assessment.manage_unit", unit)
    if units is None:
        require(actor, "assessment.derive_county")
    records = RoutineRecord.objects.filter(period__year=year, period__quarter=quarter,
                                           status__in=OPEN_STATES, person__user__isnull=False)
    if units is not None:
        records = records.filter(unit__in=units)
    by_user = {u: (pk, rs) for pk, u, rs in records.values_list("pk", "person__user_id",
                                                              "rule_set_id")}
    if not by_user:
        return 0
    rows = derived_rows(by_user, year, quarter)
    from grassroots.rulesets.models import RuleSet

    values = {}
    for rs in RuleSet.objects.filter(pk__in={rs for _, rs in by_user.values()}):
        values[rs.pk] = {k: rules.dec(rs, k) for k in KINDS}
    with transaction.atomic(), events_batched():
        have = set(ItemEvent.objects.filter(record_id__in=[pk for pk, _ in by_user.values()],
                                            source=ItemSource.S1)
                   .values_list("record_id", "kind", "s1_ref"))
        new, per_record = [], defaultdict(lambda: defaultdict(int))
        for row in rows:
            record_id, rs = by_user[row["user_id"]]
            if (record_id, row["kind"], row["ref"]) in have:
                continue
            have.add((record_id, row["kind"], row["ref"]))
            points = values[rs][row["kind"]]
            new.append(ItemEvent(
                record_id=record_id, source=ItemSource.S1, kind=row["kind"],
                text=KINDS[row["kind"]], points=-points if row["kind"] in NEGATIVE else points,
                occurred_on=timezone.localdate(row["at"]), s1_event_id=row["event_id"],
                s1_assignment_id=row["assignment_id"], s1_ref=row["ref"],
                evidence=f"工单{row['assignment_id']}" if row["assignment_id"] else ""))
            per_record[record_id][row["kind"]] += 1
        ItemEvent.objects.bulk_create(new, batch_size=2000)
        if per_record:
            total = (ItemEvent.objects.filter(record_id=OuterRef("pk")).order_by()
                     .values("record_id").annotate(s=Sum("points")).values("s"))
            RoutineRecord.objects.filter(pk__in=list(per_record)).update(item_points=Coalesce(
                Subquery(total, output_field=DecimalField(max_digits=6, decimal_places=1)),
                Value(0), output_field=DecimalField(max_digits=6, decimal_places=1)))
            for record in RoutineRecord.objects.filter(pk__in=list(per_record)).only("pk"):
                event_record(subject=record, actor=actor, action="routine_s1_items",
                             extra={"year": year, "quarter": quarter,
                                    "items": dict(per_record[record.pk])})
    return len(new)


def s1_items_for_record(record):
    """The S1 items of a record with what they came from (the person sees each one)."""
    return ItemEvent.objects.filter(record=record, source=ItemSource.S1).order_by("occurred_on")

