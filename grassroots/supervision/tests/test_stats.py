"""Exact figures on a fixed dataset; the same test runs on SQLite and on PostgreSQL."""

from datetime import date

import pytest

from grassroots.supervision.stats import Period, Topic, demand_counts, unit_stats

from .conftest import AS_OF, set_rank_min_sample


def by_label(stats):
    return {r["label"]: r for r in stats.rows}


@pytest.mark.django_db
def test_unit_figures_match_hand_computed(county, dataset):
    s = unit_stats(user=county.supervisor, month="2026-10", at=AS_OF)
    rows = by_label(s)
    water = rows["水务局"]
    assert {k: water[k] for k in ("received", "dispatched", "ack_on_time", "replied",
                                  "replied_on_time", "overdue", "overdue_open", "returned",
                                  "extended", "reopened", "resolved", "resolution_den", "rated",
                                  "satisfied_num")} == {
        "received": 6, "dispatched": 5, "ack_on_time": 3, "replied": 2, "replied_on_time": 1,
        "overdue": 2, "overdue_open": 1, "returned": 1, "extended": 1, "reopened": 1,
        "resolved": 1, "resolution_den": 3, "rated": 2, "satisfied_num": 1,
    }
    assert water["rates"]["response"] == {"num": 3, "den": 5, "value": 60.0}
    assert water["rates"]["resolution"] == {"num": 1, "den": 3, "value": 33.3}
    assert water["rates"]["satisfaction"] == {"num": 1, "den": 2, "value": 50.0}
    assert water["score"] == 49.0
    assert water["outcomes"]["partly"] == 1 and water["outcomes"]["resolved"] == 1
    assert water["satisfaction"]["unsatisfied"] == 1
    assert rows["住建局"]["rates"]["response"]["value"] == 100.0
    assert s.totals["received"] == 9  # demands received in October (W6 shares W1's), merged excluded
    assert s.totals["on_spot"] == 1
    assert s.totals["dispatched"] == 8
    assert s.totals["rates"]["response"] == {"num": 6, "den": 8, "value": 75.0}


@pytest.mark.django_db
def test_overdue_counts_open_items_past_due(county, dataset):
    s = unit_stats(user=county.supervisor, month="2026-10", at=AS_OF)
    water = by_label(s)["水务局"]
    # W3 is still open; it counts as overdue and in the resolution sample.
    assert water["overdue_open"] == 1
    # Earlier, before W3's deadline, the open item is not overdue yet.
    early = unit_stats(user=county.supervisor, month="2026-10", at=AS_OF.replace(month=10, day=19))
    w_early = by_label(early)["水务局"]
    assert w_early["overdue_open"] == 0
    assert w_early["resolution_den"] == 2


@pytest.mark.django_db
def test_ranking_handles_ties(county, dataset):
    s = unit_stats(user=county.supervisor, month="2026-10", at=AS_OF)
    ranks = {r["label"]: r["rank"] for r in s.rows}
    assert ranks == {"住建局": 1, "金乡街道": 1, "水务局": 3}
    assert [r["label"] for r in s.rows][-1] == "水务局"


@pytest.mark.django_db
def test_previous_month_comparison(county, dataset):
    s = unit_stats(user=county.supervisor, month=date(2026, 10, 1), at=AS_OF)
    water = by_label(s)["水务局"]
    assert s.previous_period == Period.month(2026, 9)
    assert water["prev"]["dispatched"] == 1
    assert water["prev"]["rates"]["response"]["value"] == 0.0
    assert water["change"]["response"] == 60.0
    assert water["change"]["dispatched"] == 4
    assert by_label(s)["住建局"]["prev"] is None


@pytest.mark.django_db
def test_grouping_by_town_grid_category(county, dataset, cats):
    towns = by_label(unit_stats(user=county.supervisor, month="2026-10", group_by="town",
                                at=AS_OF))
    assert towns["金乡街道"]["received"] == 7  # 5 water demands + 1 town + 1 on the spot
    assert towns["金乡街道"]["on_spot"] == 1
    assert towns["金乡街道"]["dispatched"] == 6
    assert towns["胡集镇"]["received"] == 2
    grids = by_label(unit_stats(user=county.supervisor, month="2026-10", group_by="grid",
                                at=AS_OF))
    assert grids["金城社区第一网格"]["received"] == 7
    catrows = by_label(unit_stats(user=county.supervisor, month="2026-10", group_by="category",
                                  at=AS_OF))
    # Level-3 categories roll up to their top-level category.
    assert catrows["城乡建设"]["dispatched"] == 6
    assert catrows["社会保障"]["received"] == 3  # H1, H2 and the on-the-spot demand


