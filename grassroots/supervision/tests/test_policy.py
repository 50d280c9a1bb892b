"""The supervision policy: allowed and refused per role, with the exact message."""

import pytest

from grassroots.core.errors import NotInScope
from grassroots.core.policy import can, require
from grassroots.supervision.models import MeetingItem, SupervisionNotice

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role,allowed", [("supervisor", True), ("admin", True),
                                          ("dispatcher", False), ("leader", False)])
def test_office(county, role, allowed):
    assert can(getattr(county, role), "supervision.office") is allowed
    if not allowed:
        with pytest.raises(NotInScope, match="^只有督查室工作人员可以执行此操作。$"):
            require(getattr(county, role), "supervision.office")


def test_only_the_supervised_unit_responds(county):
    notice = SupervisionNotice(unit=county.water)
    require(county.handler, "supervision.respond", notice)
    with pytest.raises(NotInScope, match="^只有被督办单位的办理人员可以执行此操作。$"):
        require(county.outsider, "supervision.respond", notice)


def test_a_meeting_item_is_completed_by_its_owner_or_the_office(county):
    item = MeetingItem(owner=county.water)
    assert can(county.handler, "supervision.complete_item", item)
    assert can(county.supervisor, "supervision.complete_item", item)
    with pytest.raises(NotInScope, match="^只有责任单位或督查室可以登记完成情况。$"):
        require(county.outsider, "supervision.complete_item", item)
