"""The triage, integrations, audit, workcal, places, orgs and people policies: allowed and
refused per role."""

import pytest

from grassroots.core.errors import NotInScope
from grassroots.core.policy import can, require

pytestmark = pytest.mark.django_db

CASES = [
    ("triage.administer", "admin", "dispatcher", "只有平台管理员可以执行此操作。"),
    ("triage.manage_models", "admin", "supervisor", "只有平台管理员可以管理智能分析模型。"),
    ("triage.hot_topics", "dispatcher", "handler", "只有督查、派单人员可以查看热点分析。"),
    ("triage.review_replies", "supervisor", "dispatcher", "只有督查人员可以查看答复质量核查清单。"),
    ("integrations.reconcile", "dispatcher", "supervisor", "只有管理员和派单中心可以查看12345对账。"),
    ("integrations.requeue", "admin", "handler", "只有管理员或派单中心可以重新发送。"),
    ("integrations.manage_tokens", "admin", "dispatcher", "只有平台管理员可以管理接口令牌。"),
    ("workcal.edit", "admin", "dispatcher", "只有平台管理员可以修改工作日历。"),
    ("workcal.manage", "admin", "supervisor", "只有平台管理员可以管理工作日历。"),
    ("places.edit", "admin", "town_staff", "只有平台管理员可以修改行政区划和网格。"),
    ("audit.read_log", "auditor", "admin", "只有安全审计员可以查看审计日志。"),
    ("orgs.manage_memberships", "admin", "leader", "只有平台管理员可以调整人员的任职。"),
    ("people.register_person", "town_staff", "dispatcher", "您无权登记人员。"),
    ("people.import_people", "admin", "town_staff", "只有平台管理员可以导入人员。"),
]


def test_memberships_are_written_by_the_system_too(county):
    """An importer or the demo builder runs with ``actor=None``; a citizen is refused."""
    require(None, "orgs.manage_memberships")
    with pytest.raises(NotInScope, match="^只有平台管理员可以调整人员的任职。$"):
        require(county.citizen, "orgs.manage_memberships")


def test_team_seats_are_changed_by_the_teams_town_or_the_admin(county):
    from grassroots.people.models import ServiceTeam

    team = ServiceTeam.objects.get(grid=county.grid_a)
    require(county.admin, "people.manage_team", team)
    require(county.town_staff, "people.manage_team", team)
    with pytest.raises(NotInScope, match="^您无权调整该网格的服务队。$"):
        require(county.handler, "people.manage_team", team)


@pytest.mark.parametrize("action,allowed,refused,message", CASES, ids=[c[0] for c in CASES])
def test_rule(county, action, allowed, refused, message):
    if allowed == "auditor":
        from grassroots.core.scope import Role
        from grassroots.testing.factories import make_member

        user = make_member(username="t_auditor", organization=county.supervision_office,
                           role=Role.AUDITOR, name="审计员")
    else:
        user = getattr(county, allowed)
    assert can(user, action)
    with pytest.raises(NotInScope) as exc:
        require(getattr(county, refused), action)
    assert exc.value.message == message