@pytest.mark.django_db
@pytest.mark.parametrize("group_by", ["town", "grid", "category"])
def test_demand_counts_match_unit_stats(county, dataset, cats, group_by):
    """The dashboard's light query gives the same received / on-the-spot figures per group."""
    month = Period.of("2026-10")

    def figures(rows):
        return {r["label"]: (r["received"], r["on_spot"]) for r in rows if r["received"]}

    for user in (county.supervisor, county.town_staff, county.citizen):
        full = unit_stats(user=user, period=month, group_by=group_by, at=AS_OF).rows
        light = demand_counts(user=user, period=month, group_by=group_by)
        assert figures(light) == figures(full)
    everything = demand_counts(user=county.supervisor, period=month, group_by=group_by)
    assert sum(r["received"] for r in everything) == 9


@pytest.mark.django_db
def test_topic_narrows_figures(county, dataset, cats):
    s = unit_stats(user=county.supervisor, period=(date(2026, 10, 1), date(2026, 10, 31)),
                   topic=Topic(category_id=cats["other"].pk), at=AS_OF)
    assert [r["label"] for r in s.rows] == ["住建局"]
    s2 = unit_stats(user=county.supervisor, month="2026-10", at=AS_OF,
                    topic=Topic(division_ids=(county.town_b.pk,)))
    assert s2.totals["received"] == 2


@pytest.mark.django_db
def test_scope_unit_sees_only_its_own(county, dataset):
    s = unit_stats(user=county.handler, month="2026-10", at=AS_OF)
    assert [r["label"] for r in s.rows] == ["水务局"]
    s = unit_stats(user=county.outsider, month="2026-10", at=AS_OF)
    assert [r["label"] for r in s.rows] == ["住建局"]
    s = unit_stats(user=county.citizen, month="2026-10", at=AS_OF)
    assert s.rows == [] and s.totals["received"] == 0


@pytest.mark.django_db
def test_response_rate_leaves_out_orders_not_yet_due(county, cats):
    """An assignment dispatched minutes ago, whose acknowledge deadline is tomorrow, has not failed
    anything: it is dispatched, but not in the response sample until it is acknowledged or
    its deadline passes."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from .conftest import make_row

    tz = ZoneInfo("Asia/Shanghai")
    now = datetime(2026, 11, 23, 16, 0, tzinfo=tz)
    tomorrow = datetime(2026, 11, 24, 9, 30, tzinfo=tz)
    w = county.water
    make_row(county, unit=w, dispatched=now - timedelta(days=3), outcome="resolved",
             acknowledged_at=now - timedelta(days=3, hours=-1), replied_at=now - timedelta(days=2),
             due_at=None)
    make_row(county, unit=w, dispatched=now - timedelta(days=3), status="acknowledged",
             acknowledged_at=now - timedelta(days=2), acknowledged_late=True,
             due_at=now + timedelta(days=1))
    fresh = make_row(county, unit=w, dispatched=now - timedelta(minutes=5), status="dispatched",
                     acknowledge_due_at=tomorrow, due_at=tomorrow)
    # Only a not-yet-due assignment: dispatched, but nothing to rank the unit on yet.
    make_row(county, unit=county.housing, dispatched=now - timedelta(minutes=5),
             status="dispatched", acknowledge_due_at=tomorrow, due_at=tomorrow)

    s = unit_stats(user=county.supervisor, month="2026-11", at=now)
    water, housing = by_label(s)["水务局"], by_label(s)["住建局"]
    assert water["dispatched"] == 3
    assert water["rates"]["response"] == {"num": 1, "den": 2, "value": 50.0}
    assert housing["dispatched"] == 1
    assert housing["rates"]["response"] == {"num": 0, "den": 0, "value": None}
    assert housing["score"] is None and housing["rank"] is None
    assert water["rank"] == 1
    assert s.totals["dispatched"] == 4
    assert s.totals["rates"]["response"] == {"num": 1, "den": 2, "value": 50.0}

    # Acknowledged before its deadline: in the sample, on time.
    fresh.acknowledged_at = now + timedelta(hours=1)
    fresh.status = "acknowledged"
    fresh.save(update_fields=["acknowledged_at", "status"])
    s = unit_stats(user=county.supervisor, month="2026-11", at=now + timedelta(hours=2))
    assert by_label(s)["水务局"]["rates"]["response"] == {"num": 2, "den": 3, "value": 66.7}

    # Never acknowledged and the deadline passed: in the sample, as a failure.
    fresh.acknowledged_at = None
    fresh.status = "dispatched"
    fresh.save(update_fields=["acknowledged_at", "status"])
    after = tomorrow + timedelta(minutes=1)
    s = unit_stats(user=county.supervisor, month="2026-11", at=after)
    assert by_label(s)["水务局"]["rates"]["response"] == {"num": 1, "den": 3, "value": 33.3}
    assert by_label(s)["住建局"]["rates"]["response"] == {"num": 0, "den": 1, "value": 0.0}
    assert by_label(s)["住建局"]["rank"] == 2


@pytest.mark.django_db
def test_closed_month_counts_deadlines_passed_after_month_end(county, cats):
    """A closed month is measured at the same moment as its resolution rate and overdue count
    (``at``): an assignment of the month's last evening that was never acknowledged counts once its
    deadline (the next morning) has passed, so it cannot escape every month's sample."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from .conftest import make_row

    tz = ZoneInfo("Asia/Shanghai")
    evening = datetime(2026, 10, 31, 20, 0, tzinfo=tz)
    deadline = datetime(2026, 11, 2, 9, 30, tzinfo=tz)
    make_row(county, unit=county.water, dispatched=evening, status="dispatched",
             acknowledge_due_at=deadline, due_at=deadline)
    compiled = datetime(2026, 11, 1, 1, 0, tzinfo=tz)  # the month-start bulletin job
    water = by_label(unit_stats(user=county.supervisor, month="2026-10", at=compiled))["水务局"]
    assert water["rates"]["response"]["den"] == 0 and water["overdue"] == 0
    later = deadline + timedelta(hours=1)
    water = by_label(unit_stats(user=county.supervisor, month="2026-10", at=later))["水务局"]
    assert water["rates"]["response"] == {"num": 0, "den": 1, "value": 0.0}
    assert water["overdue"] == 1


