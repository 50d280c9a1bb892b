"""A double-click or a reload after success creates nothing twice: every create form carries a
key issued when it is rendered, and a repeat answers with the first result."""

import re
import threading

import pytest
from django.db import close_old_connections, connection

from grassroots.core.idempotency import IdempotencyConflict, run_once
from grassroots.core.models import IdempotencyKey
from grassroots.demands.models import Demand
from grassroots.gridwork import months
from grassroots.gridwork.models import Visit

REPEATED = "已提交，未重复创建。"


def rendered_key(client, url) -> str:
    body = client.get(url).content.decode()
    match = re.search(r'name="idempotency_key" value="([^"]+)"', body)
    assert match, "the form carries no idempotency key"
    return match.group(1)


def messages_of(client, response) -> str:
    return client.get(response["Location"]).content.decode()


def citizen_data(county, key):
    return {"type": "complaint", "title": "夜间施工噪音", "text": "工地每天夜里十二点还在施工，影响休息。",
            "division": county.village_a.pk, "idempotency_key": key}


def test_citizen_form_posted_twice_creates_one_demand(client, county):
    client.force_login(county.citizen)
    key = rendered_key(client, "/my/new/")
    first = client.post("/my/new/", citizen_data(county, key))
    demand = Demand.objects.get()
    assert first.status_code == 302 and first["Location"] == f"/my/demands/{demand.pk}/"
    assert REPEATED not in messages_of(client, first)
    second = client.post("/my/new/", citizen_data(county, key))
    assert second.status_code == 302 and second["Location"] == first["Location"]
    page = messages_of(client, second)
    assert REPEATED in page and demand.number in page
    assert Demand.objects.count() == 1 and IdempotencyKey.objects.count() == 1
    # A new render is a new key: the citizen may submit the same text again on purpose.
    third = client.post("/my/new/", citizen_data(county, rendered_key(client, "/my/new/")))
    assert third.status_code == 302 and Demand.objects.count() == 2


def test_a_refused_submit_keeps_the_key_free(client, county):
    client.force_login(county.citizen)
    key = rendered_key(client, "/my/new/")
    data = citizen_data(county, key)
    r = client.post("/my/new/", {**data, "title": ""})
    assert r.status_code == 400 and f'value="{key}"' in r.content.decode()
    assert not Demand.objects.exists() and not IdempotencyKey.objects.exists()
    assert client.post("/my/new/", data).status_code == 302
    assert Demand.objects.count() == 1


def test_phone_intake_posted_twice_creates_one_demand(client, county):
    client.force_login(county.dispatcher)
    key = rendered_key(client, "/phone/new/")
    data = {"citizen_name": "赵先生", "citizen_phone": "13912345678", "type": "help",
            "grade": "normal", "division": county.village_a.pk, "title": "水压低",
            "text": "三号楼水压很低，楼上用不上水。", "idempotency_key": key}
    first = client.post("/phone/new/", data)
    second = client.post("/phone/new/", data)
    demand = Demand.objects.get()
    assert first["Location"] == second["Location"] == f"/phone/new/?created={demand.pk}"
    assert REPEATED in messages_of(client, second)


def test_visit_form_posted_twice_records_one_visit(client, county):
    client.force_login(county.secretary)
    key = rendered_key(client, "/grid/visits/new/")
    data = {"grid": county.grid_a.pk, "date": months.today().isoformat(), "form": "field",
            "households_met": "3", "people_met": "7", "notes": "",
            "demand-1-type": "help", "demand-1-title": "路灯不亮",
            "demand-1-text": "村东头路灯坏了三天。", "idempotency_key": key}
    first = client.post("/grid/visits/new/", data)
    second = client.post("/grid/visits/new/", data)
    visit = Visit.objects.get()
    assert first["Location"] == second["Location"] == f"/grid/visits/{visit.pk}/"
    assert REPEATED in messages_of(client, second)
    assert Demand.objects.count() == 1


