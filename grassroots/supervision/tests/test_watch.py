from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grassroots.core.models import Notification
from grassroots.demands.models import Assignment
from grassroots.supervision.models import NoticeStatus, SupervisionNotice
from grassroots.supervision.services.watch import deadline_watch


def kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.mark.django_db(transaction=True)
def test_near_then_overdue_notified_once_each(county, dispatched):
    demand, lead = dispatched
    due = lead.due_at
    assert deadline_watch(at=due - timedelta(minutes=30)) == {"near": 1, "overdue": 0,
                                                              "escalated": 0}
    assert deadline_watch(at=due - timedelta(minutes=20)) == {"near": 0, "overdue": 0,
                                                              "escalated": 0}
    assert "deadline_near" in kinds(county.handler)
    assert "deadline_near" in kinds(county.leader)
    after = due + timedelta(minutes=5)
    assert deadline_watch(at=after)["overdue"] == 1
    before = Notification.objects.count()
    assert deadline_watch(at=after) == {"near": 0, "overdue": 0, "escalated": 0}
    assert Notification.objects.count() == before  # running twice sends nothing twice
    assert "deadline_over" in kinds(county.dispatcher)
    assert "deadline_over" in kinds(county.leader)
    lead.refresh_from_db()
    assert lead.overdue_notified_for == due


@pytest.mark.django_db(transaction=True)
def test_escalation_drafts_one_notice_per_unit(county, dispatched, make_demand):
    from grassroots.demands.services import demand_dispatch

    demand, lead = dispatched
    other = make_demand(title="另一件水压问题")
    (lead2,) = demand_dispatch(actor=county.dispatcher, demand=other, lead_unit=county.water)
    later = max(lead.due_at, lead2.due_at) + timedelta(days=5)
    result = deadline_watch(at=later)
    assert result["escalated"] == 2 and result["overdue"] == 2
    notices = list(SupervisionNotice.objects.all())
    assert len(notices) == 1
    notice = notices[0]
    assert notice.status == NoticeStatus.DRAFTED and notice.auto_drafted
    assert notice.unit == county.water
    assert set(notice.demands.values_list("pk", flat=True)) == {demand.pk, other.pk}
    assert "notice_draft" in kinds(county.supervisor)
    # Idempotent: a second run escalates nothing and drafts nothing.
    assert deadline_watch(at=later + timedelta(minutes=5))["escalated"] == 0
    assert SupervisionNotice.objects.count() == 1
    assert Assignment.objects.filter(escalated_at__isnull=False).count() == 2


@pytest.mark.django_db(transaction=True)
def test_not_escalated_before_configured_working_time(county, dispatched, settings):
    settings.GRASSROOTS_ESCALATE_AFTER_HOURS = 1000
    demand, lead = dispatched
    assert deadline_watch(at=lead.due_at + timedelta(days=5))["escalated"] == 0
    assert not SupervisionNotice.objects.exists()


@pytest.mark.django_db
def test_nothing_due_is_one_query(county, dispatched):
    demand, lead = dispatched
    with CaptureQueriesContext(connection) as ctx:
        assert deadline_watch(at=lead.due_at - timedelta(days=3)) == {
            "near": 0, "overdue": 0, "escalated": 0}
    assert len([q for q in ctx.captured_queries if "demands_assignment" in q["sql"]]) == 1


@pytest.mark.django_db(transaction=True)
def test_notification_prints_local_deadlines(county, dispatched):
    from django.utils import timezone

    demand, lead = dispatched
    lead.refresh_from_db()  # as the watch reads it: UTC from the database
    deadline_watch(at=lead.due_at + timedelta(minutes=5))
    body = Notification.objects.filter(recipient=county.handler, kind="deadline_over").get().body_text
    assert f"时限 {timezone.localtime(lead.due_at):%m-%d %H:%M}" in body
    assert lead.due_at.utcoffset() == timedelta(0)
    assert f"{lead.due_at:%m-%d %H:%M}" not in body
