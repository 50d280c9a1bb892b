"""Red teams and their problems, worker matters (→ S1 demands), shared resources.

Solved problems give the team's members S2 points: S2's points (#19) do not exist yet; it reads
``selectors.red_team_point_rows`` (documented in docs/twonew.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.transitions import transition_apply, transition_check
from grassroots.party.models import PartyMember

from ..models import RedTeam, RedTeamMember, SharedResource, TeamProblem, WorkerMatter
from ..models.teams import MatterStatus, ShareTag
from ..transitions import PROBLEM_TABLE, ProblemAction
from .common import optional_text, required_text, today


def red_team_create(*, actor, org, kind, name: str, leader, founded_on: date,
                    members=()) -> RedTeam:
    require(actor, "twonew.manage", org)
    name = required_text(name, field="name", label=_("班组名称"), max_length=60)
    if not kind.is_active:
        raise ApplicationError(_("该班组类别已停用。"), field="kind")
    people = {p.pk: p for p in [leader, *members]}
    party = set(PartyMember.objects.filter(person_id__in=people, is_active=True)
                .values_list("person_id", flat=True))
    with transaction.atomic():
        team = RedTeam.objects.create(org=org, kind=kind, name=name, leader=leader,
                                      founded_on=founded_on)
        RedTeamMember.objects.bulk_create([
            RedTeamMember(team=team, person=p, is_party_member=pk in party)
            for pk, p in people.items()])
        event_record(subject=team, actor=actor, action="twonew_red_team_created",
                     extra={"members": len(people)})
    return team


def problem_raise(*, actor, team: RedTeam, title: str, raised_on: date,
                  description: str = "") -> TeamProblem:
    require(actor, "twonew.manage", team.org)
    title = required_text(title, field="title", label=_("攻关课题"), max_length=100)
    if not isinstance(raised_on, date) or raised_on > today():
        raise ApplicationError(_("请填写立项日期（不晚于今天）。"), field="raised_on")
    with transaction.atomic():
        problem = TeamProblem.objects.create(team=team, title=title, raised_on=raised_on,
                                             description=optional_text(description,
                                                                       max_length=4000))
        event_record(subject=problem, actor=actor, action="twonew_problem_raised",
                     to_state=problem.status)
    return problem


def _who(actor, problem):
    if "officer" not in PROBLEM_TABLE.who_of(actor, problem):
        raise NotInScope(_("只有两新工委或本园区党委工作人员可以办理。"))


def problem_act(*, actor, problem: TeamProblem, action: str, note: str = "") -> TeamProblem:
    """Start or abandon (abandon needs a reason); solving is ``problem_solve``."""
    _who(actor, problem)
    if action == ProblemAction.SOLVE:
        raise ApplicationError(_("请填写攻关成效后登记完成。"), field="benefit")
    transition_check(PROBLEM_TABLE, problem.status, action, "officer")
    note = optional_text(note, max_length=200)
    if action == ProblemAction.ABANDON and len(note) < 2:
        raise ApplicationError(_("请填写放弃原因。"), field="note")
    with transaction.atomic():
        transition_apply(PROBLEM_TABLE, problem.pk, action=action, who="officer", actor=actor,
                         note=note)
    problem.refresh_from_db()
    return problem


def problem_solve(*, actor, problem: TeamProblem, solved_on: date, benefit: str,
                  benefit_yuan=None) -> TeamProblem:
    _who(actor, problem)
    benefit = required_text(benefit, field="benefit", label=_("攻关成效"), max_length=200)
    if not isinstance(solved_on, date) or solved_on > today() or solved_on < problem.raised_on:
        raise ApplicationError(_("请填写解决日期（不早于立项日期、不晚于今天）。"),
                               field="solved_on")
    amount = None
    if benefit_yuan not in (None, ""):
        try:
            amount = Decimal(str(benefit_yuan))
        except InvalidOperation:
            raise ApplicationError(_("经济效益应为数字（元）。"), field="benefit_yuan") from None
        if amount < 0:
            raise ApplicationError(_("经济效益不能为负数。"), field="benefit_yuan")
    with transaction.atomic():
        transition_apply(PROBLEM_TABLE, problem.pk, action=ProblemAction.SOLVE, who="officer",
                         actor=actor, fields={"solved_on": solved_on, "benefit": benefit,
                                              "benefit_yuan": amount})
    problem.refresh_from_db()
    return problem


def matter_record(*, actor, org, raised_by: str, content: str, raised_on: date) -> WorkerMatter:
    require(actor, "twonew.manage", org)
    raised_by = required_text(raised_by, field="raised_by", label=_("提出人"), max_length=40)
    content = required_text(content, field="content", label=_("事项内容"), max_length=2000,
                            min_length=5)
    if not isinstance(raised_on, date) or raised_on > today():
        raise ApplicationError(_("请填写提出日期（不晚于今天）。"), field="raised_on")
    with transaction.atomic():
        matter = WorkerMatter.objects.create(org=org, raised_by=raised_by, content=content,
                                             raised_on=raised_on)
        event_record(subject=matter, actor=actor, action="twonew_matter_recorded",
                     to_state=matter.status)
    return matter


def matter_solve(*, actor, matter: WorkerMatter, result: str, solved_on: date) -> WorkerMatter:
    require(actor, "twonew.manage", matter)
    result = required_text(result, field="result", label=_("办理结果"), max_length=200)
    if not isinstance(solved_on, date) or solved_on > today() or solved_on < matter.raised_on:
        raise ApplicationError(_("请填写办结日期（不早于提出日期、不晚于今天）。"),
                               field="solved_on")
    with transaction.atomic():
        updated = WorkerMatter.objects.filter(pk=matter.pk, status=MatterStatus.OPEN).update(
            status=MatterStatus.SOLVED, result=result, solved_on=solved_on)
        if not updated:
            raise ApplicationError(_("该事项已办结。"))
        event_record(subject=matter, actor=actor, action="twonew_matter_solved",
                     from_state=MatterStatus.OPEN, to_state=MatterStatus.SOLVED)
    matter.refresh_from_db()
    return matter


def matter_to_demand(*, actor, matter: WorkerMatter):
    """Pass an open matter the enterprise cannot solve to the S1 pipeline (origin: the
    organisation). Idempotent: a matter passed once returns its demand."""
    from grassroots.demands.models import Channel, DemandType
    from grassroots.demands.services.intake import demand_create

    require(actor, "twonew.manage", matter)
    with transaction.atomic():
        matter = WorkerMatter.objects.select_for_update().select_related("org").get(pk=matter.pk)
        if matter.demand_id:
            return matter.demand
        if matter.status != MatterStatus.OPEN:
            raise ApplicationError(_("已办结的事项不能转为民意诉求。"))
        org = matter.org
        # The two-new policy has checked the actor; the meeting channel's own intake rule is
        # for the S1 staff, not for park officers.
        demand = demand_create(
            actor=actor, channel=Channel.MEETING, type=DemandType.HELP,
            title=(_("职工诉求：%(org)s") % {"org": org.name})[:60],
            text=matter.content, division=org.division, citizen_name=matter.raised_by,
            check_scope=False, origin=("twonew", org.pk))
        matter.demand = demand
        matter.save(update_fields=["demand"])
        event_record(subject=matter, actor=actor, action="twonew_matter_to_demand",
                     extra={"demand": demand.pk})
    return demand


def resource_share(*, actor, host, name: str, tag: str, description: str = "",
                   sharing_orgs=(), events: int = 0) -> SharedResource:
    require(actor, "twonew.manage", host)
    name = required_text(name, field="name", label=_("资源名称"), max_length=100)
    if tag not in ShareTag.values:
        raise ApplicationError(_("请选择共享类别。"), field="tag")
    with transaction.atomic():
        res = SharedResource.objects.create(host=host, name=name, tag=tag,
                                            description=optional_text(description,
                                                                      max_length=2000),
                                            events=max(int(events), 0))
        if sharing_orgs:
            res.sharing_orgs.set(sharing_orgs)
        event_record(subject=res, actor=actor, action="twonew_resource_shared")
    return res
