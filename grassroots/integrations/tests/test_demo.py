"""The demo's 12345 step: items for the demands the city passed down, history reported back."""

from datetime import timedelta

import pytest

from grassroots.core import clock
from grassroots.demands.services import (
    assignment_acknowledge,
    demand_dispatch,
    demand_receive_from_city,
)
from grassroots.demo.registry import SeedContext
from grassroots.integrations.demo import seed_city12345
from grassroots.integrations.models import CityItem, OutboxMessage

pytestmark = pytest.mark.django_db


def test_demo_history_has_city_items_and_delivered_reports(county):
    then = clock.now() - timedelta(days=40)
    with clock.travel(then):
        # as the demand history replays it: through the demand service, no CityItem yet
        city_demand, _ = demand_receive_from_city(
            actor=county.dispatcher, external_id="JN12345-0001", title="停水",
            text="金城社区3号楼停水三天了。", division=county.village_a,
            citizen_phone="13700001234")
        lead = demand_dispatch(actor=county.dispatcher, demand=city_demand,
                               lead_unit=county.water)[0]
    with clock.travel(then + timedelta(hours=1)):
        assignment_acknowledge(actor=county.handler, assignment=lead)
    message = OutboxMessage.objects.get(kind="acknowledge")
    assert message.created_at == then + timedelta(hours=1)  # the moment of the change
    assert message.status == "pending"

    counts = seed_city12345(SeedContext(progress=False))
    assert counts == {"city_items": 1, "reports_delivered": 1}
    item = CityItem.objects.get()
    assert item.demand == city_demand and item.external_id == city_demand.external_id
    assert item.received_at == city_demand.received_at
    assert item.payload["title"] == city_demand.title
    assert item.payload["deadline"] > item.payload["received_at"]
    message.refresh_from_db()
    assert message.status == "sent" and message.sent_at > message.created_at
    # a re-run creates nothing new
    assert seed_city12345(SeedContext(progress=False)) == {"city_items": 0,
                                                          "reports_delivered": 0}
