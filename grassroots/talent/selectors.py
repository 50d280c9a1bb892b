"""Reads of the talent system. Every figure is one database query (docs/talent.md defines
them); ``priority_flags_for`` is what grassroots.partymembers may call to show a title holder's
priority on a development case (never an automatic advance)."""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from grassroots.party.models import PartyMember, PartyPost
from grassroots.places.models import VILLAGE_LEVELS

from .models import (
    Application,
    ApplicationStatus,
    PriorityFlag,
    RoundQuota,
    SubsidyPayment,
    TitleAward,
)

S = ApplicationStatus
# Past the committee: reviewed (and so counted as passing) whatever happened later, except a
# publicity objection or the quota; those are 'rejected' with their reason.
PASSED = (S.REVIEWED, S.PUBLICISED, S.AWARDED, S.SUBSIDISED)
DECIDED = PASSED + (S.REJECTED, S.INELIGIBLE)
HELD = (S.AWARDED, S.SUBSIDISED)


def priority_flags_for(person) -> list[PriorityFlag]:
    """The person's priority flags in force (with the award's level and certificate)."""
    from .services.common import today

    on = today()
    return list(PriorityFlag.objects.filter(person=person)
                .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
                .select_related("award__level").order_by("kind"))


def pass_rates(applications=None):
    """Per level and speciality: decided applications, passed, and the rate (passed ÷ decided,
    in percent, None when nothing was decided)."""
    qs = (applications if applications is not None else Application.objects.all())
    return list(qs.values("level__name", "level__rank", "specialty__name").annotate(
        decided=Count("pk", filter=Q(status__in=DECIDED)),
        passed=Count("pk", filter=Q(status__in=PASSED)),
    ).order_by("level__rank", "specialty__name"))


def quota_use(round):
    """Per level of the round: quota, titles awarded and publicised (the quota's use)."""
    used = (Application.objects.filter(round_id=OuterRef("round_id"), level_id=OuterRef("level_id"),
                                       status__in=(S.PUBLICISED,) + HELD)
            .values("level_id").annotate(n=Count("pk")).values("n"))
    return list(RoundQuota.objects.filter(round=round).annotate(
        used=Coalesce(Subquery(used), Value(0)), level_name=F("level__name"))
        .order_by("level__rank").values("level_name", "quota", "used"))


def subsidy_totals(applications=None) -> dict:
    """Subsidies paid (yuan) and due (awarded, not yet paid), in one query."""
    qs = applications if applications is not None else Application.objects.all()
    return qs.aggregate(
        paid_yuan=Coalesce(Sum("award__subsidy__amount_yuan"), 0),
        paid_count=Count("award__subsidy"),
        due_yuan=Coalesce(Sum("level__subsidy_yuan", filter=Q(status=S.AWARDED)), 0),
        due_count=Count("pk", filter=Q(status=S.AWARDED)))


def holders_by_town(applications=None):
    awards = TitleAward.objects.all()
    if applications is not None:
        awards = awards.filter(application__in=applications)
    return list(awards.values(town_name=F("application__town__name")).annotate(
        holders=Count("person", distinct=True)).order_by("-holders", "town_name"))


def holders_later(applications=None) -> dict:
    """Title holders who later joined the party (a PartyMember joined after the award) and who
    later took a post in a village party organisation (a PartyPost started after the award).
    Both read grassroots.party's minimal records; village committee (村委会) elections are not
    recorded anywhere yet, so they are not counted."""
    awards = TitleAward.objects.all()
    if applications is not None:
        awards = awards.filter(application__in=applications)
    joined = PartyMember.objects.filter(person_id=OuterRef("person_id"),
                                        joined_on__gt=OuterRef("awarded_on"))
    posted = PartyPost.objects.filter(person_id=OuterRef("person_id"),
                                      started_on__gt=OuterRef("awarded_on"),
                                      organisation__division__level__in=VILLAGE_LEVELS)
    return awards.aggregate(
        holders=Count("person", distinct=True),
        developed=Count("person", distinct=True, filter=Exists(joined)),
        village_posts=Count("person", distinct=True, filter=Exists(posted)))


def subsidies_paid_yuan() -> int:
    return SubsidyPayment.objects.aggregate(total=Coalesce(Sum("amount_yuan"), 0))["total"]


# --- sci-tech heads and training (S4 §6.2, §6.3) ----------------------------------------------

def scitech_indicators():
    """Per post: projects followed, follow-up visits, platforms built, problems solved."""
    from .models import FollowUpVisit, Platform, SciTechPost

    def count_of(model, field="pk", expr=None):
        rows = (model.objects.filter(post_id=OuterRef("pk")).values("post_id")
                .annotate(n=expr or Count(field)).values("n"))
        return Coalesce(Subquery(rows), Value(0))

    return list(SciTechPost.objects.annotate(
        visit_count=count_of(FollowUpVisit), platforms_built=count_of(Platform),
        problems_solved=count_of(FollowUpVisit, expr=Sum("problems_solved")),
        projects_followed=Count("projects", distinct=True),
        expert_name=F("expert__name"), town_name=F("town__name"))
        .order_by("town__code", "pk")
        .values("pk", "expert_name", "town_name", "status", "projects_followed", "visit_count",
                "platforms_built", "problems_solved"))


def training_rates() -> dict:
    """Completion (passed ÷ enrolled), trainee-hours, the online share of hours, recognised
    bases and the towns they cover — one query per figure."""
    from .models import BaseStatus, Enrollment, IncubationCase, TrainingBase

    enrolled = Enrollment.objects.aggregate(
        enrolled=Count("pk"), passed=Count("pk", filter=Q(passed=True)),
        hours=Coalesce(Sum("attended_hours"), 0),
        online_hours=Coalesce(Sum("attended_hours", filter=Q(course__mode="online")), 0))
    bases = TrainingBase.objects.filter(status=BaseStatus.RECOGNISED).aggregate(
        bases=Count("pk"), towns=Count("town", distinct=True))
    stages = dict(IncubationCase.objects.values_list("stage").annotate(n=Count("pk")))
    return {**enrolled, **bases, "incubations_by_stage": stages}


def person_by_phone(phone: str):
    """The person registered with this mobile number (compared by its hash), or None."""
    from grassroots.people.models import Person
    from grassroots.people.pii import hash_phone

    phone = (phone or "").strip()
    if not phone:
        return None
    return Person.objects.filter(phone_hash=hash_phone(phone)).first()
