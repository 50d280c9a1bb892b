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


@pytest.mark.django_db(transaction=True)
def test_new_overdue_assignments_are_not_starved_by_ones_not_yet_escalatable(county, dispatched):
    """Issue #25: many assignments overdue by more than 8 clock hours but fewer than 8 working
    hours (already notified, not escalatable yet) must not fill the run's candidates: every newly
    overdue assignment is claimed in one run, even with a candidate limit smaller than the
    backlog."""
    from grassroots.workcal.tests.helpers import bj

    demand, lead = dispatched
    at = bj(2025, 3, 10, 9, 0)  # Monday morning
    friday = bj(2025, 3, 7, 16, 0)  # 65 clock hours, 2 working hours overdue at ``at``
    base = {f.attname: getattr(lead, f.attname) for f in Assignment._meta.concrete_fields
            if f.attname != "id"}
    Assignment.objects.bulk_create([
        Assignment(**{**base, "due_at": friday, "overdue_notified_for": friday})
        for _ in range(60)])
    new_due = bj(2025, 3, 10, 8, 45)
    Assignment.objects.filter(pk=lead.pk).update(due_at=new_due)
    new = Assignment.objects.bulk_create([Assignment(**{**base, "due_at": new_due})
                                          for _ in range(9)])
    new_pks = {lead.pk, *(a.pk for a in new)}
    before = Notification.objects.count()

    assert deadline_watch(at=at, limit=50) == {"near": 0, "overdue": 10, "escalated": 0}

    assert set(Assignment.objects.filter(overdue_notified_for=new_due)
               .values_list("pk", flat=True)) == new_pks
    # The planted backlog is left exactly as it was: nothing escalated, nothing re-notified.
    assert Assignment.objects.filter(due_at=friday, overdue_notified_for=friday,
                                     escalated_at__isnull=True).count() == 60
    assert not SupervisionNotice.objects.exists()
    (sent,) = Notification.objects.filter(recipient=county.handler, kind="deadline_over")
    assert sent.title_text == "10 件工单已超时，请尽快办理"
    assert Notification.objects.filter(pk__gt=0).count() > before


@pytest.mark.django_db(transaction=True)
def test_escalation_bar_is_in_working_time(county, dispatched):
    """Overdue 8 working hours exactly is escalated; a second less is not (same run)."""
    from grassroots.workcal.services import add_working_hours
    from grassroots.workcal.tests.helpers import bj

    demand, lead = dispatched
    at = bj(2025, 3, 11, 10, 0)
    ripe = bj(2025, 3, 10, 9, 30)  # Monday 9:30 → Tuesday 10:00 is exactly 8 working hours
    assert add_working_hours(ripe, 8).due_at == at
    Assignment.objects.filter(pk=lead.pk).update(due_at=ripe)
    base = {f.attname: getattr(lead, f.attname) for f in Assignment._meta.concrete_fields
            if f.attname != "id"}
    (young,) = Assignment.objects.bulk_create([
        Assignment(**{**base, "due_at": ripe + timedelta(seconds=2)})])

    assert deadline_watch(at=at) == {"near": 0, "overdue": 2, "escalated": 1}

    assert set(Assignment.objects.filter(escalated_at=at).values_list("pk", flat=True)) == {lead.pk}
    young.refresh_from_db()
    assert young.escalated_at is None


@pytest.mark.django_db(transaction=True)
def test_any_registered_case_type_is_watched_and_a_failed_escalation_writes_nothing(
        county, dispatched, monkeypatch):
    """A case type is declarations only: which rows run, what to do when overdue, how to
    escalate. An escalation that fails rolls back its claim, so the next run tries again."""
    from django.db.models import Q

    from grassroots.workcal import watch

    demand, lead = dispatched
    seen = {"overdue": [], "escalate": []}

    def on_escalate(row, at):
        seen["escalate"].append(row["pk"])
        raise RuntimeError("the escalation target is down")

    monkeypatch.setattr(watch, "WATCHED", {})
    watch.register_watched_case(watch.WatchedCase(
        name="lead-only", model="demands.Assignment", running=lambda: Q(role="lead"),
        values=("unit_id",),
        on_overdue=lambda rows, at: seen["overdue"].extend((r["pk"], r["unit_id"]) for r in rows),
        on_escalate=on_escalate))
    later = lead.due_at + timedelta(days=5)
    with pytest.raises(RuntimeError, match="the escalation target is down"):
        watch.deadline_watch(at=later)
    assert seen == {"overdue": [(lead.pk, county.water.pk)], "escalate": [lead.pk]}
    lead.refresh_from_db()
    assert lead.overdue_notified_for == lead.due_at and lead.escalated_at is None
    assert not Notification.objects.filter(kind="deadline_over").exists()  # not the app's handler

    seen["escalate"].clear()
    watch.WATCHED["lead-only"] = watch.WatchedCase(
        name="lead-only", model="demands.Assignment", running=lambda: Q(role="lead"),
        on_escalate=lambda row, at: seen["escalate"].append(row["pk"]))
    assert watch.deadline_watch(at=later) == {"lead-only": {"near": 0, "overdue": 0,
                                                            "escalated": 1}}
    lead.refresh_from_db()
    assert lead.escalated_at == later and seen["escalate"] == [lead.pk]
