"""On a phone (Chromium at 375 px): the applicant registers, fills in, saves and submits; a
base operator enrols a trainee and decides his completion."""

from pathlib import Path

import pytest
from django.conf import settings

from grassroots.people.models import PersonKind
from grassroots.testing.browser import PHONE, signed_in_page
from grassroots.testing.factories import make_member

from ..models import Application, ApplicationStatus
from .world import build_title_world

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_farmer_applies_on_his_phone(browser, live_server, county):
    build_title_world(county)
    farmer = make_member(username="t_farmer", organization=None, role=None, name="刘农户",
                         kind=PersonKind.CITIZEN)
    page = signed_in_page(browser, live_server, farmer, PHONE)
    page.goto(f"{live_server.url}/talent/my/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    form = page.locator("[data-testid=register-form]")
    form.locator("select[name=town]").select_option(label="金乡街道")
    form.locator("select[name=category]").select_option(value="planting")
    form.locator("input[name=cooperative]").fill("金乡大蒜合作社")
    form.locator("button").click()
    apply = page.locator("[data-testid=apply-form]")
    apply.wait_for()
    apply.locator("select[name=level]").select_option(label="农民中级职称")
    apply.locator("input[name=years_in_production]").fill("8")
    apply.locator("input[name=households_driven]").fill("45")
    apply.locator("textarea[name=achievements]").fill("种植大蒜一百二十亩，引进脱毒新品种，带动45户增收。")
    apply.locator("button").click()
    status = page.locator("[data-testid=my-status]")
    assert status.inner_text() == "草稿"
    page.locator("button[value=application_submit]").click()
    page.wait_for_selector("[data-testid=my-status]:has-text('已提交')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "talent-my-375.png"), full_page=True)
    application = Application.objects.get(talent__person=farmer.person)
    assert (application.status, application.level.name, application.households_driven) == (
        ApplicationStatus.SUBMITTED, "农民中级职称", 45)


def test_a_base_operator_enrols_and_decides_on_his_phone(browser, live_server, course_world):
    from ..models import Enrollment
    from .conftest import PHONE as TRAINEE

    office, operator, course, talent = course_world
    page = signed_in_page(browser, live_server, operator, PHONE)
    page.goto(f"{live_server.url}/talent/courses/{course.pk}/")
    page.locator("input[name=phone]").fill(TRAINEE)
    page.locator("button:has-text('登记')").last.click()
    row = page.locator("[data-testid=enrollments] tbody tr").first
    row.wait_for()
    assert "李种植" in row.inner_text() and "待认定" in row.inner_text()
    row.locator("input[name=attended_hours]").fill("8")
    row.locator("input[name=passed]").check()
    row.locator("button").click()
    page.wait_for_selector("[data-testid=enrollments] :text('已结业')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "talent-course-375.png"), full_page=True)
    enrollment = Enrollment.objects.get(course=course, talent=talent)
    assert (enrollment.attended_hours, enrollment.passed) == (8, True)
