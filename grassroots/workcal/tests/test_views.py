from datetime import date

import pytest
from django.urls import reverse

from grassroots.core.models import Event
from grassroots.workcal import services
from grassroots.workcal.models import CalendarDay, DayKind

URL = "/calendar/"


def test_url_name():
    assert reverse("workcal:calendar") == URL


def test_admin_sees_the_year_grid(client, county):
    client.force_login(county.admin)
    r = client.get(URL, {"year": "2025"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "2025年工作日历" in html
    assert 'data-date="2025-01-29" data-kind="holiday"' in html
    assert 'data-date="2025-02-08" data-kind="adjusted_workday"' in html
    assert 'data-date="2025-10-11" data-kind="adjusted_workday"' in html
    assert 'data-date="2025-03-03" data-kind="normal"' in html
    assert "数据完整" in html
    assert 'name="viewport"' in html  # phone layout comes from base.html


def test_unknown_year_is_shown_as_estimated(client, county):
    client.force_login(county.admin)
    html = client.get(URL, {"year": "2031"}).content.decode()
    assert 'data-testid="year-status">估算' in html


def test_picking_a_day_prefills_the_form(client, county):
    client.force_login(county.admin)
    html = client.get(URL, {"year": "2025", "date": "2025-10-06"}).content.decode()
    assert 'value="2025-10-06"' in html
    assert 'value="中秋"' in html


@pytest.mark.parametrize("who", ["handler", "supervisor", "dispatcher", "citizen"])
def test_non_admin_gets_403(client, county, who):
    client.force_login(getattr(county, who))
    assert client.get(URL).status_code == 403
    r = client.post(URL, {"date": "2031-03-03", "status": "holiday", "name": "x"})
    assert r.status_code == 403
    assert not CalendarDay.objects.filter(date=date(2031, 3, 3)).exists()
    assert client.post(reverse("workcal:year_complete"), {"year": "2031",
                                                          "complete": "on"}).status_code == 403
    assert not services.year_is_known(2031)


def test_anonymous_is_sent_to_login(client, county):
    r = client.get(URL)
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("login"))


def test_admin_sets_a_holiday_through_the_form(client, county):
    client.force_login(county.admin)
    r = client.post(URL, {"date": "2031-03-03", "status": "holiday", "name": "县庆"})
    assert r.status_code == 302 and r["Location"] == f"{URL}?year=2031"
    day = CalendarDay.objects.get(date=date(2031, 3, 3))
    assert (day.kind, day.is_working, day.name) == (DayKind.HOLIDAY, False, "县庆")
    assert Event.objects.filter(action="calendar_day_set", actor=county.admin).count() == 1
    assert not services.is_working_day(date(2031, 3, 3))
    # Back to normal: a Monday is worked again.
    client.post(URL, {"date": "2031-03-03", "status": "normal", "name": ""})
    assert services.is_working_day(date(2031, 3, 3))
    # A Saturday made a working day.
    client.post(URL, {"date": "2031-03-08", "status": "adjusted_workday", "name": "县庆调休"})
    assert services.is_working_day(date(2031, 3, 8))


def test_form_error_is_shown_and_nothing_written(client, county):
    client.force_login(county.admin)
    r = client.post(URL, {"date": "2031-03-03", "status": "holiday", "name": ""})
    assert r.status_code == 400
    assert "请填写节日名称" in r.content.decode()
    assert not CalendarDay.objects.filter(date=date(2031, 3, 3)).exists()


def test_admin_marks_a_year_complete(client, county):
    client.force_login(county.admin)
    r = client.post(reverse("workcal:year_complete"), {"year": "2031", "complete": "on"})
    assert r.status_code == 302
    assert services.year_is_known(2031)
    client.post(reverse("workcal:year_complete"), {"year": "2031"})
    assert not services.year_is_known(2031)


def test_nav_link_only_for_admins(client, county):
    client.force_login(county.admin)
    assert f'href="{URL}"' in client.get("/").content.decode()
    client.force_login(county.handler)
    assert f'href="{URL}"' not in client.get("/").content.decode()


def test_django_admin_lists_and_saves_through_the_service(client, county):
    from django.contrib.auth.models import Permission

    # Django admin also needs the model permissions, like every other app's admin.
    county.admin.user_permissions.set(Permission.objects.filter(content_type__app_label="workcal"))
    client.force_login(county.admin)
    assert client.get("/admin/workcal/calendarday/", {"q": "春节"}).status_code == 200
    r = client.post("/admin/workcal/calendarday/add/", {
        "date": "2031-10-01", "kind": "holiday", "is_working": "", "name": "国庆节"})
    assert r.status_code == 302, r.content.decode()[:2000]
    assert Event.objects.filter(action="calendar_day_set").count() == 1
    assert not services.is_working_day(date(2031, 10, 1))
    # Staff who are not platform administrators cannot change the calendar there.
    county.handler.is_staff = True
    county.handler.save(update_fields=["is_staff"])
    county.handler.user_permissions.set(
        Permission.objects.filter(content_type__app_label="workcal"))
    client.force_login(county.handler)
    r = client.post("/admin/workcal/calendarday/add/", {
        "date": "2031-10-02", "kind": "holiday", "is_working": "", "name": "国庆节"})
    assert r.status_code == 403
    assert not CalendarDay.objects.filter(date=date(2031, 10, 2)).exists()