@pytest.mark.django_db
def test_unit_stats_query_count(county, dataset, django_assert_num_queries):
    """Two grouped queries per period (assignments, demands), the unit list per period, the labels,
    the minimum sample's rule set per period (national, local, param): the count does not grow
    with the rows."""
    unit_stats(user=county.supervisor, month="2026-10", at=AS_OF)  # loads the user's scope
    with django_assert_num_queries(13):
        unit_stats(user=county.supervisor, month="2026-10", at=AS_OF)


def _ranked(label, rank, score, overdue=0):
    return {"label": label, "rank": rank, "score": score, "overdue": overdue}


def test_red_list_takes_every_unit_of_a_shared_rank():
    """"按名次取前5名", equal scores sharing a rank: eleven units tied at rank 1 are all on the
    red list (the cut-off never splits a tie, whatever the order of their names)."""
    from grassroots.supervision.stats import _mark_red_list, red_list

    rows = [_ranked(f"单位{i:02d}", 1, 100.0) for i in range(11)]
    rows += [_ranked("交通局", 12, 99.0), _ranked("人社局", 13, 75.0)]
    assert [r["label"] for r in red_list(rows)] == [f"单位{i:02d}" for i in range(11)]
    _mark_red_list(rows)
    assert [r["red_list"] for r in rows] == ["in"] * 11 + [None, None]


def test_red_list_is_the_first_five_ranks_with_the_other_conditions():
    from grassroots.supervision.stats import _mark_red_list, red_list

    rows = [_ranked("甲", 1, 100.0), _ranked("乙", 1, 100.0, overdue=1), _ranked("丙", 3, 98.0),
            _ranked("丁", 3, 98.0), _ranked("戊", 5, 96.0), _ranked("己", 5, 96.0),
            _ranked("庚", 7, 95.5), _ranked("辛", 8, 90.0)]
    assert [r["label"] for r in red_list(rows)] == ["甲", "丙", "丁", "戊", "己"]
    _mark_red_list(rows)
    assert [r["red_list"] for r in rows] == ["in", "overdue", "in", "in", "in", "in", None, None]
    # Within the first five ranks but below 95: not on it.
    assert red_list([_ranked("甲", 1, 94.9)]) == []


@pytest.mark.django_db
def test_units_below_the_minimum_sample_are_not_ranked(county, dataset, settings):
    """A unit is ranked only with the minimum sample (应签收); the ranks of the others close up
    and every row says its n."""
    full = {r["label"]: r for r in unit_stats(user=county.supervisor, month="2026-10",
                                              at=AS_OF).rows}
    smallest = min(r["sample"] for r in full.values() if r["rank"])
    set_rank_min_sample(smallest + 1)
    rows = unit_stats(user=county.supervisor, month="2026-10", at=AS_OF).rows
    for r in rows:
        assert r["sample"] == full[r["label"]]["sample"]
        assert (r["rank"] is None) == (r["sample"] <= smallest)
    ranked = sorted(r["rank"] for r in rows if r["rank"] is not None)
    assert ranked and ranked[0] == 1
    assert all(r["red_list"] is None for r in rows if r["rank"] is None)
