"""Reads of the disposal sub-area, scope-filtered; the statistics are computed in the database
(one selector each, S2 §4.9)."""

from __future__ import annotations

from django.db.models import Avg, Count, F, Q

from grassroots.core.policy import require
from grassroots.core.scope import get_scope

from .models import (
    DECIDED_STATES,
    CaseCriterion,
    DisposalCase,
    DisposalCriterion,
    State,
    ValidReason,
)


def cases_in_scope(user, *, state: str = "", town_id: int | None = None):
    qs = DisposalCase.objects.restrict(user, "view").select_related(
        "member__person", "organisation", "town", "eighth_branch")
    if state:
        qs = qs.filter(state=state)
    if town_id:
        qs = qs.filter(town_id=town_id)
    return qs


def case_detail(user, pk):
    from grassroots.core.selectors import get_for_user

    return get_for_user(DisposalCase.objects.select_related(
        "member__person", "organisation", "town", "eighth_branch", "vote__meeting"), user, pk)


def my_cases(user):
    """The member's own cases (he sees his notice, measure and appeal rights only)."""
    scope = get_scope(user)
    if not scope.person_id:
        return DisposalCase.objects.none()
    return (DisposalCase.objects.filter(member__person_id=scope.person_id)
            .exclude(state__in=(State.CANDIDATE, State.DROPPED))
            .select_related("organisation", "eighth_branch"))


def counters_of(member) -> dict:
    """The member's three counters today (months; the candidates job's numbers)."""
    from grassroots.party.models import PartyMember

    from ..records.selectors import with_counters
    from .services.common import today

    return (with_counters(PartyMember.objects.filter(pk=member.pk), today())
            .values("months_without_org_life", "months_dues_unpaid", "months_work_not_done")
            .first() or {})


def members_to_flag(user, name: str):
    """Members on the roll in the user's scope whose name contains ``name``."""
    from grassroots.party.models import ENTRY_STATUSES, PartyMember

    return (PartyMember.objects.restrict(user, "view")
            .filter(is_active=True, status__in=ENTRY_STATUSES, person__name__contains=name)
            .select_related("person", "organisation").order_by("organisation__path", "pk"))


def valid_reasons_of(member):
    return ValidReason.objects.filter(member=member).select_related("recorded_by").order_by(
        "-valid_from", "-pk")


def criteria_catalogue():
    return DisposalCriterion.objects.filter(is_active=True).order_by("code", "-version")


def criteria_of(case):
    return CaseCriterion.objects.filter(case=case).select_related("criterion")


def eighth_branch_roll(user, eighth):
    """The members assigned to ``eighth`` (its committee, the town and the county see them)."""
    return (cases_in_scope(user).filter(eighth_branch=eighth)
            .annotate(records=Count("education_records", distinct=True),
                      review_count=Count("reviews", distinct=True))
            .order_by("state", "education_started_on", "pk"))


def by_town_and_state(user):
    """Cases by town and step/outcome: rows of (town id, town name, state, count)."""
    require(user, "partymembers.dsp_statistics")
    return list(cases_in_scope(user).order_by().values("town_id", "town__name", "state")
                .annotate(n=Count("pk")).order_by("town__name", "state")
                .values_list("town_id", "town__name", "state", "n"))


def by_measure(user):
    """Cases decided, by measure."""
    require(user, "partymembers.dsp_statistics")
    return dict(cases_in_scope(user).filter(state__in=DECIDED_STATES)
                .values_list("decided_measure").annotate(n=Count("pk")).order_by())


def in_education_count(user) -> int:
    return cases_in_scope(user).filter(state=State.IN_EDUCATION).count()


def transformation_rate(user) -> dict:
    """Transformed ÷ (transformed + removed after correction) among closed 限期改正 cases, and
    the mean days in education of the transformed."""
    require(user, "partymembers.dsp_statistics")
    row = cases_in_scope(user).filter(education_started_on__isnull=False).aggregate(
        transformed=Count("pk", filter=Q(state=State.TRANSFORMED)),
        failed=Count("pk", filter=Q(state__in=(State.REMOVED, State.PERSUADED))),
        days=Avg(F("closed_on") - F("education_started_on"),
                 filter=Q(state=State.TRANSFORMED)))
    closed = row["transformed"] + row["failed"]
    days = row["days"]
    return {"transformed": row["transformed"], "failed": row["failed"], "closed": closed,
            "rate": round(row["transformed"] / closed, 4) if closed else None,
            "mean_days_in_education": getattr(days, "days", days)}



