"""The town's 8th branch (第八党支部, created through party's services) and the education records
its committee keeps for the members assigned to it (S2 §4.8)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.party.models import BaseType, OrgKind, PartyOrganisation, SpecialKind
from grassroots.party.services.orgs import organisation_create

from ..models import DisposalCase, EducationForm, EducationRecord, State
from .common import eighth_branch_of, lock, required, text_of, today


def eighth_branch_create(*, actor, town: PartyOrganisation, name: str = "",
                         founded_on: date | None = None) -> PartyOrganisation:
    """One 8th branch per town committee."""
    require(actor, "partymembers.dsp_eighth_create", town)
    if town.kind != OrgKind.BASE_COMMITTEE or town.base_type != BaseType.TOWN:
        raise ApplicationError(_("第八党支部设在镇（街道）党（工）委之下。"), field="town")
    if eighth_branch_of(town) is not None:
        raise ApplicationError(_("%(town)s已设立第八党支部。") % {"town": town.name}, field="town")
    base = town.division.name if town.division_id else town.name
    with transaction.atomic():
        org = organisation_create(actor=actor, name=text_of(name, 100) or f"中共{base}第八支部委员会",
                                  kind=OrgKind.BRANCH, parent=town,
                                  special_kind=SpecialKind.EIGHTH_BRANCH, field=town.field,
                                  division=town.division, founded_on=founded_on or today())
        event_record(subject=org, actor=actor, action="dsp_eighth_branch",
                     extra={"town": town.pk})
    return org


def education_record(*, actor, case: DisposalCase, form: str, by: str, content: str,
                     on: date | None = None) -> EducationRecord:
    """An education record (谈心谈话, 学习, 志愿服务, 帮扶) for a member in correction."""
    require(actor, "partymembers.dsp_educate", case)
    if form not in EducationForm.values:
        raise ApplicationError(_("请选择教育形式。"), field="form")
    by = required(by, "by", _("请填写帮教人。"), 40)
    content = required(content, "content", _("请填写教育转化的内容。"))
    on = on or today()
    with transaction.atomic():
        case = lock(case)
        if case.state != State.IN_EDUCATION:
            raise ApplicationError(_("只有在第八党支部教育转化期间才能登记教育记录。"))
        if on > today() or on < case.education_started_on:
            raise ApplicationError(_("日期应在编入第八党支部之后、今天之前。"), field="on")
        record = EducationRecord.objects.create(
            case=case, done_on=on, form=form, by=by, content=content,
            recorded_by=actor if getattr(actor, "pk", None) else None)
        event_record(subject=case, actor=actor, action="dsp_education_record",
                     extra={"form": form, "on": on.isoformat()})
    return record
