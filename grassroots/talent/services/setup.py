"""The register, the committee, its experts and the annual rounds."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.scope import get_scope

from ..models import (
    Committee,
    EvaluationRound,
    Expert,
    ExpertRelative,
    RoundQuota,
    RuralTalent,
)
from ..models.register import TalentCategory
from .common import text_in, whole

MAX_TERM_YEARS = 3  # expert terms ≤ 3 years (人社部令第40号 [S21])


def talent_register(*, actor, person, town, category: str, skills: str = "",
                    cooperative: str = "", scale: str = "") -> RuralTalent:
    """A town (or the person himself, on his phone) enters a rural talent in the register."""
    scope = get_scope(actor)
    if scope.person_id != person.pk:
        require(actor, "talent.town_work", town.pk)
    if category not in TalentCategory.values:
        raise ApplicationError(_("请选择人才类别。"), field="category")
    if town.town_id != town.pk:
        raise ApplicationError(_("请选择所在镇街。"), field="town")
    fields = {"skills": text_in(skills, field="skills", label=_("技能特长"), limit=200),
              "cooperative": text_in(cooperative, field="cooperative", label=_("合作社/企业"),
                                     limit=80),
              "scale": text_in(scale, field="scale", label=_("经营规模"), limit=80)}
    try:
        with transaction.atomic():
            talent = RuralTalent.objects.create(person=person, town=town, category=category,
                                                registered_at=clock.now(), **fields)
            event_record(subject=talent, actor=actor, action="talent_registered")
    except IntegrityError:
        raise ApplicationError(_("%(name)s已在乡土人才库中。") % {"name": person.name},
                               field="person") from None
    return talent


def committee_create(*, actor, name: str, secretariat, levels, filed_with: str = "") -> Committee:
    require(actor, "talent.manage")
    name = text_in(name, field="name", label=_("委员会名称"), minimum=4, limit=80)
    with transaction.atomic():
        committee = Committee.objects.create(
            name=name, secretariat=secretariat,
            filed_with=text_in(filed_with, field="filed_with", label=_("备案机关"), limit=80))
        committee.levels.set(levels)
        event_record(subject=committee, actor=actor, action="title_committee_created")
    return committee


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def expert_appoint(*, actor, committee: Committee, person, specialty, term_from: date,
                   term_to: date, title: str = "", cooperative: str = "",
                   relatives=()) -> Expert:
    """Appoint an expert for a term of at most three years; ``relatives``: (person, relation)
    pairs he declares (he will never score their applications)."""
    require(actor, "talent.manage")
    if term_to <= term_from:
        raise ApplicationError(_("聘期止日应晚于聘期起日。"), field="term_to")
    if term_to > _add_years(term_from, MAX_TERM_YEARS):
        raise ApplicationError(_("评审专家每届聘期不超过%(n)s年。") % {"n": MAX_TERM_YEARS},
                               field="term_to")
    with transaction.atomic():
        expert = Expert.objects.create(
            committee=committee, person=person, specialty=specialty, term_from=term_from,
            term_to=term_to, title=text_in(title, field="title", label=_("职称"), limit=40),
            cooperative=text_in(cooperative, field="cooperative", label=_("合作社/企业"),
                                limit=80))
        for relative, relation in relatives:
            ExpertRelative.objects.create(expert=expert, person=relative,
                                          relation=str(relation)[:20])
        event_record(subject=expert, actor=actor, action="title_expert_appointed",
                     extra={"committee_id": committee.pk})
    return expert


def round_create(*, actor, committee: Committee, year: int, apply_from: date, apply_to: date,
                 quotas: dict, specialties, title: str = "") -> EvaluationRound:
    """An annual round; ``quotas``: {TitleLevel: number} for the levels the committee may
    evaluate."""
    require(actor, "talent.manage")
    year = whole(year, field="year", label=_("年度"), low=2000, high=2100)
    if apply_to < apply_from:
        raise ApplicationError(_("申报截止日期不能早于开始日期。"), field="apply_to")
    allowed = set(committee.levels.values_list("pk", flat=True))
    if not quotas:
        raise ApplicationError(_("请至少设置一个级别的名额。"), field="quotas")
    for level, quota in quotas.items():
        if level.pk not in allowed:
            raise ApplicationError(_("本委员会未获授权评审%(level)s。") % {"level": level.name},
                                   field="quotas")
        whole(quota, field="quotas", label=_("名额"), low=1, high=10000)
    title = text_in(title or _("%(year)s年度新型职业农民职称评审") % {"year": year},
                    field="title", label=_("名称"), minimum=4, limit=80)
    try:
        with transaction.atomic():
            rnd = EvaluationRound.objects.create(
                committee=committee, year=year, title=title, apply_from=apply_from,
                apply_to=apply_to, created_at=clock.now())
            rnd.specialties.set(specialties)
            RoundQuota.objects.bulk_create([RoundQuota(round=rnd, level=level, quota=int(q))
                                            for level, q in quotas.items()])
            event_record(subject=rnd, actor=actor, action="title_round_created")
    except IntegrityError:
        raise ApplicationError(_("%(year)s年度评审已经发布。") % {"year": year},
                               field="year") from None
    return rnd
