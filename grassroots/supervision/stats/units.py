"""``unit_stats``: figures per unit / town / grid / category, aggregated by the database in the
user's scope (conditional counts and a window rank); ``demand_counts`` for received-only charts."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import Coalesce, Rank

from grassroots.core import clock
from grassroots.demands.models import (
    ACTIVE_STATUSES_ASSIGNMENT,
    Assignment,
    AssignmentRole,
    AssignmentStatus,
    Demand,
    DemandStatus,
    Outcome,
    Satisfaction,
)
from grassroots.demands.selectors import late_assignments_q

from .definitions import GROUPS, rank_min_sample
from .periods import Period, Topic
from .rates import OUTCOMES, SATISFACTIONS, Stats, _change, _score_expression, _shape
from .red_list import _mark_red_list


def _assignment_key(group_by: str):
    return {
        "unit": F("unit_id"),
        "town": F("demand__town_id"),
        "grid": F("demand__grid_id"),
        "category": Coalesce("demand__category__parent__parent_id",
                             "demand__category__parent_id", "demand__category_id"),
    }[group_by]


def _demand_key(group_by: str):
    return {
        "town": F("town_id"),
        "grid": F("grid_id"),
        "category": Coalesce("category__parent__parent_id", "category__parent_id", "category_id"),
    }[group_by]


def _assignment_aggregates(as_of: datetime) -> dict:
    valid = ~Q(status=AssignmentStatus.RETURNED)
    lead = valid & Q(role=AssignmentRole.LEAD)
    open_overdue = Q(status__in=ACTIVE_STATUSES_ASSIGNMENT, due_at__lt=as_of)
    replied = Q(replied_at__isnull=False)
    # The response sample: acknowledged (on time or late), or past the acknowledge deadline at
    # the "as of" moment. An assignment not acknowledged yet whose deadline is still ahead has not
    # failed anything (the resolution rate leaves out work not yet due the same way).
    due_for_response = valid & (Q(acknowledged_at__isnull=False)
                                | Q(acknowledge_due_at__lt=as_of))
    rated = (Satisfaction.SATISFIED, Satisfaction.BASICALLY, Satisfaction.UNSATISFIED)
    satisfied = (Satisfaction.SATISFIED, Satisfaction.BASICALLY)
    # First round: the verdict of the demand's first follow-up, which a reopen and a better
    # second verdict never erase. Only a 不满意 first verdict reopens a demand
    # (demands.services.followup), so a reopened demand's first verdict is 不满意 and any other
    # demand's is its verdict (no join to the follow-up rows). Final: the demand's last verdict.
    reopened = Q(demand__reopen_count__gt=0)
    first_rated = reopened | Q(demand__satisfaction__in=rated)
    first_satisfied = ~reopened & Q(demand__satisfaction__in=satisfied)
    aggs = {
        "received": Count("pk"),
        "dispatched": Count("pk", filter=valid),
        "response_den": Count("pk", filter=due_for_response),
        "ack_on_time": Count("pk", filter=valid & Q(acknowledged_at__isnull=False,
                                                    acknowledged_late=False)),
        "replied": Count("pk", filter=valid & replied),
        "replied_on_time": Count("pk", filter=valid & replied & Q(replied_late=False)),
        "overdue": Count("pk", filter=late_assignments_q(as_of)),
        "overdue_open": Count("pk", filter=open_overdue),
        "returned": Count("pk", filter=Q(return_count__gt=0)),
        "extended": Count("pk", filter=Q(extension_count__gt=0)),
        "reopened": Count("pk", filter=lead & Q(demand__reopen_count__gt=0)),
        "resolved": Count("pk", filter=lead & replied & Q(outcome=Outcome.RESOLVED)),
        "resolution_den": Count("pk", filter=lead & (replied | open_overdue)),
        "rated": Count("pk", filter=lead & Q(demand__satisfaction__in=rated)),
        "satisfied_num": Count("pk", filter=lead & Q(demand__satisfaction__in=satisfied)),
        "first_rated": Count("pk", filter=lead & first_rated),
        "first_satisfied_num": Count("pk", filter=lead & first_satisfied),
    }
    for o in OUTCOMES:
        aggs[f"outcome_{o}"] = Count("pk", filter=lead & replied & Q(outcome=o))
    for s in SATISFACTIONS:
        aggs[f"sat_{s}"] = Count("pk", filter=lead & Q(demand__satisfaction=s))
    return aggs


def _query(user, period: Period, group_by: str, topic: Topic | None, as_of: datetime,
           rank: bool, min_sample: int) -> tuple[dict, dict]:
    from grassroots.orgs.models import Organization

    start, end = period.bounds()
    # Naming every unit lets the database walk the (unit, dispatched_at) index per unit instead
    # of scanning all assignments of all time (the unit list is small).
    unit_ids = list(Organization.objects.values_list("pk", flat=True))
    aqs = Assignment.objects.restrict(user).filter(unit_id__in=unit_ids, dispatched_at__gte=start,
                                                   dispatched_at__lt=end)
    dqs = _demands_received(user, period, topic)
    if topic is not None:
        aqs = aqs.filter(topic.q("demand__"))
    aggs = _assignment_aggregates(as_of)
    grouped = (aqs.order_by().values(key=_assignment_key(group_by)).annotate(**aggs)
               .annotate(score=_score_expression()))
    if rank:
        # Only units with the minimum sample are ranked (a unit with 2 orders at 100 is not
        # "first"): they come first in the window's order, the others get no rank when shaped.
        sampled = Case(When(response_den__gte=min_sample, then=Value(1)),
                       default=Value(0), output_field=IntegerField())
        grouped = grouped.annotate(
            rank=Window(Rank(), order_by=[sampled.desc(), F("score").desc(nulls_last=True)]))
    rows: dict = {}
    # Every assignment falls in exactly one group, so the totals are the sums of the groups' counts.
    totals = dict.fromkeys(aggs, 0)
    for r in grouped:
        r = dict(r)
        r["on_spot"] = 0
        rows[r["key"]] = r
        for name in aggs:
            totals[name] += r[name] or 0
    demand_aggs = {"d_received": Count("pk"), "on_spot": Count("pk", filter=Q(solved_on_spot=True))}
    dtot = {"d_received": 0, "on_spot": 0}
    if group_by != "unit":
        for d in dqs.order_by().values(key=_demand_key(group_by)).annotate(**demand_aggs):
            row = rows.get(d["key"])
            if row is None:
                row = rows[d["key"]] = dict.fromkeys(aggs, 0) | {"key": d["key"], "score": None,
                                                                  "rank": None}
            # by place/category: demands received, not assignments
            row["received"] = d["d_received"]
            row["on_spot"] = d["on_spot"]
            dtot["d_received"] += d["d_received"]
            dtot["on_spot"] += d["on_spot"]
    else:
        dtot = dqs.order_by().aggregate(**demand_aggs)
    totals["received"] = dtot["d_received"]
    totals["on_spot"] = dtot["on_spot"]
    return rows, totals


def _demands_received(user, period: Period, topic: Topic | None = None):
    start, end = period.bounds()
    qs = (Demand.objects.restrict(user).filter(received_at__gte=start, received_at__lt=end)
          .exclude(status=DemandStatus.MERGED))
    return qs.filter(topic.q()) if topic is not None else qs


def demand_counts(*, user, period: Period, group_by: str) -> list[dict]:
    """Demands received and solved on the spot per town / grid / category: the place and
    category figures of ``unit_stats`` without the assignments' aggregates (one query), for pages
    that only chart what was received."""
    if group_by not in GROUPS or group_by == "unit":
        raise ValueError("group_by must be town, grid or category")
    rows = list(_demands_received(user, period).order_by().values(key=_demand_key(group_by))
                .annotate(received=Count("pk"), on_spot=Count("pk", filter=Q(solved_on_spot=True))))
    labels = _labels(group_by, [r["key"] for r in rows])
    for r in rows:
        r["label"] = labels.get(r["key"], "（未填写）")
    return rows


def _labels(group_by: str, keys) -> dict:
    keys = [k for k in keys if k is not None]
    if group_by == "unit":
        from grassroots.orgs.models import Organization

        return {o.pk: str(o) for o in Organization.objects.filter(pk__in=keys)}
    if group_by == "town":
        from grassroots.places.models import Division

        return dict(Division.objects.filter(pk__in=keys).values_list("pk", "name"))
    if group_by == "grid":
        from grassroots.places.models import Grid

        return dict(Grid.objects.filter(pk__in=keys).values_list("pk", "name"))
    from grassroots.demands.models import Category

    return dict(Category.objects.filter(pk__in=keys).values_list("pk", "name"))


def _rank_of(raw: dict, min_sample: int):
    """The rank, for a unit with a score and the minimum sample; None otherwise."""
    if raw.get("score") is None or (raw.get("response_den") or 0) < min_sample:
        return None
    return raw.get("rank")


FILTER_PARAM = {"unit": "unit", "town": "division", "grid": "grid", "category": "category"}


def unit_stats(*, user, month=None, period=None, group_by: str = "unit", previous: bool = True,
               topic: Topic | None = None, at: datetime | None = None) -> Stats:
    """Figures per unit / town / grid / category for a month or a period, in the user's scope.

    ``month`` is a date in the month or "YYYY-MM"; ``period`` a ``Period`` or (start, end).
    Every count, rate and the rank are computed by the database; Python only shapes the rows.
    """
    if group_by not in GROUPS:
        raise ValueError(f"group_by must be one of {GROUPS}")
    p = Period.of(period if period is not None else month)
    as_of = at or clock.now()
    # The rule set in force when the period starts (read once; the previous period its own).
    min_sample = rank_min_sample(p.start)
    current, cur_totals = _query(user, p, group_by, topic, as_of, rank=True,
                                 min_sample=min_sample)
    prev_rows: dict = {}
    prev_totals = None
    prev_period = p.previous() if previous else None
    if prev_period is not None:
        prev_min_sample = rank_min_sample(prev_period.start)
        prev_rows, prev_totals = _query(user, prev_period, group_by, topic, as_of, rank=True,
                                        min_sample=prev_min_sample)
    labels = _labels(group_by, current.keys())
    rows = []
    for key, raw in current.items():
        row = _shape(raw)
        row["key"] = key
        row["label"] = labels.get(key, "（未填写）")
        row["rank"] = _rank_of(raw, min_sample)
        row["sample"] = raw.get("response_den") or 0  # the n said beside every rank
        if prev_period is not None:
            pr = prev_rows.get(key)
            row["prev"] = _shape(pr) if pr else None
            if row["prev"] is not None:
                row["prev"]["rank"] = _rank_of(pr, prev_min_sample)
            row["change"] = _change(row, row["prev"])
        row["filter"] = {FILTER_PARAM[group_by]: key} if key is not None else {}
        rows.append(row)
    # Within a shared rank, units with overdue items come after those without.
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, r["overdue"] > 0, -r["received"],
                             r["label"]))
    if group_by == "unit":
        _mark_red_list(rows)
    totals = _shape(cur_totals)
    shaped_prev = _shape(prev_totals) if prev_totals is not None else None
    if shaped_prev is not None:
        totals["change"] = _change(totals, shaped_prev)
    return Stats(period=p, group_by=group_by, as_of=as_of, rows=rows, totals=totals,
                 previous_period=prev_period, previous_totals=shaped_prev)
