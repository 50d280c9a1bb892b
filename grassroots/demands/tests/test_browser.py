"""One demand end to end in a real browser: grid visit form (375 px) → dispatch → acknowledge →
reply → follow-up, with screenshots at 375 px and 1280 px in var/screenshots/."""

from pathlib import Path

import pytest
from django.conf import settings

import grassroots.demands.cards  # noqa: F401 - landing cards (also registered in ready())
from grassroots.demands.models import Demand, DemandStatus
from grassroots.testing.browser import DESKTOP, PHONE, signed_in_page

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def _no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_demand_walk_through(browser, live_server, county):
    base = live_server.url
    # 1. The grid secretary records a visit on a phone (the old /visit/new/ leads to the form).
    sec = signed_in_page(browser, live_server, county.secretary, PHONE)
    sec.goto(f"{base}/visit/new/")
    sec.wait_for_url("**/grid/visits/new/")
    sec.fill("input[name=households_met]", "2")
    sec.fill("input[name=people_met]", "3")
    sec.select_option("select[name='demand-1-type']", "help")
    sec.fill("input[name='demand-1-title']", "村口路灯不亮")
    sec.fill("textarea[name='demand-1-text']", "村口三盏路灯坏了一个月，晚上出行不便。")
    _shot(sec, "visit-form-375.png")
    _no_horizontal_scroll(sec)
    sec.click("[data-testid=submit-visit]")
    sec.wait_for_url("**/grid/visits/*/")
    demand = Demand.objects.get()
    assert demand.number in sec.inner_text("[data-testid=visit-demands]")
    assert demand.status == DemandStatus.RECEIVED and demand.grid == county.grid_a
    _shot(sec, "visit-done-375.png")
    sec.goto(f"{base}/")
    assert sec.inner_text("[data-testid=card-grid-month] .count") == "1"
    _shot(sec, "home-secretary-375.png")

    # 2. The dispatcher dispatches it from the queue (desktop).
    disp = signed_in_page(browser, live_server, county.dispatcher, DESKTOP)
    assert disp.inner_text("[data-testid=card-dispatch-waiting] .count") == "1"
    _shot(disp, "home-dispatcher-1280.png")
    disp.goto(f"{base}/dispatch/")
    form = disp.locator(f"[data-testid=dispatch-form-{demand.pk}]")
    form.locator("select[name=lead_unit]").select_option(str(county.water.pk))
    _shot(disp, "dispatch-queue-1280.png")
    form.locator("button[type=submit]").click()
    disp.wait_for_selector("text=已派单。")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.DISPATCHED

    # 3. The handler acknowledges and replies on a phone (htmx swaps the panel).
    han = signed_in_page(browser, live_server, county.handler, PHONE)
    han.goto(f"{base}/inbox/")
    _shot(han, "inbox-375.png")
    han.click(f"text={demand.title}")
    han.click("[data-testid^=form-acknowledge] button")
    han.wait_for_selector("[data-testid=done]:has-text('已签收')")
    assert han.inner_text("[data-testid=demand-status]") == "办理中"
    reply = han.locator("[data-testid^=form-reply]")
    reply.locator("select[name=outcome]").select_option("resolved")
    reply.locator("textarea[name=text]").fill("太短")
    reply.locator("button[type=submit]").click()
    han.wait_for_selector("text=请填写答复内容（至少10个字），写明办理情况和结果。")
    reply = han.locator("[data-testid^=form-reply]")
    reply.locator("textarea[name=text]").fill("已更换三盏路灯灯泡并检修线路，现已恢复照明。")
    reply.locator("button[type=submit]").click()
    han.wait_for_selector("[data-testid=done]:has-text('已答复')")
    assert han.inner_text("[data-testid=demand-status]") == "待回访"
    _no_horizontal_scroll(han)
    _shot(han, "detail-replied-375.png")

    # 4. The dispatcher records the follow-up; the demand closes.
    disp.goto(f"{base}/demands/{demand.pk}/")
    disp.check("[data-testid=form-follow_up] input[value=satisfied]")
    disp.click("[data-testid=form-follow_up] button[type=submit]")
    disp.wait_for_selector("[data-testid=demand-status]:has-text('已办结')")
    _shot(disp, "detail-closed-1280.png")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.CLOSED and demand.satisfaction == "satisfied"


def test_queue_row_of_the_catalogue_unfolds_into_its_form(browser, live_server, county,
                                                          make_demand, categories):
    # A demand the dispatch catalogue covers is folded on the queue ("按目录派给 …"); unfolding
    # it fetches its form (htmx), preselected from the catalogue, and one click dispatches it.
    from grassroots.demands.models import DispatchRule

    DispatchRule.objects.create(category=categories["water"], unit=county.water)
    demand = make_demand(title="目录内的一件")
    other = make_demand(title="未分类的一件", category=None)
    disp = signed_in_page(browser, live_server, county.dispatcher, DESKTOP)
    disp.goto(f"{live_server.url}/dispatch/")
    # an open form's assisting units come when their section is unfolded
    other_form = disp.locator(f"[data-testid=dispatch-form-{other.pk}]")
    other_form.locator("details.assist summary").click()
    other_form.locator(f"input[name=assisting_units][value='{county.water.pk}']").wait_for()
    assert disp.locator(f"[data-testid=dispatch-form-{demand.pk}]").count() == 0
    disp.click(f"[data-testid=fold-{demand.pk}] summary")
    form = disp.locator(f"[data-testid=dispatch-form-{demand.pk}]")
    form.wait_for()
    assert form.locator("select[name=lead_unit]").input_value() == str(county.water.pk)
    form.locator("button[type=submit]").click()
    disp.wait_for_selector("text=已派单。")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.DISPATCHED
