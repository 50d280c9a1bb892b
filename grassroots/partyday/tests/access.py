"""The partyday pages and API in the access matrix (grassroots.testing.access).

The world gets a small party tree of its own (names prefixed 党日). As in the meetings' file,
no matrix role is added: the base county's town A staff member becomes the organisation officer
of town A's committee and grid A's secretary the secretary of branch A. The admin sees and
records everything. ``{pd_*_in}`` are branch A's objects, ``{pd_*_out}`` branch B's (town B).
Every other role (the mass representative's pages included: nobody in the base county is one)
gets the 404 of a missing page."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from grassroots.testing.access import LOGIN, Check, expect, footprint, world_part

ALL = ("admin",)
IN_TREE = ALL + ("town_staff", "secretary")


def page(code: int = 200):
    return expect(404, anonymous=LOGIN, **dict.fromkeys(IN_TREE, code))


def obj(code: int = 200, anonymous: int = LOGIN):
    return (expect(404, anonymous=anonymous, **dict.fromkeys(IN_TREE, code)),
            expect(404, anonymous=anonymous, **dict.fromkeys(ALL, code)))


NOBODY = expect(404, anonymous=LOGIN)

ROUTES = {
    "partyday/": Check("/partyday/", page()),
    "partyday/new/": [
        Check("/partyday/new/", page()),
        Check("/partyday/new/", page(302), method="post",
              data={"branch": "{pd_branch_in}", "theme": "学习党章", "planned_on": "{pd_today}"})],
    "partyday/<int:pk>/": Check("/partyday/{pd_planned_in}/", *obj()),
    "partyday/<int:pk>/invite/": Check(
        "/partyday/{pd_planned_in}/invite/", *obj(302), method="post",
        data={"name": "李群众", "kind": "mass_rep"}),
    "partyday/<int:pk>/sign-in/<int:invitation>/": Check(
        "/partyday/{pd_planned_in}/sign-in/{pd_invitation_in}/", *obj(302), method="post"),
    "partyday/<int:pk>/hold/": Check(
        "/partyday/{pd_planned_in}/hold/", *obj(302), method="post",
        data={"minutes": "学习党章，讨论村里的道路维修事项。", "present": "{pd_person_in}"}),
    "partyday/<int:pk>/suggest/": Check(
        "/partyday/{pd_held_in}/suggest/", *obj(302), method="post",
        data={"raised_by_name": "王大爷", "kind": "rational", "content": "建议在村口安装路灯。"}),
    "partyday/<int:pk>/lecture/": Check(
        "/partyday/{pd_held_in}/lecture/", *obj(302), method="post",
        data={"lecturer": "张老师", "lecturer_kind": "school_teacher", "topic": "党的二十大精神"}),
    "partyday/<int:pk>/doc/<str:doc>/": Check("/partyday/{pd_held_in}/doc/record/", *obj()),
    "partyday/suggestions/": Check("/partyday/suggestions/", page()),
    "partyday/suggestions/<int:pk>/": Check("/partyday/suggestions/{pd_suggestion_in}/", *obj()),
    "partyday/suggestions/<int:pk>/act/": Check(
        "/partyday/suggestions/{pd_suggestion_in}/act/", *obj(302), method="post",
        data={"action": "suggestion_decide", "decision": "adopted"}),
    "partyday/suggestions/<int:pk>/slip/": Check(
        "/partyday/suggestions/{pd_suggestion_in}/slip/", *obj()),
    "partyday/stats/": Check("/partyday/stats/", page()),
    "partyday/stats/xlsx/": Check("/partyday/stats/xlsx/", page()),
    "partyday/stats/not-held/": Check("/partyday/stats/not-held/?town={pd_town_a}", page()),
    "partyday/menus/": Check("/partyday/menus/", page()),
    "partyday/menus/<int:pk>/": Check("/partyday/menus/{pd_menu_in}/", *obj()),
    "partyday/menus/<int:pk>/doc/": Check("/partyday/menus/{pd_menu_in}/doc/", *obj()),
    "partyday/sites/": Check("/partyday/sites/", page()),
    "partyday/representatives/": Check("/partyday/representatives/", page()),
    "partyday/me/": Check("/partyday/me/", NOBODY),
    "partyday/me/log/": Check("/partyday/me/log/", NOBODY, method="post",
                              data={"date": "{pd_today}", "households": 3,
                                    "issues": "群众反映路灯不亮。"}),
    # editing pages (views/edit.py): the services' policy decides, the branch's officers write
    "partyday/menus/new/": Check(
        "/partyday/menus/new/", expect(404, anonymous=LOGIN, admin=302, town_staff=403,
                                       secretary=403), method="post",
        data={"level": "county", "owner_org": "{pd_branch_in}", "year": "{pd_next_year}"}),
    "partyday/menus/<int:pk>/act/": Check(
        "/partyday/menus/{pd_menu_in}/act/", *obj(302), method="post",
        data={"action": "add_item", "title": "志愿清扫", "category": "volunteer"}),
    "partyday/<int:pk>/comment/": Check(
        "/partyday/{pd_held_in}/comment/", *obj(302), method="post",
        data={"member": "{pd_member_in}", "text": "发言积极，带头认领任务。"}),
    "partyday/representatives/new/": Check(
        "/partyday/representatives/new/", page(302), method="post",
        data={"branch": "{pd_branch_in}", "name": "李代表", "linked_households": 10,
              "term_from": "2024-01-01", "term_to": "2028-12-31"}),
    "partyday/sites/new/": Check(
        "/partyday/sites/new/", expect(404, anonymous=LOGIN, admin=302, town_staff=403,
                                       secretary=403), method="post",
        data={"org": "{pd_branch_in}", "kind": "two_new", "level": "county"}),
    "partyday/sites/<int:pk>/act/": Check(
        "/partyday/sites/{pd_site_in}/act/",
        expect(404, anonymous=LOGIN, admin=302, town_staff=403, secretary=403),
        expect(404, anonymous=LOGIN, admin=302), method="post",
        data={"action": "site_name", "on": "{pd_today}"}),
    "partyday/invitations/": Check("/partyday/invitations/", NOBODY),
    "partyday/invitations/<int:pk>/reply/": Check(
        "/partyday/invitations/{pd_invitation_in}/reply/", *obj(302), method="post",
        data={"response": "declined"}),
    "api:GET /partyday/days": Check("/api/v1/partyday/days", page(200).but(anonymous=401)),
    "api:GET /partyday/days/{int:day_id}": Check("/api/v1/partyday/days/{pd_held_in}",
                                                 *obj(200, 401)),
    "api:GET /partyday/suggestions": Check("/api/v1/partyday/suggestions",
                                           page(200).but(anonymous=401)),
    "api:POST /partyday/suggestions/{int:suggestion_id}/decide": Check(
        "/api/v1/partyday/suggestions/{pd_suggestion_in}/decide", *obj(200, 401), method="post",
        json={"decision": "adopted"}),
    "api:GET /partyday/stats": Check("/api/v1/partyday/stats", page(200).but(anonymous=401)),
}


def _last_months(n: int):
    month = timezone.localdate().replace(day=1)
    for _ in range(n):
        month = (month - timedelta(days=1)).replace(day=1)
    return month


def _menus(world, party):
    from .. import services

    admin, year = world.county.admin, timezone.localdate().year
    county_menu = services.menu_create(actor=admin, level="county",
                                       owner_org=party.county_committee, year=year)
    services.menu_item_add(actor=admin, menu=county_menu, title="学习党章", category="study")
    county_menu = services.menu_publish(actor=admin, menu=county_menu)
    for side, town, branch in (("in", party.town_a, party.branch_a),
                               ("out", party.town_b, party.branch_b)):
        town_menu = services.menu_publish(actor=admin, menu=services.menu_create(
            actor=admin, level="town", owner_org=town, year=year, parent=county_menu))
        world.ids[f"pd_menu_{side}"] = services.menu_create(
            actor=admin, level="village", owner_org=branch, year=year, parent=town_menu).pk


@world_part(after=("party",))
def build_partyday(world):
    from grassroots.meetings.tests.party_world import build_party_world
    from grassroots.party.models import PartyPost
    from grassroots.people.models import Person, PersonKind

    from .. import services
    from ..models import (
        ActivityMenu,
        ContactLog,
        DemonstrationSite,
        GuideComment,
        Invitation,
        Lecture,
        MassRepresentative,
        MenuItem,
        Suggestion,
        ThemePartyDay,
    )

    footprint(ThemePartyDay, Invitation, Lecture, GuideComment, Suggestion, ContactLog, Person,
              ActivityMenu, MenuItem, MassRepresentative, DemonstrationSite)
    county = world.county
    party = build_party_world(county, prefix="党日")
    PartyPost.objects.create(person=county.town_staff.person, organisation=party.town_a)
    party.branch_a.secretary = county.secretary.person
    party.branch_a.save(update_fields=["secretary"])
    ids = world.ids
    _menus(world, party)
    ids["pd_today"] = timezone.localdate().isoformat()
    ids["pd_next_year"] = timezone.localdate().year + 1
    ids["pd_town_a"] = county.town_a.pk
    actor = county.admin
    tz = timezone.get_current_timezone()
    for side, branch in (("in", party.branch_a), ("out", party.branch_b)):
        ids[f"pd_branch_{side}"] = branch.pk
        ids[f"pd_member_{side}"] = branch.members.filter(is_active=True).first().pk
        ids[f"pd_site_{side}"] = services.site_propose(actor=actor, org=branch,
                                                       kind="village").pk
        ids[f"pd_person_{side}"] = branch.secretary_id
        one, two = _last_months(1), _last_months(2)
        planned = services.themeday_plan(actor=actor, branch=branch, month=one, theme="主题党日",
                                         planned_on=one.replace(day=10))
        ids[f"pd_planned_{side}"] = planned.pk
        (inv,) = services.themeday_invite(actor=actor, day=planned, invitees=[
            {"person": Person.objects.create(name=f"群众{side}", kind=PersonKind.CITIZEN),
             "kind": "mass_rep"}])
        ids[f"pd_invitation_{side}"] = inv.pk
        held = services.themeday_plan(actor=actor, branch=branch, month=two, theme="主题党日",
                                      planned_on=two.replace(day=10))
        services.themeday_hold(actor=actor, day=held, present_person_ids=[branch.secretary_id],
                               minutes="学习党章，讨论村里的道路维修事项。",
                               held_at=timezone.make_aware(
                                   datetime.combine(two.replace(day=10), time(9)), tz))
        ids[f"pd_held_{side}"] = held.pk
        ids[f"pd_suggestion_{side}"] = services.suggestion_record(
            actor=actor, day=held, content="建议修缮村委会门前道路。", kind="rational",
            raised_by_name="赵大娘").pk
