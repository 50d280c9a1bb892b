"""Statistics selectors on a small world, the pages a secretary uses, the documents and the
API; a suggestion's demand handled by a unit through S1 shows its live status."""

from datetime import timedelta

import pytest
from django.utils import timezone

from grassroots.core import clock
from grassroots.demands import services as s1
from grassroots.demands.models import Demand, DemandStatus
from grassroots.meetings.models import MeetingAttendance

from .. import services, stats
from ..models import InviteeKind, SuggestionKind, ThemePartyDay
from .conftest import last_month

pytestmark = pytest.mark.django_db


def _suggest(party, day, kind, text):
    inv = day.invitations.first()
    return services.suggestion_record(actor=party.secretary_a, day=day, content=text, kind=kind,
                                      raised_by=inv)


def test_rates(county, party, held_day):
    month = held_day.month
    admin = county.admin
    # branch A held, branch B did not: 1 of 2
    assert stats.holding_rate(admin, month) == {"num": 1, "den": 2, "rate": 50.0}
    assert stats.holding_rate(party.secretary_a, month)["den"] == 1  # his scope only
    assert [b.pk for b in stats.not_held(admin, month, county.town_b.pk)] == [party.branch_b.pk]
    assert list(stats.not_held(admin, month, county.town_a.pk)) == []
    # 8 of the 12 members present
    assert stats.attendance_rate(admin, month, month) == {"num": 8, "den": 12, "rate": 66.7}
    s1_ = _suggest(party, held_day, SuggestionKind.RATIONAL, "建议在村口安装太阳能路灯。")
    s2 = _suggest(party, held_day, SuggestionKind.RATIONAL, "建议修建村级文化礼堂。")
    services.suggestion_decide(actor=party.secretary_a, suggestion=s1_, decision="adopted")
    services.suggestion_decide(actor=party.secretary_a, suggestion=s2, decision="not_adopted",
                               reason="资金不足暂缓")
    assert stats.adoption_rate(admin, month, month) == {"num": 1, "den": 2, "rate": 50.0}
    services.suggestion_feedback(actor=party.secretary_a, suggestion=s1_, answer="已列入计划。")
    assert stats.feedback_rate(admin, month, month) == {"num": 1, "den": 2, "rate": 50.0}
    up = stats.upward_attendance(admin, month, month)
    assert up == {"county_staff": 0, "village_secretaries": 0}
    rows = stats.monthly_by_town(admin, month)
    town_a = next(r for r in rows if r["town_id"] == county.town_a.pk)
    assert (town_a["branches"], town_a["held"], town_a["downward"], town_a["suggestions"]) == (
        1, 1, 1, 2)


def test_downward_participation_counts_village_branches(county, party, held_day):
    party.branch_a.field = "rural"
    party.branch_a.save(update_fields=["field"])
    month = held_day.month
    assert stats.downward_participation(county.admin, month, month) == {
        "num": 1, "den": 1, "rate": 100.0}


