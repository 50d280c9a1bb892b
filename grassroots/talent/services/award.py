"""After the committee: the round's results publicised (grassroots.publicity, ≥ 5 working days
with objections), the titles awarded past the gate, the one-off subsidy, the priority flags."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.numbering import series_next
from grassroots.core.policy import require
from grassroots.core.transitions import transition_apply, transition_check
from grassroots.publicity import services as publicity_services
from grassroots.publicity.gate import publicity_of, publicity_require_clear
from grassroots.publicity.models import PublicityKind, PublicityScope
from grassroots.rulesets.selectors import rule_param, rule_set_in_force

from ..models import (
    Application,
    ApplicationStatus,
    EvaluationRound,
    PriorityFlag,
    PriorityKind,
    SubsidyPayment,
    TitleAward,
)
from ..transitions import APPLICATION_TABLE, Action, Who
from .common import text_in, today

# The published list's label is data (stored with the publicity): name, town, speciality and
# level only — never an ID number, a phone or an address.
PUBLISHED_LABEL = "拟认定新型职业农民职称人员"


def entry_key(application_id: int) -> str:
    return f"a{application_id}"


def _entry(application: Application) -> dict:
    return {"key": entry_key(application.pk), "label": PUBLISHED_LABEL,
            "value": f"{application.talent.person.name}（{application.town.name}，"
                     f"{application.specialty.name}，{application.level.name}）"}


def round_publicise(*, actor, round: EvaluationRound, contact_phone: str) -> list[Application]:
    """Rank the reviewed applications of each level by composite score; those within the
    level's quota are publicised together, the rest are refused for the quota."""
    require(actor, "talent.manage")
    if publicity_of(round) is not None:
        raise ApplicationError(_("本年度评审结果已经公示。"))
    days = rule_param(rule_set_in_force("talent.title.vote", today()),
                      "publicity.min_working_days").value
    with transaction.atomic():
        reviewed = list(Application.objects.select_for_update()
                        .filter(round=round, status=ApplicationStatus.REVIEWED)
                        .select_related("talent__person", "town", "specialty", "level")
                        .order_by("level__rank", "-composite_score", "pk"))
        if not reviewed:
            raise ApplicationError(_("还没有评审通过的申报，不能公示。"))
        quotas = dict(round.quotas.values_list("level_id", "quota"))
        used: dict[int, int] = {}
        listed = []
        for application in reviewed:
            used[application.level_id] = used.get(application.level_id, 0) + 1
            if used[application.level_id] <= quotas.get(application.level_id, 0):
                transition_apply(APPLICATION_TABLE, application, action=Action.PUBLICISE,
                                 who=Who.SECRETARIAT, actor=actor)
                listed.append(application)
            else:
                reason = _("综合得分排名超出本年度%(level)s名额（%(n)s名）。") % {
                    "level": application.level.name, "n": quotas.get(application.level_id, 0)}
                transition_apply(APPLICATION_TABLE, application, action=Action.OVER_QUOTA,
                                 who=Who.SECRETARIAT, actor=actor, fields={"reason": reason},
                                 note=reason)
        publicity = publicity_services.publicity_create(
            actor=actor, subject=round, kind=PublicityKind.TITLE,
            scope=PublicityScope.COUNTY_SITE, title=_("%(title)s结果公示") % {"title": round.title},
            fields=[_entry(a) for a in listed], start_on=today(), min_working_days=days,
            contact_phone=contact_phone, organization=round.committee.secretariat, publish=True)
        event_record(subject=round, actor=actor, action="title_round_publicised",
                     extra={"publicity_id": publicity.pk, "listed": len(listed)})
    return listed


def round_pii(round: EvaluationRound) -> list[str]:
    """The applicants' personal strings that a published value must never contain."""
    out = []
    for application in Application.objects.filter(round=round).select_related("talent__person"):
        person = application.talent.person
        out += [v for v in (person.phone, person.id_number) if v]
    return out


