"""The access matrix's vocabulary and registry: each app declares its own endpoints, roles and
objects in ``grassroots/<app>/tests/access.py``; ``collect()`` finds every installed app's file
(no list to edit) and ``grassroots/audit/tests/test_access_matrix.py`` runs them all.

An app's ``tests/access.py`` holds:

* ``ROUTES``: URL pattern (full route string, as ``get_resolver()`` spells it) or API operation
  (``"api:POST /demands"``) → a ``Check``, a list of them (one per form of a multi-action URL)
  or ``Skip(why)``. Each entry belongs to the app whose view serves it.
* ``@world_part(after=(...))`` functions that add the app's objects to the shared world
  (``world.ids``: ``{x_in}`` inside the scope of the water bureau, town A and grid A, ``{x_out}``
  outside it); they run after the parts of the apps named in ``after``.
* ``register_role(name, build)`` for a role the base county does not have (its builder returns
  the role's user); ``like`` names an existing role whose expectations it inherits wherever an
  entry does not name it.
* ``footprint(Model)`` for rows a write of the app leaves besides its event (a refused write
  must leave none), and ``never_shown(*secrets)`` for values no response may contain.

The base world is ``testing.county.build_small_county()``: one user per role of ``BASE_ROLES``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.module_loading import module_has_submodule

ACCESS_MODULE = "tests.access"

# The roles of testing.county.SmallCounty, in the order the matrix runs them.
BASE_ROLES = ("anonymous", "admin", "supervisor", "dispatcher", "handler", "leader", "viewer",
              "outsider", "town_staff", "secretary", "citizen")
LOGIN = 302  # anonymous users are sent to the login page
COUNTY_WIDE = ("admin", "supervisor", "dispatcher")
WATER = ("handler", "leader", "viewer")  # the water bureau: the unit of every `{x_in}` demand
# Grid-work overview pages: county-wide readers, town staff and secretaries.
OVERVIEW = COUNTY_WIDE + ("town_staff", "secretary")
# Every staff member: the base county's and the security auditor (grassroots.audit's role).
STAFF = BASE_ROLES[1:-1] + ("auditor",)


# --- expected statuses -------------------------------------------------------------------------

class Expect:
    """The status each role expects: named roles, then a registered role's ``like``, then the
    default. Resolved when the matrix runs, so a role registered by any app is covered."""

    def __init__(self, default: int, codes: dict[str, int] | None = None):
        self.default = default
        self.codes = dict(codes or {})

    def __getitem__(self, role: str) -> int:
        while role not in self.codes and role in _roles and _roles[role].like:
            role = _roles[role].like
        return self.codes.get(role, self.default)

    def but(self, **codes: int) -> Expect:
        return Expect(self.default, {**self.codes, **codes})

    def resolve(self, roles: Iterable[str]) -> dict[str, int]:
        return {role: self[role] for role in roles}

    def __repr__(self):
        return f"Expect({self.default}, {self.codes})"


def expect(default: int, **by_role: int) -> Expect:
    return Expect(default, by_role)


def only(roles: Iterable[str], code: int = 200, *, default: int = 404, anonymous: int = LOGIN,
         **others: int) -> Expect:
    """``code`` for ``roles``, ``default`` for the rest (``others`` override single roles)."""
    return Expect(default, {"anonymous": anonymous, **dict.fromkeys(roles, code), **others})


# Everyone logged in sees it; anonymous goes to the login page.
LOGGED_IN = expect(200, anonymous=LOGIN)
API_LIST = expect(200, anonymous=401)
PUBLIC = expect(200)


@dataclass
class Check:
    url: str
    inside: Expect
    outside: Expect | None = None  # for URLs with an object: the out-of-scope one
    method: str = "get"
    data: dict | None = None  # form fields of a POST
    json: dict | None = None  # JSON body of an API POST
    writes: tuple[str, ...] | None = None  # roles whose request writes (inside)
    writes_out: tuple[str, ...] | None = None  # the same for the outside object
    audits: tuple[str, ...] = ()  # roles whose request leaves a successful audit row
    bugs: dict[str, str] = field(default_factory=dict)  # role → why the app is wrong (xfail)


@dataclass
class Skip:
    why: str


def bug(reason: str, *roles: str) -> dict[str, str]:
    return dict.fromkeys(roles, reason)


# --- registry ----------------------------------------------------------------------------------

@dataclass
class RoleSpec:
    name: str
    build: Callable | None  # (county) → the role's user; None: a role of the base county
    like: str | None = None
    app: str = ""


@dataclass
class WorldPart:
    app: str
    build: Callable
    after: tuple[str, ...]


_roles: dict[str, RoleSpec] = {name: RoleSpec(name, None, app="testing") for name in BASE_ROLES}
_parts: list[WorldPart] = []
_footprints: list = []
_secrets: list[tuple[tuple[str, ...], frozenset]] = []


def _app_of(module: str) -> str:
    config = apps.get_containing_app_config(module)
    return config.label if config else module


def register_role(name: str, build: Callable, *, like: str | None = None) -> None:
    """A role the base county lacks: ``build(county)`` returns its user (built before the
    world's parts, so parts may use it). Where an entry does not name the role it expects what
    ``like`` expects, or the entry's default."""
    assert name not in _roles or _roles[name].build is build, f"role {name} registered twice"
    _roles[name] = RoleSpec(name, build, like, _app_of(build.__module__))


def world_part(*, after: tuple[str, ...] = ()):
    """Decorator: ``fn(world)`` adds an app's objects to the world, after the parts of the apps
    (labels) in ``after``."""
    def register(fn):
        app = _app_of(fn.__module__)
        if not any(p.build is fn for p in _parts):
            _parts.append(WorldPart(app, fn, tuple(after)))
        return fn
    return register


def footprint(*models) -> None:
    """Rows a write leaves besides its event row: a refused write must add none."""
    for model in models:
        if model not in _footprints:
            _footprints.append(model)


def never_shown(*secrets: str, unless: Iterable[tuple[str, str]] = ()) -> None:
    """No page, download or endpoint may show ``secrets`` to any role, except the
    (route, role) pairs in ``unless``."""
    _secrets.append((tuple(secrets), frozenset(unless)))


# --- discovery ---------------------------------------------------------------------------------

@dataclass
class Entry:
    app: str
    checks: list[Check]
    skip: Skip | None = None


@dataclass
class Matrix:
    routes: dict[str, Entry]
    roles: tuple[str, ...]
    footprints: tuple
    secrets: tuple

    def secrets_for(self, route: str, role: str) -> list[str]:
        return [s for values, unless in self.secrets if (route, role) not in unless
                for s in values]


def access_modules():
    """(app label, module) for every installed app with a ``tests/access.py``."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "tests") and module_has_submodule(
                importlib.import_module(f"{config.name}.tests"), "access"):
            yield config.label, importlib.import_module(f"{config.name}.{ACCESS_MODULE}")


def collect() -> Matrix:
    routes: dict[str, Entry] = {}
    for app, module in access_modules():
        for name, entry in getattr(module, "ROUTES", {}).items():
            assert name not in routes, (
                f"{name!r} is declared by both {routes[name].app} and {app}")
            if isinstance(entry, Skip):
                routes[name] = Entry(app, [], entry)
            else:
                routes[name] = Entry(app, entry if isinstance(entry, list) else [entry])
    return Matrix(routes=routes, roles=tuple(_roles), footprints=tuple(_footprints),
                  secrets=tuple(_secrets))


def ordered_parts() -> list[WorldPart]:
    """The world parts, each after those of the apps it names (else in INSTALLED_APPS order)."""
    done: list[WorldPart] = []
    pending = list(_parts)
    while pending:
        ready = [p for p in pending
                 if all(a not in {q.app for q in pending if q is not p} for a in p.after)]
        assert ready, f"world parts wait on each other: {[(p.app, p.after) for p in pending]}"
        done.append(ready[0])
        pending.remove(ready[0])
    return done


# --- the world ---------------------------------------------------------------------------------

@dataclass
class World:
    county: object  # testing.county.SmallCounty
    users: dict  # role → user (None for anonymous)
    ids: dict = field(default_factory=dict)  # placeholder → value for the URL templates
    api_keys: dict = field(default_factory=dict)  # role → plaintext read-only API token


def build_world(matrix: Matrix) -> World:
    """The county, every registered role's user, then every app's part."""
    from .county import build_small_county

    county = build_small_county()
    users = {}
    for name in matrix.roles:
        spec = _roles[name]
        users[name] = getattr(county, name, None) if spec.build is None else spec.build(county)
    world = World(county=county, users=users)
    for side, unit, town, village, grid in (
            ("in", county.water, county.town_a, county.village_a, county.grid_a),
            ("out", county.housing, county.town_b, county.village_b, county.grid_b)):
        world.ids.update({f"unit_{side}": unit.pk, f"town_{side}": town.pk,
                          f"village_{side}": village.pk, f"grid_{side}": grid.pk})
    for part in ordered_parts():
        part.build(world)
    return world


def png(name: str = "photo.png"):
    """A tiny real PNG upload."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 10, 10)).save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")
