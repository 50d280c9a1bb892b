"""The phone's own background requests (the worker refreshing its copies, the outbox sending
what waited) are not activity: an idle phone is signed out after 30 minutes however often they
run (issue #26; SESSION_COOKIE_AGE, core.middleware.SessionTouchMiddleware)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from grassroots.gridwork import months
from grassroots.gridwork.models import Visit
from grassroots.testing.sessions import session_clock_at

pytestmark = pytest.mark.django_db

BACKGROUND = {"HTTP_X_GRASSROOTS_BACKGROUND": "refresh"}


def visit_data(county):
    return {"grid": county.grid_a.pk, "date": months.today().isoformat(), "form": "field",
            "households_met": "1", "people_met": "1", "notes": "走访"}


def test_background_refreshes_do_not_keep_an_idle_phone_signed_in(gw, client):
    client.force_login(gw.secretary)
    start = timezone.now()
    for minute in (2, 12, 22, 29):  # the worker refreshes every few minutes, nobody looks
        with session_clock_at(start + timedelta(minutes=minute)):
            assert client.get("/offline/reference.json", **BACKGROUND).status_code == 200
            assert client.get("/grid/visits/new/", **BACKGROUND).status_code == 200
    with session_clock_at(start + timedelta(minutes=25)):  # and the outbox sent a record
        resp = client.post("/api/v1/offline/visits", visit_data(gw),
                           HTTP_IDEMPOTENCY_KEY="key-idle-0001",
                           HTTP_X_GRASSROOTS_BACKGROUND="outbox")
        assert resp.status_code == 201
    with session_clock_at(start + timedelta(minutes=31)):
        assert client.get("/offline/reference.json", **BACKGROUND).status_code == 302
        resp = client.get("/grid/visits/new/")
    assert resp.status_code == 302 and resp["Location"].startswith("/login/")
    assert Visit.objects.count() == 1


def test_the_same_requests_by_the_person_are_activity(gw, client):
    """The contrast: without the header the same requests slide the expiry."""
    client.force_login(gw.secretary)
    start = timezone.now()
    with session_clock_at(start + timedelta(minutes=29)):
        assert client.get("/grid/visits/new/").status_code == 200
    with session_clock_at(start + timedelta(minutes=31)):
        assert client.get("/grid/visits/new/").status_code == 200
