import pytest

from grassroots.demands.models import Category
from grassroots.integrations.services.tokens import api_token_create


@pytest.fixture
def service_tree(db):
    """A three-level category tree whose level-3 codes are Open311 service codes."""
    root = Category.objects.create(name="城乡建设（接口）", code="I01", level=1)
    water = Category.objects.create(name="供水（接口）", code="I0101", level=2, parent=root)
    pressure = Category.objects.create(
        name="水压不足", code="I010101", level=3, parent=water,
        attributes=[{"code": "floor", "description": "楼层", "datatype": "number",
                     "required": True}])
    outage = Category.objects.create(name="停水", code="I010102", level=3, parent=water)
    return {"root": root, "water": water, "pressure": pressure, "outage": outage}


@pytest.fixture
def org_token(county):
    """A read/write token of the housing bureau's app (an organisation token)."""
    return api_token_create(actor=county.admin, name="住建App", organization=county.housing,
                            scopes=("read", "write"))


@pytest.fixture
def make_token(county):
    def make(user=None, organization=None, scopes=("read",), **kwargs):
        return api_token_create(actor=county.admin, name="测试令牌", user=user,
                                organization=organization, scopes=scopes, **kwargs)

    return make
