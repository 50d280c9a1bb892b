"""The demands policy: who is allowed and who is refused, with the exact message."""

import pytest

from grassroots.core.errors import NotInScope, NotVisible
from grassroots.core.policy import require
from grassroots.demands.models import Assignment, Demand

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role,allowed", [("dispatcher", True), ("admin", True),
                                          ("supervisor", False), ("handler", False),
                                          ("town_staff", False), ("citizen", False)])
def test_dispatch(county, role, allowed):
    user = getattr(county, role)
    if allowed:
        require(user, "demands.dispatch")
    else:
        with pytest.raises(NotInScope, match="^只有派单中心可以执行此操作。$"):
            require(user, "demands.dispatch")


def test_handle_is_the_units_own_assignment(county):
    mine = Assignment(unit=county.water)
    require(county.handler, "demands.handle", mine)
    with pytest.raises(NotInScope, match="^只有承办单位的办理人员可以执行此操作。$"):
        require(county.outsider, "demands.handle", mine)


def test_follow_up_is_the_citizen_or_the_follow_up_staff(county):
    demand = Demand(citizen_id=county.citizen.person.pk)
    for user in (county.citizen, county.dispatcher, county.supervisor):
        require(user, "demands.follow_up", demand)
    with pytest.raises(NotInScope, match="^只有诉求人本人或回访人员可以评价。$"):
        require(county.other_citizen, "demands.follow_up", demand)


def test_visit_intake_is_for_the_grids_secretary_or_town(county):
    require(county.secretary, "demands.intake_visit", county.grid_a)
    with pytest.raises(NotInScope, match="^只能为自己负责的网格登记走访诉求。$"):
        require(county.handler, "demands.intake_visit", county.grid_a)


def test_anonymous_submitter_is_hidden_from_all_but_the_auditor(county):
    with pytest.raises(NotVisible, match="^未找到$"):
        require(county.admin, "demands.reveal_anonymous")


@pytest.mark.parametrize("role,allowed", [("citizen", True), ("secretary", False),
                                          ("handler", False), ("dispatcher", False)])
def test_citizen_pages_are_for_citizens_accounts(county, role, allowed):
    user = getattr(county, role)
    if allowed:
        require(user, "demands.citizen_account")
    else:
        with pytest.raises(NotInScope, match="^请使用群众账号登录。$"):
            require(user, "demands.citizen_account")


@pytest.mark.parametrize("role,allowed", [("secretary", True), ("viewer", True),
                                          ("town_staff", True), ("citizen", False)])
def test_staff_pages_are_for_staff_roles_and_grid_seats(county, role, allowed):
    user = getattr(county, role)
    if allowed:
        require(user, "demands.staff_view")
    else:
        with pytest.raises(NotInScope, match="^该页面仅供工作人员使用。$"):
            require(user, "demands.staff_view")


@pytest.mark.parametrize("role,allowed", [("handler", True), ("viewer", True),
                                          ("dispatcher", False), ("secretary", False)])
def test_the_inbox_is_for_handling_units_staff(county, role, allowed):
    user = getattr(county, role)
    if allowed:
        require(user, "demands.inbox")
    else:
        with pytest.raises(NotInScope, match="^该页面仅供承办单位使用。$"):
            require(user, "demands.inbox")
