"""First-round and final satisfaction (issue #24): a reopen never erases the first round's
不满意; the final rate takes the last verdict; both come from ``unit_stats`` with their samples and
the reopen count, and the pages, the bulletin and the API show them."""

import pytest
from django.utils import timezone

from grassroots.demands.services import (
    assignment_acknowledge,
    assignment_reply,
    demand_dispatch,
    demand_follow_up,
)
from grassroots.supervision.documents.tables import summary_table
from grassroots.supervision.services.bulletins import bulletin_figures, default_intro
from grassroots.supervision.stats import COUNTY_WIDE, Period, unit_stats
from grassroots.supervision.tests.conftest import set_rank_min_sample


def _replied(county, demand):
    (a,) = [x for x in demand_dispatch(actor=county.dispatcher, demand=demand,
                                       lead_unit=county.water) if x.role == "lead"] \
        if demand.status == "received" else [demand.assignments.get(role="lead")]
    a.refresh_from_db()
    if a.status == "dispatched":
        assignment_acknowledge(actor=county.handler, assignment=a)
    assignment_reply(actor=county.handler, assignment=a, outcome="resolved",
                     text="经现场核实，小区水压低系加压泵故障所致，已更换小区加压泵，楼内水压恢复正常，"
                          "并已电话告知诉求人。")
    demand.refresh_from_db()
    return demand


@pytest.fixture
def reopened_then_satisfied(county, make_demand):
    demand = _replied(county, make_demand())
    demand_follow_up(actor=county.dispatcher, demand=demand, satisfaction="unsatisfied",
                     comment="水压还是很低")
    demand.refresh_from_db()
    assert demand.reopen_count == 1
    demand = _replied(county, demand)
    demand_follow_up(actor=county.dispatcher, demand=demand, satisfaction="satisfied")
    demand.refresh_from_db()
    assert demand.satisfaction == "satisfied"
    # and one satisfied at once
    other = _replied(county, make_demand())
    demand_follow_up(actor=county.dispatcher, demand=other, satisfaction="satisfied")
    return demand


def _water(stats, county):
    return next(r for r in stats.rows if r["key"] == county.water.pk)


def test_reopened_then_satisfied_counts_unsatisfied_first_and_satisfied_final(
        county, reopened_then_satisfied, settings):
    set_rank_min_sample(1)
    stats = unit_stats(user=county.supervisor, month=timezone.localdate(), previous=False)
    row = _water(stats, county)
    assert row["rates"]["satisfaction"] == {"num": 1, "den": 2, "value": 50.0}  # first round
    assert row["rates"]["satisfaction_final"] == {"num": 2, "den": 2, "value": 100.0}
    assert row["reopened"] == 1
    # The score (and so the rank and the red list) takes the first round.
    resp = row["rates"]["response"]["num"] / row["rates"]["response"]["den"]
    res = row["rates"]["resolution"]["num"] / row["rates"]["resolution"]["den"]
    assert row["score"] == round((40 * resp + 30 * res + 30 * 0.5) / 100 * 100, 2)


def test_bulletin_and_api_show_both(county, reopened_then_satisfied, client):
    fig = bulletin_figures(Period.of(timezone.localdate()), user=COUNTY_WIDE)
    rows = {r[0]: r for r in summary_table(fig)}
    assert str(rows["满意率（首次回访，样本）"][1]).startswith("50")
    assert str(rows["最终满意率（样本）"][1]).startswith("100")
    assert rows["重新办理（件）"][1] == 1
    assert "满意率（首次回访）50" in default_intro(fig)
    client.force_login(county.supervisor)
    data = client.get("/api/v1/supervision/stats").json()
    water = next(r for r in data["rows"] if r["key"] == county.water.pk)
    assert water["rates"]["satisfaction"]["num"] == 1
    assert water["rates"]["satisfaction_final"]["num"] == 2
    page = client.get("/supervision/stats/").content.decode()
    assert 'data-testid="sat-final"' in page and "最终满意率" in page
