"""The timelines people read: the public one tells each step once and nothing internal; the
staff one does not name the citizen for what the system did."""

from django.contrib.contenttypes.models import ContentType

from grassroots.demands import selectors
from grassroots.demands.models import Demand
from grassroots.demands.services import (
    assignment_acknowledge,
    assignment_reply,
    demand_dispatch,
    demand_follow_up,
)
from grassroots.demands.timeline import timeline_rows
from grassroots.demands.views.detail import demand_assignments


def _reopened_then_closed(county, make_demand, categories):
    demand = make_demand(category=None, citizen_phone="", actor=county.citizen,
                         channel="citizen")
    (lead,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water,
                              category=categories["water"])
    assignment_acknowledge(actor=county.handler, assignment=lead)
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                     text="已更换加压泵，水压恢复正常。")
    demand_follow_up(actor=county.citizen, demand=demand, satisfaction="unsatisfied",
                     comment="水压还是很低")
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                     text="已更换主管道，经回访水压正常。")
    demand_follow_up(actor=county.citizen, demand=demand, satisfaction="satisfied")
    demand.refresh_from_db()
    return demand


def test_public_timeline_tells_a_reopen_once_and_hides_the_categorisation(
        county, make_demand, categories):
    demand = _reopened_then_closed(county, make_demand, categories)
    labels = [r["label"] for r in selectors.public_timeline(demand, viewer=county.citizen)]
    assert labels.count("重新办理") == 1
    assert "派单时确定分类" not in labels
    # the staff timeline still has the categorisation
    assignments = demand_assignments(demand)
    staff = timeline_rows(selectors.demand_timeline(demand, assignments),
                          demand_ct_id=ContentType.objects.get_for_model(Demand).pk,
                          unit_names={a.pk: str(a.unit) for a in assignments})
    assert "派单时确定分类" in [r["label"] for r in staff]


def test_staff_timeline_does_not_name_the_citizen_for_the_system_close(
        county, make_demand, categories):
    demand = _reopened_then_closed(county, make_demand, categories)
    assignments = demand_assignments(demand)
    staff = timeline_rows(selectors.demand_timeline(demand, assignments),
                          demand_ct_id=ContentType.objects.get_for_model(Demand).pk,
                          unit_names={a.pk: str(a.unit) for a in assignments})
    (close,) = [r for r in staff if r["label"] == "【水务局】办结"]
    assert close["actor_name"] == ""
    (rating,) = [r for r in staff if r["action"] == "follow_up" and r["note"] == ""]
    assert rating["actor_name"] == county.citizen.person.name
