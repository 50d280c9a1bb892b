"""The pages that edit menus, guide comments, mass representatives and demonstration sites, and
invitation replies: each goes through its service (policy check, event), and a wrong role is
refused with nothing written."""

import pytest

from grassroots.core.models import Event, Notification
from grassroots.people.models import PersonKind
from grassroots.testing.factories import PersonFactory

from .. import services
from ..models import (
    ActivityMenu,
    DemonstrationSite,
    GuideComment,
    Invitation,
    InviteeKind,
    MassRepresentative,
    MenuItem,
    MenuStatus,
)
from .conftest import last_month

pytestmark = pytest.mark.django_db


def _post(client, user, url, data):
    client.force_login(user)
    return client.post(url, data)


def test_three_level_menu_through_the_pages(client, party):
    year = last_month().year
    r = _post(client, party.org_dept, "/partyday/menus/new/", {
        "level": "county", "owner_org": party.county_committee.pk, "year": year})
    county_menu = ActivityMenu.objects.get(level="county")
    assert r.status_code == 302 and r["Location"] == f"/partyday/menus/{county_menu.pk}/"
    url = f"/partyday/menus/{county_menu.pk}/act/"
    for title in ("学习党章", "红色观影"):
        client.post(url, {"action": "add_item", "title": title, "category": "study"})
    client.post(url, {"action": "publish"})
    county_menu.refresh_from_db()
    assert county_menu.status == MenuStatus.PUBLISHED and county_menu.items.count() == 2
    assert Event.objects.filter(action="menu_publish").count() == 1

    # a town's organisation officer may not make the county menu: 403, nothing written
    r = _post(client, party.officer_a, "/partyday/menus/new/", {
        "level": "county", "owner_org": party.town_a.pk, "year": year})
    assert r.status_code == 403 and "只有组织部可以制定县级基础菜单。" in r.content.decode()
    assert ActivityMenu.objects.count() == 1
    # … but makes his town's, inheriting the county items, and marks one not applicable
    client.post("/partyday/menus/new/", {"level": "town", "owner_org": party.town_a.pk,
                                         "year": year, "parent": county_menu.pk})
    town = ActivityMenu.objects.get(level="town")
    red = town.items.get(title="红色观影")
    page = client.get(f"/partyday/menus/{town.pk}/")
    assert b"menu-item-form" in page.content and "标记不适用" in page.content.decode()
    client.post(f"/partyday/menus/{town.pk}/act/", {"action": "remove", "item": red.pk})
    assert town.items.filter(pk=red.pk).exists()  # a county item is never removed
    client.post(f"/partyday/menus/{town.pk}/act/",
                {"action": "not_applicable", "item": red.pk, "reason": "本镇无观影条件"})
    red.refresh_from_db()
    assert red.not_applicable and red.not_applicable_reason == "本镇无观影条件"
    client.post(f"/partyday/menus/{town.pk}/act/", {"action": "publish"})

    # the village branch chooses from the town menu; publishing needs its committee meeting
    _post(client, party.secretary_a, "/partyday/menus/new/", {
        "level": "village", "owner_org": party.branch_a.pk, "year": year, "parent": town.pk})
    village = ActivityMenu.objects.get(level="village")
    study = town.items.get(title="学习党章")
    client.post(f"/partyday/menus/{village.pk}/act/",
                {"action": "select", "items": [study.pk, red.pk]})
    assert list(village.items.values_list("inherited_from_id", flat=True)) == []  # refused
    client.post(f"/partyday/menus/{village.pk}/act/", {"action": "select", "items": [study.pk]})
    assert village.items.get().inherited_from_id == study.pk
    r = client.post(f"/partyday/menus/{village.pk}/act/", {"action": "publish"}, follow=True)
    assert "支部委员会" in r.content.decode()
    village.refresh_from_db()
    assert village.status == MenuStatus.DRAFT
    # another branch's secretary does not even see it
    r = _post(client, party.secretary_b, f"/partyday/menus/{village.pk}/act/",
              {"action": "add_item", "title": "闯入", "category": "other"})
    assert r.status_code == 404
    assert not MenuItem.objects.filter(title="闯入").exists()


def test_guide_comment_page(client, party, held_day):
    member = party.full_a[1]
    r = _post(client, party.officer_a, f"/partyday/{held_day.pk}/comment/",
              {"member": member.pk, "text": "发言积极，带头认领任务。"})
    assert r.status_code == 302
    comment = GuideComment.objects.get()
    assert (comment.member_id, comment.author_id) == (member.pk, party.officer_a.pk)
    assert Event.objects.filter(action="themeday_comment_add").count() == 1
    assert "发言积极" in client.get(f"/partyday/{held_day.pk}/").content.decode()
    r = _post(client, party.secretary_b, f"/partyday/{held_day.pk}/comment/",
              {"member": member.pk, "text": "不是我的支部。"})
    assert r.status_code == 404 and GuideComment.objects.count() == 1
    # S2's organisation rating reads the comment through the registered hook
    from grassroots.partymembers.points.services.common import guide_comments

    year = held_day.month.year
    assert guide_comments([member.pk], year) == {
        member.pk: f"{held_day.month:%m}月：发言积极，带头认领任务。"}
    assert guide_comments([member.pk], year - 1) == {}


