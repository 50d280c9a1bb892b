"""A park entry walked to complete in Chromium at 375 px by park A's officer: register, survey
the members at the procedures desk, plan, apply, approve, first meeting, (S2's transfers,
simulated through the party tree's service), check the transfers, select the secretary."""

from datetime import date

import pytest

from grassroots.party.services import member_transfer
from grassroots.testing.browser import PHONE, signed_in_page

from ..models import ParkEntry
from ..models.entry import EntryStatus
from ..services import class_create
from .world import build_twonew_world

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _step(page, testid):
    form = page.locator(f"form[data-testid={testid}]")
    form.locator("button").click()
    page.wait_for_load_state()


def test_a_park_entry_walks_to_complete(browser, live_server, county):
    w = build_twonew_world(county)
    class_create(actor=county.admin, number=1, title="第一期书记培训班", starts_on=date(2026, 5, 1),
                 ends_on=date(2026, 5, 3), hours=24)
    errors = []
    page = signed_in_page(browser, live_server, w.officer_a, PHONE, errors=errors)
    page.goto(f"{live_server.url}/twonew/entries/")
    page.click("[data-testid=entry-new]")
    page.select_option("select[name=org]", str(w.orgs["a1"].pk))
    page.select_option("select[name=park]", str(w.park_a.pk))
    page.fill("input[name=entered_on]", date.today().isoformat())
    page.locator("form button.primary").click()
    page.wait_for_url("**/twonew/entries/*/")
    assert page.locator("[data-testid=entry-status]").inner_text() == "已登记入园"
    assert page.locator("[data-testid=sync-tasks] tbody tr").count() == 4
    lines = "\n".join(f"{m.person.name},{m.person.id_number},正式,测试社区党支部"
                      for m in w.elsewhere[:3])
    page.fill("form[data-testid=form-survey] textarea[name=members]", lines)
    _step(page, "form-survey")
    assert page.locator("[data-testid=entry-status]").inner_text() == "党员已摸排"
    page.select_option("form[data-testid=form-plan] select[name=plan]", "own")
    _step(page, "form-plan")
    _step(page, "form-apply")
    _step(page, "form-approve")
    _step(page, "form-first-meeting")
    assert page.locator("[data-testid=entry-status]").inner_text() == "党组织已建立"
    assert "尚有3名" in page.locator("[data-testid=transfers-outstanding]").inner_text()
    entry = ParkEntry.objects.get(org=w.orgs["a1"])
    for m in w.elsewhere[:3]:  # S2's transfer acceptance
        member_transfer(actor=county.admin, member=m, to_org=entry.party_org)
    _step(page, "form-transfers")
    assert page.locator("[data-testid=entry-status]").inner_text() == "组织关系已转接"
    page.select_option("form[data-testid=form-secretary] select[name=person]",
                       str(w.elsewhere[0].person_id))
    page.select_option("form[data-testid=form-secretary] select[name=training_class]",
                       index=1)
    _step(page, "form-secretary")
    assert page.locator("[data-testid=entry-status]").inner_text() == "四同步完成"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    entry.refresh_from_db()
    assert entry.status == EntryStatus.COMPLETE and entry.secretary_id == w.elsewhere[0].person_id
    assert not errors
