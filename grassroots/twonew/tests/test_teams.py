"""Red-team problems (their table), the selector S2's points read, worker matters to S1
demands (idempotent, origin = the organisation), instructors' scope and visits."""

from datetime import date, timedelta

import pytest
from django.http import Http404

from grassroots.core.errors import ApplicationError, NotInScope, TransitionNotAllowed
from grassroots.core.selectors import get_for_user
from grassroots.demands.models import Demand
from grassroots.testing.factories import PersonFactory
from grassroots.testing.refusals import refused

from ..models import InstructorVisit, ParkEntry, RedTeamKind, TwoNewOrg
from ..models.teams import ProblemStatus
from ..selectors import red_team_point_rows
from ..services import (
    matter_record,
    matter_solve,
    matter_to_demand,
    problem_act,
    problem_raise,
    problem_solve,
    red_team_create,
    visit_record,
)
from ..services.common import today


@pytest.mark.django_db
def test_six_kinds_ship_as_data():
    assert list(RedTeamKind.objects.values_list("name", flat=True)) == [
        "科技研发", "技术攻关", "设备运营", "质量管控", "安全生产", "营销服务"]


@pytest.mark.django_db
def test_a_problem_is_solved_once_and_counts_for_its_members(w):
    kind = RedTeamKind.objects.get(code="breakthrough")
    people = [PersonFactory(name=f"班组成员{i}") for i in range(3)]
    party_member = w.elsewhere[0]
    team = red_team_create(actor=w.officer_a, org=w.orgs["a1"], kind=kind, name="技术攻关红色班组",
                           leader=people[0], founded_on=date(2025, 1, 1),
                           members=[*people[1:], party_member.person])
    problem = problem_raise(actor=w.officer_a, team=team, title="蒜片烘干能耗高",
                            raised_on=today() - timedelta(days=30))
    problem = problem_act(actor=w.officer_a, problem=problem, action="problem_start")
    assert problem.status == ProblemStatus.IN_PROGRESS
    with refused(ApplicationError, "请填写攻关成效（至少2个字）。",
                 unchanged=[problem]):
        problem_solve(actor=w.officer_a, problem=problem, solved_on=today(), benefit="")
    problem = problem_solve(actor=w.officer_a, problem=problem, solved_on=today(),
                            benefit="能耗下降12%", benefit_yuan="350000")
    assert problem.status == ProblemStatus.SOLVED and problem.benefit_yuan == 350000
    with refused(TransitionNotAllowed, "当前状态为“已解决”，不能执行“放弃攻关”。",
                 unchanged=[problem]):
        problem_act(actor=w.officer_a, problem=problem, action="problem_abandon", note="无")
    with refused(NotInScope, "只有两新工委或本园区党委工作人员可以办理。", unchanged=[problem]):
        problem_act(actor=w.officer_b, problem=problem, action="problem_start")
    # S2's points source: the party members of the team, one row per solved problem
    rows = list(red_team_point_rows(today() - timedelta(days=1), today()))
    assert [(r["member_id"], r["source_id"]) for r in rows] == [(party_member.pk, problem.pk)]
    assert rows[0]["source_label"] == "技术攻关红色班组：蒜片烘干能耗高"
    assert not list(red_team_point_rows(date(2020, 1, 1), date(2020, 12, 31)))
    from grassroots.partymembers.points.services.common import point_sources

    assert point_sources()["s6_red_team"] is red_team_point_rows  # wired at start-up


@pytest.mark.django_db
def test_a_worker_matter_becomes_one_demand(w):
    matter = matter_record(actor=w.officer_a, org=w.orgs["a1"], raised_by="王师傅",
                           content="职工宿舍热水供应不稳定，希望协调解决。", raised_on=today())
    demand = matter_to_demand(actor=w.officer_a, matter=matter)
    assert (demand.origin_type, demand.origin_id) == ("twonew", w.orgs["a1"].pk)
    assert matter_to_demand(actor=w.officer_a, matter=matter).pk == demand.pk  # idempotent
    assert Demand.objects.count() == 1
    with refused(NotInScope, "只有两新工委或本园区党委工作人员可以办理。"):
        matter_to_demand(actor=w.officer_b, matter=matter)
    matter = matter_solve(actor=w.officer_a, matter=matter, result="已协调物业更换热水器",
                          solved_on=today())
    with refused(ApplicationError, "该事项已办结。", unchanged=[matter]):
        matter_solve(actor=w.officer_a, matter=matter, result="重复办结", solved_on=today())


@pytest.mark.django_db
def test_an_instructor_sees_only_his_organisations(w):
    user = w.instructor_user
    assert list(TwoNewOrg.objects.restrict(user)) == [w.orgs["a3"]]
    with pytest.raises(Http404):
        get_for_user(TwoNewOrg.objects.all(), user, w.orgs["a1"].pk)
    visit = visit_record(actor=user, org=w.orgs["a3"], visited_on=today(), purpose="founding",
                         findings="党员2名，暂不具备组建条件")
    assert visit.instructor_id == w.instructor.pk
    with refused(NotInScope, "只能登记本人联系单位的走访记录。"):
        visit_record(actor=user, org=w.orgs["a1"], visited_on=today(), purpose="policy")
    assert InstructorVisit.objects.count() == 1
    assert not ParkEntry.objects.restrict(user).exists()
    # park B's officer sees park B only
    assert set(TwoNewOrg.objects.restrict(w.officer_b)) == {w.orgs["b1"]}
    assert TwoNewOrg.objects.restrict(w.committee_user).count() == 4