def test_representative_register_page(client, party):
    data = {"branch": party.branch_a.pk, "name": "李代表", "linked_households": 15,
            "term_from": "2024-01-01", "term_to": "2028-12-31"}
    client.force_login(party.secretary_a)
    assert b"rep-form" in client.get("/partyday/representatives/").content
    assert client.post("/partyday/representatives/new/", data).status_code == 302
    rep = MassRepresentative.objects.select_related("person").get()
    assert (rep.person.name, rep.person.kind, rep.linked_households) == (
        "李代表", PersonKind.CITIZEN, 15)
    assert Event.objects.filter(action="rep_register").count() == 1
    # branch B's secretary cannot register for branch A (not among his branches)
    r = _post(client, party.secretary_b, "/partyday/representatives/new/",
              {**data, "name": "王代表"})
    assert r.status_code == 302 and MassRepresentative.objects.count() == 1


def test_demonstration_site_pages(client, party):
    r = _post(client, party.secretary_a, "/partyday/sites/new/",
              {"org": party.branch_a.pk, "kind": "village", "level": "county"})
    assert r.status_code == 403 and not DemonstrationSite.objects.exists()
    _post(client, party.org_dept, "/partyday/sites/new/",
          {"org": party.branch_a.pk, "kind": "village", "level": "county", "note": "村级示范"})
    site = DemonstrationSite.objects.get()
    assert site.status == "candidate"
    page = client.get("/partyday/sites/").content.decode()
    assert "site-form" in page and "命名" in page
    client.post(f"/partyday/sites/{site.pk}/act/", {"action": "site_name", "on": "2026-03-01"})
    site.refresh_from_db()
    assert (site.status, str(site.named_on)) == ("named", "2026-03-01")
    r = _post(client, party.secretary_a, f"/partyday/sites/{site.pk}/act/",
              {"action": "site_review", "on": "2026-06-01"})
    assert r.status_code == 403
    site.refresh_from_db()
    assert site.status == "named"


@pytest.fixture
def invited(party, day):
    person = PersonFactory(user__username="t_pd_guest", name="赵代表", kind=PersonKind.CITIZEN)
    services.themeday_invite(actor=party.secretary_a, day=day, invitees=[
        {"person": person, "kind": InviteeKind.MASS_REP}, {"name": "钱大爷", "kind": "activist"}])
    return person, Invitation.objects.get(person=person)


def test_invitee_answers_on_his_phone_and_the_day_shows_it(client, party, day, invited):
    person, inv = invited
    assert inv.response == "pending"
    # told in the app (the other invitee has no account: the branch tells him in person)
    (note,) = Notification.objects.filter(kind="partyday_invitation")
    assert note.recipient_id == person.user_id and note.url == "/partyday/invitations/"
    assert party.branch_a.name in note.title_text and day.theme in note.body_text
    client.force_login(person.user)
    page = client.get("/partyday/invitations/").content.decode()
    assert day.theme in page and "谢绝" in page
    r = client.post(f"/partyday/invitations/{inv.pk}/reply/", {"response": "declined"})
    assert r.status_code == 302
    inv.refresh_from_db()
    assert inv.response == "declined" and inv.responded_at is not None
    event = Event.objects.get(action="invitation_reply")
    assert event.extra["by_invitee"] is True and event.extra["response"] == "declined"
    # the secretary records the other invitee's answer given by phone
    other = Invitation.objects.get(person__name="钱大爷")
    _post(client, party.secretary_a, f"/partyday/invitations/{other.pk}/reply/",
          {"response": "accepted", "back": "day"})
    detail = client.get(f"/partyday/{day.pk}/").content.decode()
    assert "已答复接受 1 人，谢绝 1 人，待答复 0 人。" in detail


def test_reply_refused_for_others_and_after_the_day(client, party, day, invited):
    person, inv = invited
    r = _post(client, party.secretary_b, f"/partyday/invitations/{inv.pk}/reply/",
              {"response": "accepted"})
    assert r.status_code == 404
    client.force_login(party.secretary_b)
    assert client.get("/partyday/invitations/").status_code == 404  # invited to nothing
    services.themeday_hold(actor=party.secretary_a, day=day, present_person_ids=[],
                           minutes="学习党章，讨论村里道路硬化的事项。")
    client.force_login(person.user)
    r = client.post(f"/partyday/invitations/{inv.pk}/reply/", {"response": "accepted"},
                    follow=True)
    assert "主题党日已开展，不能再答复邀请。" in r.content.decode()
    inv.refresh_from_db()
    assert inv.response == "pending"
