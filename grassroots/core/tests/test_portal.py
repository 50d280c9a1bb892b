"""The portal: the top bar grouped by system, and the landing page's cards by kind."""

import pytest

from grassroots.core import dashboard
from grassroots.core.dashboard import landing_groups, nav_sections
from grassroots.demands.services import assignment_acknowledge, demand_dispatch

pytestmark = pytest.mark.django_db


def _codes(user, path="/"):
    return [s["code"] for s in nav_sections(user, path)]


def test_each_role_sees_only_its_sections_in_the_fixed_order(county):
    assert _codes(county.dispatcher) == ["demands", "gridwork", "supervision"]
    # A unit posts its own publicities (公示), which sit with the party pages.
    assert _codes(county.handler) == ["demands", "party", "supervision"]
    assert _codes(county.secretary) == ["demands", "gridwork", "supervision"]
    # A citizen may apply for the professional-farmer title (S4) on a phone.
    assert _codes(county.citizen) == ["demands", "talent"]
    # Routine assessment shows only where a unit runs it (none in the small county).
    assert _codes(county.admin) == ["demands", "gridwork", "party", "partyday", "talent",
                                    "twonew", "supervision", "admin"]
    admin = {s["code"]: [i["url"] for i in s["items"]] for s in nav_sections(county.admin)}
    assert admin["admin"] == ["/admin/", "/calendar/", "/rulesets/", "/triage/models/"]
    assert admin["party"][:8] == ["/party/", "/party/orgs/new/", "/publicity/manage/",
                                  "/meetings/", "/meetings/calendar/", "/party/transfers/",
                                  "/party/development/", "/party/development/overdue/"]
    # then the "1+4" points and the disposal of unqualified members (#19)
    assert [u.split("/")[2] for u in admin["party"][8:]] == ["points"] * 2 + ["disposal"] * (
        len(admin["party"]) - 10) and len(admin["party"]) > 10


def test_the_section_of_the_current_page_is_active(county):
    sections = nav_sections(county.dispatcher, "/dispatch/")
    assert [s["code"] for s in sections if s["active"]] == ["demands"]
    sections = nav_sections(county.handler, "/supervision/notices/7/")
    assert [s["code"] for s in sections if s["active"]] == ["supervision"]
    assert not any(s["active"] for s in nav_sections(county.dispatcher, "/"))


def test_a_provider_without_a_section_is_refused(county, monkeypatch):
    monkeypatch.setattr(dashboard, "NAV_PROVIDERS",
                        [lambda user, scope: [{"label": "x", "url": "/x/"}]])
    with pytest.raises(ValueError) as exc:
        nav_sections(county.dispatcher)
    assert str(exc.value) == "test_a_provider_without_a_section_is_refused.<locals>.<lambda>: " \
                             "entry x has no 'section'"


def test_an_unknown_section_is_refused(county, monkeypatch):
    monkeypatch.setattr(dashboard, "NAV_PROVIDERS",
                        [lambda user, scope: [{"label": "x", "url": "/x/", "section": "nope"}]])
    with pytest.raises(ValueError) as exc:
        nav_sections(county.dispatcher)
    assert str(exc.value).endswith("unknown nav section 'nope'")


def _dispatch(county, make_demand):
    (lead,) = demand_dispatch(actor=county.dispatcher, demand=make_demand(),
                               lead_unit=county.water, assisting_units=[])
    return lead


def _card(html, key):
    return html.split(f'data-testid="card-{key}"')[1].split("</a>")[0]


def test_landing_cards_are_grouped_by_kind_and_labelled_by_system(county, make_demand):
    _dispatch(county, make_demand)
    groups = landing_groups(county.handler)
    by_kind = {g["kind"]: {c["key"]: c for c in g["cards"]} for g in groups}
    waiting = by_kind["waiting"]["inbox-dispatched"]
    assert waiting["count"] == 1 and str(waiting["section_label"]) == "民意诉求"
    assert "inbox-due" in by_kind["deadline"]
    assert [g["kind"] for g in groups] == [k for k in dashboard.CARD_KINDS if k in by_kind]


def test_a_card_leaves_the_waiting_group_once_done(client, county, make_demand):
    lead = _dispatch(county, make_demand)
    client.force_login(county.handler)
    assert '<span class="count">1</span>' in _card(client.get("/").content.decode(), "inbox-dispatched")
    assignment_acknowledge(actor=county.handler, assignment=lead)
    assert '<span class="count">0</span>' in _card(client.get("/").content.decode(), "inbox-dispatched")


def test_the_top_bar_renders_sections_as_dropdowns(client, county):
    client.force_login(county.secretary)
    html = client.get("/").content.decode()
    assert html.count('class="navsec') == 3
    assert 'data-section="gridwork"' in html
    assert 'data-section="admin"' not in html
