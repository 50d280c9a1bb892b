import pytest

from grassroots.demands.services import demand_dispatch


@pytest.fixture
def dispatched(county, make_demand):
    """A demand dispatched to the water bureau (lead) and the housing bureau (assisting)."""
    demand = make_demand()
    lead, assist = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water,
                                   assisting_units=[county.housing])
    return demand, lead, assist
