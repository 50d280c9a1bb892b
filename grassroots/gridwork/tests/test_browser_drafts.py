"""The session runs out while a secretary types a visit: the login page says so and where she
goes back, and the form there gets back everything she typed (kept in the browser)."""

import re

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session

from grassroots.demands.models import Demand
from grassroots.gridwork.models import Visit
from grassroots.testing.factories import PASSWORD


def _log_in(page, username):
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_visit_draft_survives_an_expired_session(browser, live_server, county):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/grid/visits/new/")
    page.wait_for_url("**/login/**")
    _log_in(page, county.secretary.username)
    page.wait_for_url("**/grid/visits/new/")
    page.locator("input[name=households_met]").fill("4")
    page.locator("textarea[name=notes]").fill("走访了村东五户，了解用水情况。")
    page.locator("input[name='demand-1-title']").fill("路灯不亮")
    page.locator("textarea[name='demand-1-text']").fill("村东头路灯坏了三天，晚上出行不便。")
    page.get_by_test_id("add-demand").click()  # a second demand block, added by htmx
    page.locator("input[name='demand-2-title']").fill("道路破损")
    page.locator("textarea[name='demand-2-text']").fill("村南主路有大坑，下雨积水严重。")
    page.wait_for_timeout(500)  # the draft is saved 300 ms after the last keystroke

    Session.objects.all().delete()  # the session runs out meanwhile
    page.get_by_test_id("submit-visit").click()
    page.wait_for_url("**/login/**")
    assert "expired=1" in page.url
    notice = page.get_by_test_id("session-expired").inner_text()
    assert "您的登录已过期，请重新登录。" in notice and "“记录走访”" in notice
    assert not Visit.objects.exists()

    _log_in(page, county.secretary.username)
    page.wait_for_url("**/grid/visits/new/")
    page.get_by_test_id("draft-restored").wait_for()
    assert "已恢复您未提交的草稿。" in page.get_by_test_id("draft-restored").inner_text()
    assert page.locator("textarea[name=notes]").input_value() == "走访了村东五户，了解用水情况。"
    assert page.locator("input[name=households_met]").input_value() == "4"
    assert page.locator("input[name='demand-1-title']").input_value() == "路灯不亮"
    assert page.locator("input[name='demand-2-title']").input_value() == "道路破损"
    assert page.locator("textarea[name='demand-2-text']").input_value() == "村南主路有大坑，下雨积水严重。"

    # Submitted (the button is disabled on submit, a courtesy), the draft is gone.
    page.get_by_test_id("submit-visit").click()
    page.wait_for_url(re.compile(r"/grid/visits/\d+/$"))
    visit = Visit.objects.get()
    assert visit.notes == "走访了村东五户，了解用水情况。" and Demand.objects.count() == 2
    keys = page.evaluate("Object.keys(window.localStorage)")
    assert not [k for k in keys if k.startswith("grassroots:draft:")], keys
    page.goto(f"{live_server.url}/grid/visits/new/")
    assert page.get_by_test_id("draft-restored").count() == 0
    assert page.locator("textarea[name=notes]").input_value() == ""
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_citizen_draft_survives_an_expired_session(browser, live_server, county):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/login/?next=/my/new/")
    assert "登录后将回到“提交诉求”页面。" in page.get_by_test_id("return-to").inner_text()
    _log_in(page, county.citizen.username)
    page.wait_for_url("**/my/new/")
    page.locator("input[name=title]").fill("夜间施工噪音")
    page.locator("textarea[name=text]").fill("工地每天夜里十二点还在施工，影响休息。")
    page.wait_for_timeout(500)
    Session.objects.all().delete()
    page.locator("[data-testid=citizen-form] button[type=submit]").click()
    page.wait_for_url("**/login/**")
    assert page.get_by_test_id("session-expired").count() == 1
    _log_in(page, county.citizen.username)
    page.wait_for_url("**/my/new/")
    page.get_by_test_id("draft-restored").wait_for()
    assert page.locator("textarea[name=text]").input_value() == "工地每天夜里十二点还在施工，影响休息。"
    assert settings.SESSION_COOKIE_NAME in {c["name"] for c in context.cookies()}
    context.close()
