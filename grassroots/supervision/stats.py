"""The one statistics selector behind every page, API, bulletin and report.

``unit_stats`` aggregates assignments and demands in the database (conditional counts and a
window rank), restricted to the user's scope. Definitions of every figure and of the three rates
are in docs/rates.md and in ``DEFINITIONS`` below (shown on the pages); change them in both.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Case, Count, F, FloatField, Q, Value, When, Window
from django.db.models.functions import Cast, Coalesce, NullIf, Rank
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from grassroots.core import clock
from grassroots.core.parsing import DATE_MAX, DATE_MIN
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

GROUPS = ("unit", "town", "grid", "category")
# Weights of the composite score used for the ranking (a missing rate is left out and the
# remaining weights are renormalised, so a unit is not punished for having no sample).
SCORE_WEIGHTS = {"response": 40.0, "resolution": 30.0, "satisfaction": 30.0}
# 红榜: the best-ranked units with a score of at least this and nothing overdue. The score is the
# three rates only (a late reply that resolved the matter costs no points), so a unit can rank
# first with an overdue item; the red list, the bulletin and the page say why it is not on it.
RED_LIST_MIN_SCORE = 95.0
RED_LIST_SIZE = 5

# Chinese as stored in bulletins and reports (official documents); pages show them through
# ``definitions_display()`` in the active language.
DEFINITIONS = {
    "response": (
        gettext_noop("响应率"),
        gettext_noop("按时签收件数 ÷ 应签收件数（至统计时点已签收或签收时限已过的派单，"
                     "不含经派单中心同意退回或撤回的工单；尚未到签收时限且未签收的不计入）"),
    ),
    "resolution": (
        gettext_noop("解决率"),
        gettext_noop("主办答复为“已解决”的件数 ÷（已答复件数 + 未答复且已超过时限的件数）"),
    ),
    "satisfaction": (
        gettext_noop("满意率"),
        gettext_noop("回访“满意”与“基本满意”件数 ÷ 已评价件数（不含回访无应答）"),
    ),
    "overdue": (
        gettext_noop("超期件"),
        gettext_noop("签收超时、答复超时，或至统计时点仍未办结且已过当前时限的工单，"
                     "未办结的超期件同样计入"),
    ),
    "score": (
        gettext_noop("综合得分"),
        gettext_noop("响应率×40% + 解决率×30% + 满意率×30%（无样本的率不计入并按权重折算），"
                     "得分相同者并列同一名次"),
    ),
    "red_list": (
        gettext_noop("红榜"),
        gettext_noop("综合得分不低于95分且本期没有超期件的单位，按名次取前5名。综合得分只计三率，"
                     "答复超时不扣分，因此有超期件的单位可能名次靠前，但不进入红榜"),
    ),
}


def definitions_display(definitions=None) -> list[tuple[str, str]]:
    """(name, text) pairs of the definitions (default: the current ones) in the active language;
    also translates the Chinese copies stored in a bulletin's figures."""
    pairs = (definitions if definitions is not None else DEFINITIONS).values()
    return [(gettext(name), gettext(text)) for name, text in pairs]


class _CountyWide:
    """A stand-in user with county-wide scope for periodic jobs (bulletins compiled at night)."""

    is_authenticated = True
    pk = None

    def __init__(self):
        from grassroots.core.scope import Role, Scope

        self._grassroots_scope = Scope(user_id=0, roles=frozenset({Role.ADMIN}))


COUNTY_WIDE = _CountyWide()


# --- Periods ----------------------------------------------------------------------------------

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
        return f"{self.start:%Y-%m-%d} 至 {self.end:%Y-%m-%d}"

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


# --- Result -----------------------------------------------------------------------------------

@dataclass
class Stats:
    period: Period
    group_by: str
    as_of: datetime
    rows: list[dict]
    totals: dict
    previous_period: Period | None = None
    previous_totals: dict | None = None
    definitions: dict = field(default_factory=lambda: DEFINITIONS)

    def as_dict(self) -> dict:
        return {
            "period": self.period.key, "period_label": self.period.label,
            "date_from": self.period.start.isoformat(), "date_to": self.period.end.isoformat(),
            "group_by": self.group_by, "as_of": timezone.localtime(self.as_of).isoformat(),
            "rows": self.rows, "totals": self.totals,
            "previous_period": self.previous_period.key if self.previous_period else None,
            "previous_totals": self.previous_totals,
        }


COUNT_FIELDS = ("received", "dispatched", "response_den", "ack_on_time", "replied", "replied_on_time", "overdue",
                "overdue_open", "returned", "extended", "reopened", "resolved", "resolution_den",
                "rated", "satisfied_num", "on_spot")
OUTCOMES = tuple(Outcome.values)
SATISFACTIONS = tuple(Satisfaction.values)


def _rate(num: int, den: int) -> dict:
    return {"num": num, "den": den, "value": round(num * 100.0 / den, 1) if den else None}


def _score(rates: dict) -> float | None:
    if rates["response"]["den"] == 0:
        return None
    total = weight = 0.0
    for name, w in SCORE_WEIGHTS.items():
        r = rates[name]
        if r["den"]:
            total += w * r["num"] / r["den"]
            weight += w
    return round(total / weight * 100.0, 2)


