"""A small party tree on top of testing.county.SmallCounty, for the meetings tests and the access
matrix: county committee → town A's committee (an organisation officer) → branch A (secretary,
10 full and 2 probationary members, a committee); town B's committee → branch B (secretary,
3 full members)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from grassroots.core.scope import Role
from grassroots.party.models import (
    MemberStatus,
    OrgKind,
    PartyMember,
    PartyOrganisation,
    PartyPost,
)
from grassroots.people.models import Person, PersonKind
from grassroots.testing.factories import PersonFactory, make_member


@dataclass
class PartyWorld:
    county_committee: PartyOrganisation
    town_a: PartyOrganisation
    town_b: PartyOrganisation
    branch_a: PartyOrganisation
    branch_b: PartyOrganisation
    org_dept: object  # user of the county organisation department
    officer_a: object  # town A's organisation officer
    secretary_a: object  # branch A's secretary (a full member of it)
    secretary_b: object
    full_a: list  # PartyMember rows of branch A (full, secretary included)
    probationary_a: list


def _org(name, kind, parent=None, **fields) -> PartyOrganisation:
    org = PartyOrganisation.objects.create(name=name, kind=kind, parent=parent, **fields)
    org.path = f"{parent.path if parent else '/'}{org.pk}/"
    org.save(update_fields=["path"])
    return org


def _member(org, person, status=MemberStatus.FULL) -> PartyMember:
    return PartyMember.objects.create(person=person, organisation=org, status=status,
                                      joined_on=date(2010, 7, 1))


def build_party_world(county, prefix: str = "") -> PartyWorld:
    cc = _org(f"{prefix}中共金乡县委员会", OrgKind.COUNTY_COMMITTEE)
    town_a = _org(f"{prefix}中共金乡街道工作委员会", OrgKind.BASE_COMMITTEE, cc,
                  division=county.town_a, has_committee=True)
    town_b = _org(f"{prefix}中共胡集镇委员会", OrgKind.BASE_COMMITTEE, cc,
                  division=county.town_b, has_committee=True)
    branch_a = _org(f"{prefix}金城社区党支部", OrgKind.BRANCH, town_a,
                    division=county.village_a, has_committee=True)
    branch_b = _org(f"{prefix}胡集村党支部", OrgKind.BRANCH, town_b, division=county.village_b)
    gov = county.admin.person.memberships.first().organization
    org_dept = make_member(username=f"{prefix}t_orgdept", organization=gov,
                           role=Role.ORGANIZATION_DEPT, name="组织部干事")
    officer = PersonFactory(user__username=f"{prefix}t_officer_a", name="街道组织委员")
    PartyPost.objects.create(person=officer, organisation=town_a)
    sec_a = PersonFactory(user__username=f"{prefix}t_party_sec_a", name="金城书记")
    sec_b = PersonFactory(user__username=f"{prefix}t_party_sec_b", name="胡集书记")
    branch_a.secretary = sec_a
    branch_a.save(update_fields=["secretary"])
    branch_b.secretary = sec_b
    branch_b.save(update_fields=["secretary"])
    full_a = [_member(branch_a, sec_a)] + [
        _member(branch_a, Person.objects.create(name=f"{prefix}党员{i}", kind=PersonKind.CITIZEN))
        for i in range(1, 10)]
    prob_a = [_member(branch_a, Person.objects.create(name=f"{prefix}预备{i}",
                                                      kind=PersonKind.CITIZEN),
                      MemberStatus.PROBATIONARY) for i in range(1, 3)]
    _member(branch_b, sec_b)
    for i in range(1, 3):
        _member(branch_b, Person.objects.create(name=f"{prefix}胡集党员{i}",
                                                kind=PersonKind.CITIZEN))
    return PartyWorld(county_committee=cc, town_a=town_a, town_b=town_b, branch_a=branch_a,
                      branch_b=branch_b, org_dept=org_dept, officer_a=officer.user,
                      secretary_a=sec_a.user, secretary_b=sec_b.user, full_a=full_a,
                      probationary_a=prob_a)
