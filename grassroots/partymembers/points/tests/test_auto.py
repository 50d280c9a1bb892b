"""The nightly automatic entries: each source, caps per period, idempotent re-runs, the
registered sources of the apps above, and a statement count that does not grow per member."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from grassroots.demands.models import Assignment, FollowUp
from grassroots.party import services as party_services
from grassroots.party.models import OrgKind
from grassroots.party.tests.world import add_members
from grassroots.partymembers.records.models import BillStatus, DuesBill
from grassroots.partymembers.records.tests.helpers import on
from grassroots.rulesets.selectors import rule_set_by_code
from grassroots.testing.fixtures import make_demand

from .. import services
from ..models import EntryStatus, PointEntry
from ..services import common
from .helpers import YEAR, meeting, members_of, published

pytestmark = pytest.mark.django_db


def _codes(member):
    return sorted((e.item.code, e.points) for e in PointEntry.objects.filter(member=member)
                  .select_related("item"))


def test_attendance_absence_and_the_monthly_cap_and_reruns_add_nothing(tree):
    published(tree)
    a, b, c = members_of(tree.branch_a1)[:3]
    meeting(tree.branch_a1, date(YEAR, 5, 8), present=[a, b], absent=[c])
    meeting(tree.branch_a1, date(YEAR, 5, 20), present=[a])  # a second theme day: capped
    meeting(tree.branch_a1, date(YEAR, 5, 22), kind="general_meeting", present=[a])
    with on(date(YEAR, 6, 2)):
        first = services.points_nightly(date(YEAR, 5, 1))
        again = services.points_nightly(date(YEAR, 5, 1))
    assert first["created"] == 4 and again["created"] == 0
    assert _codes(a) == [("BO-01", Decimal("2.00")), ("BO-04", Decimal("1.00"))]
    assert _codes(b) == [("BO-04", Decimal("1.00"))]
    assert _codes(c) == [("BO-07", Decimal("-2.00"))]
    entry = PointEntry.objects.filter(member=a, item__code="BO-04").get()
    assert entry.status == EntryStatus.CONFIRMED
    assert (entry.source_kind, entry.source_label) == ("attendance", f"theme_day {YEAR}-05-08")


def test_dues_paid_by_month_end_and_overdue_once_the_month_is_over(tree):
    published(tree)
    rs = rule_set_by_code("party.dues.2008")
    a, b, c = members_of(tree.branch_b1)[:3]
    month = date(YEAR, 4, 1)
    DuesBill.objects.create(member=a, month=month, amount=1, rule_set=rs,
                            status=BillStatus.PAID, paid_on=date(YEAR, 4, 28))
    DuesBill.objects.create(member=b, month=month, amount=1, rule_set=rs,
                            status=BillStatus.PAID, paid_on=date(YEAR, 5, 3))  # late
    DuesBill.objects.create(member=c, month=month, amount=1, rule_set=rs)
    with on(date(YEAR, 4, 29)):  # the month is not over: no overdue yet
        services.points_nightly(month)
        assert _codes(c) == []
    with on(date(YEAR, 5, 5)):
        services.points_nightly(month)
    assert _codes(a) == [("BO-05", Decimal("0.50"))]
    assert _codes(b) == []
    assert _codes(c) == [("BO-08", Decimal("-1.00"))]


def test_s1_assignments_replied_on_time_late_and_satisfied_follow_ups(tree, county,
                                                                       categories):
    published(tree)
    organ = party_services.organisation_create(
        actor=tree.org_dept, name="中共金乡县水务局支部委员会", kind=OrgKind.BRANCH,
        parent=tree.root, field="organ_institution")
    member, _w = party_services.member_add(
        actor=tree.org_dept, org=organ, person=county.handler.person, status="full",
        joined_on=date(2012, 1, 1), full_on=date(2013, 1, 1))
    demand = make_demand(county)
    at = timezone.make_aware(datetime(YEAR, 3, 10, 10))
    on_time = Assignment.objects.create(
        demand=demand, unit=county.water, role="lead", status="closed",
        acknowledge_due_at=at, reply_due_at=at, replied_at=at, replied_by=county.handler)
    Assignment.objects.create(
        demand=make_demand(county), unit=county.water, role="lead", status="replied",
        acknowledge_due_at=at, reply_due_at=at, replied_at=at, replied_late=True,
        replied_by=county.handler)
    FollowUp.objects.create(demand=demand, satisfaction="satisfied", recorded_at=at)
    with on(date(YEAR, 4, 2)):
        services.points_nightly(date(YEAR, 3, 1))
    assert _codes(member) == [("DU-O1", Decimal("0.50")), ("DU-O2", Decimal("0.50")),
                              ("DU-O3", Decimal("-1.00"))]
    assert PointEntry.objects.get(member=member, item__code="DU-O1").source_id == on_time.pk
    # the other fields' members get none of the organs' items
    assert not PointEntry.objects.filter(item__code__startswith="DU-O").exclude(
        member=member).exists()


def test_a_registered_source_feeds_its_items_for_its_field_only(tree, monkeypatch):
    published(tree)
    p1 = members_of(tree.branch_p1)[0]  # two-new branch
    a1 = members_of(tree.branch_a1)[0]
    monkeypatch.setattr(common, "_POINT_SOURCES", {})

    def solved(start, end):
        for member, pk in ((p1, 7), (a1, 8)):
            yield {"member_id": member.pk, "source_kind": "twonew_problem", "source_id": pk,
                   "source_label": "红队解决问题", "occurred_on": date(YEAR, 2, 3)}

    services.register_point_source("s6_red_team", solved)
    with on(date(YEAR, 3, 1)):
        services.points_nightly(date(YEAR, 2, 1))
        services.points_nightly(date(YEAR, 2, 1))
    assert _codes(p1) == [("DU-T1", Decimal("3.00"))]
    # the urban branch's member is outside the item's field (two-new only)
    assert _codes(a1) == []


def _nightly_queries(tree, n_members):
    add_members(tree.org_dept, tree.branch_b1, n_members, prefix=f"批{n_members}")
    members = members_of(tree.branch_b1)
    meeting(tree.branch_b1, date(YEAR, 7, 3), present=members[:-1], absent=members[-1:])
    with on(date(YEAR, 8, 2)), CaptureQueriesContext(connection) as ctx:
        services.points_nightly(date(YEAR, 7, 1))
    return len(ctx.captured_queries), PointEntry.objects.count()


def test_statement_count_does_not_grow_with_members(tree):
    published(tree)
    few, made_few = _nightly_queries(tree, 2)
    PointEntry.objects.all().delete()
    many, made_many = _nightly_queries(tree, 30)
    assert made_many > made_few
    assert many == few
