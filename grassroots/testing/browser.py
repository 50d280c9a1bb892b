"""Chromium test helpers: a page signed in as a user, at a given viewport."""

from grassroots.testing.factories import PASSWORD

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def signed_in_page(browser, live_server, user, viewport=PHONE, *, errors: list | None = None):
    """A new context's page, logged in through the login form and on the landing page.
    ``errors`` collects the page's script errors."""
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    if errors is not None:
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page