def test_the_key_is_per_user(county):
    make = iter(range(10))
    run_once(user=county.citizen, key="k" * 16, operation="t", create=lambda: next(make),
             result=lambda v: {"v": v})
    other = run_once(user=county.other_citizen, key="k" * 16, operation="t",
                     create=lambda: next(make), result=lambda v: {"v": v})
    assert other.result == {"v": 1} and not other.repeated
    with pytest.raises(IdempotencyConflict) as exc:
        run_once(user=county.citizen, key="k" * 16, operation="other", create=lambda: 0,
                 result=lambda v: {})
    assert exc.value.message == ("此 Idempotency-Key 已用于另一个请求；重试请发送相同的内容，"
                                 "新的请求请使用新的键。")


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="the in-memory SQLite test database cannot serve two writers")
@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_of_one_form_give_one_demand(county, client):
    """Two requests with one key at the same moment (threads, each its own connection): one
    row, one demand, both answered with it: the second insert waits on the unique index."""
    from django.test import Client

    county_user = county.citizen
    key = "concurrent-key-0001"
    barrier = threading.Barrier(2)
    answers = []

    def post():
        try:
            c = Client()
            c.force_login(county_user)
            barrier.wait(timeout=10)
            answers.append(c.post("/my/new/", citizen_data(county, key)))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert Demand.objects.count() == 1 and IdempotencyKey.objects.count() == 1
    demand = Demand.objects.get()
    assert sorted(r.status_code for r in answers) == [302, 302]
    assert {r["Location"] for r in answers} == {f"/my/demands/{demand.pk}/"}


@pytest.mark.parametrize("who, url, name", [("citizen", "/my/new/", "citizen-new"),
                                            ("dispatcher", "/phone/new/", "phone-new"),
                                            ("secretary", "/grid/visits/new/", "visit-new")])
def test_every_intake_form_keeps_a_draft_and_sends_once(client, county, who, url, name):
    user = getattr(county, who)
    client.force_login(user)
    body = client.get(url).content.decode()
    assert f'data-once data-draft="{name}" data-draft-user="{user.pk}"' in body
    assert 'data-draft-restored-msg="已恢复您未提交的草稿。"' in body
    assert "/static/core/forms.js" in body


def test_an_expired_session_is_told_on_the_login_page(client, county):
    from django.conf import settings

    client.force_login(county.secretary)
    client.session.flush()  # the session ends on the server; the browser still sends the cookie
    client.cookies[settings.SESSION_COOKIE_NAME] = "gone-session-key"
    response = client.get("/grid/visits/new/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/grid/visits/new/&expired=1"
    page = client.get(response["Location"]).content.decode()
    assert "您的登录已过期，请重新登录。" in page
    assert "登录后将回到“记录走访”页面，未提交的内容已保存在本机，届时自动恢复。" in page


def test_a_background_check_first_does_not_hide_the_expiry(client, county):
    """The visit form's live duplicate check may carry the stale cookie first: it answers 204
    (no login page in the background), the session cookie is dropped, and the form's own submit
    is still told that the session expired — once."""
    from django.conf import settings

    client.force_login(county.secretary)
    client.session.flush()
    client.cookies[settings.SESSION_COOKIE_NAME] = "gone-session-key"
    assert client.get("/triage/intake-duplicates/?title=x").status_code == 204
    assert not client.cookies[settings.SESSION_COOKIE_NAME].value  # dropped by the server
    response = client.post("/grid/visits/new/", {})
    assert response["Location"] == "/login/?next=/grid/visits/new/&expired=1"
    again = client.get("/grid/visits/new/")
    assert again["Location"] == "/login/?next=/grid/visits/new/"


def test_a_first_visit_is_not_called_expired(client, county):
    response = client.get("/grid/visits/new/")
    assert response["Location"] == "/login/?next=/grid/visits/new/"
    page = client.get(response["Location"]).content.decode()
    assert "已过期" not in page and "登录后将回到“记录走访”页面。" in page


def test_old_keys_are_forgotten(county):
    from datetime import timedelta

    from django.utils import timezone

    from grassroots.core.idempotency import idempotency_purge
    from grassroots.core.periodic import JOBS

    old = IdempotencyKey.objects.create(user=county.citizen, key="old-key-0001", operation="t")
    IdempotencyKey.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    IdempotencyKey.objects.create(user=county.citizen, key="new-key-0001", operation="t")
    assert idempotency_purge() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new-key-0001"]
    assert "idempotency_purge" in JOBS
