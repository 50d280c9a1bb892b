"""A secretary records a visit on a 375-px phone, with one demand solved on the spot."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from grassroots.gridwork.models import Visit

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_secretary_records_visit_on_phone(browser, live_server, county):
    client = Client()
    client.force_login(county.secretary)
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN")
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/grid/mine/")
    page.get_by_test_id("record-visit").click()
    page.wait_for_url("**/grid/visits/new/")
    page.get_by_label("田间地头").check()
    page.locator("input[name=households_met]").fill("4")
    page.locator("input[name=people_met]").fill("9")
    page.locator("input[name='demand-1-title']").fill("路灯不亮")
    page.locator("textarea[name='demand-1-text']").fill("村东头路灯坏了三天，晚上出行不便。")
    page.locator("input[name='demand-1-solved_on_spot']").check()
    page.locator("textarea[name='demand-1-on_spot_note']").fill("现场联系电工更换了灯泡。")
    page.get_by_test_id("add-demand").click()  # htmx brings a second, empty block
    page.locator("input[name='demand-2-title']").wait_for()
    # the page fits the phone: nothing wider than the viewport
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "gridwork-visit-form-375.png"), full_page=True)
    page.get_by_test_id("submit-visit").click()
    page.wait_for_url(re.compile(r"/grid/visits/\d+/$"))
    assert "现场解决" in page.get_by_test_id("visit-demands").inner_text()
    page.screenshot(path=str(SHOTS / "gridwork-visit-done-375.png"), full_page=True)
    visit = Visit.objects.get()
    demand = visit.demands.get()
    assert demand.solved_on_spot and demand.status == "closed"
    assert (visit.form, visit.households_met, visit.people_met) == ("field", 4, 9)
    context.close()
