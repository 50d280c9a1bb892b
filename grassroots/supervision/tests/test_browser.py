"""The dashboard in a real browser at 375 px: charts drawn by the static script, no horizontal
scroll, a click on a unit's bar leads to the demand list behind it."""

from pathlib import Path

import pytest
from django.conf import settings

from grassroots.testing.browser import signed_in_page

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_dashboard_on_a_phone(browser, live_server, county, dataset):
    errors = []
    page = signed_in_page(browser, live_server, county.supervisor, errors=errors)
    page.goto(f"{live_server.url}/supervision/dashboard/?month=2026-10")
    page.wait_for_selector('[data-chart="units"] canvas')
    for name in ("trend", "categories", "units", "map", "onspot"):
        assert page.locator(f'[data-chart="{name}"] canvas').count() == 1, name
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "supervision-dashboard-375.png"), full_page=True)
    # The county map: switching to grids and to another figure redraws it, and a click on a
    # town opens that town's demand list.
    page.click('[data-map-layer="grids"]')
    page.click('[data-map-metric="density"]')
    assert page.get_attribute('[data-map-layer="grids"]', "aria-pressed") == "true"
    page.click('[data-map-layer="towns"]')
    page.locator("#county-map").screenshot(path=str(SHOTS / "supervision-map-375.png"))
    assert errors == []
    page.goto(f"{live_server.url}/supervision/stats/?month=2026-10")
    page.screenshot(path=str(SHOTS / "supervision-stats-375.png"), full_page=True)
    assert "水务局" in page.content()
    page.context.close()
