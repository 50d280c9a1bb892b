"""A small two-new world on top of testing.county.SmallCounty, for the tests and the access
matrix: a county committee with a town committee (a branch holding members "elsewhere") and two
park committees (A with a joint branch); parks A and B; a county two-new committee officer,
park A's officer (also the park committee's organisation officer in the party tree) and centre
manager, park B's officer, an instructor with one assigned organisation; three organisations in
park A and one in park B; park A's centre with two zones and three rooms."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from grassroots.party.models import (
    MemberStatus,
    OrgKind,
    PartyMember,
    PartyOrganisation,
    PartyPost,
)
from grassroots.people.models import Person, PersonKind
from grassroots.testing.factories import PersonFactory, make_member

from ..models import ParkStaff
from ..models.registry import ParkStaffRole
from ..roles import TwoNewRole
from ..services import centre_create, instructor_create, org_register, park_create
from ..services.registry import uscc_check_char


def credit_code(n: int) -> str:
    first = f"91370828MA{n:07d}"
    return first + uscc_check_char(first)


def party_org(name, kind, parent=None, **fields) -> PartyOrganisation:
    org = PartyOrganisation.objects.create(name=name, kind=kind, parent=parent, **fields)
    org.path = f"{parent.path if parent else '/'}{org.pk}/"
    org.save(update_fields=["path"])
    return org


def member(org, name, status=MemberStatus.FULL, id_number="") -> PartyMember:
    person = Person.objects.create(name=name, kind=PersonKind.CITIZEN)
    if id_number:
        person.set_id_number(id_number)
        person.save()
    return PartyMember.objects.create(person=person, organisation=org, status=status,
                                      joined_on=date(2012, 7, 1), full_on=date(2013, 7, 1))


@dataclass
class TwoNewWorld:
    county: object
    committee_user: object
    officer_a: object
    officer_b: object
    manager_a: object
    instructor_user: object
    park_a: object
    park_b: object
    park_committee_a: PartyOrganisation
    joint_branch: PartyOrganisation
    town_branch: PartyOrganisation
    instructor: object
    orgs: dict = field(default_factory=dict)
    centre: object = None
    rooms: list = field(default_factory=list)
    elsewhere: list = field(default_factory=list)  # full members in the town branch


def _staff(username, name, park, role):
    person = PersonFactory(user__username=username, name=name)
    ParkStaff.objects.create(park=park, person=person, role=role)
    return person


def build_twonew_world(county, prefix: str = "") -> TwoNewWorld:
    root = party_org(f"{prefix}中共测试县委员会", OrgKind.COUNTY_COMMITTEE)
    town = party_org(f"{prefix}中共测试街道工作委员会", OrgKind.BASE_COMMITTEE, root,
                     base_type="town", division=county.town_a)
    town_branch = party_org(f"{prefix}中共测试社区支部委员会", OrgKind.BRANCH, town)
    park_committee_a = party_org(f"{prefix}中共测试开发区工作委员会", OrgKind.BASE_COMMITTEE, root,
                                 base_type="park", special_kind="park", field="two_new")
    park_committee_b = party_org(f"{prefix}中共测试食品园区委员会", OrgKind.BASE_COMMITTEE, root,
                                 base_type="park", special_kind="park", field="two_new")
    joint = party_org(f"{prefix}中共测试开发区非公企业联合支部委员会", OrgKind.JOINT_BRANCH,
                      park_committee_a, field="two_new")
    gov = county.admin.person.memberships.first().organization
    committee_user = make_member(username=f"{prefix}t_twonew_committee", organization=gov,
                                 role=TwoNewRole.COMMITTEE, name="两新工委干事")
    admin = county.admin
    park_a = park_create(actor=admin, name=f"{prefix}测试经济开发区", division=county.town_a,
                         committee=park_committee_a)
    park_b = park_create(actor=admin, name=f"{prefix}测试食品工业园区", division=county.town_b,
                         committee=park_committee_b)
    officer_a = _staff(f"{prefix}t_park_officer_a", "开发区组织委员", park_a, ParkStaffRole.OFFICER)
    PartyPost.objects.create(person=officer_a, organisation=park_committee_a)
    officer_b = _staff(f"{prefix}t_park_officer_b", "园区组织委员", park_b, ParkStaffRole.OFFICER)
    PartyPost.objects.create(person=officer_b, organisation=park_committee_b)
    manager_a = _staff(f"{prefix}t_centre_manager_a", "服务中心管理员", park_a,
                       ParkStaffRole.CENTRE_MANAGER)
    instructor_person = PersonFactory(user__username=f"{prefix}t_instructor", name="红帆指导员")
    instructor = instructor_create(actor=admin, person=instructor_person, source="县直机关",
                                   appointed_on=date(2025, 3, 1))
    w = TwoNewWorld(county=county, committee_user=committee_user, officer_a=officer_a.user,
                    officer_b=officer_b.user, manager_a=manager_a.user,
                    instructor_user=instructor_person.user, park_a=park_a, park_b=park_b,
                    park_committee_a=park_committee_a, joint_branch=joint,
                    town_branch=town_branch, instructor=instructor)
    specs = (("a1", "蒜都食品有限公司", park_a, True), ("a2", "鑫源冷藏物流有限公司", park_a, False),
             ("a3", "华光农业科技有限公司", park_a, False), ("b1", "金正大蒜制品有限公司", park_b, True))
    for i, (key, name, park, above) in enumerate(specs, start=1):
        w.orgs[key] = org_register(
            actor=admin, name=f"{prefix}测试{name}", credit_code=credit_code(i + (100 if prefix else 0)),
            division=park.division, park=park, employees=60, is_above_size=above,
            size_basis="工业主营业务收入2000万元以上" if above else "",
            size_year=2025 if above else None)
    w.orgs["a3"].instructor = instructor
    w.orgs["a3"].save(update_fields=["instructor"])
    w.centre = centre_create(actor=admin, park=park_a, name=f"{prefix}开发区党群服务中心",
                             area_m2=1000, zones=[
                                 ("党建活动区", [("政治生日室", "政治生日", 30, "投影"),
                                            ("党性体检室", "党性体检", 20, "")]),
                                 ("服务区", [("书记讲堂", "书记讲堂", 80, "音响")])])
    from ..models import FunctionRoom

    w.rooms = list(FunctionRoom.objects.filter(zone__centre=w.centre).order_by("pk"))
    w.elsewhere = [member(town_branch, f"{prefix}在外党员{i}", id_number=f"37082819900101{i:03d}{'X'}")
                   for i in range(1, 5)]
    return w
