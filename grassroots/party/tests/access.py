"""Access of the party-organisation pages and API for the access matrix
(grassroots.testing.access). The world's party tree: town A's committee with branch A1 (the
`_in` objects) and town B's committee with branch B1 (`_out`). Town A's staff member is also
the organisation officer of town A's committee (组织委员, he manages its subtree); grid A's
secretary is also the secretary of branch A1 (he reads it, changes nothing)."""

from datetime import date

from grassroots.testing.access import LOGIN, Check, expect, footprint, only, world_part
from grassroots.testing.factories import PersonFactory

from .. import services
from ..models import MemberStatus, OrgField, OrgKind, PartyMember, PartyOrganisation, PartyPost

MANAGERS = ("admin", "town_staff")
READERS = MANAGERS + ("secretary",)
footprint(PartyOrganisation, PartyMember, PartyPost)


def _members(actor, org, n):
    made = []
    for i in range(n):
        member, _w = services.member_add(
            actor=actor, org=org, person=PersonFactory(name=f"{org.name[2:6]}党员{i}", user=None),
            status=MemberStatus.FULL, joined_on=date(2015, 3, 1), full_on=date(2016, 3, 1))
        made.append(member)
    return made


@world_part()
def build_party(world):
    county, ids = world.county, world.ids
    admin = county.admin
    root = services.organisation_create(actor=admin, name="中共金乡县委员会",
                                        kind=OrgKind.COUNTY_COMMITTEE)
    for side, town, village in (("in", county.town_a, county.village_a),
                                ("out", county.town_b, county.village_b)):
        committee = services.organisation_create(
            actor=admin, name=f"中共{town.name}委员会", kind=OrgKind.BASE_COMMITTEE,
            base_type="town", parent=root, division=town, has_approval_authority=True)
        branch = services.organisation_create(
            actor=admin, name=f"中共{village.name}支部委员会", kind=OrgKind.BRANCH,
            parent=committee, division=village, field=OrgField.RURAL)
        members = _members(admin, branch, 3)
        ids.update({f"party_committee_{side}": committee.pk, f"party_org_{side}": branch.pk,
                    f"party_member_{side}": members[0].pk,
                    f"party_full_member_{side}": members[1].pk})
    committee_a = PartyOrganisation.objects.get(pk=ids["party_committee_in"])
    branch_a = PartyOrganisation.objects.get(pk=ids["party_org_in"])
    services.post_grant(actor=admin, org=committee_a, person=county.town_staff.person)
    services.member_add(actor=admin, org=branch_a, person=county.secretary.person,
                        status=MemberStatus.FULL, joined_on=date(2012, 7, 1),
                        full_on=date(2013, 7, 1))
    services.secretary_set(actor=admin, org=branch_a, person=county.secretary.person)


READ = only(READERS)
READ_ALL = only(("admin",))  # the out-of-scope object: only the county-wide admin
MANAGE = only(MANAGERS, secretary=403)
POST_MANAGE = only(MANAGERS, code=302, secretary=403)
POST_ADMIN = only(("admin",), code=302)

ROUTES = {
    "party/": Check("/party/", READ),
    "party/orgs/new/": Check("/party/orgs/new/", MANAGE),
    "party/orgs/<int:pk>/": Check("/party/orgs/{party_org_in}/", READ, READ_ALL),
    "party/orgs/<int:pk>/edit/": Check("/party/orgs/{party_org_in}/edit/", MANAGE, READ_ALL),
    "party/orgs/<int:pk>/members/new/": Check("/party/orgs/{party_org_in}/members/new/",
                                              MANAGE, READ_ALL),
    "party/orgs/<int:pk>/term/": Check(
        "/party/orgs/{party_org_in}/term/", POST_MANAGE, POST_ADMIN, method="post",
        data={"elected_on": "2025-06-01"}),
    "party/orgs/<int:pk>/secretary/": Check(
        "/party/orgs/{party_org_in}/secretary/", POST_MANAGE, POST_ADMIN, method="post",
        data={"member": "{party_full_member_in}"}),
    "party/members/<int:pk>/remove/": Check(
        "/party/members/{party_member_in}/remove/", POST_MANAGE, POST_ADMIN, method="post",
        data={"reason": "deceased", "ended_on": "2026-01-05"}),
    "party/export/<slug:what>.xlsx": Check("/party/export/members.xlsx", READ),
    "party/import/": Check("/party/import/", expect(
        404, anonymous=LOGIN, admin=200, town_staff=403, secretary=403)),
    "api:GET /party-orgs": Check("/api/v1/party-orgs", only(READERS, anonymous=401)),
    "api:GET /party-orgs/{org_id}": Check(
        "/api/v1/party-orgs/{party_org_in}", only(READERS, anonymous=401),
        only(("admin",), anonymous=401)),
    "api:GET /party-orgs/{org_id}/members": Check(
        "/api/v1/party-orgs/{party_org_in}/members", only(READERS, anonymous=401),
        only(("admin",), anonymous=401)),
}
