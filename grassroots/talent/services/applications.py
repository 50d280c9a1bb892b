"""The applicant's file: filled on a phone (or by the town), submitted, recommended by the
town, checked against the Standard of its level and speciality."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.scope import get_scope
from grassroots.core.transitions import transition_apply, transition_check

from ..models import Application, ApplicationStatus, EvaluationRound, RuralTalent, Standard
from ..transitions import APPLICATION_TABLE, Action, Who
from .common import text_in, today, whole

CONDITION_LABELS = {
    "min_years": gettext_lazy("从业年限不少于%(n)s年"),
    "min_households": gettext_lazy("带动农户不少于%(n)s户"),
}


def _who(actor, application, *wanted) -> str:
    who = APPLICATION_TABLE.who_of(actor, application)
    for part in wanted:
        if part in who:
            return part
    raise NotInScope(_("您不能办理这份职称申报。"))


def application_create(*, actor, round: EvaluationRound, talent: RuralTalent, level, specialty,
                       achievements: str, years_in_production, households_driven=0,
                       also_applies_lower: bool = False) -> Application:
    scope = get_scope(actor)
    if scope.person_id != talent.person_id:
        require(actor, "talent.town_work", talent.town_id)
    if not round.quotas.filter(level=level).exists():
        raise ApplicationError(_("本年度评审不评%(level)s。") % {"level": level.name},
                               field="level")
    if not round.specialties.filter(pk=specialty.pk).exists():
        raise ApplicationError(_("本年度评审不设%(name)s专业。") % {"name": specialty.name},
                               field="specialty")
    if not round.apply_from <= today() <= round.apply_to:
        raise ApplicationError(_("申报时间为%(start)s至%(end)s。") % {
            "start": f"{round.apply_from:%Y-%m-%d}", "end": f"{round.apply_to:%Y-%m-%d}"},
            field="round")
    fields = {
        "achievements": text_in(achievements, field="achievements", label=_("代表性业绩"),
                                minimum=10, limit=3000),
        "years_in_production": whole(years_in_production, field="years_in_production",
                                     label=_("从业年限"), high=80),
        "households_driven": whole(households_driven, field="households_driven",
                                   label=_("带动农户数"), high=100000),
    }
    try:
        with transaction.atomic():
            application = Application.objects.create(
                round=round, talent=talent, town_id=talent.town_id, level=level,
                specialty=specialty, also_applies_lower=bool(also_applies_lower),
                created_by=actor, created_at=clock.now(), **fields)
            event_record(subject=application, actor=actor, action="title_application_created",
                         to_state=application.status)
    except IntegrityError:
        raise ApplicationError(_("本年度已申报过%(level)s。") % {"level": level.name},
                               field="level") from None
    return application


def application_transition(*, actor, application: Application, action: str,
                           reason: str = "") -> Application:
    """The applicant submits or withdraws; the town recommends (or not, with a reason)."""
    if action in (Action.SUBMIT, Action.WITHDRAW):
        who = _who(actor, application, Who.APPLICANT, Who.TOWN)
    elif action in (Action.RECOMMEND, Action.NOT_RECOMMEND):
        who = _who(actor, application, Who.TOWN)
    else:
        raise ApplicationError(_("请选择要办理的事项。"), field="action")
    fields = {}
    if action == Action.NOT_RECOMMEND:
        fields["reason"] = text_in(reason, field="reason", label=_("不予推荐的原因"), minimum=4)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        transition_check(APPLICATION_TABLE, locked.status, action, who)
        if action == Action.SUBMIT and today() > locked.round.apply_to:
            raise ApplicationError(_("申报已于%(date)s截止。")
                                   % {"date": f"{locked.round.apply_to:%Y-%m-%d}"})
        transition_apply(APPLICATION_TABLE, locked, action=action, who=who, actor=actor,
                         fields=fields, note=fields.get("reason", ""))
    return locked


def missing_conditions(application: Application) -> list[str]:
    standard = (Standard.objects.filter(level_id=application.level_id,
                                        specialty_id=application.specialty_id).first()
                or Standard.objects.filter(level_id=application.level_id,
                                           specialty__isnull=True).first())
    if standard is None:
        return []
    actual = {"min_years": application.years_in_production,
              "min_households": application.households_driven}
    return [str(CONDITION_LABELS[key]) % {"n": bound}
            for key, bound in sorted(standard.conditions.items())
            if key in actual and actual[key] < int(bound)]


def application_check(*, actor, application: Application) -> Application:
    """资格审查 by the secretariat: the Standard's conditions (never a degree or a paper); a
    failed check states the missing conditions to the applicant."""
    require(actor, "talent.manage")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        transition_check(APPLICATION_TABLE, locked.status, Action.CHECK_PASS, Who.SECRETARIAT)
        missing = missing_conditions(locked)
        if missing:
            reason = _("资格审查未通过：%(items)s。") % {"items": "；".join(missing)}
            transition_apply(APPLICATION_TABLE, locked, action=Action.CHECK_FAIL,
                             who=Who.SECRETARIAT, actor=actor, fields={"reason": reason},
                             note=reason)
        else:
            transition_apply(APPLICATION_TABLE, locked, action=Action.CHECK_PASS,
                             who=Who.SECRETARIAT, actor=actor)
    return locked


__all__ = ["application_create", "application_transition", "application_check",
           "missing_conditions", "ApplicationStatus"]
