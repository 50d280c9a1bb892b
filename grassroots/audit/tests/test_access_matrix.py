"""The generated access matrix: every page and API endpoint × every role × an object inside and
outside that role's scope → the expected status.

The entries are not here: each app declares its own endpoints, roles and objects in
``grassroots/<app>/tests/access.py`` and ``grassroots.testing.access.collect()`` finds them all
(see that module for the vocabulary). Every URL pattern of the project (walked from
``get_resolver()``) and every operation of the ninja API must have an entry, declared by the app
whose view serves it: a new endpoint without one fails ``test_every_endpoint_has_an_entry``.

Placeholders are the ids of the world the apps build (``testing.access.build_world``): ``{x_in}``
is the object inside the scope of the water bureau (handler, leader, viewer), town A's staff and
grid A's secretary; the outside run of the same check fills every ``{x_in}`` with ``x_out``
(town B, the housing bureau — the outsider's unit — or grid B). ``{api_key}`` is the role's own
read-only API token.

A POST is checked for what it wrote. The roles in ``writes`` (by default those expected to get
200/201/302) must append at least one event row; every other role's request is refused and must
add no event row, none of the rows the apps registered with ``footprint()`` and no audit row but
the refusal's own (a denied or failed one) — unless the role is in ``audits`` (an audited
look-up: it must leave its successful audit row). No response, downloads unzipped, may show a
value registered with ``never_shown()``. ``bugs`` maps a role to the reason the app is known to
be wrong for it: that case is a strict xfail until the owning app is fixed.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from grassroots.testing.access import Check, Expect, Matrix, build_world, collect

MATRIX: Matrix = collect()
ROLES = MATRIX.roles
# One worker runs the whole module (`make test` distributes with --dist loadgroup), so the world
# is built once instead of once per worker and again each time a worker comes back to it.
pytestmark = pytest.mark.xdist_group("access_matrix")


# --- enumeration -----------------------------------------------------------------------------------

def url_routes() -> dict[str, str]:
    """Every URL pattern (full route string) → the module of its view."""
    routes = {}

    def walk(patterns, prefix=""):
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                if route.startswith("admin/"):
                    continue  # Django's admin site: staff only, guarded by Django itself
                walk(p.url_patterns, route)
            elif isinstance(p, URLPattern):
                routes[route] = getattr(p.callback, "__module__", "")

    walk(get_resolver().url_patterns)
    # The API's own patterns are enumerated per operation and method below.
    return {r: m for r, m in routes.items()
            if not r.startswith(("api/v1/", "^api/v1")) or r.startswith("api/v1/docs")}


def api_operations() -> dict[str, str]:
    """Every operation of the ninja API (``api:METHOD /path``) → the module of its function."""
    from grassroots.api.urls import api

    ops = {}
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for method in operation.methods:
                    full = "/" + "/".join(s for s in (prefix + path).split("/") if s)
                    ops[f"api:{method} {full}"] = operation.view_func.__module__
    return ops


def endpoints() -> dict[str, str]:
    return {**url_routes(), **api_operations()}


def test_every_endpoint_has_an_entry():
    required = set(endpoints())
    missing = sorted(required - set(MATRIX.routes))
    assert not missing, ("add these to ROUTES in the tests/access.py of the app that serves "
                         "them:\n" + "\n".join(missing))
    stale = sorted(set(MATRIX.routes) - required)
    assert not stale, f"entries for endpoints that no longer exist: {stale}"


def test_each_app_declares_its_own_endpoints():
    """An entry lives in the access file of the app whose view serves it (Django's own views —
    logout, the admin login, the language switch — may be declared by any app)."""
    from django.apps import apps

    misplaced = []
    for name, module in endpoints().items():
        config = apps.get_containing_app_config(module)
        entry = MATRIX.routes.get(name)
        if entry and config and config.name.startswith("grassroots.") and (
                entry.app != config.label):
            misplaced.append(f"{name}: declared by {entry.app}, served by {config.label}")
    assert not misplaced, "\n".join(misplaced)


def test_entries_are_well_formed():
    for name, entry in MATRIX.routes.items():
        for check in entry.checks:
            for expected in (check.inside, check.outside):
                assert expected is None or isinstance(expected, Expect), name
                unknown = set(expected.codes if expected else ()) - set(ROLES)
                assert not unknown, f"{name}: unknown roles {unknown}"
            for roles in (check.writes, check.writes_out, check.audits, check.bugs):
                assert set(roles or ()) <= set(ROLES), f"{name}: unknown roles {roles}"
            assert check.method in ("get", "post"), name
            body = json.dumps(check.data or check.json or {})
            if check.outside is None:
                assert "_in}" not in check.url, f"{name}: an {{x_in}} URL needs `outside`"
            else:
                assert "_in}" in check.url + body, f"{name}: `outside` without any {{x_in}}"


def test_matrix_size():
    checks = [c for e in MATRIX.routes.values() for c in e.checks]
    declared = sum(bool(e.checks) for e in MATRIX.routes.values())
    cases = sum(len(ROLES) * (1 + (c.outside is not None)) for c in checks)
    bugs = sorted({(n, r) for n, e in MATRIX.routes.items() for c in e.checks for r in c.bugs})
    apps = sorted({e.app for e in MATRIX.routes.values()})
    print(f"\naccess matrix: {declared} endpoints, {len(checks)} checks, {cases} role × object "
          f"requests, {len(ROLES)} roles, {len(bugs)} known app bugs (xfail); "
          f"declared by {', '.join(apps)}")
    assert declared == sum(e.skip is None for e in MATRIX.routes.values())


# --- the matrix ------------------------------------------------------------------------------------

@dataclass
class Run:
    """The module's world and one logged-in client per role, kept across the module's tests."""

    world: object
    clients: dict

    def values(self, role: str, side: str) -> dict:
        ids = dict(self.world.ids)
        if side == "out":
            ids.update({k[:-4] + "_in": v for k, v in self.world.ids.items()
                        if k.endswith("_out")})
        ids["api_key"] = self.world.api_keys.get(role, "")
        return ids


@pytest.fixture(scope="module")
def run(django_db_setup, django_db_blocker):
    """Build the world once, in a transaction rolled back after the module; each test runs in a
    savepoint inside it (pytest-django's ``db``), so what a POST writes is undone per test."""
    assert "grassroots.audit.middleware.SecondFactorMiddleware" in settings.MIDDLEWARE
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world(MATRIX)
            clients = {}
            for role in ROLES:
                clients[role] = Client()
                if world.users[role] is not None:
                    clients[role].force_login(world.users[role])
            yield Run(world, clients)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _fill(value, ids: dict):
    if isinstance(value, str):
        if value.startswith("{") and value.endswith("}") and value[1:-1] in ids:
            return ids[value[1:-1]]  # a whole placeholder keeps the id's type (JSON numbers)
        return value.format(**ids)
    return value


@dataclass(frozen=True)
class Footprint:
    """What a request left: event rows, successful audit rows, the apps' registered rows."""

    events: int
    audits: int
    rows: tuple[int, ...]

    @classmethod
    def now(cls) -> Footprint:
        from grassroots.audit.models import AuditLog, AuditOutcome
        from grassroots.core.models import Event

        return cls(Event.objects.count(),
                   AuditLog.objects.filter(outcome=AuditOutcome.SUCCESS).count(),
                   tuple(model.objects.count() for model in MATRIX.footprints))


def _request(client, check: Check, ids: dict):
    url = _fill(check.url, ids)
    if check.method == "get":
        return url, client.get(url)
    if check.json is not None:
        body = {k: _fill(v, ids) for k, v in check.json.items()}
        return url, client.post(url, json.dumps(body), content_type="application/json")
    return url, client.post(url, {k: _fill(v, ids) for k, v in (check.data or {}).items()})


def _body(response) -> bytes:
    """The response's bytes, read once (a streamed download can be consumed only once)."""
    if not hasattr(response, "_matrix_body"):
        response._matrix_body = (b"".join(response.streaming_content)
                                 if getattr(response, "streaming", False) else response.content)
    return response._matrix_body


def _text_of(response) -> str:
    """What a response shows: the body, and every part of an .xlsx/.docx (zip) download."""
    body = _body(response)
    parts = [body]
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            parts += [archive.read(n) for n in archive.namelist()]
    return "\n".join(p.decode("utf-8", "replace") for p in parts) + "\n" + "\n".join(
        f"{k}: {v}" for k, v in response.items())


def _assert_no_formula(response, label: str) -> None:
    """An .xlsx answer holds every cell as a value: the world's formula-like title
    (matrix_fixtures.HOSTILE_TITLE) must never become a live formula."""
    body = _body(response)
    if body[:2] != b"PK":
        return
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), f"{label}: a formula in {name}"


