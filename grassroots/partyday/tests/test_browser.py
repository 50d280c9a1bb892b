"""A branch secretary records a theme party day on a 375-px phone: plan, invite a mass
representative, sign him in, record the day, two suggestions — one passed on as a demand that
a unit then handles, its live status shown on the suggestion's page."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from grassroots.demands import services as s1
from grassroots.demands.models import Demand

from ..models import Suggestion, ThemePartyDay

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_secretary_records_a_theme_day_on_a_phone(browser, live_server, county, party):
    from grassroots.testing.browser import signed_in_page

    errors = []
    page = signed_in_page(browser, live_server, party.secretary_a, errors=errors)
    page.goto(f"{live_server.url}/partyday/new/")
    page.fill("input[name=theme]", "学党章、议村务")
    page.fill("input[name=planned_on]", timezone.localdate().isoformat())
    page.click("button.primary")
    page.wait_for_selector('[data-testid="day-status"]')
    day = ThemePartyDay.objects.get(branch=party.branch_a)
    _no_sideways_scroll(page)

    invite = page.locator('[data-testid="invite-form"]')
    invite.locator("input[name=name]").fill("孙代表")
    invite.locator("select[name=kind]").select_option("mass_rep")
    invite.locator("button").click()
    page.wait_for_selector('[data-testid="invitations"] >> text=孙代表')
    # the representative accepted by phone: the secretary records it, then signs him in
    page.locator('[data-testid="invitations"]').get_by_role("button", name="登记接受").click()
    page.wait_for_selector('[data-testid="reply-summary"] >> text=已答复接受 1 人')
    page.locator('[data-testid="invitations"]').get_by_role("button", name="签到").click()
    page.wait_for_selector('[data-testid="invitations"] >> text=已签到')

    hold = page.locator('[data-testid="hold-form"]')
    hold.locator("textarea[name=minutes]").fill("学习新修订的党章，讨论村内道路维修和路灯安装。")
    hold.locator("button.primary").click()
    page.wait_for_selector('[data-testid="suggestion-form"]')
    assert "已开展" in page.locator('[data-testid="day-status"]').inner_text()

    form = page.locator('[data-testid="suggestion-form"]')
    form.locator("select[name=raised_by]").select_option(label="孙代表（群众代表）")
    form.locator("select[name=kind]").select_option("demand")
    form.locator("textarea[name=content]").fill("村东头道路坑洼，雨天无法通行，希望尽快修缮。")
    form.locator("button").click()
    page.wait_for_selector('[data-testid="suggestions"] >> text=村东头道路坑洼')
    form = page.locator('[data-testid="suggestion-form"]')
    form.locator("input[name=raised_by_name]").fill("党员张明")
    form.locator("select[name=kind]").select_option("rational")
    form.locator("textarea[name=content]").fill("建议在村委会设立农家书屋，方便群众借阅。")
    form.locator("button").click()
    page.wait_for_selector('[data-testid="suggestions"] >> text=农家书屋')
    assert Suggestion.objects.filter(theme_day=day).count() == 2
    _no_sideways_scroll(page)

    page.locator('[data-testid="suggestions"] a', has_text="村东头道路坑洼").click()
    page.wait_for_selector('[data-testid="suggestion-status"]')
    page.get_by_role("button", name="转为群众诉求").click()
    page.wait_for_selector('[data-testid="demand-status"]')
    demand = Demand.objects.get(origin_type="partyday", origin_id=day.pk)
    assert demand.number in page.locator('[data-testid="demand-status"]').inner_text()

    # the water bureau handles it in S1
    (lead,) = s1.demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    s1.assignment_acknowledge(actor=county.handler, assignment=lead)
    s1.assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                        text="您好！经现场核实，已组织施工队修补路面，现已恢复通行。")
    page.reload()
    assert "待回访" in page.locator('[data-testid="demand-status"]').inner_text()
    _no_sideways_scroll(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "partyday-suggestion-375.png"), full_page=True)
    assert errors == []
    page.context.close()
