"""Batched event rows and deduplicated notifications (core helpers every service uses)."""

import threading
import time

import pytest
from django.core import mail
from django.db import connection, connections, transaction

from grassroots.core import clock
from grassroots.core.events import event_record, events_batched, events_for
from grassroots.core.models import Event, Notification
from grassroots.core.notifications import notify
from grassroots.people.models import User


@pytest.mark.django_db(transaction=True)
def test_batched_events_are_written_in_order_at_the_end_of_the_block(county):
    subject = county.water
    with transaction.atomic(), events_batched():
        event_record(subject=subject, actor=county.admin, action="first")
        event_record(subject=subject, actor=county.admin, action="second")
        assert not events_for(subject).exists()  # not yet: one INSERT when the block ends
    assert [e.action for e in events_for(subject).order_by("pk")] == ["first", "second"]


@pytest.mark.django_db(transaction=True)
def test_a_failing_block_writes_none_of_its_events_and_a_nested_block_keeps_its_own(county):
    subject = county.water
    with pytest.raises(RuntimeError), transaction.atomic(), events_batched():
        event_record(subject=subject, actor=None, action="lost")
        raise RuntimeError
    with transaction.atomic(), events_batched():
        event_record(subject=subject, actor=None, action="outer")
        try:
            with transaction.atomic(), events_batched():
                event_record(subject=subject, actor=None, action="inner")
                raise ValueError
        except ValueError:
            pass
    assert list(events_for(subject).values_list("action", flat=True)) == ["outer"]
    # Outside a batch an event is written at once and gets its key.
    assert event_record(subject=subject, actor=None, action="now").pk is not None
    assert Event.objects.filter(action="lost").count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("as_queryset", [True, False])
def test_notify_once_per_key_for_lists_and_querysets(county, as_queryset, settings,
                                                    django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    User.objects.filter(pk=county.handler.pk).update(email="handler@example.cn")
    users = User.objects.filter(pk__in=[county.handler.pk, county.dispatcher.pk])

    def send(recipients):
        return notify(recipients=recipients if as_queryset else list(recipients), kind="k",
                      title="标题", body="正文", url="/x/", dedup_key="key-1")

    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[county.dispatcher], kind="k", title="标题", dedup_key="key-1")
        assert send(users) == 1  # the dispatcher had it already
        assert send(users) == 0  # running a job twice sends nothing twice
    assert Notification.objects.filter(dedup_key="key-1").count() == 2
    assert [m.to for m in mail.outbox] == [["handler@example.cn"]]
    # No key: every call notifies.
    assert notify(recipients=users, kind="k", title="无键") == 2
    assert notify(recipients=users, kind="k", title="无键") == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_two_notifies_of_one_key_at_once_send_one_email(county, settings):
    """The second notify's check sees nothing (the first has not committed); its INSERT waits
    for the first transaction and then writes nothing, so it must not email either."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    User.objects.filter(pk=county.handler.pk).update(email="handler@example.cn")
    inserted = threading.Event()
    counts = {}

    def first():
        try:
            with transaction.atomic():
                counts["first"] = notify(recipients=[User.objects.get(pk=county.handler.pk)],
                                         kind="k", title="标题", dedup_key="race")
                inserted.set()
                time.sleep(0.5)  # the second INSERT is now waiting on this row
        finally:
            inserted.set()
            connections.close_all()

    def second():
        try:
            inserted.wait(10)
            counts["second"] = notify(recipients=User.objects.filter(pk=county.handler.pk),
                                      kind="k", title="标题", dedup_key="race")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert counts == {"first": 1, "second": 0}
    assert Notification.objects.filter(dedup_key="race").count() == 1
    assert [m.to for m in mail.outbox] == [["handler@example.cn"]]


@pytest.mark.django_db
def test_notify_many_recipients_in_chunks(county, monkeypatch):
    from grassroots.testing.factories import make_member

    users = [make_member(username=f"n{i}", organization=county.water, role="handler")
             for i in range(3)]
    monkeypatch.setattr("grassroots.core.notifications._CHUNK", 2)
    assert notify(recipients=users + [county.handler], kind="k", title="t", dedup_key="c") == 4
    assert notify(recipients=users, kind="k", title="t", dedup_key="c") == 0
    row = Notification.objects.get(recipient=users[0], dedup_key="c")
    assert row.title == "t" and row.read_at is None
    assert abs((row.created_at - clock.now()).total_seconds()) < 60
