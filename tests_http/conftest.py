"""Fixtures for the client's-view tests: the only place here that may import the project.

The test modules talk to ``live_server`` over HTTP and know only the Open311 spec.
"""

import pytest


@pytest.fixture
def open311_server(live_server, django_db_blocker):
    """A live server with two services and an organisation's read/write api_key."""
    with django_db_blocker.unblock():
        from grassroots.demands.models import Category
        from grassroots.integrations.services.tokens import api_token_create
        from grassroots.testing.county import build_small_county

        county = build_small_county()
        root = Category.objects.create(name="市政设施（HTTP）", code="H01", level=1)
        mid = Category.objects.create(name="道路（HTTP）", code="H0101", level=2, parent=root)
        Category.objects.create(name="路面坑洼", code="H010101", level=3, parent=mid,
                                attributes=[{"code": "size", "description": "坑的大小",
                                             "datatype": "singlevaluelist", "required": True,
                                             "values": [{"key": "s", "name": "小"},
                                                        {"key": "l", "name": "大"}]}])
        Category.objects.create(name="井盖缺失", code="H010102", level=3, parent=mid)
        _, key = api_token_create(actor=county.admin, name="HTTP客户端",
                                  organization=county.town_a_org, scopes=("read", "write"))
    return {"base": f"{live_server.url}/open311/v2", "api_key": key}