def test_demand_from_theme_day_handled_by_unit(county, party, held_day, client):
    s = _suggest(party, held_day, SuggestionKind.DEMAND, "村东头道路坑洼，雨天无法通行，希望修缮。")
    demand = services.suggestion_to_demand(actor=party.secretary_a, suggestion=s)
    (lead,) = s1.demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    s1.assignment_acknowledge(actor=county.handler, assignment=lead)
    s1.assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                        text="您好！经现场核实，已组织施工队对路面进行修补，现已恢复通行。")
    demand.refresh_from_db()
    s1.demand_follow_up(actor=county.dispatcher, demand=demand, satisfaction="satisfied")
    month = held_day.month
    assert stats.demand_closure(county.admin, month, month) == {"num": 1, "den": 1,
                                                                "rate": 100.0}
    three = stats.demand_three_rates(county.admin, month, month)
    assert three["resolution"]["num"] == 1 and three["satisfaction"]["num"] == 1
    client.force_login(party.secretary_a)
    page = client.get(f"/partyday/suggestions/{s.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert demand.number in html and "已办结" in html
    assert Demand.objects.get(pk=demand.pk).status == DemandStatus.CLOSED


def test_pages_record_a_theme_day(county, party, client):
    client.force_login(party.secretary_a)
    today = timezone.localdate()
    r = client.post("/partyday/new/", {"branch": party.branch_a.pk, "theme": "学习新党章",
                                       "planned_on": today.isoformat()})
    assert r.status_code == 302, r.content.decode()[:500]
    day = ThemePartyDay.objects.get(branch=party.branch_a, month=today.replace(day=1))
    r = client.post(f"/partyday/{day.pk}/invite/", {"name": "孙代表", "kind": "mass_rep"})
    assert r.status_code == 302
    inv = day.invitations.get()
    assert client.post(f"/partyday/{day.pk}/sign-in/{inv.pk}/").status_code == 302
    r = client.post(f"/partyday/{day.pk}/hold/", {
        "minutes": "学习新党章，讨论村里道路维修。", "present": [party.full_a[0].person_id]})
    assert r.status_code == 302
    day.refresh_from_db()
    assert day.status == "held"
    assert MeetingAttendance.objects.filter(meeting=day.meeting, present=True).count() == 2
    r = client.post(f"/partyday/{day.pk}/suggest/", {"raised_by": inv.pk, "kind": "demand",
                                                     "content": "村里路灯坏了，晚上出行不便。"})
    assert r.status_code == 302
    s = day.suggestions.get()
    r = client.post(f"/partyday/suggestions/{s.pk}/act/", {"action": "suggestion_to_demand"})
    assert r.status_code == 302
    client.post(f"/partyday/suggestions/{s.pk}/act/", {"action": "suggestion_to_demand"})
    assert Demand.objects.filter(origin_type="partyday", origin_id=day.pk).count() == 1
    for url in (f"/partyday/{day.pk}/doc/record/", f"/partyday/{day.pk}/doc/sign_in/",
                f"/partyday/{day.pk}/doc/plan/", f"/partyday/{day.pk}/doc/invitation/",
                f"/partyday/{day.pk}/doc/suggestions/",
                f"/partyday/suggestions/{s.pk}/slip/", "/partyday/stats/xlsx/"):
        resp = client.get(url)
        assert resp.status_code == 200 and resp.content[:2] == b"PK", url
    assert client.get("/partyday/stats/").status_code == 200
    # another branch's secretary gets the 404 of a missing page
    client.force_login(party.secretary_b)
    assert client.get(f"/partyday/{day.pk}/").status_code == 404
    assert client.get(f"/partyday/suggestions/{s.pk}/").status_code == 404


def test_api_lists_scope_and_stats(county, party, held_day, client):
    client.force_login(party.secretary_a)
    r = client.get("/api/v1/partyday/days")
    assert r.status_code == 200 and [d["id"] for d in r.json()["items"]] == [held_day.pk]
    client.force_login(party.secretary_b)
    assert client.get("/api/v1/partyday/days").json()["items"] == []
    assert client.get(f"/api/v1/partyday/days/{held_day.pk}").status_code == 404
    client.force_login(county.admin)
    r = client.get(f"/api/v1/partyday/stats?month={held_day.month.isoformat()}")
    assert r.status_code == 200 and r.json()["holding"] == {"num": 1, "den": 2, "rate": 50.0}


def test_missing_month_is_flagged(party, day):
    from datetime import date

    from ..stats import missing_months

    year = day.month.year
    missing = missing_months(party.branch_a, year, date(year, 12, 31))
    assert day.month not in missing and len(missing) == 11


def test_county_staff_at_the_town_secretary_branch(county, party, rep_person):
    from grassroots.party.models import PartyMember

    # the town committee's secretary is a member of branch A: branch A invites upwards
    party.town_a.secretary = party.full_a[1].person
    party.town_a.base_type = "town"
    party.town_a.save(update_fields=["secretary", "base_type"])
    assert PartyMember.objects.filter(person=party.town_a.secretary,
                                      organisation=party.branch_a).exists()
    month = last_month() - timedelta(days=40)
    day = services.themeday_plan(actor=party.secretary_a, branch=party.branch_a,
                                 month=month, theme="县委组织部列席指导",
                                 planned_on=month.replace(day=12))
    assert day.is_town_secretary_branch
    (inv,) = services.themeday_invite(actor=party.secretary_a, day=day, invitees=[
        {"person": rep_person, "kind": InviteeKind.COUNTY_STAFF}])
    with clock.travel(clock.now()):
        services.themeday_sign_in(actor=party.secretary_a, invitation=inv)
    m = day.month
    assert stats.upward_attendance(county.admin, m, m)["county_staff"] == 1


def test_mass_representative_phone_page(county, party, held_day, rep_person, client):
    from datetime import date

    from grassroots.testing.factories import UserFactory

    _suggest(party, held_day, SuggestionKind.RATIONAL, "建议在村委会设立农家书屋。")
    rep_person.user = UserFactory(username="rep_phone")
    rep_person.save(update_fields=["user"])
    rep = services.rep_register(actor=party.secretary_a, branch=party.branch_a, person=rep_person,
                                term_from=date(2025, 1, 1), term_to=date(2030, 1, 1))
    client.force_login(rep_person.user)
    page = client.get("/partyday/me/")
    assert page.status_code == 200 and "农家书屋" in page.content.decode()
    r = client.post("/partyday/me/log/", {"date": timezone.localdate().isoformat(),
                                          "households": 5, "issues": "群众反映村西路灯不亮。"})
    assert r.status_code == 302 and rep.contacts.get().households == 5
    # the branch's pages stay closed to him: not a recorder of the branch
    assert client.get(f"/partyday/{held_day.pk}/").status_code == 404
    assert client.get("/partyday/stats/").status_code == 404


def test_day_list_flags_missing_months(county, party, day, client):
    client.force_login(party.secretary_a)
    html = client.get("/partyday/").content.decode()
    assert 'data-testid="missing-months"' in html
    assert "金城社区党支部" in html
    for path in ("/partyday/menus/", "/partyday/sites/", "/partyday/representatives/"):
        assert client.get(path).status_code == 200, path
