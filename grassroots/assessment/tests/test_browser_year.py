"""A year walked in Chromium: the civil servant on a 375-px phone, the section leader (his
assessor), the unit head and the committee member at a desk. A quarter from self-summary to
final, then the annual assessment from the collected grades to the excellent list's publicity.
Screenshots of each page go to ``$ASSESSMENT_SHOTS`` when it is set (for looking at them)."""

import os
from pathlib import Path

import pytest

from grassroots.testing.browser import DESKTOP, PHONE, signed_in_page

from ..models import AnnualAssessment, AnnualStatus, Grade, RoutineRecord, RoutineStatus
from ..services import annual as annual_svc
from ..services.routine import period_open
from .test_annual import _quarter

SHOTS = os.environ.get("ASSESSMENT_SHOTS", "")


def _visit(browser, live_server, user, path, act, *, viewport, shot="", testid=""):
    """Open ``path`` as ``user``, check the page fits the viewport, ``act`` on it, and return
    the text of ``testid`` after the page reloaded."""
    page = signed_in_page(browser, live_server, user, viewport)
    page.goto(f"{live_server.url}{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    act(page)
    page.wait_for_load_state()
    assert not page.get_by_test_id("error").count(), page.get_by_test_id("error").inner_text()
    if SHOTS and shot:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{shot}.png", full_page=True)
    text = page.get_by_test_id(testid).inner_text() if testid else ""
    page.context.close()
    return text


def _press(testid):
    return lambda page: page.get_by_test_id(testid).click()


def _fill(testid, fields, button):
    def act(page):
        form = page.get_by_test_id(testid)
        for selector, value in fields.items():
            form.locator(selector).fill(value)
        form.get_by_role("button", name=button).click()
    return act


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_year_from_the_quarter_to_the_excellent_list_publicity(browser, live_server, shipped_rules,
                                                                unit):
    # Quarters 2–4 went through the services already (甲 好 in each).
    for quarter in (2, 3, 4):
        _quarter(unit, quarter, {unit.a: 95, unit.b: 85, unit.c: 85})
    period = period_open(actor=unit.head, unit=unit.org, year=2026, quarter=1)
    record = RoutineRecord.objects.get(period=period, person=unit.a.person)
    url = f"/assessment/records/{record.pk}/"

    def step(user, act, viewport, shot, path=url, testid="record-status"):
        return _visit(browser, live_server, user, path, act, viewport=viewport, shot=shot,
                      testid=testid)

    # The quarter: 甲 on his phone, 丙科长 (his section's leader) and the head at a desk.
    assert step(unit.a, _fill("summary-form", {"textarea": "本季度审核医保待遇一百二十件，零差错。"},
                              "提交个人小结"), PHONE, "1-summary-phone") == "已提交小结"
    assert step(unit.c, _fill("assess-form", {"input[name=score]": "95",
                                              "input[name=note]": "审核及时准确",
                                              "input[name=override_reason]": "全季零差错"},
                              "提交评鉴"), DESKTOP, "2-assess-desk") == "已评鉴"
    assert step(unit.head, _press("act-routine_approve"), DESKTOP, "3-approve-desk") == "已审核"
    assert step(unit.c, _fill("feedback-form", {"input[name=note]": "当面反馈，继续保持"},
                              "记录反馈"), DESKTOP, "4-feedback-desk") == "已反馈"
    assert step(unit.a, _press("act-routine_acknowledge"), PHONE, "5-acknowledge-phone") == "已确认"
    assert step(unit.head, _press("act-routine_finalise"), DESKTOP, "6-final-desk") == "已归档"
    record.refresh_from_db()
    assert (record.status, record.grade) == (RoutineStatus.FINAL, Grade.GOOD)

    # The year: the head collects the grades on the annual list; the authority's slots.
    step(unit.head, lambda page: page.get_by_test_id("collect-form").get_by_role(
        "button", name="汇总平时考核等次").click(), DESKTOP, "7-collect-desk",
         path="/assessment/annual/?year=2026", testid="")
    annual = AnnualAssessment.objects.get(person=unit.a.person, year=2026)
    assert annual.routine_grades == {"1": "good", "2": "good", "3": "good", "4": "good"}
    quota = annual_svc.quota_decide(actor=unit.authority, unit=unit.org, year=2026)
    path = f"/assessment/annual/{annual.pk}/"
    assert step(unit.a, _fill("summary-form", {"textarea": "全年完成医保待遇审核四百八十件，零差错。"},
                              "提交年度总结"), PHONE, "8-annual-summary-phone", path,
                "annual-status") == "已提交年度总结"

    def recommend(page):
        form = page.get_by_test_id("recommend-form")
        form.locator("select[name=grade]").select_option("excellent")
        form.get_by_role("button", name="提出等次建议").click()

    assert step(unit.c, recommend, DESKTOP, "9-recommend-desk", path,
                "annual-status") == "已提出等次建议"
    assert step(unit.committee, _fill("review-form", {"input[name=note]": "同意，在名额内"},
                                      "考核委员会审核"), DESKTOP, "10-review-desk", path,
                "annual-status") == "考核委员会已审核"
    # Before the publicity the head sees why a 优秀 cannot be decided yet.
    assert step(unit.head, lambda page: None, DESKTOP, "11-gate-desk", path,
                "gate") == "优秀等次人选尚未公示，公示期满且无异议后才能确定等次。"
    shown = step(unit.head, _fill("publicise-form", {"input[name=contact_phone]": "0537-8888888"},
                                  "公示优秀等次人选"), DESKTOP, "12-publicity-desk",
                 f"/assessment/quotas/{quota.pk}/", "publicity")
    assert "医保局2026年度考核优秀等次人选公示" in shown and shown.startswith("公示中")
    forms = []
    listed = step(unit.head, lambda page: forms.append(page.get_by_test_id("publicise-form").count()),
                  DESKTOP, "", f"/assessment/quotas/{quota.pk}/", "listed")
    assert "甲" in listed and "乙" not in listed
    assert forms == [0]  # published: no second publicity offered
    # 甲 reads his own annual assessment on the phone: reviewed, waiting for the publicity.
    assert step(unit.a, lambda page: None, PHONE, "13-annual-phone", path,
                "annual-status") == "考核委员会已审核"
    annual.refresh_from_db()
    assert (annual.status, annual.recommended_grade) == (AnnualStatus.REVIEWED, "excellent")
