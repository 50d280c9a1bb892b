"""A small county with one user per role, the base every scope test builds on."""

import functools
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from grassroots.core.scope import Role
from grassroots.orgs.models import Membership, Organization, OrganizationKind
from grassroots.people.models import (
    Person,
    PersonKind,
    ServiceTeam,
    ServiceTeamMember,
    TeamSeat,
    User,
)
from grassroots.places.models import Division, DivisionLevel, Grid

from .factories import PASSWORD


@dataclass
class SmallCounty:
    county: Division
    town_a: Division
    town_b: Division
    village_a: Division
    village_b: Division
    grid_a: Grid
    grid_b: Grid
    water: Organization  # the handling unit of `handler`
    housing: Organization  # another unit (the outsider's)
    town_a_org: Organization
    dispatch_centre: Organization
    supervision_office: Organization
    admin: User
    supervisor: User
    dispatcher: User
    handler: User
    leader: User
    viewer: User  # read-only colleague in the water bureau
    outsider: User  # a handler in the housing bureau
    town_staff: User
    secretary: User
    citizen: User
    other_citizen: User


def build_small_county() -> SmallCounty:
    county = Division.objects.create(code="370828000000", name="金乡县", level=DivisionLevel.COUNTY)
    town_a = Division.objects.create(code="370828001000", name="金乡街道", level=DivisionLevel.STREET,
                                     parent=county)
    town_b = Division.objects.create(code="370828101000", name="胡集镇", level=DivisionLevel.TOWN,
                                     parent=county)
    for t in (town_a, town_b):
        t.town = t
        t.save(update_fields=["town"])
    village_a = Division.objects.create(code="370828001001", name="金城社区",
                                        level=DivisionLevel.COMMUNITY, parent=town_a, town=town_a)
    village_b = Division.objects.create(code="370828101201", name="胡集村",
                                        level=DivisionLevel.VILLAGE, parent=town_b, town=town_b)
    grid_a = Grid.objects.create(code="G-A-01", name="金城社区第一网格", division=village_a,
                                 households=300)
    grid_b = Grid.objects.create(code="G-B-01", name="胡集村第一网格", division=village_b,
                                 households=200)
    gov = Organization.objects.create(name="金乡县人民政府", code="GOV", kind=OrganizationKind.COUNTY_GOVERNMENT)
    water = Organization.objects.create(name="金乡县水务局", short_name="水务局", code="D-WATER",
                                        kind=OrganizationKind.DEPARTMENT, parent=gov,
                                        is_handling_unit=True)
    housing = Organization.objects.create(name="金乡县住房和城乡建设局", short_name="住建局",
                                          code="D-HOUSING", kind=OrganizationKind.DEPARTMENT,
                                          parent=gov, is_handling_unit=True)
    town_a_org = Organization.objects.create(name="金乡街道办事处", short_name="金乡街道",
                                             code="T-001", kind=OrganizationKind.TOWN,
                                             division=town_a, is_handling_unit=True)
    dispatch_centre = Organization.objects.create(name="金乡县民生服务中心", code="DISPATCH",
                                                  kind=OrganizationKind.DISPATCH_CENTRE, parent=gov)
    supervision_office = Organization.objects.create(name="金乡县督查室", code="SUPERVISION",
                                                     kind=OrganizationKind.SUPERVISION_OFFICE,
                                                     parent=gov)
    users = _people([
        ("t_admin", "管理员", PersonKind.CADRE), ("t_supervisor", "督查员", PersonKind.CADRE),
        ("t_dispatcher", "派单员", PersonKind.CADRE), ("t_handler", "水务承办人", PersonKind.CADRE),
        ("t_leader", "水务局长", PersonKind.CADRE), ("t_viewer", "水务只读", PersonKind.CADRE),
        ("t_outsider", "住建承办人", PersonKind.CADRE), ("t_town", "街道干部", PersonKind.CADRE),
        ("t_secretary", "t_secretary", PersonKind.CADRE),
        ("t_citizen", "李群众", PersonKind.CITIZEN), ("t_citizen2", "王群众", PersonKind.CITIZEN),
    ], staff={"t_admin"})
    # One by one: a membership's audit row ("role_grant") is written by its post_save receiver.
    for username, organization, role in (
            ("t_admin", gov, Role.ADMIN), ("t_supervisor", supervision_office, Role.SUPERVISOR),
            ("t_dispatcher", dispatch_centre, Role.DISPATCHER), ("t_handler", water, Role.HANDLER),
            ("t_leader", water, Role.UNIT_LEADER), ("t_viewer", water, Role.VIEWER),
            ("t_outsider", housing, Role.HANDLER), ("t_town", town_a_org, Role.TOWN_STAFF)):
        Membership.objects.create(person=users[username].person, organization=organization,
                                  role=role)
    team = ServiceTeam.objects.create(grid=grid_a, name=f"{grid_a.name}服务队")
    ServiceTeamMember.objects.create(team=team, person=users["t_secretary"].person,
                                     seat=TeamSeat.TOWN_CADRE, organization=town_a_org)
    return SmallCounty(
        county=county, town_a=town_a, town_b=town_b, village_a=village_a, village_b=village_b,
        grid_a=grid_a, grid_b=grid_b, water=water, housing=housing, town_a_org=town_a_org,
        dispatch_centre=dispatch_centre, supervision_office=supervision_office,
        admin=users["t_admin"], supervisor=users["t_supervisor"],
        dispatcher=users["t_dispatcher"], handler=users["t_handler"], leader=users["t_leader"],
        viewer=users["t_viewer"], outsider=users["t_outsider"], town_staff=users["t_town"],
        secretary=users["t_secretary"], citizen=users["t_citizen"],
        other_citizen=users["t_citizen2"],
    )


def _people(specs, *, staff=()) -> dict[str, User]:
    """Users with their persons, as ``factories.make_member`` makes them (the shared test
    password, phone 138 + the person's id), in four statements instead of seven per person:
    every test that asks for the county builds it."""
    password = _password_hash()
    users = User.objects.bulk_create([
        User(username=username, password=password, is_staff=username in staff)
        for username, _name, _kind in specs])
    persons = Person.objects.bulk_create([
        Person(name=name, kind=kind, user=user) for user, (_u, name, kind) in zip(users, specs, strict=True)])
    for person in persons:
        person.set_phone(f"138{person.pk:08d}"[:11])
    Person.objects.bulk_update(persons, ["phone", "phone_hash", "phone_masked"])
    for user, person in zip(users, persons, strict=True):
        user.person = person
    return {user.username: user for user in users}


@functools.cache
def _password_hash() -> str:
    return make_password(PASSWORD)
