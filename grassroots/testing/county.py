"""A small county with one user per role, the base every scope test builds on."""

from dataclasses import dataclass

from grassroots.core.scope import Role
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.people.models import PersonKind, User
from grassroots.places.models import Division, DivisionLevel, Grid

from .factories import make_member, make_secretary


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
    admin = make_member(username="t_admin", organization=gov, role=Role.ADMIN, name="管理员")
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    return SmallCounty(
        county=county, town_a=town_a, town_b=town_b, village_a=village_a, village_b=village_b,
        grid_a=grid_a, grid_b=grid_b, water=water, housing=housing, town_a_org=town_a_org,
        dispatch_centre=dispatch_centre, supervision_office=supervision_office,
        admin=admin,
        supervisor=make_member(username="t_supervisor", organization=supervision_office,
                               role=Role.SUPERVISOR, name="督查员"),
        dispatcher=make_member(username="t_dispatcher", organization=dispatch_centre,
                               role=Role.DISPATCHER, name="派单员"),
        handler=make_member(username="t_handler", organization=water, role=Role.HANDLER,
                            name="水务承办人"),
        leader=make_member(username="t_leader", organization=water, role=Role.UNIT_LEADER,
                           name="水务局长"),
        viewer=make_member(username="t_viewer", organization=water, role=Role.VIEWER,
                           name="水务只读"),
        outsider=make_member(username="t_outsider", organization=housing, role=Role.HANDLER,
                             name="住建承办人"),
        town_staff=make_member(username="t_town", organization=town_a_org, role=Role.TOWN_STAFF,
                               name="街道干部"),
        secretary=make_secretary(username="t_secretary", grid=grid_a, organization=town_a_org),
        citizen=make_member(username="t_citizen", organization=None, role=None, name="李群众",
                            kind=PersonKind.CITIZEN),
        other_citizen=make_member(username="t_citizen2", organization=None, role=None,
                                  name="王群众", kind=PersonKind.CITIZEN),
    )
