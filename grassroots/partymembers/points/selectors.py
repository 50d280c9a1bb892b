"""Reads of the points sub-area, scope-filtered, computed in the database.

* ``branch_table(user, org, start, end)`` — the branch's members with their counted points
  (confirmed or upheld) per aspect in the period, the total and the rank in the branch (a
  window function): the quarter table, the posting and the API read it.
* ``daily_scores(members, scheme)`` — the year's daily score: each aspect's sum held between 0
  and its cap, the total at most the scheme's full score.
* Statistics (S2 §4.9): ``participation`` (members with ≥ 1 confirmed entry in the period ÷
  members obliged: on the roll, not exempt), ``grade_distribution`` (annual results by grade),
  ``posting_compliance`` (branches that posted the period ÷ branches with members) — each by
  branch or by town, one query.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Greatest, Least, Rank
from django.http import Http404

from grassroots.core.policy import can
from grassroots.core.scope import get_scope
from grassroots.party.models import BRANCH_KINDS, ENTRY_STATUSES, PartyMember, PartyOrganisation

from .models import (
    COUNTED,
    AnnualResult,
    Aspect,
    Grade,
    OrgRating,
    PeerRating,
    PointEntry,
    PointsPosting,
    PointsScheme,
    SchemeStatus,
)

DEC = DecimalField(max_digits=8, decimal_places=2)
ZERO = Value(Decimal("0"), output_field=DEC)


def _aspect_sum(aspect: str, start: date, end: date):
    return Coalesce(Sum("point_entries__points", filter=Q(
        point_entries__aspect=aspect, point_entries__status__in=COUNTED,
        point_entries__occurred_on__range=(start, end))), ZERO, output_field=DEC)


def on_roll(qs):
    return qs.filter(is_active=True, status__in=ENTRY_STATUSES)


def with_aspects(members, start: date, end: date, *, caps: dict | None = None,
                 full: Decimal | None = None):
    """``members`` annotated with ``a_<aspect>`` and ``total`` (capped when ``caps``)."""
    ann = {}
    for aspect in Aspect.values:
        s = _aspect_sum(aspect, start, end)
        if caps is not None:
            s = Least(Greatest(s, ZERO), Value(Decimal(str(caps.get(aspect, 0))),
                                               output_field=DEC), output_field=DEC)
        ann[f"a_{aspect}"] = s
    qs = members.annotate(**ann)
    total = sum((F(f"a_{a}") for a in Aspect.values[1:]), F(f"a_{Aspect.values[0]}"))
    if full is not None:
        total = Least(total, Value(full, output_field=DEC), output_field=DEC)
    return qs.annotate(total=ExpressionWrapper(total, output_field=DEC))


def branch_table(user, org: PartyOrganisation, start: date, end: date):
    """The branch's table for the period, in rank order (404 outside the user's scope)."""
    if not can(user, "partymembers.points_view", org):
        raise Http404
    qs = with_aspects(on_roll(PartyMember.objects.filter(organisation=org)), start, end)
    return (qs.annotate(rank=Window(Rank(), order_by=F("total").desc()))
            .select_related("person").order_by("rank", "pk"))


def daily_scores(members, scheme: PointsScheme):
    start, end = date(scheme.year, 1, 1), date(scheme.year, 12, 31)
    return with_aspects(members, start, end, caps=scheme.aspect_caps, full=scheme.daily_max)


def my_member(user) -> PartyMember | None:
    scope = get_scope(user)
    if not scope.person_id:
        return None
    return (PartyMember.objects.filter(person_id=scope.person_id, is_active=True)
            .select_related("organisation", "person").first())


def my_entries(user, year: int | None):
    member = my_member(user)
    if member is None:
        return PointEntry.objects.none()
    qs = PointEntry.objects.filter(member=member).select_related("item")
    if year is not None:
        qs = qs.filter(scheme__year=year)
    return qs.order_by("-occurred_on", "-pk")


def my_summary(user, scheme: PointsScheme | None) -> dict:
    """The member's own totals: daily score so far, the peer average and how many rated him
    (never who), his organisation rating and annual result."""
    member = my_member(user)
    if member is None or scheme is None:
        return {}
    row = daily_scores(PartyMember.objects.filter(pk=member.pk), scheme).first()
    peer = PeerRating.objects.filter(round__scheme=scheme, ratee=member).aggregate(
        avg=Avg("score"), n=Count("pk"))
    result = AnnualResult.objects.filter(scheme=scheme, member=member).first()
    return {"member": member, "daily": row.total if row else Decimal("0"),
            "aspects": [(Aspect(a).label, getattr(row, f"a_{a}")) for a in Aspect.values],
            "peer_count": peer["n"],
            "peer_avg": Decimal(str(round(peer["avg"], 2))) if peer["n"] else None,
            "result": result}


def entries_for(user, *, org=None, status: str = "", year: int | None = None):
    """Entries of the branches the user records for (the branch's worklist)."""
    qs = PointEntry.objects.restrict(user, "view").select_related("member__person", "item")
    scope = get_scope(user)
    if not scope.sees_all_party:
        qs = qs.filter(member__organisation_id__in=scope.ids("party_org"))
    if org is not None:
        qs = qs.filter(member__organisation=org)
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(scheme__year=year)
    return qs.order_by("-occurred_on", "-pk")


def round_completion(round) -> dict:
    """How many members rated in the round (the committee sees completion, never scores per
    rater)."""
    members = on_roll(PartyMember.objects.filter(organisation_id=round.organisation_id)).count()
    raters = (PeerRating.objects.filter(round=round).values("rater_id").distinct().count())
    return {"members": members, "raters": raters}


def rating_sheet(user, org: PartyOrganisation, scheme: PointsScheme):
    """The branch's members on the roll for the committee's rating page: the organisation
    rating given (score, comment) and the annual result if computed — one query (404 outside
    the user's scope). Never a peer rating per rater."""
    if not can(user, "partymembers.points_view", org):
        raise Http404
    rating = OrgRating.objects.filter(scheme=scheme, member_id=OuterRef("pk"))
    result = AnnualResult.objects.filter(scheme=scheme, member_id=OuterRef("pk"))
    return (on_roll(PartyMember.objects.filter(organisation=org)).select_related("person")
            .annotate(org_score=Subquery(rating.values("score")[:1]),
                      org_comment=Subquery(rating.values("comment")[:1]),
                      composite=Subquery(result.values("composite")[:1]),
                      grade=Subquery(result.values("grade")[:1]),
                      rank=Subquery(result.values("rank_in_branch")[:1]),
                      peer_avg=Subquery(result.values("peer_avg")[:1]))
            .order_by(F("rank").asc(nulls_last=True), "pk"))


# --- statistics ---------------------------------------------------------------------------------

def _branches(user):
    qs = PartyOrganisation.objects.filter(kind__in=BRANCH_KINDS, is_active=True)
    scope = get_scope(user)
    if not scope.sees_all_party:
        qs = qs.filter(pk__in=scope.ids("party_org"))
    return qs


def towns(user):
    scope = get_scope(user)
    qs = PartyOrganisation.objects.filter(kind="base_committee", is_active=True)
    if not scope.sees_all_party:
        qs = qs.filter(pk__in=scope.ids("party_org"))
    return qs.order_by("path")


def _group(prefix: str, by: str, town_list):
    """An expression naming the row's group: its branch, or its town committee (by path)."""
    if by == "branch":
        return F(f"{prefix}id" if prefix else "pk")
    whens = [When(**{f"{prefix}path__startswith": t.path}, then=Value(t.pk)) for t in town_list]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def _labels(by, town_list, keys):
    if by == "branch":
        return dict(PartyOrganisation.objects.filter(pk__in=keys).values_list("pk", "name"))
    return {t.pk: t.name for t in town_list}


def participation(user, start: date, end: date, *, by: str = "town") -> list[dict]:
    town_list = list(towns(user))
    has_entry = PointEntry.objects.filter(member_id=OuterRef("pk"), status__in=COUNTED,
                                          occurred_on__range=(start, end))
    rows = (on_roll(PartyMember.objects.filter(organisation__in=_branches(user),
                                               exempt_approved_on__isnull=True))
            .annotate(g=_group("organisation__", by, town_list), has=Exists(has_entry))
            .values("g").annotate(obliged=Count("pk"),
                                  active=Count("pk", filter=Q(has=True)))
            .order_by("g"))
    rows = list(rows)
    names = _labels(by, town_list, [r["g"] for r in rows])
    return [{"key": r["g"], "name": names.get(r["g"], "—"), "obliged": r["obliged"],
             "active": r["active"], "rate": r["active"] / r["obliged"] if r["obliged"] else None}
            for r in rows]


def grade_distribution(user, scheme: PointsScheme, *, by: str = "town",
                       town: PartyOrganisation | None = None) -> list[dict]:
    town_list = list(towns(user)) if town is None else [town]
    qs = AnnualResult.objects.filter(scheme=scheme, organisation__in=_branches(user))
    if town is not None:
        qs = qs.filter(organisation__path__startswith=town.path)
    agg = {g: Count("pk", filter=Q(grade=g)) for g in Grade.values}
    rows = list(qs.annotate(g=_group("organisation__", by, town_list)).values("g")
                .annotate(n=Count("pk"), **agg).order_by("g"))
    names = _labels(by, town_list, [r["g"] for r in rows])
    return [{"key": r["g"], "name": names.get(r["g"], "—"), "n": r["n"],
             "grades": [(Grade(g).label, r[g]) for g in Grade.values]} for r in rows]


def posting_compliance(user, start: date, *, by: str = "town") -> list[dict]:
    town_list = list(towns(user))
    posted = PointsPosting.objects.filter(organisation_id=OuterRef("pk"), period_start=start)
    members = PartyMember.objects.filter(organisation_id=OuterRef("pk"), is_active=True)
    rows = list(_branches(user).filter(Exists(members))
                .annotate(g=_group("", by, town_list), posted=Exists(posted))
                .values("g").annotate(n=Count("pk"), done=Count("pk", filter=Q(posted=True)))
                .order_by("g"))
    names = _labels(by, town_list, [r["g"] for r in rows])
    return [{"key": r["g"], "name": names.get(r["g"], "—"), "branches": r["n"],
             "posted": r["done"], "rate": r["done"] / r["n"] if r["n"] else None}
            for r in rows]


def current_scheme(year: int) -> PointsScheme | None:
    return (PointsScheme.objects.filter(year=year)
            .exclude(status=SchemeStatus.DRAFT).first())
