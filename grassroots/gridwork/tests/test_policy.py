"""The grid-work policy: allowed and refused per role, with the exact message."""

import pytest

from grassroots.core.errors import NotInScope, NotVisible
from grassroots.core.policy import can, require

pytestmark = pytest.mark.django_db


def test_manage_is_the_county_managers(county):
    require(county.admin, "gridwork.manage")
    for user in (county.town_staff, county.secretary, county.supervisor):
        with pytest.raises(NotInScope, match="^只有平台管理员或组织部可以执行此操作。$"):
            require(user, "gridwork.manage")


def test_overview_is_hidden_from_units_and_citizens(county):
    for user in (county.supervisor, county.town_staff, county.secretary):
        require(user, "gridwork.overview")
    for user in (county.handler, county.citizen):
        with pytest.raises(NotVisible, match="^未找到$"):
            require(user, "gridwork.overview")


def test_record_for_grid(county):
    require(county.secretary, "gridwork.record_for_grid", county.grid_a)
    assert not can(county.secretary, "gridwork.record_for_grid", county.grid_b)
    with pytest.raises(NotInScope, match="^只能为自己负责的网格登记走访。$"):
        require(county.handler, "gridwork.record_for_grid", county.grid_a,
                message="只能为自己负责的网格登记走访。")


def test_town_work_in_one_town(county):
    town = county.grid_a.division.town_id
    assert can(county.admin, "gridwork.town_work_in", town)
    with pytest.raises(NotInScope, match="^只能推荐本镇街的民情书记。$"):
        require(county.secretary, "gridwork.town_work_in", town)
