"""A quarter walked in Chromium on a 375-px phone: the civil servant's self-summary, the
section leader's score, the head's approval, the feedback, the acknowledgement."""

import pytest

from grassroots.testing.browser import signed_in_page

from ..models import Grade, RoutineRecord, RoutineStatus
from ..services.routine import period_open


def _step(browser, live_server, user, record, fill):
    page = signed_in_page(browser, live_server, user)
    page.goto(f"{live_server.url}/assessment/records/{record.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    fill(page)
    page.wait_for_load_state()
    text = page.get_by_test_id("record-status").inner_text()
    page.context.close()
    return text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_quarter_from_self_summary_to_acknowledged(browser, live_server, shipped_rules, unit):
    period = period_open(actor=unit.head, unit=unit.org, year=2026, quarter=1)
    record = RoutineRecord.objects.get(period=period, person=unit.a.person)

    def summary(page):
        page.get_by_test_id("summary-form").locator("textarea").fill("本季度完成医保待遇审核一百二十件。")
        page.get_by_role("button", name="提交个人小结").click()

    def assess(page):
        form = page.get_by_test_id("assess-form")
        form.locator("input[name=score]").fill("86")
        form.locator("input[name=note]").fill("审核及时准确")
        form.get_by_role("button", name="提交评鉴").click()

    def approve(page):
        page.get_by_test_id("act-routine_approve").click()

    def feedback(page):
        form = page.get_by_test_id("feedback-form")
        form.locator("input[name=note]").fill("当面反馈")
        form.get_by_role("button", name="记录反馈").click()

    def acknowledge(page):
        page.get_by_test_id("act-routine_acknowledge").click()

    assert _step(browser, live_server, unit.a, record, summary) == "已提交小结"
    assert _step(browser, live_server, unit.c, record, assess) == "已评鉴"
    assert _step(browser, live_server, unit.head, record, approve) == "已审核"
    assert _step(browser, live_server, unit.c, record, feedback) == "已反馈"
    assert _step(browser, live_server, unit.a, record, acknowledge) == "已确认"
    record.refresh_from_db()
    assert (record.status, record.grade) == (RoutineStatus.ACKNOWLEDGED, Grade.FAIRLY_GOOD)
