"""The dashboard in a real browser at 375 px: charts drawn by the static script, no horizontal
scroll, a click on a unit's bar leads to the demand list behind it."""

from pathlib import Path

import pytest
from django.conf import settings

from grassroots.testing.factories import PASSWORD

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_dashboard_on_a_phone(browser, live_server, county, dataset):
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", county.supervisor.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/supervision/dashboard/?month=2026-10")
    page.wait_for_selector('[data-chart="units"] canvas')
    for name in ("trend", "categories", "units", "map", "onspot"):
        assert page.locator(f'[data-chart="{name}"] canvas').count() == 1, name
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "supervision-dashboard-375.png"), full_page=True)
    assert errors == []
    page.goto(f"{live_server.url}/supervision/stats/?month=2026-10")
    page.screenshot(path=str(SHOTS / "supervision-stats-375.png"), full_page=True)
    assert "水务局" in page.content()
    context.close()
