"""In a real browser: the way in (login links, the citizen lands on the new demand) and the
dispatch form's category pick preselecting the catalogue's unit (issue #24)."""

import pytest

from grassroots.demands.models import Demand, DispatchRule
from grassroots.testing.browser import DESKTOP, PHONE, signed_in_page

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_login_links_and_the_citizen_lands_on_the_new_demand(browser, live_server, county):
    base = live_server.url
    anonymous = browser.new_context(viewport=PHONE, locale="zh-CN").new_page()
    anonymous.goto(f"{base}/login/")
    anonymous.click("[data-testid=login-links] a[href='/track/']")
    anonymous.wait_for_url(f"{base}/track/")
    page = signed_in_page(browser, live_server, county.citizen, PHONE)
    page.goto(f"{base}/my/new/")
    page.select_option("select[name=type]", "complaint")
    page.fill("input[name=title]", "夜间施工噪音")
    page.fill("textarea[name=text]", "工地每天夜里十二点还在施工，影响休息。")
    page.select_option("select[name=division]", str(county.village_a.pk))
    page.fill("input[name=address]", "金城社区北门")
    page.click("form button[type=submit]")
    demand = Demand.objects.get()
    page.wait_for_url(f"{base}/my/demands/{demand.pk}/")
    assert demand.number in page.content()
    assert "金城社区北门" in page.inner_text("[data-testid=public-address]")


def test_category_pick_preselects_the_catalogue_unit(browser, live_server, county, make_demand,
                                                     categories):
    DispatchRule.objects.create(category=categories["root"], unit=county.water)
    demand = make_demand(title="未分类的一件", category=None)
    disp = signed_in_page(browser, live_server, county.dispatcher, DESKTOP)
    disp.goto(f"{live_server.url}/demands/{demand.pk}/")
    form = disp.locator(f"[data-testid=dispatch-form-{demand.pk}]")
    assert form.locator("select[name=lead_unit]").input_value() == ""
    form.locator("select[name=category]").select_option(str(categories["pressure"].pk))
    assert form.locator("select[name=lead_unit]").input_value() == str(county.water.pk)
    assert "已按所选分类的派单目录预选" in form.inner_text()
