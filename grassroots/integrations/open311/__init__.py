"""Open311 GeoReport v2 under /open311/v2/ (https://wiki.open311.org/GeoReport_v2).

Service codes are the level-3 category codes. A request posted here is a demand created through
``demand_create`` with channel ``open311``; its Open311 status, notes, agency and expected time
are read from the real case. Requests are read with an ``api_key`` (an API token) and scoped to
the token's user like every page; posting needs a token with the ``write`` scope.

By concern:

- ``formats``: the spec's JSON and XML answers and its error list;
- ``catalog``: the services (level-3 categories) and their attribute definitions;
- ``requests``: service requests read back (rows, the search parameters);
- ``intake``: a posted request becoming a demand;
- ``views``: the endpoints (api_key, jurisdiction, errors in the asked format);
- ``openapi``: a hand-written OpenAPI description of the endpoints, for integrators' tools and
  the schemathesis run.
"""
