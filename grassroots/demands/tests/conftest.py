import pytest

from grassroots.demands.models import Category, DemandType
from grassroots.demands.services import demand_create, demand_dispatch


@pytest.fixture
def categories(db):
    root = Category.objects.create(name="城乡建设（测试）", code="T01", level=1)
    water = Category.objects.create(name="供水", code="T0101", level=2, parent=root)
    pressure = Category.objects.create(name="水压低", code="T010101", level=3, parent=water)
    return {"root": root, "water": water, "pressure": pressure}


@pytest.fixture
def make_demand(county, categories):
    def make(*, actor=None, **kwargs):
        fields = {
            "channel": "phone", "type": DemandType.HELP, "title": "小区水压低",
            "text": "金城社区3号楼最近一周水压很低，楼上用不上水。", "category": categories["pressure"],
            "division": county.village_a, "citizen_phone": "13912345678", "citizen_name": "赵先生",
        }
        fields.update(kwargs)
        return demand_create(actor=actor or county.dispatcher, **fields)

    return make


@pytest.fixture
def dispatched(county, make_demand):
    """A demand dispatched to the water bureau (lead) and the housing bureau (assisting)."""
    demand = make_demand()
    lead, assist = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water,
                                   assisting_units=[county.housing])
    return demand, lead, assist
