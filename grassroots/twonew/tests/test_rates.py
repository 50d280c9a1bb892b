"""The coverage rates against hand-computed examples (docs/twonew.md): zombie and closed units
out of every denominator, a joint branch counted once per covered unit, work coverage by a
visit in the last 6 months, above-size coverage, four-sync completion on time."""

from datetime import date, timedelta

import pytest

from grassroots.party.models import OrgKind

from .. import stats
from ..models import CoverageMode, CoverageSettings, InstructorVisit, ParkEntry, SyncTask, TwoNewOrg
from ..models.entry import EntryStatus, SyncStatus
from ..services import org_register
from .world import credit_code, party_org

TODAY = date(2026, 6, 15)


def _org(w, n, *, mode=CoverageMode.NONE, status="operating", above=False, park=None,
         party=None, covered_on=None, registered_on=date(2026, 1, 10)):
    org = org_register(actor=w.county.admin, name=f"率测试企业{n}", credit_code=credit_code(500 + n),
                       division=w.county.town_a, park=park or w.park_a, is_above_size=above,
                       size_basis="规上" if above else "", size_year=2025 if above else None)
    TwoNewOrg.objects.filter(pk=org.pk).update(
        coverage_mode=mode, operating_status=status, party_org=party, covered_on=covered_on,
        registered_on=registered_on)
    return org


@pytest.fixture
def rated(w):
    """Park B: 10 units of its own, hand-counted:
    u1 own (above size) · u2, u3, u4 one joint branch (u2 above size) · u5 attached ·
    u6 instructor only, visited 2 months ago · u7 instructor only, visited 8 months ago ·
    u8 none (above size) · u9 zombie, own · u10 closed, none.
    Counted: u1–u8 (8). Organisational: u1–u4 = 4 (5 when attached counts). Own: 1.
    Work: u1–u4 + u6 = 5. Above size: u1, u2, u8 → 2 of 3."""
    park = w.park_b
    TwoNewOrg.objects.filter(park=park).update(operating_status="closed")  # the world's b1
    joint = party_org("率测试联合支部", OrgKind.JOINT_BRANCH, w.park_committee_a)
    u = {}
    u[1] = _org(w, 1, mode=CoverageMode.OWN, above=True, park=park, covered_on=date(2026, 3, 1),
                party=party_org("率测试支部", OrgKind.BRANCH, w.park_committee_a))
    for n in (2, 3, 4):
        u[n] = _org(w, n, mode=CoverageMode.JOINT, above=n == 2, park=park, party=joint,
                    covered_on=date(2026, 5, 20))
    u[5] = _org(w, 5, mode=CoverageMode.ATTACHED, park=park, party=joint)
    u[6] = _org(w, 6, mode=CoverageMode.INSTRUCTOR_ONLY, park=park)
    u[7] = _org(w, 7, mode=CoverageMode.INSTRUCTOR_ONLY, park=park)
    u[8] = _org(w, 8, above=True, park=park)
    u[9] = _org(w, 9, mode=CoverageMode.OWN, status="zombie", park=park, above=True,
                covered_on=date(2026, 2, 1))
    u[10] = _org(w, 10, status="closed", park=park)
    InstructorVisit.objects.create(org=u[6], instructor=w.instructor, purpose="policy",
                                   visited_on=TODAY - timedelta(days=60))
    InstructorVisit.objects.create(org=u[7], instructor=w.instructor, purpose="policy",
                                   visited_on=TODAY - timedelta(days=240))
    return TwoNewOrg.objects.filter(park=park)


def _one(rows):
    (row,) = rows
    return row["covered"], row["total"]


@pytest.mark.django_db
def test_organisational_and_own_founding_rates(rated):
    assert _one(stats.organisational_coverage(rated)) == (4, 8)
    assert _one(stats.own_founding_rate(rated)) == (1, 8)
    CoverageSettings.objects.create(count_attached=True)
    assert _one(stats.organisational_coverage(rated)) == (5, 8)


@pytest.mark.django_db
def test_work_coverage_needs_a_recent_visit(rated):
    assert _one(stats.work_coverage(rated, today=TODAY)) == (5, 8)
    # a year later the remaining visit is old too, the organisations still count
    assert _one(stats.work_coverage(rated, today=TODAY + timedelta(days=365))) == (4, 8)


@pytest.mark.django_db
def test_above_size_coverage(rated):
    (row,) = stats.above_size_coverage(rated)
    assert (row["covered"], row["total"]) == (2, 3)
    assert row["rate"] == pytest.approx(2 / 3)


@pytest.mark.django_db
def test_rates_by_park_and_month(w, rated):
    by_park = {r["key"]: (r["covered"], r["total"])
               for r in stats.organisational_coverage(TwoNewOrg.objects.all(), "park")}
    assert by_park[w.park_b.pk] == (4, 8)
    assert by_park[w.park_a.pk] == (0, 3)  # the world's three units, none covered
    months = {r["month"]: (r["covered"], r["total"])
              for r in stats.monthly_coverage(rated, today=TODAY, months=6)}
    assert months["2026-02"] == (0, 8)  # u9 (zombie) is out of the denominator and numerator
    assert months["2026-03"] == (1, 8)
    assert months["2026-05"] == (4, 8)
    assert months["2026-06"] == (4, 8)


@pytest.mark.django_db
def test_four_sync_completion_counts_entries_complete_on_time(w):
    from ..services import entry_register

    entries = []
    for key, days in (("a1", 100), ("a2", 60), ("a3", 30)):
        entries.append(entry_register(actor=w.officer_a, org=w.orgs[key], park=w.park_a,
                                      entered_on=date.today() - timedelta(days=days)))
    on_time, late, _open = entries
    SyncTask.objects.filter(entry=on_time).update(status=SyncStatus.DONE,
                                                   done_on=on_time.entered_on + timedelta(days=20))
    SyncTask.objects.filter(entry=late).update(status=SyncStatus.DONE,
                                                done_on=late.entered_on + timedelta(days=95))
    ParkEntry.objects.filter(pk__in=[on_time.pk, late.pk]).update(status=EntryStatus.COMPLETE)
    row = stats.four_sync_completion(start=date.today() - timedelta(days=365), end=date.today())
    assert (row["on_time"], row["complete"], row["total"]) == (1, 2, 3)
    lateness = {r["kind"]: r for r in stats.task_lateness(today=date.today())}
    assert lateness["transfers"]["late"] == 1 and lateness["transfers"]["total"] == 3
