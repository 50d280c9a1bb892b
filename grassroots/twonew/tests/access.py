"""The two-new pages and API in the access matrix (grassroots.testing.access).

The matrix's world gets a two-new world of its own (names prefixed 矩阵). No new role is
registered (it would run against every other app's pages): the base county's town A staff member
becomes park A's officer (ParkStaff, and the park committee's organisation officer in the party
tree). ``{tn_*_in}`` objects are park A's, ``{tn_*_out}`` park B's; the admin sees and does
everything; every other role has no two-new post and gets the 404 of a missing page (an
instructor's narrower scope is tested in test_teams.py and test_pages.py)."""

from datetime import timedelta

from django.utils import timezone

from grassroots.testing.access import LOGIN, Check, expect, footprint, world_part

IN_PARK = ("admin", "town_staff")


def page(code: int = 200, anonymous: int = LOGIN):
    return expect(404, anonymous=anonymous, **dict.fromkeys(IN_PARK, code))


def obj(code: int = 200, anonymous: int = LOGIN):
    return (expect(404, anonymous=anonymous, **dict.fromkeys(IN_PARK, code)),
            expect(404, anonymous=anonymous, admin=code))


ROUTES = {
    "twonew/": Check("/twonew/", page()),
    "twonew/coverage/": Check("/twonew/coverage/", page()),
    "twonew/export/<slug:kind>/": [Check("/twonew/export/survey/", page()),
                                   Check("/twonew/export/coverage/", page())],
    "twonew/orgs/": Check("/twonew/orgs/", page()),
    "twonew/orgs/new/": [
        Check("/twonew/orgs/new/", page()),
        Check("/twonew/orgs/new/", page(302), method="post", data={
            "name": "矩阵新登记企业", "credit_code": "{tn_new_code}", "kind": "enterprise",
            "park": "{tn_park_in}", "division": "{tn_town_in}", "employees": 30,
            "operating_status": "operating"})],
    "twonew/orgs/import/": [
        Check("/twonew/orgs/import/", page().but(town_staff=403)),
        # no file: the form is refused and nothing is written
        Check("/twonew/orgs/import/", page(400).but(town_staff=403), method="post", data={},
              writes=())],
    "twonew/orgs/<int:pk>/": Check("/twonew/orgs/{tn_org_in}/", *obj()),
    "twonew/orgs/<int:pk>/survey/": Check(
        "/twonew/orgs/{tn_org_in}/survey/", *obj(302), method="post", data={
            "surveyed_on": "{tn_today}", "employees": 50, "operating_status": "operating",
            "full_members": 0, "probationary_members": 0, "coverage_mode": "none"}),
    "twonew/entries/": Check("/twonew/entries/", page()),
    "twonew/entries/new/": [
        Check("/twonew/entries/new/", page()),
        Check("/twonew/entries/new/", page(302), method="post", data={
            "org": "{tn_org_in}", "park": "{tn_park_in}", "entered_on": "{tn_today}"})],
    "twonew/entries/<int:pk>/": Check("/twonew/entries/{tn_entry_in}/", *obj()),
    "twonew/entries/<int:pk>/step/": Check(
        "/twonew/entries/{tn_entry_in}/step/", *obj(302), method="post", data={
            "action": "park_entry_survey", "procedures_done_on": "{tn_today}", "members": ""}),
    "twonew/entries/<int:pk>/sheet/": Check("/twonew/entries/{tn_entry_in}/sheet/", *obj()),
    "twonew/entries/<int:pk>/approval/": Check("/twonew/entries/{tn_founded_in}/approval/",
                                               *obj()),
    "twonew/entries/<int:pk>/request/": Check(  # not applied for: nobody has it yet
        "/twonew/entries/{tn_entry_in}/request/", expect(404, anonymous=LOGIN),
        expect(404, anonymous=LOGIN)),
    "twonew/people/": Check("/twonew/people/", page()),
    "twonew/people/appointment/": Check("/twonew/people/appointment/",
                                        page().but(town_staff=403)),
    "twonew/new/<slug:kind>/": [
        Check("/twonew/new/instructor/", page().but(town_staff=403)),
        Check("/twonew/new/team/", page()),
        Check("/twonew/new/problem/", page(302), method="post", data={
            "team": "{tn_team_in}", "title": "矩阵课题", "raised_on": "{tn_today}"})],
    "twonew/centre/calendar/": Check("/twonew/centre/calendar/", page()),
    "twonew/visits/new/": Check("/twonew/visits/new/", page(302), method="post", data={
        "org": "{tn_org_in}", "visited_on": "{tn_today}", "visitor_kind": "liaison",
        "purpose": "policy", "findings": "了解党员情况"}),
    "twonew/centre/": Check("/twonew/centre/", page()),
    "twonew/centre/book/": Check("/twonew/centre/book/", page(302), method="post", data={
        "room": "{tn_room_in}", "starts_at": "{tn_start}", "ends_at": "{tn_end}",
        "purpose": "政治生日"}),
    "twonew/bookings/<int:pk>/cancel/": Check("/twonew/bookings/{tn_booking_in}/cancel/",
                                              *obj(302), method="post"),
    "twonew/teams/": Check("/twonew/teams/", page()),
    "twonew/problems/<int:pk>/act/": Check("/twonew/problems/{tn_problem_in}/act/", *obj(302),
                                           method="post", data={"action": "problem_start"}),
    "twonew/matters/<int:pk>/act/": Check(
        "/twonew/matters/{tn_matter_in}/act/", *obj(302), method="post",
        data={"action": "solve", "result": "已协调解决", "solved_on": "{tn_today}"}),
    "api:GET /twonew/orgs": Check("/api/v1/twonew/orgs", page(200, 401)),
    "api:GET /twonew/orgs/{int:org_id}": Check("/api/v1/twonew/orgs/{tn_org_in}",
                                               *obj(200, 401)),
    "api:GET /twonew/entries": Check("/api/v1/twonew/entries", page(200, 401)),
    "api:GET /twonew/entries/{int:entry_id}": Check("/api/v1/twonew/entries/{tn_entry_in}",
                                                    *obj(200, 401)),
    # the surveyed member is not transferred yet: answered, nothing written
    "api:POST /twonew/entries/{int:entry_id}/sync-transfers": Check(
        "/api/v1/twonew/entries/{tn_founded_in}/sync-transfers", *obj(200, 401),
        method="post", json={}, writes=(), writes_out=()),
    "api:GET /twonew/coverage": Check("/api/v1/twonew/coverage", page(200, 401)),
    "api:POST /twonew/bookings": Check("/api/v1/twonew/bookings", page(201, 401),
                                       method="post", json={
                                           "room": "{tn_room_in}", "starts_at": "{tn_start}",
                                           "ends_at": "{tn_end}", "purpose": "书记讲堂"}),
}