def _finish(row: dict) -> dict:
    row["rates"] = {
        "response": _rate(row["ack_on_time"], row["response_den"]),
        "resolution": _rate(row["resolved"], row["resolution_den"]),
        "satisfaction": _rate(row["satisfied_num"], row["rated"]),
    }
    row["score"] = _score(row["rates"])
    return row


# --- Queries ----------------------------------------------------------------------------------

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


def _ratio(num: str, den: str):
    return Cast(F(num), FloatField()) / Cast(NullIf(F(den), 0), FloatField())


def _assignment_aggregates(as_of: datetime) -> dict:
    valid = ~Q(status=AssignmentStatus.RETURNED)
    lead = valid & Q(role=AssignmentRole.LEAD)
    open_overdue = Q(status__in=ACTIVE_STATUSES_ASSIGNMENT, due_at__lt=as_of)
    replied = Q(replied_at__isnull=False)
    # The response sample: acknowledged (on time or late), or past the acknowledge deadline at
    # the "as of" moment. An order not acknowledged yet whose deadline is still ahead has not
    # failed anything (the resolution rate leaves out work not yet due the same way).
    due_for_response = valid & (Q(acknowledged_at__isnull=False)
                                | Q(acknowledge_due_at__lt=as_of))
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
        "rated": Count("pk", filter=lead & Q(demand__satisfaction__in=(
            Satisfaction.SATISFIED, Satisfaction.BASICALLY, Satisfaction.UNSATISFIED))),
        "satisfied_num": Count("pk", filter=lead & Q(demand__satisfaction__in=(
            Satisfaction.SATISFIED, Satisfaction.BASICALLY))),
    }
    for o in OUTCOMES:
        aggs[f"outcome_{o}"] = Count("pk", filter=lead & replied & Q(outcome=o))
    for s in SATISFACTIONS:
        aggs[f"sat_{s}"] = Count("pk", filter=lead & Q(demand__satisfaction=s))
    return aggs


def _score_expression():
    """The composite score in SQL, so the database can rank it (same formula as ``_score``)."""
    resp, res, sat = (_ratio("ack_on_time", "response_den"), _ratio("resolved", "resolution_den"),
                      _ratio("satisfied_num", "rated"))

    def weighted(expr, den, w):
        return Case(When(**{f"{den}__gt": 0}, then=expr * Value(w)), default=Value(0.0),
                    output_field=FloatField())

    def weight(den, w):
        return Case(When(**{f"{den}__gt": 0}, then=Value(w)), default=Value(0.0),
                    output_field=FloatField())

    w = SCORE_WEIGHTS
    total = (weighted(resp, "response_den", w["response"])
             + weighted(res, "resolution_den", w["resolution"])
             + weighted(sat, "rated", w["satisfaction"]))
    weights = (weight("response_den", w["response"]) + weight("resolution_den", w["resolution"])
               + weight("rated", w["satisfaction"]))
    # Ranked once the unit has a response sample (no order due yet: nothing to rank on).
    return Case(When(response_den__gt=0, then=total / weights), default=Value(None),
                output_field=FloatField())


