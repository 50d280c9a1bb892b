"""The grouped top bar in Chromium: at 375 px behind a menu button, on a desktop as dropdowns,
for three roles, each seeing only its sections."""

from pathlib import Path

import pytest
from django.conf import settings

from grassroots.testing.browser import DESKTOP, PHONE, signed_in_page

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROLES = {
    "dispatcher": (["民意诉求", "网格工作", "督查统计"], "民意诉求", "派单", "/dispatch/"),
    "handler": (["民意诉求", "党员管理", "督查统计"], "督查统计", "督办", "/supervision/notices/"),
    "secretary": (["民意诉求", "网格工作", "督查统计"], "网格工作", "我的网格", "/grid/mine/"),
}


def _sections(page):
    return page.locator("#mainnav details.navsec > summary").all_inner_texts()


@pytest.mark.parametrize("who", list(ROLES))
def test_phone_menu_groups_by_system(browser, live_server, county, who):
    sections, open_at, link, url = ROLES[who]
    page = signed_in_page(browser, live_server, getattr(county, who), PHONE)
    nav = page.locator("#mainnav")
    toggle = page.locator("button.navtoggle")
    assert not nav.is_visible(), "the menu is folded on a phone"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert nav.is_visible()
    assert [s.strip() for s in _sections(page)] == sections
    page.locator("#mainnav details.navsec > summary", has_text=open_at).click()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"nav-{who}-375.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.locator("#mainnav .navpanel a", has_text=link).first.click()
    page.wait_for_url(f"**{url}")
    # The menu opens at the section of the page shown.
    page.locator("button.navtoggle").click()
    active = page.locator("#mainnav details.navsec.active")
    assert active.locator("summary").inner_text().strip() == open_at
    assert active.evaluate("d => d.open")


def test_desktop_dropdowns_one_at_a_time(browser, live_server, county):
    page = signed_in_page(browser, live_server, county.dispatcher, DESKTOP)
    assert not page.locator("button.navtoggle").is_visible()
    demands = page.locator("#mainnav details.navsec[data-section=demands]")
    grid = page.locator("#mainnav details.navsec[data-section=gridwork]")
    demands.locator("summary").click()
    assert demands.locator(".navpanel a", has_text="派单").is_visible()
    page.screenshot(path=str(SHOTS / "nav-dispatcher-1280.png"))
    grid.locator("summary").click()
    assert grid.evaluate("d => d.open") and not demands.evaluate("d => d.open")
    page.keyboard.press("Escape")
    assert not grid.evaluate("d => d.open")