@world_part(after=("party",))
def build_twonew(world):
    from grassroots.party.models import PartyPost

    from ..models import (
        InstructorVisit,
        ParkEntry,
        ParkStaff,
        RedTeamKind,
        RoomBooking,
        SyncTask,
        TwoNewOrg,
    )
    from ..models.registry import ParkStaffRole
    from ..services import (
        centre_create,
        entry_join_branch,
        entry_plan_coverage,
        entry_register,
        entry_survey,
        matter_record,
        org_register,
        problem_raise,
        red_team_create,
        room_book,
    )
    from ..services.common import today
    from .world import build_twonew_world, credit_code, party_org

    footprint(TwoNewOrg, ParkEntry, SyncTask, InstructorVisit, RoomBooking)
    county = world.county
    w = build_twonew_world(county, prefix="矩阵")
    ParkStaff.objects.create(park=w.park_a, person=county.town_staff.person,
                             role=ParkStaffRole.OFFICER)
    PartyPost.objects.create(person=county.town_staff.person, organisation=w.park_committee_a)
    admin = county.admin
    centre_b = centre_create(actor=admin, park=w.park_b, name="矩阵园区党群服务中心", area_m2=500,
                             zones=[("活动区", [("活动室", "活动", 30, "")])])
    room_b = centre_b.zones.get().rooms.get()
    ids = world.ids
    now = timezone.localtime()
    start = (now + timedelta(days=5)).replace(hour=9, minute=0, second=0, microsecond=0)
    ids.update(tn_today=today().isoformat(), tn_new_code=credit_code(999),
               tn_park_in=w.park_a.pk, tn_town_in=county.town_a.pk,
               tn_org_in=w.orgs["a1"].pk, tn_org_out=w.orgs["b1"].pk,
               tn_room_in=w.rooms[0].pk, tn_room_out=room_b.pk,
               tn_start=start.strftime("%Y-%m-%dT%H:%M"),
               tn_end=(start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    joint_b = party_org("矩阵食品园区联合支部委员会", "joint_branch", w.park_b.committee)
    RedTeamKind.ensure_defaults()
    kind = RedTeamKind.objects.order_by("order").first()
    for side, key, joint_key, park, joint, room in (
            ("in", "a2", "a3", w.park_a, w.joint_branch, w.rooms[1]),
            ("out", "b1", None, w.park_b, joint_b, room_b)):
        ids[f"tn_entry_{side}"] = entry_register(actor=admin, org=w.orgs[key], park=park,
                                                 entered_on=today()).pk
        if joint_key is None:  # park B: a second unit
            org = org_register(actor=admin, name="矩阵园区二号企业", credit_code=credit_code(998),
                               division=county.town_b, park=park)
        else:
            org = w.orgs[joint_key]
        entry = entry_register(actor=admin, org=org, park=park, entered_on=today())
        entry = entry_survey(actor=admin, entry=entry, procedures_done_on=today(), members=[
            {"person": w.elsewhere[0 if side == "in" else 1].person, "is_full": True}])
        entry = entry_plan_coverage(actor=admin, entry=entry, plan="joint")
        entry = entry_join_branch(actor=admin, entry=entry, branch=joint, joined_on=today())
        ids[f"tn_founded_{side}"] = entry.pk
        ids[f"tn_booking_{side}"] = room_book(
            actor=admin, room=room, starts_at=start + timedelta(days=1),
            ends_at=start + timedelta(days=1, hours=1), purpose="党性体检").pk
        owner = w.orgs["a1" if side == "in" else "b1"]
        team = red_team_create(actor=admin, org=owner, kind=kind, name=f"矩阵班组{side}",
                               leader=w.elsewhere[2].person, founded_on=today())
        ids[f"tn_team_{side}"] = team.pk
        ids[f"tn_problem_{side}"] = problem_raise(actor=admin, team=team, title="设备改造",
                                                  raised_on=today()).pk
        ids[f"tn_matter_{side}"] = matter_record(actor=admin, org=owner, raised_by="职工",
                                                 content="希望增设职工书屋。",
                                                 raised_on=today()).pk
