"""Sci-tech town heads: nomination under the talent.scitech rule set, the post's life, its
platforms, the talent projects it follows and the follow-up visits (photos as StoredFile)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import event_record
from grassroots.core.numbering import series_next
from grassroots.core.policy import require
from grassroots.core.scope import get_scope
from grassroots.core.transitions import transition_apply, transition_check
from grassroots.rulesets.checks import add_natural_months, rule_check, rule_require
from grassroots.rulesets.selectors import rule_param

from ..models import (
    FollowUpPhoto,
    FollowUpVisit,
    Platform,
    PostStatus,
    Rotation,
    SciTechPost,
    TalentProject,
)
from ..models.scitech import PlatformKind, VisitForm
from ..scitech_rules import scitech_rules_in_force
from ..transitions_more import OFFICE, POST_TABLE, PostAction
from .common import text_in, today, whole

ASSESSMENT_GRADES = ("优秀", "称职", "基本称职", "不称职")


def _age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def post_nominate(*, actor, expert, institution: str, expert_title: str, title_rank: int,
                  has_doctorate: bool, birth_date: date, work_years, specialty: str, town,
                  batch: str, duties: str = "", post_title: str = "挂职副镇长") -> SciTechPost:
    """An institution's nominee, checked against the talent.scitech conditions in force."""
    require(actor, "talent.scitech")
    on = today()
    rs = scitech_rules_in_force(on)
    work_years = whole(work_years, field="work_years", label=_("工作年限"), high=60)
    rule_check(rs, "expert.max_age", _age_on(birth_date, on), field="birth_date")
    rule_check(rs, "expert.min_work_years", work_years, field="work_years")
    rule_require(rs, "expert.min_title_rank",
                 has_doctorate or title_rank >= rule_param(rs, "expert.min_title_rank").value,
                 field="expert_title")
    with transaction.atomic():
        post = SciTechPost.objects.create(
            expert=expert, institution=text_in(institution, field="institution",
                                               label=_("派出单位"), minimum=2, limit=80),
            expert_title=text_in(expert_title, field="expert_title", label=_("职称"), limit=40),
            title_rank=title_rank, has_doctorate=has_doctorate, birth_date=birth_date,
            work_years=work_years, specialty=text_in(specialty, field="specialty",
                                                     label=_("专业方向"), minimum=2, limit=40),
            town=town, batch=text_in(batch, field="batch", label=_("批次"), minimum=2, limit=20),
            duties=text_in(duties, field="duties", label=_("分管工作"), limit=200),
            post_title=text_in(post_title, field="post_title", label=_("挂职职务"), minimum=2,
                               limit=40),
            rule_set=rs.code)
        event_record(subject=post, actor=actor, action="scitech_nominated",
                     to_state=post.status, extra={"rule_set": rs.code})
    return post


def post_update(*, actor, post: SciTechPost, institution: str, expert_title: str,
                specialty: str, batch: str, post_title: str, duties: str = "") -> SciTechPost:
    """Correct the post's descriptive fields; the conditions checked at nomination (age,
    years, rank) and the term are not edited here."""
    require(actor, "talent.scitech")
    fields = {
        "institution": text_in(institution, field="institution", label=_("派出单位"),
                               minimum=2, limit=80),
        "expert_title": text_in(expert_title, field="expert_title", label=_("职称"), limit=40),
        "specialty": text_in(specialty, field="specialty", label=_("专业方向"), minimum=2,
                             limit=40),
        "batch": text_in(batch, field="batch", label=_("批次"), minimum=2, limit=20),
        "post_title": text_in(post_title, field="post_title", label=_("挂职职务"), minimum=2,
                              limit=40),
        "duties": text_in(duties, field="duties", label=_("分管工作"), limit=200)}
    with transaction.atomic():
        locked = SciTechPost.objects.select_for_update().get(pk=post.pk)
        changed = {k: v for k, v in fields.items() if getattr(locked, k) != v}
        for name, value in changed.items():
            setattr(locked, name, value)
        if changed:
            locked.save(update_fields=list(changed))
            event_record(subject=locked, actor=actor, action="scitech_post_updated",
                         extra={"fields": sorted(changed)})
    return locked


def post_transition(*, actor, post: SciTechPost, action: str, assessment: str = "") -> SciTechPost:
    """Match, appoint (document number, one-year term from the rule set), start, assess, end
    or extend by a term."""
    require(actor, "talent.scitech")
    with transaction.atomic():
        locked = SciTechPost.objects.select_for_update().get(pk=post.pk)
        transition_check(POST_TABLE, locked.status, action, OFFICE)
        fields = {}
        months = rule_param(scitech_rules_in_force(today()), "term.months").value
        if action == PostAction.APPOINT:
            on = today()
            fields["appointment_no"] = f"科镇任〔{on.year}〕{series_next('talent.scitech', str(on.year))}号"
            fields["term_start"] = on
            fields["term_end"] = add_natural_months(on, months)
        elif action == PostAction.ASSESS:
            if assessment not in ASSESSMENT_GRADES:
                raise ApplicationError(_("请选择考核等次。"), field="assessment")
            fields["assessment"] = assessment
        elif action == PostAction.EXTEND:
            fields["term_end"] = add_natural_months(locked.term_end or today(), months)
        transition_apply(POST_TABLE, locked, action=action, who=OFFICE, actor=actor,
                         fields=fields)
    return locked


