"""schemathesis over the Open311 endpoints (described in ``integrations/open311/openapi.py``): no
server error for any generated request, with a valid read/write api_key on half of them.

Bounded like the /api/v1 run (grassroots/api/tests/test_schema_fuzz.py) so it stays short."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from grassroots.integrations.open311.openapi import open311_openapi


@pytest.fixture
def open311_schema(db, county, settings):
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    settings.GRASSROOTS_API_RATE_LIMIT = "100000/min"
    # As in test_schema_fuzz: keep the WSGI calls inside the test's transaction (PostgreSQL).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.from_dict(open311_openapi(), app=get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_key(county, service_tree):
    from grassroots.integrations.services.tokens import api_token_create

    return api_token_create(actor=county.admin, name="fuzz", organization=county.housing,
                            scopes=("read", "write"))[1]


schema = schemathesis.from_pytest_fixture("open311_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_open311_has_no_server_errors(case, api_key):
    # Half the examples with a working key, so the scoped code behind the key is reached too.
    if case.query is not None and "api_key" in case.query and len(case.query["api_key"]) % 2:
        case.query["api_key"] = api_key
    if isinstance(case.body, dict) and len(str(case.body.get("api_key", ""))) % 2 == 0:
        case.body["api_key"] = api_key
    response = case.call_wsgi()
    case.validate_response(response, checks=(not_a_server_error,))


def test_the_description_covers_every_open311_route():
    from grassroots.integrations import urls

    routes = {p.name for p in urls.urlpatterns if p.name.startswith("open311")}
    described = open311_openapi()["paths"]
    assert len(routes) == len(described) == 6
