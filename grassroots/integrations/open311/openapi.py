"""An OpenAPI 3.0 description of the Open311 GeoReport v2 endpoints (views.py).

GeoReport v2 predates OpenAPI and publishes none; this one is written by hand after the spec and
our implementation, for integrators' tools and for the schemathesis run in the test suite
(``integrations/tests/test_open311_schema_fuzz.py``). Responses are described loosely (a list of
objects, or the spec's error list): the run checks for server errors, not shapes.
"""

from __future__ import annotations

_FMT = {"name": "format", "in": "path", "required": True,
        "schema": {"type": "string", "enum": ["json", "xml"]}}
_JURISDICTION = {"name": "jurisdiction_id", "in": "query", "schema": {"type": "string"}}
_API_KEY = {"name": "api_key", "in": "query", "schema": {"type": "string"}}
_ANY = {"description": "JSON or XML, as asked", "content": {
    "application/json": {"schema": {}}, "text/xml": {"schema": {"type": "string"}}}}
_RESPONSES = {str(code): _ANY for code in (200, 400, 403, 404, 405)}


def _get(summary, *params):
    return {"get": {"summary": summary, "parameters": [_FMT, _JURISDICTION, *params],
                    "responses": _RESPONSES}}


def _text(max_length=None):
    schema = {"type": "string"}
    if max_length:
        schema["maxLength"] = max_length
    return schema


def open311_openapi() -> dict:
    request_fields = {
        "api_key": _text(), "jurisdiction_id": _text(), "service_code": _text(20),
        "lat": _text(), "long": _text(), "address_string": _text(), "address_id": _text(),
        "email": _text(), "device_id": _text(), "account_id": _text(), "first_name": _text(),
        "last_name": _text(), "phone": _text(), "description": _text(), "media_url": _text(),
        "attribute[floor]": _text(),
    }
    requests = _get(
        "Service requests (at most 1000, at most 90 days apart)", _API_KEY,
        {"name": "service_request_id", "in": "query", "schema": {"type": "string"}},
        {"name": "service_code", "in": "query", "schema": {"type": "string"}},
        {"name": "start_date", "in": "query", "schema": {"type": "string"}},
        {"name": "end_date", "in": "query", "schema": {"type": "string"}},
        {"name": "status", "in": "query", "schema": {"type": "string"}})
    requests["post"] = {
        "summary": "Create a service request (a demand of channel open311)",
        "parameters": [_FMT],
        "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {
            "schema": {"type": "object", "properties": request_fields,
                       "required": ["api_key", "service_code"]}}}},
        "responses": _RESPONSES,
    }
    ident = {"type": "string", "pattern": r"^[\w\-]{1,40}$"}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Open311 GeoReport v2", "version": "2"},
        "paths": {
            "/open311/v2/discovery.{format}": _get("Discovery"),
            "/open311/v2/services.{format}": _get("Service list"),
            "/open311/v2/services/{service_code}.{format}": _get(
                "Service definition", {"name": "service_code", "in": "path", "required": True,
                                       "schema": {"type": "string",
                                                  "pattern": r"^[\w\-]{1,20}$"}}),
            "/open311/v2/requests.{format}": requests,
            "/open311/v2/requests/{service_request_id}.{format}": _get(
                "One service request", _API_KEY,
                {"name": "service_request_id", "in": "path", "required": True, "schema": ident}),
            "/open311/v2/tokens/{token}.{format}": _get(
                "The request id behind a token", _API_KEY,
                {"name": "token", "in": "path", "required": True,
                 "schema": {"type": "string", "pattern": r"^[\w\-]{1,64}$"}}),
        },
    }
