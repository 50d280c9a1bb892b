"""The triage, integrations, audit, workcal and places policies: allowed and refused per role."""

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
]


@pytest.mark.parametrize("action,allowed,refused,message", CASES, ids=[c[0] for c in CASES])
def test_rule(county, action, allowed, refused, message):
    if allowed == "auditor":
        from grassroots.core.scope import Role
        from grassroots.testing.county import make_member

        user = make_member(username="t_auditor", organization=county.supervision_office,
                           role=Role.AUDITOR, name="审计员")
    else:
        user = getattr(county, allowed)
    assert can(user, action)
    with pytest.raises(NotInScope) as exc:
        require(getattr(county, refused), action)
    assert exc.value.message == message
