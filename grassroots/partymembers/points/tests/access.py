"""Access of the points pages and API for the access matrix (collected through
../../tests/access.py), on the party world of grassroots/party/tests/access.py: branch A1
(`_in`; its secretary is the matrix's secretary and a member of it, town_staff is town A's
organisation officer) and branch B1 (`_out`). The secretary's own entries are the ones a
member disputes; the rating round is A1's."""

from datetime import timedelta

from grassroots.testing.access import LOGIN, Check, expect, footprint, only, world_part

STAFF = ("admin", "town_staff", "secretary")
TOWN = ("admin", "town_staff")
READ = only(STAFF)
READ_OUT = only(("admin",))
POST_STAFF = only(STAFF, code=302)
POST_ADMIN = only(("admin",), code=302)
SELF_POST = only(("secretary",), code=302)
NOBODY_POST = only((), code=302)


@world_part(after=("party",))
def build_points(world):
    from grassroots.party.models import PartyMember, PartyOrganisation

    from .. import services
    from ..models import (
        OrgRating,
        PeerRating,
        PeerRound,
        PointEntry,
        PointsPosting,
        PointsScheme,
        ScoringItem,
    )
    from ..services.common import today

    footprint(PointEntry, PeerRating, PeerRound, OrgRating, PointsPosting, PointsScheme,
              ScoringItem)
    ids, admin = world.ids, world.county.admin
    # A transactional test earlier on the same worker (a browser test) flushes the rows the
    # migration shipped: ship the points rule set again (idempotent).
    from grassroots.rulesets.models import RuleParam, RuleSet

    from ...records.rulesets import ship_records
    from ..rulesets import ship_points

    ship_points(RuleSet, RuleParam)
    ship_records(RuleSet, RuleParam)
    now = today()
    scheme = services.scheme_create(actor=admin, year=now.year)
    services.scheme_publish(actor=admin, scheme=scheme)
    ids["pt_scheme"] = scheme.pk
    ids["pt_scheme_draft"] = services.scheme_create(actor=admin, year=now.year + 1).pk
    item = scheme.items.get(code="OT-01")
    own = PartyMember.objects.get(person=world.county.secretary.person)
    for key, member in (("in", PartyMember.objects.get(pk=ids["party_member_in"])),
                        ("out", PartyMember.objects.get(pk=ids["party_member_out"])),
                        ("own_page", own), ("own_api", own)):
        ids[f"pt_entry_{key}"] = services.entry_propose(
            actor=admin, member=member, item=item, occurred_on=now, evidence="完成任务").pk
    for side in ("in", "out"):
        org = PartyOrganisation.objects.get(pk=ids[f"party_org_{side}"])
        ids[f"pt_round_{side}"] = services.round_open(
            actor=admin, scheme=scheme, organisation=org, closes_on=now + timedelta(days=7)).pk


ROUTES = {
    "party/points/mine/": Check("/party/points/mine/", expect(200, anonymous=LOGIN)),
    "party/points/mine/<int:pk>/dispute/": Check(
        "/party/points/mine/{pt_entry_own_page}/dispute/", SELF_POST, method="post", data={"reason": "日期有误"}),
    "party/points/rounds/<int:pk>/rate/": Check(
        "/party/points/rounds/{pt_round_in}/rate/", SELF_POST, NOBODY_POST, method="post",
        data={"ratee": "{party_member_in}", "score": "90"}),
    "party/points/": Check("/party/points/", READ),
    "party/points/entries/<int:pk>/act/": Check(
        "/party/points/entries/{pt_entry_in}/act/", POST_STAFF, POST_ADMIN, method="post",
        data={"op": "confirm"}),
    "party/points/schemes/": Check("/party/points/schemes/", READ),
    "party/points/schemes/new/": Check(
        "/party/points/schemes/new/", only(("admin",), code=302, town_staff=403, secretary=403),
        method="post", data={"year": "2999"}),
    "party/points/schemes/<int:pk>/": Check("/party/points/schemes/{pt_scheme}/", READ),
    "party/points/schemes/<int:pk>/act/": Check(
        "/party/points/schemes/{pt_scheme_draft}/act/",
        only(("admin",), code=302, town_staff=403, secretary=403), method="post",
        data={"op": "add", "code": "X-01", "label": "县里增加的项目", "aspect": "org_task",
              "kind": "add", "points": "1", "period": "month", "recorder_role": "organiser"}),
    "party/points/stats/": Check("/party/points/stats/", only(TOWN)),
    "party/points/orgs/<int:pk>/rating/": Check(
        "/party/points/orgs/{party_org_in}/rating/", READ, READ_OUT),
    "party/points/orgs/<int:pk>/rating/act/": Check(
        "/party/points/orgs/{party_org_in}/rating/act/", POST_STAFF, POST_ADMIN, method="post",
        data={"op": "round_close"}),
    "party/points/orgs/<int:pk>/posting.xlsx": Check(
        "/party/points/orgs/{party_org_in}/posting.xlsx", READ, READ_OUT),
    "party/points/members/<int:pk>/card.docx": Check(
        "/party/points/members/{party_member_in}/card.docx", READ, READ_OUT),
    "api:GET /party/points/mine": Check("/api/v1/party/points/mine",
                                        expect(200, anonymous=401)),
    "api:GET /party/points/branches/{org_id}/quarter": Check(
        "/api/v1/party/points/branches/{party_org_in}/quarter", only(STAFF, anonymous=401),
        only(("admin",), anonymous=401)),
    "api:POST /party/points/entries/{entry_id}/dispute": Check(
        "/api/v1/party/points/entries/{pt_entry_own_api}/dispute",
        only(("secretary",), anonymous=401), method="post",
        json={"reason": "日期有误"}),
}
