"""The demo step on the small county with the party step's tree: the issue's figures."""

import pytest

from grassroots.demo.registry import SeedContext
from grassroots.demo.summary import collect
from grassroots.party.demo import seed_party

from ..demo import seed_twonew
from ..models import ParkEntry, WorkerMatter
from ..models.entry import EntryStatus

pytestmark = pytest.mark.django_db


def test_demo_step(county):
    county.admin.is_superuser = True
    county.admin.save(update_fields=["is_superuser"])
    ctx = SeedContext(seed=7, progress=False)
    seed_party(ctx)
    counts = seed_twonew(ctx)
    summary = collect()
    assert summary["twonew_organisations"] == counts["twonew_organisations"] >= 50
    assert summary["twonew_instructors"] == 30
    assert summary["twonew_rooms"] == 14
    assert summary["twonew_red_team_kinds"] == 6
    assert summary["twonew_problems_solved"] >= 30
    assert summary["twonew_lectures"] >= 50
    assert summary["twonew_above_size_coverage"] == 1.0
    assert WorkerMatter.objects.filter(status="solved").count() >= 20
    statuses = set(ParkEntry.objects.values_list("status", flat=True))
    assert EntryStatus.COMPLETE in statuses and statuses - {EntryStatus.COMPLETE}  # some open
    assert seed_twonew(ctx) == {"twonew_organisations": 0}  # idempotent
