"""The lower-grade path (Dongying [S23]: "a 中级 applicant may apply for 初级 simultaneously"):
when an application that also applies for the lower level is refused for that level — not
eligible, failed by the committee or beyond the quota —, the secretariat opens its lower-level
application in the same round. It carries the same file and starts at ``recommended`` (the
town recommended the person already), so it goes through the eligibility check against the
lower level's Standard, the showcase, the interview and the committee like any other."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require

from ..models import Application, ApplicationStatus, TitleLevel

S = ApplicationStatus
REFUSED_FOR_LEVEL = (S.INELIGIBLE, S.REJECTED)


def lower_level_of(application: Application) -> TitleLevel | None:
    """The next level down in the same scheme that the round offers, or None."""
    return (TitleLevel.objects.filter(scheme=application.level.scheme,
                                      rank__lt=application.level.rank,
                                      pk__in=application.round.quotas.values("level_id"))
            .order_by("-rank").first())


def lower_level_open(*, actor, application: Application) -> Application:
    require(actor, "talent.manage")
    with transaction.atomic():
        locked = (Application.objects.select_for_update()
                  .select_related("level", "round").get(pk=application.pk))
        if not locked.also_applies_lower:
            raise ApplicationError(_("申报人未同时申报下一级。"))
        if locked.status not in REFUSED_FOR_LEVEL:
            raise ApplicationError(_("本级评审未结束或已通过，不转评下一级。"))
        level = lower_level_of(locked)
        if level is None:
            raise ApplicationError(_("本年度评审没有下一级可转评。"))
        if Application.objects.filter(round_id=locked.round_id, talent_id=locked.talent_id,
                                      level=level).exists():
            raise ApplicationError(_("本年度已申报过%(level)s。") % {"level": level.name})
        lower = Application.objects.create(
            round_id=locked.round_id, talent_id=locked.talent_id, town_id=locked.town_id,
            level=level, specialty_id=locked.specialty_id, also_applies_lower=False,
            achievements=locked.achievements, years_in_production=locked.years_in_production,
            households_driven=locked.households_driven, status=S.RECOMMENDED,
            created_by=actor, created_at=clock.now())
        event_record(subject=lower, actor=actor, action="title_lower_level_opened",
                     to_state=lower.status, extra={"from_application_id": locked.pk})
        event_record(subject=locked, actor=actor, action="title_lower_level_opened",
                     note=level.name, extra={"lower_application_id": lower.pk})
    return lower
