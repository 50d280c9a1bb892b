"""Scope follows the party tree, for each role."""

import pytest

from grassroots.core.scope import get_scope

from ..models import PartyMember, PartyOrganisation
from ..roles import PartyRole


def visible(user):
    return set(PartyOrganisation.objects.restrict(user, "view").values_list("name", flat=True))


def manageable(user):
    return set(PartyOrganisation.objects.restrict(user, "change").values_list("pk", flat=True))


def test_county_organisation_department_sees_and_manages_all(tree):
    assert PartyOrganisation.objects.restrict(tree.org_dept).count() == 8
    assert len(manageable(tree.org_dept)) == 8
    assert PartyMember.objects.restrict(tree.org_dept).count() == \
        PartyMember.objects.count()


def test_town_officer_sees_and_manages_the_towns_tree_only(tree):
    names = visible(tree.town_officer)
    assert names == {tree.town_a.name, tree.branch_a1.name, tree.eighth_a.name}
    assert manageable(tree.town_officer) == {tree.town_a.pk, tree.branch_a1.pk, tree.eighth_a.pk}
    assert PartyRole.ORG_OFFICER in get_scope(tree.town_officer).roles
    orgs = set(PartyMember.objects.restrict(tree.town_officer).values_list(
        "organisation_id", flat=True))
    assert orgs == {tree.branch_a1.pk}


def test_branch_secretary_sees_his_branch_and_manages_nothing(tree):
    assert visible(tree.branch_secretary) == {tree.branch_a1.name}
    assert manageable(tree.branch_secretary) == set()
    members = PartyMember.objects.restrict(tree.branch_secretary)
    assert members.count() == 5  # 3 full + 1 probationary + himself
    assert PartyRole.BRANCH_SECRETARY in get_scope(tree.branch_secretary).roles


def test_two_new_member_living_in_town_belongs_to_the_park_tree(tree):
    # The member lives in town A but his organisation is the park's branch.
    assert visible(tree.member) == {tree.branch_p1.name}
    assert list(PartyMember.objects.restrict(tree.member)) == [tree.member_record]
    # The town's officer does not see him; the park's officer does.
    assert not PartyMember.objects.restrict(tree.town_officer).filter(
        pk=tree.member_record.pk).exists()
    assert PartyMember.objects.restrict(tree.park_officer).filter(
        pk=tree.member_record.pk).exists()


def test_roles_without_party_posts_see_nothing(tree, county):
    for user in (county.town_staff, county.handler, county.citizen, county.supervisor):
        assert PartyOrganisation.objects.restrict(user).count() == 0
        assert PartyMember.objects.restrict(user).count() == 0


def test_general_branch_secretary_sees_its_branches(tree):
    # Scope is the subtree: the town officer's managed set grows with a new branch.
    from .. import services
    from ..models import OrgKind

    general = services.organisation_create(
        actor=tree.org_dept, name="中共某总支", kind=OrgKind.GENERAL_BRANCH, parent=tree.town_a)
    below = services.organisation_create(
        actor=tree.org_dept, name="中共某总支第一支部", kind=OrgKind.BRANCH, parent=general)
    from .world import fresh

    assert below.pk in manageable(fresh(tree.town_officer))
    assert below.path == f"{general.path}{below.pk}/"


@pytest.mark.parametrize("who, asked", [("branch_secretary", True), ("town_officer", True),
                                        ("org_dept", True), ("member", False)])
def test_who_may_reveal_members_data_is_asked_for_a_second_factor(tree, who, asked):
    """The party roll registers its PII source with ``may_reveal``: a branch secretary (a role
    no built-in list names) signs in with a second factor; a member alone does not."""
    from grassroots.audit.selectors import needs_second_factor

    assert needs_second_factor(getattr(tree, who)) is asked
