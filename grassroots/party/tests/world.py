"""A small party tree on top of the small county (grassroots/testing/county.py), built through
the real services, with one user per party role."""

from dataclasses import dataclass, field
from datetime import date

from grassroots.core.scope import Role
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.people.models import Person, User
from grassroots.testing.factories import PersonFactory, make_member

from .. import services
from ..models import BaseType, MemberStatus, OrgField, OrgKind, PartyMember, PartyOrganisation


@dataclass
class PartyTree:
    root: PartyOrganisation  # 县委
    town_a: PartyOrganisation  # 金乡街道党工委
    branch_a1: PartyOrganisation  # 金城社区党支部 (town A)
    eighth_a: PartyOrganisation  # 金乡街道第八党支部
    town_b: PartyOrganisation  # 胡集镇党委
    branch_b1: PartyOrganisation  # 胡集村党支部 (town B)
    park: PartyOrganisation  # 园区党委
    branch_p1: PartyOrganisation  # a two-new branch in the park
    org_dept: User  # county organisation department
    town_officer: User  # organisation officer of town A
    park_officer: User
    branch_secretary: User  # secretary of branch A1
    member: User  # a member of the park's two-new branch who lives in town A
    member_record: PartyMember = None
    people: dict = field(default_factory=dict)


def add_members(actor, org, n_full, n_probationary=0, prefix="党员") -> list[PartyMember]:
    made = []
    for i in range(n_full + n_probationary):
        full = i < n_full
        person = PersonFactory(name=f"{org.name[:4]}{prefix}{i}", user=None)
        member, _w = services.member_add(
            actor=actor, org=org, person=person,
            status=MemberStatus.FULL if full else MemberStatus.PROBATIONARY,
            joined_on=date(2015, 3, 1), full_on=date(2016, 3, 1) if full else None)
        made.append(member)
    return made


def build_party_tree(county) -> PartyTree:
    dept = Organization.objects.create(name="中共金乡县委组织部", short_name="县委组织部",
                                       code="D-ORGDEPT", kind=OrganizationKind.DEPARTMENT)
    org_dept = make_member(username="t_orgdept", organization=dept, role=Role.ORGANIZATION_DEPT,
                           name="组织部干部")
    create = services.organisation_create
    root = create(actor=org_dept, name="中共金乡县委员会", kind=OrgKind.COUNTY_COMMITTEE)
    town_a = create(actor=org_dept, name="中共金乡街道工作委员会", kind=OrgKind.BASE_COMMITTEE,
                    base_type=BaseType.TOWN, parent=root, division=county.town_a,
                    has_approval_authority=True)
    town_b = create(actor=org_dept, name="中共胡集镇委员会", kind=OrgKind.BASE_COMMITTEE,
                    base_type=BaseType.TOWN, parent=root, division=county.town_b,
                    has_approval_authority=True)
    park = create(actor=org_dept, name="中共金乡经济开发区委员会", kind=OrgKind.BASE_COMMITTEE,
                  base_type=BaseType.PARK, special_kind="park", parent=root,
                  field=OrgField.TWO_NEW)
    branch_a1 = create(actor=org_dept, name="中共金城社区支部委员会", kind=OrgKind.BRANCH,
                       parent=town_a, field=OrgField.URBAN_COMMUNITY, division=county.village_a)
    eighth_a = create(actor=org_dept, name="中共金乡街道第八支部委员会", kind=OrgKind.BRANCH,
                      parent=town_a, special_kind="eighth_branch", field=OrgField.URBAN_COMMUNITY)
    branch_b1 = create(actor=org_dept, name="中共胡集村支部委员会", kind=OrgKind.BRANCH,
                       parent=town_b, field=OrgField.RURAL, division=county.village_b)
    branch_p1 = create(actor=org_dept, name="中共金乡某科技有限公司支部委员会",
                       kind=OrgKind.BRANCH, parent=park, field=OrgField.TWO_NEW)
    add_members(org_dept, branch_a1, 3, 1)
    add_members(org_dept, branch_b1, 3)
    add_members(org_dept, branch_p1, 3)
    # The branch secretary: a full member of A1 with a login.
    sec_person = PersonFactory(name="社区书记", user__username="t_party_secretary")
    services.member_add(actor=org_dept, org=branch_a1, person=sec_person,
                        status=MemberStatus.FULL, joined_on=date(2010, 5, 1),
                        full_on=date(2011, 5, 1))
    services.secretary_set(actor=org_dept, org=branch_a1, person=sec_person)
    # The town officer and park officer.
    officer = PersonFactory(name="街道组织委员", user__username="t_party_officer")
    services.post_grant(actor=org_dept, org=town_a, person=officer)
    park_officer = PersonFactory(name="园区组织员", user__username="t_park_officer")
    services.post_grant(actor=org_dept, org=park, person=park_officer, title="组织员")
    # A member of the park's branch (the person lives in town A; scope follows the party tree).
    member_person = PersonFactory(name="园区党员", user__username="t_party_member")
    record, _w = services.member_add(
        actor=org_dept, org=branch_p1, person=member_person, status=MemberStatus.FULL,
        joined_on=date(2018, 7, 1), full_on=date(2019, 7, 1), residence="金乡街道金城社区")
    return PartyTree(
        root=root, town_a=town_a, branch_a1=branch_a1, eighth_a=eighth_a, town_b=town_b,
        branch_b1=branch_b1, park=park, branch_p1=branch_p1, org_dept=org_dept,
        town_officer=officer.user, park_officer=park_officer.user,
        branch_secretary=sec_person.user, member=member_person.user, member_record=record,
    )


def fresh(user: User) -> User:
    """The user without a cached scope (after a write changed it)."""
    return User.objects.get(pk=user.pk)


__all__ = ["PartyTree", "build_party_tree", "add_members", "fresh", "Person"]