def post_rotate(*, actor, post: SciTechPost, to_town, start_on: date, end_on: date,
                purpose: str) -> Rotation:
    require(actor, "talent.scitech")
    if to_town.pk == post.town_id:
        raise ApplicationError(_("轮岗镇街不能与原挂职镇街相同。"), field="to_town")
    if end_on < start_on:
        raise ApplicationError(_("结束日期不能早于开始日期。"), field="end_on")
    purpose = text_in(purpose, field="purpose", label=_("轮岗目的"), minimum=4, limit=200)
    with transaction.atomic():
        locked = SciTechPost.objects.select_for_update().get(pk=post.pk)
        transition_check(POST_TABLE, locked.status, PostAction.ROTATE, OFFICE)
        rotation = Rotation.objects.create(post=locked, from_town_id=locked.town_id,
                                           to_town=to_town, start_on=start_on, end_on=end_on,
                                           purpose=purpose)
        transition_apply(POST_TABLE, locked, action=PostAction.ROTATE, who=OFFICE, actor=actor,
                         fields={"town": to_town}, extra={"rotation_id": rotation.pk})
    return rotation


def _serving(post: SciTechPost):
    if post.status not in (PostStatus.SERVING, PostStatus.ROTATED):
        raise ApplicationError(_("科技副镇长不在挂职期间。"))


def platform_create(*, actor, post: SciTechPost, name: str, kind: str, partner: str,
                    established_on: date) -> Platform:
    require(actor, "talent.scitech")
    _serving(post)
    if kind not in PlatformKind.values:
        raise ApplicationError(_("请选择平台类型。"), field="kind")
    with transaction.atomic():
        platform = Platform.objects.create(
            post=post, town_id=post.town_id, kind=kind, established_on=established_on,
            name=text_in(name, field="name", label=_("平台名称"), minimum=4, limit=80),
            partner=text_in(partner, field="partner", label=_("合作单位"), minimum=2, limit=80))
        event_record(subject=post, actor=actor, action="scitech_platform_created",
                     note=platform.name)
    return platform


def project_follow(*, actor, post: SciTechPost, owner, name: str, industry: str,
                   scale: str = "", stage: str = "") -> TalentProject:
    """The post takes a talent project for fixed-point follow-up (定点跟踪)."""
    require(actor, "talent.scitech")
    _serving(post)
    with transaction.atomic():
        project, _created = TalentProject.objects.get_or_create(
            owner=owner, name=text_in(name, field="name", label=_("项目名称"), minimum=4,
                                      limit=80),
            defaults={"town_id": owner.town_id, "industry": text_in(
                industry, field="industry", label=_("产业"), minimum=2, limit=40),
                "scale": text_in(scale, field="scale", label=_("规模"), limit=60),
                "stage": text_in(stage, field="stage", label=_("阶段"), limit=20)})
        project.posts.add(post)
        event_record(subject=post, actor=actor, action="scitech_project_followed",
                     note=project.name, extra={"project_id": project.pk})
    return project


def follow_up_record(*, actor, post: SciTechPost, project: TalentProject, visited_on: date,
                     form: str, advice: str, problems: str = "", problems_solved=0,
                     next_step: str = "", photos=()) -> FollowUpVisit:
    """A follow-up visit by the expert himself (or the science bureau on his behalf)."""
    if get_scope(actor).person_id != post.expert_id:
        require(actor, "talent.scitech")
    _serving(post)
    if not project.posts.filter(pk=post.pk).exists():
        raise NotInScope(_("只能跟踪指导本人联系的人才项目。"))
    if form not in VisitForm.values:
        raise ApplicationError(_("请选择指导方式。"), field="form")
    if visited_on > today():
        raise ApplicationError(_("指导日期不能晚于今天。"), field="visited_on")
    advice = text_in(advice, field="advice", label=_("指导意见"), minimum=6, limit=2000)
    accepted = FollowUpPhoto.accept(list(photos), field="photos") if photos else []
    with transaction.atomic():
        visit = FollowUpVisit.objects.create(
            project=project, post=post, visited_on=visited_on, form=form, advice=advice,
            problems=text_in(problems, field="problems", label=_("存在问题"), limit=2000),
            problems_solved=whole(problems_solved, field="problems_solved",
                                  label=_("解决问题数"), high=100),
            next_step=text_in(next_step, field="next_step", label=_("下一步"), limit=300))
        for upload in accepted:
            FollowUpPhoto.store(upload, uploaded_by=actor, visit=visit)
        event_record(subject=post, actor=actor, action="scitech_follow_up",
                     extra={"visit_id": visit.pk, "project_id": project.pk})
    return visit