def _query(user, period: Period, group_by: str, topic: Topic | None, as_of: datetime,
           rank: bool) -> tuple[dict, dict]:
    from grassroots.orgs.models import Organization

    start, end = period.bounds()
    # Naming every unit lets the database walk the (unit, dispatched_at) index per unit instead
    # of scanning all orders of all time (the unit list is small).
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
        grouped = grouped.annotate(
            rank=Window(Rank(), order_by=F("score").desc(nulls_last=True)))
    rows: dict = {}
    # Every order falls in exactly one group, so the totals are the sums of the groups' counts.
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
            row["received"] = d["d_received"]  # by place/category: demands received, not orders
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
    category figures of ``unit_stats`` without the orders' aggregates (one query), for pages
    that only chart what was received."""
    if group_by not in GROUPS or group_by == "unit":
        raise ValueError("group_by must be town, grid or category")
    rows = list(_demands_received(user, period).order_by().values(key=_demand_key(group_by))
                .annotate(received=Count("pk"), on_spot=Count("pk", filter=Q(solved_on_spot=True))))
    labels = _labels(group_by, [r["key"] for r in rows])
    for r in rows:
        r["label"] = labels.get(r["key"], "（未填写）")
    return rows


def _shape(raw: dict) -> dict:
    row = {name: raw.get(name, 0) or 0 for name in COUNT_FIELDS}
    row["outcomes"] = {o: raw.get(f"outcome_{o}", 0) or 0 for o in OUTCOMES}
    row["satisfaction"] = {s: raw.get(f"sat_{s}", 0) or 0 for s in SATISFACTIONS}
    return _finish(row)


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
    current, cur_totals = _query(user, p, group_by, topic, as_of, rank=True)
    prev_rows: dict = {}
    prev_totals = None
    prev_period = p.previous() if previous else None
    if prev_period is not None:
        prev_rows, prev_totals = _query(user, prev_period, group_by, topic, as_of, rank=True)
    labels = _labels(group_by, current.keys())
    rows = []
    for key, raw in current.items():
        row = _shape(raw)
        row["key"] = key
        row["label"] = labels.get(key, "（未填写）")
        row["rank"] = raw.get("rank") if raw.get("score") is not None else None
        if prev_period is not None:
            pr = prev_rows.get(key)
            row["prev"] = _shape(pr) if pr else None
            if row["prev"] is not None:
                row["prev"]["rank"] = pr.get("rank") if pr.get("score") is not None else None
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


def _in_red_list_ranks(row: dict) -> bool:
    """Ranked within the first ``RED_LIST_SIZE`` ranks with a qualifying score. Ranks are shared
    by equal scores (1, 1, 3), so every unit of a shared rank is in or out together: the cut-off
    never splits a tie."""
    return (row.get("rank") is not None and row["rank"] <= RED_LIST_SIZE
            and row["score"] >= RED_LIST_MIN_SCORE)


def red_list(rows: list[dict]) -> list[dict]:
    """The red list (红榜) among ranked unit rows, best first (the rows come sorted by rank):
    the units ranked within the first five ranks ("按名次取前5名", ties sharing a rank) with a
    score of at least 95 and nothing overdue. With ties it can name more than five units."""
    return [r for r in rows if _in_red_list_ranks(r) and r["overdue"] == 0]


def _mark_red_list(rows: list[dict]) -> None:
    """``row["red_list"]``: "in" on the red list; "overdue" when the score would qualify but an
    overdue item keeps the unit off it; None otherwise."""
    chosen = {id(r) for r in red_list(rows)}
    for r in rows:
        if id(r) in chosen:
            r["red_list"] = "in"
        elif _in_red_list_ranks(r) and r["overdue"]:
            r["red_list"] = "overdue"
        else:
            r["red_list"] = None


def _change(cur: dict, prev: dict | None) -> dict | None:
    if prev is None:
        return None
    change = {name: cur[name] - prev[name]
              for name in ("received", "on_spot", "dispatched", "overdue")}
    for name in ("response", "resolution", "satisfaction"):
        a, b = cur["rates"][name]["value"], prev["rates"][name]["value"]
        change[name] = round(a - b, 1) if a is not None and b is not None else None
    if "rank" in cur and "rank" in prev and cur.get("rank") and prev.get("rank"):
        change["rank"] = prev["rank"] - cur["rank"]  # positive: moved up
    return change


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


def count_months(*, user, period: Period, topic: Topic | None = None) -> dict[str, dict]:
    """Received / solved-on-the-spot demands per calendar month inside ``period``, one grouped
    query in the user's scope: ``{"2026-10": {"received": .., "on_spot": ..}, ...}`` with every
    month the period touches (zeros included)."""
    from django.db.models.functions import TruncMonth

    tz = timezone.get_default_timezone()
    rows = (_demands_received(user, period, topic).order_by()
            .annotate(m=TruncMonth("received_at", tzinfo=tz)).values("m")
            .annotate(received=Count("pk"), on_spot=Count("pk", filter=Q(solved_on_spot=True))))
    found = {r["m"].strftime("%Y-%m"): {"received": r["received"], "on_spot": r["on_spot"]}
             for r in rows}
    months = month_range(Period.month(period.start.year, period.start.month),
                         (period.end.year - period.start.year) * 12
                         + period.end.month - period.start.month + 1)
    return {p.key: found.get(p.key, {"received": 0, "on_spot": 0}) for p in months}


def month_trend(*, user, months: int = 12, end: date | None = None) -> list[dict]:
    """Received / solved on the spot per month for the dashboard trend.

    County-wide, the closed months come from ``MonthVolume`` (counted by the nightly job); a
    closed month not counted yet and the open month are counted live, so the figures are always
    there — at 5 M demands a year of rows is seconds of counting, the stored months are one read.
    Other scopes (a town, a unit) are counted live: their rows are few.
    """
    from grassroots.core.scope import get_scope

    from .models import MonthVolume

    end = end or timezone.localdate(clock.now())
    periods = months_ending(Period.of(end), months)
    figures: dict[str, dict] = {}
    scope = get_scope(user)
    if scope.is_admin or scope.county_wide_view:
        today = timezone.localdate(clock.now())
        closed = [p.start for p in periods if p.end < today]
        for v in MonthVolume.objects.filter(month__in=closed):
            figures[f"{v.month:%Y-%m}"] = {"received": v.received, "on_spot": v.on_spot}
    missing = [p for p in periods if p.key not in figures]
    if missing:
        # One query over the span of the missing months (normally only the open month).
        counted = count_months(user=user, period=Period(missing[0].start, missing[-1].end))
        figures.update({p.key: counted[p.key] for p in missing})
    return [{"month": p.key, "date_from": p.start.isoformat(), "date_to": p.end.isoformat(),
             **figures[p.key]} for p in periods]


def month_counts(*, user, period: Period, topic: Topic | None = None) -> list[dict]:
    """Demands received per month inside a period (special-report chart), one query."""
    return [{"month": key, **figures}
            for key, figures in count_months(user=user, period=period, topic=topic).items()]