def _writers(check: Check, expected: dict, side: str) -> set[str]:
    explicit = check.writes if side == "in" else check.writes_out
    if explicit is not None:
        return set(explicit)
    # API: 200/201; pages: the redirect after a successful POST (errors re-render the form).
    return {r for r, code in expected.items() if code in (200, 201, 302) and r != "anonymous"}


def _check_writes(check: Check, expected: dict, side: str, role: str, what: str,
                  before: Footprint, after: Footprint):
    if role in _writers(check, expected, side):
        assert after.events > before.events, f"{what}: no event row was written"
        return
    assert after.events == before.events, (
        f"{what}: refused, but {after.events - before.events} event row(s) were written")
    assert after.rows == before.rows, (
        f"{what}: refused, but rows were written "
        f"({[m.__name__ for m in MATRIX.footprints]}: {before.rows} → {after.rows})")
    if side == "in" and role in check.audits:
        assert after.audits > before.audits, f"{what}: no audit row was written"
    else:
        assert after.audits == before.audits, (
            f"{what}: refused, but a successful audit row was written")


def _cases():
    for name, entry in MATRIX.routes.items():
        for index, check in enumerate(entry.checks):
            for role in ROLES:
                label = f"{name}#{index}-{role}" if len(entry.checks) > 1 else f"{name}-{role}"
                marks = ()
                if role in check.bugs:
                    marks = pytest.mark.xfail(strict=True, reason=check.bugs[role])
                yield pytest.param(name, index, role, id=label, marks=marks)


@pytest.mark.parametrize(("name", "index", "role"), list(_cases()))
def test_matrix(run, db, name, index, role):
    cache.clear()  # rate limits
    check = MATRIX.routes[name].checks[index]
    client = run.clients[role]
    secrets = MATRIX.secrets_for(name, role)
    for side, expect in (("in", check.inside), ("out", check.outside)):
        if expect is None:
            continue
        expected = expect.resolve(ROLES)
        before = Footprint.now() if check.method == "post" else None
        url, response = _request(client, check, run.values(role, side))
        what = f"{role} {check.method.upper()} {url} ({side})"
        assert response.status_code == expected[role], (
            f"{what}: {response.status_code}, expected {expected[role]}")
        if secrets:
            shown = _text_of(response)
            for secret in secrets:
                assert secret not in shown, f"{what} shows a value never to be shown ({secret})"
        _assert_no_formula(response, what)
        if before is not None:
            _check_writes(check, expected, side, role, what, before, Footprint.now())
