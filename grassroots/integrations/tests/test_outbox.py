"""The transactional outbox to the city: same-transaction rows, retries with backoff, at-least-once."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from grassroots.core.errors import NotInScope
from grassroots.demands.services import (
    assignment_acknowledge,
    assignment_reply,
    demand_dispatch,
    demand_follow_up,
)
from grassroots.integrations.models import OutboxMessage, OutboxStatus
from grassroots.integrations.services import city12345, outbox, signing
from grassroots.testing.refusals import refused

pytestmark = pytest.mark.django_db


class Receiver:
    """A fake city endpoint: fails while ``down`` and records what arrived."""

    def __init__(self):
        self.down = False
        self.received = []

    def __call__(self, url, body, headers):
        if self.down:
            raise OSError("connection refused")
        self.received.append((headers["Idempotency-Key"], body, headers))
        return 200


@pytest.fixture
def receiver(monkeypatch):
    r = Receiver()
    monkeypatch.setattr(outbox, "SENDER", r)
    return r


@pytest.fixture
def city_demand(county, service_tree):
    body = ('{"id": "SD-42", "title": "停水", "content": "金城社区3号楼停水三天了。",'
            '"caller_phone": "13700001234"}').encode()
    item, _ = city12345.city_item_receive(body=body)
    return item.demand


def dispatch(county, demand):
    lead, assist = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water,
                                   assisting_units=[county.housing])
    return lead, assist


def test_acknowledge_writes_an_outbox_row_sent_after_commit(
        county, city_demand, receiver, django_capture_on_commit_callbacks):
    lead, _ = dispatch(county, city_demand)
    assert OutboxMessage.objects.count() == 0  # dispatch is internal to the county
    with django_capture_on_commit_callbacks(execute=True):
        assignment_acknowledge(actor=county.handler, assignment=lead)
    message = OutboxMessage.objects.get()
    assert message.kind == "acknowledge" and message.external_id == "SD-42"
    assert message.status == OutboxStatus.SENT and message.attempts == 1
    key, body, headers = receiver.received[0]
    assert key == str(message.idempotency_key)
    assert signing.check(body, headers["X-Timestamp"], headers["X-Signature"]) == ""
    assert b'"event": "acknowledge"' in body


def test_row_is_in_the_same_transaction_and_gone_on_rollback(county, city_demand, receiver):
    lead, _ = dispatch(county, city_demand)

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        assignment_acknowledge(actor=county.handler, assignment=lead)
        assert OutboxMessage.objects.filter(kind="acknowledge").count() == 1
        raise Boom
    assert OutboxMessage.objects.count() == 0
    assert receiver.received == []


def test_assisting_units_and_other_channels_write_nothing(county, city_demand, receiver,
                                                          make_other_demand):
    lead, assist = dispatch(county, city_demand)
    assignment_acknowledge(actor=county.outsider, assignment=assist)
    other_lead, _ = dispatch(county, make_other_demand())
    assignment_acknowledge(actor=county.handler, assignment=other_lead)
    assert OutboxMessage.objects.count() == 0


@pytest.fixture
def make_other_demand(county, service_tree):
    from grassroots.demands.services import demand_create

    def make():
        return demand_create(actor=county.dispatcher, channel="phone", type="help",
                             title="另一件", text="不是市平台转来的诉求。",
                             citizen_phone="13900001111")

    return make


def test_reply_and_close_are_reported_in_order(county, city_demand, receiver,
                                                django_capture_on_commit_callbacks):
    lead, _ = dispatch(county, city_demand)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_acknowledge(actor=county.handler, assignment=lead)
        assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                         text="已抢修管道，恢复供水，感谢反映。",
                         unconsolidated_reason="协办单位已电话告知无需其处置。")
        demand_follow_up(actor=county.dispatcher, demand=city_demand, satisfaction="satisfied")
    kinds = [b for _, b, _ in receiver.received]
    assert [k for k in ("acknowledge", "reply", "close") if any(k.encode() in b for b in kinds)] \
        == ["acknowledge", "reply", "close"]
    assert list(OutboxMessage.objects.values_list("kind", "status")) == [
        ("acknowledge", "sent"), ("reply", "sent"), ("close", "sent")]


def test_retries_with_backoff_then_succeeds_when_the_city_comes_back(
        county, city_demand, receiver, django_capture_on_commit_callbacks, settings):
    settings.GRASSROOTS_CITY12345_BACKOFF_SECONDS = 30
    lead, _ = dispatch(county, city_demand)
    receiver.down = True
    with django_capture_on_commit_callbacks(execute=True):
        assignment_acknowledge(actor=county.handler, assignment=lead)
    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.PENDING and message.attempts == 1
    assert "connection refused" in message.last_error
    first_delay = (message.next_attempt_at - timezone.now()).total_seconds()
    assert 25 < first_delay <= 30
    # Not due yet: the flush leaves it alone.
    assert outbox.outbox_flush() == {}
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    assert outbox.outbox_flush() == {"retry": 1}
    message.refresh_from_db()
    assert message.attempts == 2
    assert 55 < (message.next_attempt_at - timezone.now()).total_seconds() <= 60  # doubled
    receiver.down = False
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    assert outbox.outbox_flush() == {"sent": 1}
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.attempts == 3
    assert len(receiver.received) == 1
    # Sending again (at-least-once) reuses the same idempotency key.
    assert receiver.received[0][0] == str(message.idempotency_key)


def test_broker_down_leaves_the_row_for_the_periodic_flush(
        county, city_demand, receiver, monkeypatch, django_capture_on_commit_callbacks):
    from grassroots.integrations import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("redis unreachable")

    monkeypatch.setattr(tasks.outbox_deliver_task, "delay", broker_down)
    lead, _ = dispatch(county, city_demand)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_acknowledge(actor=county.handler, assignment=lead)  # the change still commits
    lead.refresh_from_db()
    assert lead.status == "acknowledged"
    assert OutboxMessage.objects.get().status == OutboxStatus.PENDING
    assert receiver.received == []
    assert outbox.outbox_flush() == {"sent": 1}  # the broker came back: beat runs the flush
    assert len(receiver.received) == 1


def test_failed_after_n_attempts_is_listed_and_can_be_requeued(
        county, city_demand, receiver, settings, client):
    settings.GRASSROOTS_CITY12345_MAX_ATTEMPTS = 3
    lead, _ = dispatch(county, city_demand)
    receiver.down = True
    assignment_acknowledge(actor=county.handler, assignment=lead)  # eager task: attempt 1
    for _ in range(3):
        OutboxMessage.objects.update(next_attempt_at=timezone.now())
        outbox.outbox_flush()
    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.FAILED and message.attempts == 3
    assert county.admin.notifications.filter(kind="outbox_failed").count() == 0  # not superuser
    receiver.down = False
    with refused(NotInScope, "只有管理员或派单中心可以重新发送。", unchanged=[message]):
        outbox.outbox_requeue(actor=county.handler, ids=[message.pk])
    assert outbox.outbox_requeue(actor=county.dispatcher, ids=[message.pk]) == 1
    outbox.outbox_flush()
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT


def test_administrators_are_told_of_a_failed_report_in_their_language(
        county, city_demand, receiver, settings):
    from django.core.management import call_command
    from django.utils import translation

    call_command("compile_translations", verbosity=0)  # a fresh clone has no .mo files
    settings.GRASSROOTS_CITY12345_MAX_ATTEMPTS = 1
    county.admin.is_superuser = True
    county.admin.save(update_fields=["is_superuser"])
    lead, _ = dispatch(county, city_demand)
    receiver.down = True
    assignment_acknowledge(actor=county.handler, assignment=lead)
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    outbox.outbox_flush()
    note = county.admin.notifications.get(kind="outbox_failed")
    number = city_demand.external_id
    assert note.message["title"]["params"]["kind"]["value"] == "acknowledge"
    assert note.title_text == f"12345回传失败：{number}（签收）"
    with translation.override("en"):
        assert note.title_text == f"Report to 12345 failed: {number} (Acknowledge)"


def test_a_claimed_message_is_not_sent_twice(county, city_demand, receiver):
    lead, _ = dispatch(county, city_demand)
    receiver.down = True
    assignment_acknowledge(actor=county.handler, assignment=lead)
    receiver.down = False
    message = OutboxMessage.objects.get()
    OutboxMessage.objects.update(next_attempt_at=timezone.now() + timedelta(seconds=60))
    assert outbox.outbox_deliver(message.pk) == "not-due"
    assert receiver.received == []


def test_later_message_waits_for_an_earlier_one(county, city_demand, receiver):
    lead, _ = dispatch(county, city_demand)
    receiver.down = True
    assignment_acknowledge(actor=county.handler, assignment=lead)
    receiver.down = False
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                     text="已抢修管道，恢复供水，感谢反映。",
                     unconsolidated_reason="协办单位已电话告知无需其处置。")
    reply = OutboxMessage.objects.get(kind="reply")
    assert reply.status == OutboxStatus.PENDING and receiver.received == []
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    outbox.outbox_flush()
    sent = [b for _, b, _ in receiver.received]
    assert len(sent) == 2 and b"acknowledge" in sent[0] and b"reply" in sent[1]


def _failed_message(county, city_demand, receiver, settings):
    """A report the city never took (the attempts ran out)."""
    lead, _ = dispatch(county, city_demand)
    receiver.down = True
    assignment_acknowledge(actor=county.handler, assignment=lead)  # eager task: attempt 1
    OutboxMessage.objects.update(status=OutboxStatus.FAILED, attempts=3)
    receiver.down = False
    return OutboxMessage.objects.get()


def test_the_retry_button_refuses_a_handler_with_the_403_page(
        county, city_demand, receiver, settings, client):
    message = _failed_message(county, city_demand, receiver, settings)
    client.force_login(county.handler)
    r = client.post("/integrations/city12345/retry", {"ids": [message.pk]})
    assert r.status_code == 403
    assert "只有管理员或派单中心可以重新发送。" in r.content.decode()
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED and message.attempts == 3


def test_the_retry_button_requeues_for_the_dispatcher(
        county, city_demand, receiver, settings, client):
    message = _failed_message(county, city_demand, receiver, settings)
    client.force_login(county.dispatcher)
    r = client.post("/integrations/city12345/retry", {"ids": [message.pk]}, follow=True)
    assert r.redirect_chain[-1][0] == "/integrations/city12345/?show=failed"
    assert "已重新排队 1 条回传消息。" in r.content.decode()
