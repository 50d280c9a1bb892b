"""The rule checks at their boundaries; refusals write nothing."""

from datetime import date

import pytest

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.models import Event
from grassroots.testing.factories import OrganizationFactory, PersonFactory

from .. import services
from ..models import MemberEndReason, MemberStatus, OrgField, OrgKind, PartyOrganisation
from ..services.checks import add_years
from .world import add_members


def new_branch(tree, name="中共测试支部委员会", **kw):
    return services.organisation_create(actor=tree.org_dept, name=name, kind=OrgKind.BRANCH,
                                        parent=tree.town_b, **kw)


def test_two_full_members_warn_three_do_not(tree):
    branch = new_branch(tree)
    members = add_members(tree.org_dept, branch, 2)
    person = PersonFactory(user=None)
    _m, warnings = services.member_add(actor=tree.org_dept, org=branch, person=person,
                                       status=MemberStatus.PROBATIONARY, joined_on=date(2026, 1, 5))
    assert warnings == ["正式党员不足3人（现有2人），不宜单独成立党支部，应与邻近单位党员联合成立"
                        "联合党支部（《党章》第三十条；《支部工作条例》第二章）。"]
    person = PersonFactory(user=None)
    _m, warnings = services.member_add(actor=tree.org_dept, org=branch, person=person,
                                       status=MemberStatus.FULL, joined_on=date(2020, 1, 5),
                                       full_on=date(2021, 1, 5))
    assert warnings == []
    # Removing one brings the warning back.
    _m, warnings = services.member_remove(actor=tree.org_dept, member=members[0],
                                          reason=MemberEndReason.DECEASED)
    assert len(warnings) == 1 and "现有2人" in warnings[0]


def test_committee_refused_at_six_full_members_allowed_at_seven(tree):
    branch = new_branch(tree)
    add_members(tree.org_dept, branch, 6, 2)  # probationary members do not count
    before = Event.objects.count()
    with pytest.raises(ApplicationError) as exc:
        services.term_renew(actor=tree.org_dept, org=branch, elected_on=date(2025, 6, 1),
                            has_committee=True)
    assert exc.value.message == (
        "正式党员不足7人的党支部不设支部委员会，只设书记（必要时设副书记）（《支部工作条例》第六章）；"
        "本支部现有正式党员6人。")
    assert Event.objects.count() == before
    branch.refresh_from_db()
    assert branch.elected_on is None and not branch.has_committee
    _m, warnings = services.member_add(actor=tree.org_dept, org=branch,
                                       person=PersonFactory(user=None), status=MemberStatus.FULL,
                                       joined_on=date(2020, 1, 5), full_on=date(2021, 1, 5))
    assert warnings == ["正式党员已有7人，达到7人应当设立支部委员会（《支部工作条例》第六章）。"]
    services.term_renew(actor=tree.org_dept, org=branch, elected_on=date(2025, 6, 1),
                        has_committee=True)
    branch.refresh_from_db()
    assert branch.has_committee and branch.term_due_on == date(2028, 6, 1)  # 3 years: town B


def test_term_years_village_five_other_three(tree):
    village = new_branch(tree, field=OrgField.RURAL)
    organ = new_branch(tree, name="中共某机关支部委员会", field=OrgField.ORGAN_INSTITUTION)
    assert (village.term_years, organ.term_years) == (5, 3)
    services.term_renew(actor=tree.org_dept, org=village, elected_on=date(2024, 2, 29),
                        has_committee=False)
    assert village.term_due_on == date(2029, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_joint_branch_five_units_allowed_six_refused(tree):
    units = OrganizationFactory.create_batch(6, is_handling_unit=False)
    joint = services.organisation_create(
        actor=tree.org_dept, name="中共五企业联合支部委员会", kind=OrgKind.JOINT_BRANCH,
        parent=tree.park, covered_units=units[:5])
    assert joint.covered_units.count() == 5
    before = (Event.objects.count(), PartyOrganisation.objects.count())
    with pytest.raises(ApplicationError) as exc:
        services.organisation_create(
            actor=tree.org_dept, name="中共六企业联合支部委员会", kind=OrgKind.JOINT_BRANCH,
            parent=tree.park, covered_units=units)
    assert exc.value.message == \
        "联合党支部覆盖的单位一般不超过5个（《支部工作条例》第二章），现选择了6个。"
    assert (Event.objects.count(), PartyOrganisation.objects.count()) == before
    with pytest.raises(ApplicationError):
        services.organisation_update(actor=tree.org_dept, org=joint, covered_units=units)
    assert joint.covered_units.count() == 5


@pytest.mark.parametrize(("kind", "parent_attr", "message"), [
    (OrgKind.BRANCH, None, "请选择上级党组织。"),
    (OrgKind.BASE_COMMITTEE, "town_a",
     "基层党委不能设在基层党委之下，上级应为：县委。"),
    (OrgKind.BRANCH, "branch_a1",
     "党支部不能设在党支部之下，上级应为：县委、基层党委、党总支。"),
    (OrgKind.COUNTY_COMMITTEE, "root", "县委是党组织树的根，不能设上级党组织。"),
])
def test_parent_kind_is_checked(tree, kind, parent_attr, message):
    parent = getattr(tree, parent_attr) if parent_attr else None
    before = Event.objects.count()
    with pytest.raises(ApplicationError) as exc:
        services.organisation_create(actor=tree.org_dept, name="中共新党组织", kind=kind,
                                     parent=parent, base_type="town" if kind == "base_committee"
                                     else "")
    assert exc.value.message == message
    assert Event.objects.count() == before


def test_eighth_branch_must_be_under_a_town_committee(tree):
    with pytest.raises(ApplicationError) as exc:
        services.organisation_create(actor=tree.org_dept, name="中共园区第八支部委员会",
                                     kind=OrgKind.BRANCH, parent=tree.park,
                                     special_kind="eighth_branch")
    assert exc.value.message == "第八党支部应为镇（街道）党（工）委下设的党支部。"


def test_members_go_into_branches_not_committees(tree):
    with pytest.raises(ApplicationError) as exc:
        services.member_add(actor=tree.org_dept, org=tree.town_a, person=PersonFactory(user=None),
                            status=MemberStatus.FULL, joined_on=date(2020, 1, 1),
                            full_on=date(2021, 1, 1))
    assert exc.value.message == "党员应编入党支部，党委、党总支不直接管理党员。"


def test_full_member_needs_a_conversion_date(tree):
    with pytest.raises(ApplicationError) as exc:
        services.member_add(actor=tree.org_dept, org=tree.branch_a1,
                            person=PersonFactory(user=None), status=MemberStatus.FULL,
                            joined_on=date(2020, 1, 1))
    assert exc.value.message == "正式党员请填写转正日期。"


def test_town_officer_cannot_touch_another_towns_branch(tree):
    before = Event.objects.count()
    with pytest.raises(NotInScope) as exc:
        services.organisation_create(actor=tree.town_officer, name="中共越权支部委员会",
                                     kind=OrgKind.BRANCH, parent=tree.town_b)
    assert exc.value.message == "只能在本级管理范围内设立党组织。"
    with pytest.raises(NotInScope) as exc:
        services.member_transfer(actor=tree.town_officer,
                                 member=tree.branch_a1.members.first(), to_org=tree.branch_b1)
    assert exc.value.message == \
        "只能在本级管理范围内转接组织关系；跨镇街（园区）转接请由县委组织部办理。"
    with pytest.raises(NotInScope):
        services.term_renew(actor=tree.branch_secretary, org=tree.branch_a1,
                            elected_on=date(2025, 1, 1), has_committee=False)
    assert Event.objects.count() == before
