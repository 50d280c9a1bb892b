"""schemathesis over /api/v1/openapi.json: no 5xx, and every response matches the schema.

Bounded (few examples per operation, no deadline) so it runs in well under a minute.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

# django-ninja emits OpenAPI 3.1; schemathesis 3.x supports it behind this switch.
schemathesis.experimental.OPEN_API_3_1.enable()

CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance)


@pytest.fixture
def api_schema(db, county, settings):
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    settings.GRASSROOTS_API_RATE_LIMIT = "100000/min"
    # Like Django's test Client: the WSGI calls run inside the test's transaction, which
    # close_old_connections would otherwise close at the end of each request (PostgreSQL).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_headers(county):
    from grassroots.integrations.services.tokens import api_token_create

    _, plaintext = api_token_create(actor=county.admin, name="fuzz", user=county.dispatcher,
                                    scopes=("read", "write"))
    return {"Authorization": f"Bearer {plaintext}"}


schema = schemathesis.from_pytest_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, fuzz_headers):
    response = case.call_wsgi(headers=fuzz_headers)
    case.validate_response(response, checks=CHECKS)
