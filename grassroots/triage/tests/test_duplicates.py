"""Near-duplicates at intake (offered for merging) and recurrences of closed demands."""

from datetime import timedelta

from django.template.loader import render_to_string
from django.test import RequestFactory

from grassroots.core import clock
from grassroots.core.events import events_for
from grassroots.demands.models import (
    Assignment,
    AssignmentRole,
    AssignmentStatus,
    Demand,
    DemandStatus,
)
from grassroots.triage.models import DuplicateCandidate
from grassroots.triage.selectors import (
    duplicate_counts,
    duplicates_for_demand,
    recurrence_counts_by_unit,
)

SAME = ("金城社区3号楼水压低", "金城社区3号楼最近一周自来水水压很低，楼上用不上水，请尽快处理。")
SAME_AGAIN = ("3号楼水压太低", "金城社区3号楼这一周自来水水压很低，楼上根本用不上水，请尽快处理！")
OTHER = ("学校乱收费", "金乡一中收取资料费和补课费，家长负担重，请教育部门查处。")


def test_near_duplicate_in_the_same_town_is_stored(county, make_demand):
    first = make_demand(title=SAME[0], text=SAME[1])
    second = make_demand(title=SAME_AGAIN[0], text=SAME_AGAIN[1], citizen_phone="13900000001")
    row = DuplicateCandidate.objects.get()
    assert (row.demand, row.candidate) == (second, first) and row.score >= 0.6
    assert duplicate_counts([second.pk, first.pk]) == {second.pk: 1}
    assert [d["other"] for d in duplicates_for_demand(first)] == [second]
    assert duplicates_for_demand(second)[0]["earlier"] is True


def test_different_matter_other_town_or_old_demand_is_not_a_duplicate(county, make_demand):
    make_demand(title=SAME[0], text=SAME[1])
    make_demand(title=OTHER[0], text=OTHER[1])  # other matter
    make_demand(title=SAME[0], text=SAME[1], division=county.village_b)  # other town
    old = make_demand(title=SAME[0], text=SAME[1], division=county.village_b,
                      received_at=clock.now() - timedelta(days=20))
    assert old.pk
    assert list(DuplicateCandidate.objects.values_list("demand__title", flat=True)) == []


def _offered_and_merged(client, county, demand, into):
    """The dispatcher sees the merge button of ``demand`` into ``into`` and one click merges."""
    request = RequestFactory().get(f"/demands/{demand.pk}/")
    request.user = county.dispatcher
    html = render_to_string("triage/_duplicates.html", {"demand": demand}, request=request)
    assert f'data-testid="merge-into-{into.pk}"' in html and into.number in html
    client.force_login(county.dispatcher)
    resp = client.post(f"/demands/{demand.pk}/merge/",
                       {"into": into.number, "next": f"/demands/{demand.pk}/"})
    assert resp.status_code == 302
    demand.refresh_from_db()
    assert demand.status == DemandStatus.MERGED and demand.merged_into == into


def test_dispatcher_sees_duplicates_and_merges_with_one_click(client, county, make_demand):
    first = make_demand(title=SAME[0], text=SAME[1])
    second = make_demand(title=SAME_AGAIN[0], text=SAME_AGAIN[1], citizen_phone="13900000001")
    request = RequestFactory().get(f"/demands/{second.pk}/")
    request.user = county.handler  # units do not merge
    assert "duplicates" not in render_to_string("triage/_duplicates.html", {"demand": second},
                                                request=request)
    _offered_and_merged(client, county, second, first)
    assert duplicates_for_demand(first) == []  # merged ones are no longer offered


def _closed(county, *, days_ago, grid, unit, title=SAME[0], text=SAME[1], address="",
            on_spot=False):
    now = clock.now()
    d = Demand.objects.create(solved_on_spot=on_spot,
        number=f"C{days_ago:04d}{grid.pk}", channel="visit", type="help", title=title, text=text,
        grid=grid, division=grid.division, town=grid.division.town, address=address,
        status=DemandStatus.CLOSED, received_at=now - timedelta(days=days_ago + 10),
        closed_at=now - timedelta(days=days_ago))
    Assignment.objects.create(demand=d, unit=unit, role=AssignmentRole.LEAD,
                              status=AssignmentStatus.CLOSED, acknowledge_due_at=now,
                              reply_due_at=now)
    return d


