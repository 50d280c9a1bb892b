"""Anyone objects to a publicity on a 375-px phone, without an account, and gets a receipt."""

from pathlib import Path

import pytest
from django.conf import settings

from grassroots.publicity.models import Objection

from .test_publicity import make

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_anonymous_objection_on_phone(browser, live_server, county):
    p = make(county)
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/publicity/")
    card = page.get_by_test_id(f"publicity-{p.pk}")
    assert "张明" in card.inner_text() and "0537-8721234" in card.inner_text()
    card.locator("summary").click()
    card.locator("select[name=entry_key]").select_option("a")
    card.locator("textarea[name=content]").fill("反映该同志有违规操办酒席的情况，请组织核实。")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "publicity-public-375.png"), full_page=True)
    card.get_by_role("button", name="提交异议").click()
    page.wait_for_load_state()
    objection = Objection.objects.get()
    assert objection.receipt in page.content() and objection.entry_key == "a"
    context.close()
