"""A unit whose return (退单) was accepted no longer holds the demand: no view, no PII reveal."""

from grassroots.audit.selectors import pii_reveal_allowed
from grassroots.demands.models import Assignment, Demand
from grassroots.demands.services import (
    assignment_decide_return,
    assignment_return,
    demand_dispatch,
)


def _return_lead(county, lead, *, approve=True):
    assignment_return(actor=county.handler, assignment=lead, reason="此事不属于本单位职责范围")
    lead.refresh_from_db()
    assignment_decide_return(actor=county.dispatcher, assignment=lead, approve=approve,
                             note="改派住建局", new_lead_unit=county.housing if approve else None)


def test_a_returned_unit_loses_view_change_and_pii_reveal(client, county, dispatched):
    demand, lead, _assist = dispatched
    assert Demand.objects.restrict(county.handler).filter(pk=demand.pk).exists()
    assert pii_reveal_allowed(county.handler, demand.citizen)
    _return_lead(county, lead)

    for user in (county.handler, county.viewer):
        assert not Demand.objects.restrict(user).filter(pk=demand.pk).exists()
        assert not Assignment.objects.restrict(user).filter(pk=lead.pk).exists()
    assert not Demand.objects.restrict(county.handler, "change").filter(pk=demand.pk).exists()
    assert not pii_reveal_allowed(county.handler, demand.citizen)
    client.force_login(county.handler)
    assert client.get(f"/demands/{demand.pk}/").status_code == 404
    response = client.post(f"/pii/{demand.citizen.pk}/phone/", {"reason": "电话回访诉求人"})
    assert response.status_code == 404 and "13912345678" not in response.content.decode()
    # The new lead unit holds it now.
    assert pii_reveal_allowed(county.outsider, demand.citizen)


def test_a_return_waiting_for_the_ruling_or_refused_keeps_the_unit(county, dispatched):
    demand, lead, _assist = dispatched
    assignment_return(actor=county.handler, assignment=lead, reason="此事不属于本单位职责范围")
    assert Demand.objects.restrict(county.handler).filter(pk=demand.pk).exists()
    lead.refresh_from_db()
    assignment_decide_return(actor=county.dispatcher, assignment=lead, approve=False,
                             note="属于水务局职责")
    assert Demand.objects.restrict(county.handler).filter(pk=demand.pk).exists()
    assert pii_reveal_allowed(county.handler, demand.citizen)


def test_another_live_assignment_of_the_unit_keeps_its_view(county, make_demand):
    demand = make_demand()
    lead, assist = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.housing,
                                   assisting_units=[county.water])
    assignment_return(actor=county.outsider, assignment=lead, reason="此事不属于本单位职责范围")
    lead.refresh_from_db()
    # The returned housing bureau is now dispatched as the new lead: it holds the demand again.
    assignment_decide_return(actor=county.dispatcher, assignment=lead, approve=True,
                             note="改派", new_lead_unit=county.water)
    assert not Demand.objects.restrict(county.outsider).filter(pk=demand.pk).exists()
    assert Demand.objects.restrict(county.handler).filter(pk=demand.pk).exists()
    assert Demand.objects.restrict(county.handler, "change").filter(pk=demand.pk).exists()
    assert pii_reveal_allowed(county.handler, demand.citizen)
