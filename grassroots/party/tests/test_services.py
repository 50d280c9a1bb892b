"""The tree's writes: paths, moves, closing, secretaries, transfers; each writes one event."""

from datetime import date

import pytest

from grassroots.core.errors import ApplicationError
from grassroots.core.models import Event
from grassroots.testing.factories import PersonFactory

from .. import services
from ..models import MemberStatus, OrgKind, PartyMember, PartyOrganisation


def events(action):
    return Event.objects.filter(action=action).count()


def test_move_rewrites_the_subtree_paths(tree):
    general = services.organisation_create(actor=tree.org_dept, name="中共某总支",
                                           kind=OrgKind.GENERAL_BRANCH, parent=tree.town_a)
    child = services.organisation_create(actor=tree.org_dept, name="中共某总支一支部",
                                         kind=OrgKind.BRANCH, parent=general)
    services.organisation_move(actor=tree.org_dept, org=general, new_parent=tree.town_b)
    child.refresh_from_db()
    assert child.path == f"{tree.town_b.path}{general.pk}/{child.pk}/"
    assert set(PartyOrganisation.objects.subtree_of(tree.town_b).values_list("pk", flat=True)) \
        >= {general.pk, child.pk}
    assert events("party_org_moved") == 1
    with pytest.raises(ApplicationError) as exc:
        services.organisation_move(actor=tree.org_dept, org=tree.town_b, new_parent=general)
    assert exc.value.message == "不能把党组织调整到它自己或它的下级之下。"


def test_close_refused_while_members_remain(tree):
    with pytest.raises(ApplicationError) as exc:
        services.organisation_close(actor=tree.org_dept, org=tree.branch_b1)
    assert exc.value.message == "该党组织还有在册党员，请先转接党员组织关系。"
    with pytest.raises(ApplicationError) as exc:
        services.organisation_close(actor=tree.org_dept, org=tree.town_b)
    assert exc.value.message == "该党组织还有下级党组织，请先撤销或调整下级党组织。"
    services.organisation_close(actor=tree.org_dept, org=tree.eighth_a)
    tree.eighth_a.refresh_from_db()
    assert not tree.eighth_a.is_active and events("party_org_closed") == 1


def test_secretary_must_be_a_full_member_of_the_branch(tree):
    outsider = tree.branch_b1.members.first().person
    with pytest.raises(ApplicationError) as exc:
        services.secretary_set(actor=tree.org_dept, org=tree.branch_a1, person=outsider)
    assert exc.value.message == "党支部书记应为本支部的党员。"
    probationary = tree.branch_a1.members.filter(status=MemberStatus.PROBATIONARY).first()
    with pytest.raises(ApplicationError) as exc:
        services.secretary_set(actor=tree.org_dept, org=tree.branch_a1,
                               person=probationary.person)
    assert exc.value.message == "书记应为正式党员。"


def test_transfer_within_the_town_and_duplicate_member(tree):
    member = tree.branch_a1.members.filter(status=MemberStatus.FULL).first()
    services.member_transfer(actor=tree.town_officer, member=member, to_org=tree.eighth_a)
    member.refresh_from_db()
    assert member.organisation == tree.eighth_a
    assert events("party_member_transferred") == 1
    with pytest.raises(ApplicationError) as exc:
        services.member_add(actor=tree.org_dept, org=tree.branch_b1, person=member.person,
                            status=MemberStatus.FULL, joined_on=date(2020, 1, 1),
                            full_on=date(2021, 1, 1))
    assert exc.value.message == f"{member.person.name}已是{tree.eighth_a.name}的党员。"


def test_removed_member_may_come_back_on_the_same_record(tree):
    member = tree.branch_b1.members.first()
    services.member_remove(actor=tree.org_dept, member=member, reason="transfer_out")
    member.refresh_from_db()
    assert not member.is_active and member.end_reason == "transfer_out"
    again, _w = services.member_add(actor=tree.org_dept, org=tree.branch_a1, person=member.person,
                                    status=MemberStatus.FULL, joined_on=member.joined_on,
                                    full_on=member.full_on)
    assert again.pk == member.pk and again.is_active
    assert PartyMember.objects.filter(person=member.person).count() == 1


def test_member_removed_as_secretary_clears_the_secretary(tree):
    record = PartyMember.objects.get(person__user=tree.branch_secretary)
    services.member_remove(actor=tree.town_officer, member=record, reason="other")
    tree.branch_a1.refresh_from_db()
    assert tree.branch_a1.secretary is None


def test_name_must_be_unique(tree):
    before = PartyOrganisation.objects.count()
    with pytest.raises(ApplicationError) as exc:
        services.organisation_create(actor=tree.org_dept, name=tree.branch_b1.name,
                                     kind=OrgKind.BRANCH, parent=tree.town_b)
    assert exc.value.message == f"已有同名党组织“{tree.branch_b1.name}”。"
    assert PartyOrganisation.objects.count() == before


def test_post_grant_gives_the_officer_scope(tree):
    person = PersonFactory(name="胡集组织委员", user__username="t_hj_officer")
    services.post_grant(actor=tree.org_dept, org=tree.town_b, person=person)
    visible = PartyOrganisation.objects.restrict(person.user, "change")
    assert set(visible.values_list("pk", flat=True)) == {tree.town_b.pk, tree.branch_b1.pk}
