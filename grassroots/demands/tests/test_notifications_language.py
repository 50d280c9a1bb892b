"""Notifications from the demand services read in the reader's language, whoever wrote them in
which language; rows written before messages were stored keep their text; the email copy is in
the site's language (the user model records no language)."""

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation
from django.utils.timezone import localtime

from grassroots.core.models import Notification
from grassroots.demands.services import demand_dispatch
from grassroots.people.models import User


@pytest.fixture(autouse=True, scope="module")
def compiled_catalogue():
    # CI starts from a fresh clone without .mo files (see docs/i18n.md).
    from django.core.management import call_command

    call_command("compile_translations", verbosity=0)


def _switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/notifications/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def _page(client, user) -> str:
    client.force_login(user)
    response = client.get("/notifications/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_dispatch_reads_in_chinese_by_default_and_in_english_after_switching(
        client, county, dispatched):
    demand, lead, _assist = dispatched
    due = f"{localtime(lead.acknowledge_due_at):%m-%d %H:%M}"

    page = _page(client, county.handler)
    assert f"新工单（主办）：{demand.title}" in page
    assert f"诉求编号 {demand.number}，请于 {due} 前签收。" in page

    _switch_to_english(client)
    page = _page(client, county.handler)
    assert f"New assignment (Lead): {demand.title}" in page  # the demand's title stays as typed
    assert f"Demand {demand.number}: please acknowledge it by {due}." in page
    assert "新工单" not in page and "签收" not in page


def test_a_notification_written_during_an_english_request_reads_in_chinese(
        client, county, make_demand):
    demand = make_demand()
    with translation.override("en"):  # the dispatcher works in English
        demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    page = _page(client, county.handler)
    assert f"新工单（主办）：{demand.title}" in page
    assert "New assignment" not in page


def test_the_role_is_stored_as_its_value_and_shown_through_its_label(client, county, dispatched):
    demand, _lead, _assist = dispatched
    row = Notification.objects.get(recipient=county.outsider, kind="dispatch")  # housing: assisting
    assert row.message["title"]["params"]["role"]["value"] == "assist"
    assert row.title == ""  # the message is stored, not a rendering of it

    assert f"新工单（协办）：{demand.title}" in _page(client, county.outsider)
    _switch_to_english(client)
    page = _page(client, county.outsider)
    assert f"New assignment (Assisting): {demand.title}" in page
    assert "协办" not in page


def test_a_row_written_before_messages_shows_its_stored_text_in_either_language(client, county):
    Notification.objects.create(recipient=county.handler, kind="dispatch",
                                title="新工单（主办）：旧的一条", body="诉求编号 JX20250101-0001，请尽快签收。")
    assert "新工单（主办）：旧的一条" in _page(client, county.handler)
    _switch_to_english(client)
    page = _page(client, county.handler)
    assert "新工单（主办）：旧的一条" in page
    assert "诉求编号 JX20250101-0001，请尽快签收。" in page


def test_a_free_text_body_stays_as_typed(client, county, dispatched):
    _demand, lead, _assist = dispatched
    from grassroots.demands.services import assignment_return

    assignment_return(actor=county.handler, assignment=lead, reason="该路段供水管网归住建局管理")
    _switch_to_english(client)
    page = _page(client, county.dispatcher)
    assert "Return awaiting your ruling:" in page
    assert f"{county.water}: 该路段供水管网归住建局管理" in page  # the unit's reason, quoted


@pytest.mark.parametrize("site_language, subject", [
    ("zh-hans", "新工单（主办）：小区水压低"),
    ("en", "New assignment (Lead): 小区水压低"),
])
def test_the_email_copy_is_in_the_site_language(county, make_demand, settings, site_language,
                                                subject, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LANGUAGE_CODE = site_language
    User.objects.filter(pk=county.handler.pk).update(email="handler@example.cn")
    demand = make_demand(title="小区水压低")
    # Written during a request in the other language: the copy follows the site, not the writer.
    with django_capture_on_commit_callbacks(execute=True), \
            translation.override("zh-hans" if site_language == "en" else "en"):
        (lead,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    sent = [m for m in mail.outbox if m.to == ["handler@example.cn"]]
    assert [m.subject for m in sent] == [subject]
    due = f"{localtime(lead.acknowledge_due_at):%m-%d %H:%M}"
    assert due in sent[0].body and f"/demands/{demand.pk}/" in sent[0].body