def test_same_place_and_matter_as_a_closed_demand_is_flagged_as_recurrence(county, make_demand):
    earlier = _closed(county, days_ago=30, grid=county.grid_a, unit=county.water)
    again = make_demand(title=SAME_AGAIN[0], text=SAME_AGAIN[1], grid=county.grid_a)
    again.refresh_from_db()
    assert again.recurrence_of == earlier
    event = [e for e in events_for(again) if e.action == "recurrence_flagged"]
    assert len(event) == 1 and earlier.number in event[0].note
    assert event[0].extra["of"] == earlier.pk
    assert recurrence_counts_by_unit() == {county.water.pk: 1}
    assert recurrence_counts_by_unit(date_from=clock.now() + timedelta(days=1)) == {}


def test_no_recurrence_for_other_place_old_close_other_matter_address_or_on_spot(county,
                                                                               make_demand):
    _closed(county, days_ago=200, grid=county.grid_a, unit=county.water)  # outside 180 days
    _closed(county, days_ago=10, grid=county.grid_b, unit=county.water)  # other grid
    _closed(county, days_ago=10, grid=county.grid_a, unit=county.housing, title=OTHER[0],
            text=OTHER[1])  # other matter
    _closed(county, days_ago=11, grid=county.grid_a, unit=county.water, address="幸福路88号东院")
    _closed(county, days_ago=12, grid=county.grid_a, unit=county.water, on_spot=True)  # no unit
    d = make_demand(title=SAME_AGAIN[0], text=SAME_AGAIN[1], grid=county.grid_a,
                    address="金城社区3号楼2单元")
    d.refresh_from_db()
    assert d.recurrence_of is None
    assert recurrence_counts_by_unit() == {}


def test_recurrence_shows_on_the_include(county, make_demand):
    earlier = _closed(county, days_ago=30, grid=county.grid_a, unit=county.water)
    again = make_demand(title=SAME_AGAIN[0], text=SAME_AGAIN[1], grid=county.grid_a)
    again = Demand.objects.get(pk=again.pk)
    request = RequestFactory().get("/")
    request.user = county.dispatcher
    html = render_to_string("triage/_duplicates.html", {"demand": again}, request=request)
    assert 'data-testid="recurrence"' in html and earlier.number in html


def test_waiting_demand_is_offered_to_merge_into_a_later_one_already_handled(client, county,
                                                                            make_demand):
    """The earlier report still waits for dispatch while the later one is being handled: the
    dispatcher is offered to merge the waiting one into it (the other way is refused)."""
    from grassroots.demands.services import assignment_acknowledge, demand_dispatch

    waiting = make_demand(title=SAME[0], text=SAME[1])
    handled = make_demand(title=SAME_AGAIN[0], text=SAME_AGAIN[1], citizen_phone="13900000001")
    lead = demand_dispatch(actor=county.dispatcher, demand=handled, lead_unit=county.water)[0]
    assignment_acknowledge(actor=county.handler, assignment=lead)
    handled.refresh_from_db()
    assert handled.status == DemandStatus.HANDLING

    [dup] = duplicates_for_demand(waiting)
    assert dup["other"] == handled and dup["merge"] == "into_other"
    assert duplicates_for_demand(handled)[0]["merge"] == "other_into_this"
    _offered_and_merged(client, county, waiting, handled)


def test_no_merge_offered_when_both_are_being_handled(county, make_demand):
    from grassroots.demands.services import assignment_acknowledge, demand_dispatch

    pair = [make_demand(title=SAME[0], text=SAME[1]),
            make_demand(title=SAME_AGAIN[0], text=SAME_AGAIN[1], citizen_phone="13900000001")]
    for d in pair:
        lead = demand_dispatch(actor=county.dispatcher, demand=d, lead_unit=county.water)[0]
        assignment_acknowledge(actor=county.handler, assignment=lead)
        d.refresh_from_db()
    assert [x["merge"] for x in duplicates_for_demand(pair[0])] == [None]


def test_the_new_demands_root_category_comes_from_the_loaded_category(county, make_demand):
    """Issue #25: with its category and parent loaded (the API intake reads them), the intake's
    checks take the root category from them instead of a query; unloaded, the query gives the
    same root."""
    from grassroots.demands.models import Category
    from grassroots.triage.services.intake import _root_from_loaded, report_of

    leaf = Category.objects.select_related("parent").filter(level=3).first()
    demand = make_demand(title=SAME[0], text=SAME[1], category=leaf)
    root = leaf.parent.parent_id
    loaded = Demand.objects.select_related("category__parent").get(pk=demand.pk)
    assert _root_from_loaded(loaded) == root
    assert report_of(loaded).category == root
    bare = Demand.objects.get(pk=demand.pk)
    assert _root_from_loaded(bare) is None and report_of(bare).category == root