def on_objection_upheld(objection, actor) -> None:
    """Registered with the publicity app: an upheld objection naming an applicant refuses his
    application with the finding as the reason (in the closing transaction)."""
    key = objection.entry_key
    if not key.startswith("a") or not key[1:].isdigit():
        return
    application = Application.objects.select_for_update().filter(
        pk=int(key[1:]), round_id=objection.publicity.subject_id,
        status=ApplicationStatus.PUBLICISED).first()
    if application is None:
        return
    reason = _("公示期间异议经核实成立：%(finding)s") % {"finding": objection.finding}
    transition_apply(APPLICATION_TABLE, application, action=Action.OBJECTION_UPHELD,
                     who=Who.SYSTEM, actor=actor, fields={"reason": reason[:300]}, note=reason,
                     extra={"objection_id": objection.pk})


def title_award(*, actor, application: Application) -> TitleAward:
    """公布: past the publicity gate, the title with its certificate number and the holder's
    priority flags."""
    scope = require(actor, "talent.award")
    who = Who.SECRETARIAT if (scope.is_admin or Who.SECRETARIAT in
                              APPLICATION_TABLE.who_of(actor, application)) else Who.HR
    with transaction.atomic():
        locked = (Application.objects.select_for_update().select_related("talent", "round")
                  .get(pk=application.pk))
        transition_check(APPLICATION_TABLE, locked.status, Action.AWARD, who)
        publicity_require_clear(locked.round)
        on = today()
        number = series_next("talent.certificate", str(on.year))
        certificate_no = f"汶农职证〔{on.year}〕{number:04d}号"
        try:
            with transaction.atomic():
                award = TitleAward.objects.create(
                    application=locked, person_id=locked.talent.person_id,
                    level_id=locked.level_id, specialty_id=locked.specialty_id,
                    certificate_no=certificate_no, awarded_on=on)
        except IntegrityError:
            raise ApplicationError(_("该人员已取得%(level)s，不能重复授予。")
                                   % {"level": locked.level.name}) from None
        PriorityFlag.objects.bulk_create([
            PriorityFlag(person_id=award.person_id, kind=kind, award=award)
            for kind in PriorityKind.values])
        transition_apply(APPLICATION_TABLE, locked, action=Action.AWARD, who=who, actor=actor,
                         extra={"certificate_no": certificate_no})
    return award


def subsidy_pay(*, actor, application: Application, bank_ref: str = "") -> SubsidyPayment:
    """The one-off subsidy of the award's level (TitleLevel.subsidy_yuan): once per person
    and level, whatever the round."""
    require(actor, "talent.pay")
    bank_ref = text_in(bank_ref, field="bank_ref", label=_("银行流水号"), limit=40)
    with transaction.atomic():
        locked = Application.objects.select_for_update().select_related("level").get(
            pk=application.pk)
        transition_check(APPLICATION_TABLE, locked.status, Action.SUBSIDY_PAY, Who.HR)
        award = TitleAward.objects.get(application=locked)
        if SubsidyPayment.objects.filter(person_id=award.person_id,
                                         level_id=award.level_id).exists():
            raise ApplicationError(_("%(level)s补助已向该人员发放过，同一人同一级别只发放一次。")
                                   % {"level": locked.level.name})
        amount = locked.level.subsidy_yuan
        if amount <= 0:
            raise ApplicationError(_("%(level)s没有一次性补助。") % {"level": locked.level.name})
        payment = SubsidyPayment.objects.create(
            award=award, person_id=award.person_id, level_id=award.level_id, amount_yuan=amount,
            paid_on=today(), approved_by=actor, bank_ref=bank_ref)
        transition_apply(APPLICATION_TABLE, locked, action=Action.SUBSIDY_PAY, who=Who.HR,
                         actor=actor, extra={"amount_yuan": amount})
    return payment
