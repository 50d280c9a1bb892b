"""The theme-day record the branch organiser makes offline: held at the phone's time,
suggestions recorded, and each 民意诉求 filed as an S1 demand, once per idempotency key."""

from datetime import timedelta

import pytest

from grassroots.core import clock
from grassroots.demands.models import Demand
from grassroots.partyday.models import DayStatus, Suggestion, SuggestionKind

pytestmark = pytest.mark.django_db


def url(day):
    return f"/api/v1/offline/themedays/{day.pk}/record"


def record_data(party, at, **extra):
    data = {"minutes": "学习新修订的党章，讨论村内道路维修和路灯安装。",
            "present": [str(m.person_id) for m in party.full_a[:3]],
            "recorded_at": at.isoformat(),
            "suggestion-1-raised_by_name": "孙代表", "suggestion-1-kind": SuggestionKind.DEMAND,
            "suggestion-1-content": "村东头道路坑洼，雨天无法通行，希望尽快修缮。",
            "suggestion-2-raised_by_name": "党员张明", "suggestion-2-kind": SuggestionKind.RATIONAL,
            "suggestion-2-content": "建议在村口安装两盏路灯。"}
    data.update(extra)
    return data


def test_record_holds_the_day_and_files_the_demand(party, today_day, client, jpeg):
    client.force_login(party.secretary_a)
    at = clock.now() - timedelta(minutes=40)
    resp = client.post(url(today_day), {**record_data(party, at), "photos": jpeg()},
                       HTTP_IDEMPOTENCY_KEY="day-key-0001")
    assert resp.status_code == 201, resp.content
    body = resp.json()
    today_day.refresh_from_db()
    assert today_day.status == DayStatus.SUGGESTIONS_RECORDED
    assert abs((today_day.held_at - at).total_seconds()) < 1  # the phone's time
    assert today_day.meeting.attachments.filter(kind="photo").count() == 1
    demand = Demand.objects.get()
    assert body["demands"] == [{"number": demand.number, "url": f"/demands/{demand.pk}/"}]
    assert demand.origin_type == "partyday" and demand.origin_id == today_day.pk
    demand_suggestion = Suggestion.objects.get(kind=SuggestionKind.DEMAND)
    assert demand_suggestion.demand_id == demand.pk
    assert abs((demand_suggestion.recorded_at - at).total_seconds()) < 1
    assert Suggestion.objects.get(kind=SuggestionKind.RATIONAL).demand_id is None

    again = client.post(url(today_day), {**record_data(party, at), "photos": jpeg()},
                        HTTP_IDEMPOTENCY_KEY="day-key-0001")
    assert again.status_code == 201 and again.content == resp.content
    assert Demand.objects.count() == 1 and Suggestion.objects.count() == 2

    other = client.post(url(today_day), record_data(party, at, minutes="另一份记录内容，不一样。"),
                        HTTP_IDEMPOTENCY_KEY="day-key-0001")
    assert other.status_code == 409 and other.json()["error"]["code"] == "conflict"


def test_a_refused_suggestion_keeps_nothing(party, today_day, client):
    client.force_login(party.secretary_a)
    resp = client.post(url(today_day), record_data(party, clock.now(), **{
        "suggestion-2-content": "短"}), HTTP_IDEMPOTENCY_KEY="day-key-0002")
    assert resp.status_code == 400
    fields = resp.json()["error"]["fields"]
    assert fields == {"suggestion-2-content": ["第2条意见建议：请把意见建议写清楚（至少5个字）。"]}
    today_day.refresh_from_db()
    assert today_day.status == DayStatus.PLANNED
    assert not Suggestion.objects.exists() and not Demand.objects.exists()


def test_another_branchs_day_is_404(party, today_day, client):
    client.force_login(party.secretary_b)
    resp = client.post(url(today_day), record_data(party, clock.now()),
                       HTTP_IDEMPOTENCY_KEY="day-key-0003")
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "not_found"
    assert not Suggestion.objects.exists()


def test_too_old_is_refused(party, today_day, client):
    client.force_login(party.secretary_a)
    resp = client.post(url(today_day), record_data(party, clock.now() - timedelta(days=9)),
                       HTTP_IDEMPOTENCY_KEY="day-key-0004")
    assert resp.status_code == 400
    assert "已超过7天" in resp.json()["error"]["message"]
    today_day.refresh_from_db()
    assert today_day.status == DayStatus.PLANNED


def test_record_page_offers_the_offline_form(party, today_day, client):
    client.force_login(party.secretary_a)
    html = client.get(f"/offline/themedays/{today_day.pk}/").content.decode()
    assert 'data-offline="themeday"' in html and 'name="suggestion-1-content"' in html
    client.force_login(party.secretary_b)
    assert client.get(f"/offline/themedays/{today_day.pk}/").status_code == 404
