"""Every page and API operation, driven with hostile values in every filter and form field,
answers below 500.

The routes come from the access matrix (every app's ``tests/access.py``, which together must name
every URL pattern and API operation), so a new page is fuzzed as soon as it is in the matrix. Each is
requested as the first role the matrix expects to succeed. The fields are the page's own form
fields (read from its rendered HTML), the filter names every list shares, the API operation's
parameters from the OpenAPI schema and the matrix's POST fields; the values are the shapes that
used to give 500s: out-of-range dates, non-ASCII digits, ids beyond the database's integers, NUL,
characters XML cannot hold, odd Unicode. Ids in the path are replaced by such numbers too.

``test_every_route_sweep`` is deterministic (every field of every route sees every shape of its
kind); ``test_random_mixtures`` lets hypothesis mix shapes across fields (bounded, no deadline).
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .test_access_matrix import MATRIX, ROLES, run  # noqa: F401 - the module world

ROUTES = MATRIX.routes  # every app's tests/access.py entries


def checks_of(entry) -> list:
    return entry.checks

DATES = ["0001-01-01", "9999-12-31T23:59:59+14:00", "10000-01-01", "２０２６-０１-０１",
         "2026-02-30", "-1"]
NUMBERS = ["²", "①", "٣", "9" * 30, str(2**63), str(2**31), "-1", "1e9"]
TEXTS = ["\x00", "\ufffe\uffff", "\x01\x0b\x1f", "=HYPERLINK(\"http://x\",\"y\")",
         "\u202e\u200b💥", "长" * 3000]
SHAPES = {"date": DATES, "number": NUMBERS, "text": TEXTS}
# Filter names the lists share: every route gets them even if its page shows no such field.
COMMON = ["page", "q", "status", "date_from", "date_to", "category", "unit", "division", "grid",
          "town", "month", "year", "period", "channel", "overdue", "format", "page_size"]
PREFERRED = ("admin", "dispatcher", "supervisor", "handler", "town_staff", "secretary",
             "auditor", "leader", "viewer", "citizen", "outsider", "anonymous")
PARTS = 4  # the sweep in parts, each reporting its own failures
# One worker runs the whole module (`make test` distributes with --dist loadgroup): the world is
# built once, not once per worker and again each time a worker comes back to the module.
pytestmark = pytest.mark.xdist_group("fuzz_pages")
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")), deadline=None,
                derandomize=os.environ.get("HYPOTHESIS_RANDOM") != "1",
                suppress_health_check=list(HealthCheck))


def kind_of(name: str) -> str:
    n = name.lower()
    if any(k in n for k in ("date", "_from", "_to", "month", "day", "_at", "start", "end",
                            "period", "held_on", "due")):
        return "date"
    if n in ("page", "page_size", "year", "limit", "offset", "seq") or n.endswith(
            ("_id", "unit", "category", "division", "grid", "town", "person", "team", "units",
             "lead_unit", "assisting_units", "organization", "owner")):
        return "number"
    return "text"


class _Fields(HTMLParser):
    """Names of the fields of every form on a page, split by the form's method."""

    def __init__(self):
        super().__init__()
        self.get, self.post, self._method = set(), set(), None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._method = (a.get("method") or "get").lower()
        elif tag in ("input", "select", "textarea") and a.get("name") and self._method:
            if a.get("type") in ("file", "submit", "hidden") and a["name"] == "csrfmiddlewaretoken":
                return
            (self.post if self._method == "post" else self.get).add(a["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._method = None


def _api_parameters() -> dict[str, set[str]]:
    from grassroots.api.urls import api

    params: dict[str, set[str]] = {}
    for path, item in api.get_openapi_schema()["paths"].items():
        for method, op in item.items():
            key = f"api:{method.upper()} " + re.sub(r"^/api/v1", "", path)
            params[key] = {p["name"] for p in op.get("parameters", []) if p["in"] == "query"}
    return params


def _api_key(route: str) -> str:
    # "api:GET /demands/{int:demand_id}" → "api:GET /demands/{demand_id}" (the schema's spelling)
    return re.sub(r"\{\w+:(\w+)\}", r"{\1}", route)


def _targets(run):  # noqa: F811 - the module fixture
    """(route, check, role, GET/POST field names) for every check of the matrix."""
    api_params = _api_parameters()
    out = []
    for route, entry in ROUTES.items():
        for check in checks_of(entry):
            ok = (200, 201, 302) if check.method == "post" else (200,)
            expected = check.inside.resolve(ROLES)
            role = next((r for r in PREFERRED if expected.get(r) in ok), None)
            if role is None:
                continue
            fields = set(check.data or {}) | set(check.json or {})
            if route.startswith("api:"):
                fields |= api_params.get(_api_key(route), set())
            elif check.method == "get":
                fields |= set(COMMON)
            out.append((route, check, role, sorted(fields)))
    return out


@pytest.fixture(scope="module")
def clients(run):  # noqa: F811
    """One client per role that answers a crash with the 500 page instead of raising it."""
    from django.test import Client

    out = {}
    for role in ROLES:
        out[role] = Client(raise_request_exception=False)
        if run.world.users[role] is not None:
            out[role].force_login(run.world.users[role])
    return out


@pytest.fixture(scope="module")
def targets(run):  # noqa: F811
    found = _targets(run)
    # The page's own form fields, read from what it renders for that role.
    from .test_access_matrix import _fill

    extended = []
    for route, check, role, fields in found:
        if not route.startswith("api:") and route.endswith("/"):
            url = _fill(check.url, run.values(role, "in"))
            response = run.clients[role].get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                parser = _Fields()
                parser.feed(response.content.decode("utf-8", "replace"))
                fields = sorted(set(fields) | (parser.post if check.method == "post"
                                               else parser.get))
        extended.append((route, check, role, fields))
    return extended


def _hostile_path(url: str, k: int) -> str:
    """The URL with its last id replaced by the k-th hostile number (only ASCII digits route)."""
    numbers = [n for n in NUMBERS if n.isascii() and n.isdigit()]
    path, sep, query = url.partition("?")
    ids = list(re.finditer(r"/(\d+)(?=/|$)", path))
    if not ids:
        return url
    m = ids[-1]
    return f"{path[:m.start(1)]}{numbers[k % len(numbers)]}{path[m.end(1):]}{sep}{query}"


def _send(run, clients, route, check, role, values: dict, *, path_k=None):  # noqa: F811
    from .test_access_matrix import _fill

    cache.clear()  # rate limits
    ids = run.values(role, "in")
    url = _fill(check.url, ids)
    if path_k is not None:
        url = _hostile_path(url, path_k)
    client = clients[role]
    if check.method == "get":
        base, _, query = url.partition("?")
        params = dict(p.split("=", 1) for p in query.split("&") if "=" in p) | values
        return url, client.get(base, params)
    if check.json is not None or route.startswith("api:"):
        body = {k: _fill(v, ids) for k, v in (check.json or {}).items()} | values
        return url, client.post(url, json.dumps(body), content_type="application/json")
    data = {k: _fill(v, ids) for k, v in (check.data or {}).items()} | values
    return url, client.post(url, {k: v.replace("\x00", "") if isinstance(v, str) else v
                                  for k, v in data.items()})


def test_every_route_is_fuzzed(targets):
    fuzzed = {route for route, *_ in targets}
    callable_routes = {r for r, e in ROUTES.items() if checks_of(e)}
    # A route no role may use (every check refused for all) has nothing to fuzz behind the refusal.
    assert len(fuzzed) >= 0.9 * len(callable_routes), sorted(callable_routes - fuzzed)


def _crash(response) -> str:
    info = getattr(response, "exc_info", None)
    return f"{info[0].__name__}: {str(info[1])[:120]}" if info else ""


@pytest.mark.parametrize("part", range(PARTS))
def test_every_route_sweep(run, db, clients, targets, part):  # noqa: F811
    failures = []
    for route, check, role, fields in targets[part::PARTS]:
        rounds = max(len(v) for v in SHAPES.values())
        for k in range(rounds):
            values = {f: SHAPES[kind_of(f)][k % len(SHAPES[kind_of(f)])] for f in fields}
            for path_k in (None, k) if k < 3 else (None,):
                url, response = _send(run, clients, route, check, role, values, path_k=path_k)
                if response.status_code >= 500:
                    failures.append(f"{role} {check.method.upper()} {url} {values}: "
                                    f"{response.status_code} {_crash(response)}")
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures[:400])


ANY_SHAPE = st.one_of(st.sampled_from(DATES + NUMBERS + TEXTS),
                      st.text(max_size=40), st.sampled_from(["", "0", "1", "2026-10-01"]),
                      st.integers(min_value=-(2**70), max_value=2**70).map(str))


@FUZZ
@given(data=st.data())
def test_random_mixtures(run, db, clients, targets, data):  # noqa: F811
    route, check, role, fields = data.draw(st.sampled_from(targets), label="route")
    values = data.draw(st.dictionaries(st.sampled_from(fields or ["q"]), ANY_SHAPE, max_size=6),
                       label="values")
    url, response = _send(run, clients, route, check, role, values)
    assert response.status_code < 500, (role, check.method, url, values, _crash(response))
