"""The generated access matrix: every page and API endpoint × every role × an object inside and
outside that role's scope → the expected status.

``ROUTES`` must name every URL pattern of the project (walked from ``get_resolver()``) and every
operation of the ninja API: a new endpoint without an entry fails ``test_every_endpoint_has_an_
entry``. An entry is either a ``Check`` (URL template + expected status per role, for the
object in scope and, for detail URLs, the one out of scope) or ``Todo(owner, why)`` — an explicit,
listed gap for the owning app to fill, never a silent one.

Placeholders: {demand_in}/{demand_out}: a demand the water bureau handles in town A / one in
town B nobody was assigned; {asg_in}/{asg_out}: their assignments; {person}: the citizen of
{demand_in}.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver

from grassroots.demands.models import DemandType
from grassroots.demands.services import demand_create, demand_dispatch

ROLES = ("anonymous", "admin", "supervisor", "dispatcher", "handler", "leader", "viewer",
         "outsider", "town_staff", "secretary", "citizen", "auditor")
STAFF = ROLES[1:-2] + ("auditor",)
LOGIN = 302  # anonymous users are sent to the login page


def expect(default: int, **by_role: int) -> dict[str, int]:
    unknown = set(by_role) - set(ROLES)
    assert not unknown, unknown
    return {role: by_role.get(role, default) for role in ROLES}


def by_role(*codes: int) -> dict[str, int]:
    """Statuses in the order of ROLES."""
    assert len(codes) == len(ROLES)
    return dict(zip(ROLES, codes, strict=True))


@dataclass
class Check:
    url: str
    inside: dict[str, int]
    outside: dict[str, int] | None = None  # for URLs with an object: the out-of-scope one
    method: str = "get"


@dataclass
class Todo:
    owner: str
    why: str = "matrix entry to be written by the owning app"


@dataclass
class Skip:
    why: str


# Everyone logged in sees it; anonymous goes to the login page.
LOGGED_IN = expect(200, anonymous=LOGIN)
COUNTY_WIDE = ("admin", "supervisor", "dispatcher")
WATER = ("handler", "leader", "viewer")


def _demand_detail(inside_only: tuple[str, ...]) -> tuple[dict, dict]:
    inside = expect(404, anonymous=LOGIN, **dict.fromkeys(COUNTY_WIDE + inside_only, 200))
    # The out-of-scope demand is handled by the housing bureau: the outsider's own.
    outside = expect(404, anonymous=LOGIN, **dict.fromkeys(COUNTY_WIDE + ("outsider",), 200))
    return inside, outside


DETAIL_IN, DETAIL_OUT = _demand_detail(WATER + ("town_staff",))
API_LIST = expect(200, anonymous=401)
API_DETAIL_IN = {**DETAIL_IN, "anonymous": 401}
API_DETAIL_OUT = {**DETAIL_OUT, "anonymous": 401}

ROUTES: dict[str, Check | Todo | Skip] = {
    # --- core, accounts, audit (grassroots.audit) ---
    "i18n/setlang/": Skip("POST-only language switch, no data"),
    "": Check("/", LOGGED_IN),
    "notifications/": Check("/notifications/", LOGGED_IN),
    "login/": Check("/login/", expect(302, anonymous=200)),
    "logout/": Check("/logout/", expect(405)),  # POST only
    "password/": Check("/password/", LOGGED_IN),
    "audit/": Check("/audit/", expect(403, anonymous=LOGIN, auditor=200)),
    "audit/export.xlsx": Check("/audit/export.xlsx", expect(403, anonymous=LOGIN, auditor=200)),
    "pii/<int:person_pk>/<slug:field>/": Check("/pii/{person}/phone/", expect(
        404, anonymous=LOGIN, admin=200, supervisor=200, dispatcher=200, handler=200,
        leader=200)),
    "pii/<int:person_pk>/<slug:field>/masked/": Check("/pii/{person}/phone/masked/", LOGGED_IN),
    "account/2fa/": Check("/account/2fa/", LOGGED_IN),
    "healthz": Check("/healthz", expect(200)),
    # --- demands pages ---
    "demands/": Check("/demands/", expect(200, anonymous=LOGIN, citizen=403)),
    "demands/<int:pk>/": Check("/demands/{demand_in}/", DETAIL_IN, DETAIL_OUT),
    # --- demands API ---
    "api:GET /demands": Check("/api/v1/demands", API_LIST),
    "api:GET /demands/{int:demand_id}": Check("/api/v1/demands/{demand_in}", API_DETAIL_IN,
                                          API_DETAIL_OUT),
    "api:GET /assignments/{int:assignment_id}": Check(
        "/api/v1/assignments/{asg_in}",
        expect(404, anonymous=401, admin=200, supervisor=200, dispatcher=200, handler=200,
               leader=200, viewer=200, town_staff=200),
        expect(404, anonymous=401, admin=200, supervisor=200, dispatcher=200, outsider=200)),
    # --- not yet written: each owning app fills its entries (Check) ---
    '^open311/v2/discovery\\.(?P<fmt>json|xml)$': Todo("integrations"),
    '^open311/v2/requests/(?P<request_id>[\\w\\-]{1,40})\\.(?P<fmt>json|xml)$': Todo("integrations"),
    '^open311/v2/requests\\.(?P<fmt>json|xml)$': Todo("integrations"),
    '^open311/v2/services/(?P<code>[\\w\\-]{1,20})\\.(?P<fmt>json|xml)$': Todo("integrations"),
    '^open311/v2/services\\.(?P<fmt>json|xml)$': Todo("integrations"),
    '^open311/v2/tokens/(?P<token>[\\w\\-]{1,64})\\.(?P<fmt>json|xml)$': Todo("integrations"),
    'api/v1/docs': Check("/api/v1/docs", by_role(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),  # api
    'api/v1/docs/assets/<str:name>': Todo("api"),
    'api:GET /assignments': Todo("demands"),
    'api:GET /calendar/deadline': Todo("workcal"),
    'api:GET /categories': Todo("demands"),
    'api:GET /divisions': Todo("demands"),
    'api:GET /grids': Todo("demands"),
    'api:GET /supervision/bulletins': Todo("supervision"),
    'api:GET /supervision/bulletins/{bulletin_id}/download': Todo("supervision"),
    'api:GET /supervision/notices': Todo("supervision"),
    'api:GET /supervision/stats': Todo("supervision"),
    'api:GET /units': Todo("demands"),
    'api:POST /assignments/{int:assignment_id}/acknowledge': Todo("demands"),
    'api:POST /assignments/{int:assignment_id}/escalate-return': Todo("demands"),
    'api:POST /assignments/{int:assignment_id}/extension': Todo("demands"),
    'api:POST /assignments/{int:assignment_id}/extension-decision': Todo("demands"),
    'api:POST /assignments/{int:assignment_id}/notes': Todo("demands"),
    'api:POST /assignments/{int:assignment_id}/reply': Todo("demands"),
    'api:POST /assignments/{int:assignment_id}/return': Todo("demands"),
    'api:POST /assignments/{int:assignment_id}/ruling': Todo("demands"),
    'api:POST /demands': Todo("demands"),
    'api:POST /demands/{int:demand_id}/dispatch': Todo("demands"),
    'api:POST /demands/{int:demand_id}/follow-up': Todo("demands"),
    'api:POST /demands/{int:demand_id}/merge': Todo("demands"),
    'api:POST /supervision/notices/{notice_id}/acknowledge': Todo("supervision"),
    'api:POST /supervision/notices/{notice_id}/respond': Todo("supervision"),
    'calendar/': Check("/calendar/", by_role(302, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403)),  # workcal
    'calendar/year-complete/': Check("/calendar/year-complete/", by_role(302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405)),  # workcal
    'demands/<int:pk>/assignments/<int:apk>/<slug:form>/': Todo("demands"),
    'demands/<int:pk>/attachments/<int:att_pk>/': Todo("demands"),
    'demands/<int:pk>/dispatch/': Todo("demands"),
    'demands/<int:pk>/follow-up/': Todo("demands"),
    'demands/<int:pk>/merge/': Todo("demands"),
    'dispatch/': Check("/dispatch/", by_role(302, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403)),  # demands
    'dispatch/batch/': Check("/dispatch/batch/", by_role(302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405)),  # demands
    'grid/cadres/': Check("/grid/cadres/", by_role(302, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 404)),  # gridwork
    'grid/coverage/': Check("/grid/coverage/", by_role(302, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 404)),  # gridwork
    'grid/mine/': Check("/grid/mine/", by_role(302, 404, 404, 404, 404, 404, 404, 404, 404, 200, 404, 404)),  # gridwork
    'grid/pioneer/': Check("/grid/pioneer/", by_role(302, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 404)),  # gridwork
    'grid/pioneer/<int:pk>/': Todo("gridwork"),
    'grid/pioneer/<int:pk>/nominate/': Todo("gridwork"),
    'grid/pioneer/<int:pk>/publicity/': Todo("gridwork"),
    'grid/pioneer/<int:pk>/transition/': Todo("gridwork"),
    'grid/pioneer/nominations/<int:pk>/object/': Todo("gridwork"),
    'grid/pioneer/nominations/<int:pk>/score/': Todo("gridwork"),
    'grid/pioneer/objections/<int:pk>/handle/': Todo("gridwork"),
    'grid/reports/': Check("/grid/reports/", by_role(302, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 404)),  # gridwork
    'grid/reports/<str:month>/': Todo("gridwork"),
    'grid/reports/<str:month>/report.<str:fmt>': Todo("gridwork"),
    'grid/teams/': Check("/grid/teams/", by_role(302, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 404)),  # gridwork
    'grid/teams/<int:pk>/': Todo("gridwork"),
    'grid/teams/<int:pk>/assign/': Todo("gridwork"),
    'grid/teams/export.xlsx': Check("/grid/teams/export.xlsx", by_role(302, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 404)),  # gridwork
    'grid/teams/import/': Check("/grid/teams/import/", by_role(302, 200, 403, 403, 404, 404, 404, 404, 200, 403, 404, 404)),  # gridwork
    'grid/teams/members/<int:pk>/replace/': Todo("gridwork"),
    'grid/themes/': Check("/grid/themes/", by_role(302, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 404)),  # gridwork
    'grid/trainings/': Check("/grid/trainings/", by_role(302, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 404)),  # gridwork
    'grid/trainings/<int:pk>/': Todo("gridwork"),
    'grid/trainings/<int:pk>/attendance/': Todo("gridwork"),
    'grid/trainings/coverage/': Check("/grid/trainings/coverage/", by_role(302, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 404)),  # gridwork
    'grid/trainings/materials/<int:pk>/': Todo("gridwork"),
    'grid/trainings/new/': Check("/grid/trainings/new/", by_role(302, 200, 403, 403, 404, 404, 404, 404, 200, 403, 404, 404)),  # gridwork
    'grid/visits/': Check("/grid/visits/", by_role(302, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 404)),  # gridwork
    'grid/visits/<int:pk>/': Todo("gridwork"),
    'grid/visits/new/': Check("/grid/visits/new/", by_role(302, 200, 404, 404, 404, 404, 404, 404, 200, 200, 404, 404)),  # gridwork
    'grid/visits/new/demand-row/': Check("/grid/visits/new/demand-row/", by_role(302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200)),  # gridwork
    'grid/visits/photos/<int:pk>/': Todo("gridwork"),
    'grid/volunteers/': Check("/grid/volunteers/", by_role(302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200)),  # gridwork
    'grid/volunteers/<int:pk>/': Todo("gridwork"),
    'grid/volunteers/new/': Check("/grid/volunteers/new/", by_role(302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200)),  # REVIEW (gridwork): viewer/auditor get the create form: gridwork to confirm
    'inbox/': Check("/inbox/", by_role(302, 403, 403, 403, 200, 200, 200, 200, 403, 403, 403, 403)),  # demands
    'integrations/city12345/': Check("/integrations/city12345/", by_role(302, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403)),  # integrations
    'integrations/city12345/items': Check("/integrations/city12345/items", by_role(405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405)),  # integrations
    'integrations/city12345/retry': Check("/integrations/city12345/retry", by_role(302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405)),  # integrations
    'my/': Check("/my/", by_role(302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),  # REVIEW (demands): staff reach the citizen pages: demands to confirm
    'my/demands/<int:pk>/': Todo("demands"),
    'my/demands/<int:pk>/rate/': Todo("demands"),
    'my/new/': Check("/my/new/", by_role(302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),  # REVIEW (demands): staff reach the citizen form: demands to confirm
    'my/register/': Check("/my/register/", by_role(200, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302)),  # demands
    'phone/new/': Check("/phone/new/", by_role(302, 200, 403, 200, 403, 403, 403, 403, 200, 403, 403, 403)),  # demands
    'supervision/bulletins/': Check("/supervision/bulletins/", by_role(302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200)),  # supervision
    'supervision/bulletins/<int:pk>/': Todo("supervision"),
    'supervision/bulletins/<int:pk>/do/<str:action>/': Todo("supervision"),
    'supervision/bulletins/<int:pk>/download/<str:fmt>/': Todo("supervision"),
    'supervision/bulletins/<int:pk>/edit/': Todo("supervision"),
    'supervision/dashboard/': Check("/supervision/dashboard/", by_role(302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200)),  # supervision
    'supervision/meeting-items/<int:pk>/complete/': Todo("supervision"),
    'supervision/meetings/': Check("/supervision/meetings/", by_role(302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200)),  # supervision
    'supervision/meetings/<int:pk>/': Todo("supervision"),
    'supervision/meetings/new/': Check("/supervision/meetings/new/", by_role(302, 200, 200, 403, 403, 403, 403, 403, 403, 403, 404, 403)),  # supervision
    'supervision/notices/': Check("/supervision/notices/", by_role(302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200)),  # supervision
    'supervision/notices/<int:pk>/': Todo("supervision"),
    'supervision/notices/<int:pk>/<str:action>/': Todo("supervision"),
    'supervision/notices/<int:pk>/download/<str:fmt>/': Todo("supervision"),
    'supervision/notices/new/': Check("/supervision/notices/new/", by_role(302, 200, 200, 403, 403, 403, 403, 403, 403, 403, 404, 403)),  # supervision
    'supervision/reports/': Check("/supervision/reports/", by_role(302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200)),  # supervision
    'supervision/reports/<int:pk>/': Todo("supervision"),
    'supervision/reports/<int:pk>/download/<str:fmt>/': Todo("supervision"),
    'supervision/reports/new/': Check("/supervision/reports/new/", by_role(302, 200, 200, 403, 403, 403, 403, 403, 403, 403, 404, 403)),  # supervision
    'supervision/stats/': Check("/supervision/stats/", by_role(302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200)),  # supervision
    'track/': Check("/track/", by_role(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),  # demands
    'triage/hot/': Check("/triage/hot/", by_role(302, 200, 200, 200, 403, 403, 403, 403, 403, 403, 404, 403)),  # triage
    'triage/models/': Check("/triage/models/", by_role(302, 200, 403, 403, 403, 403, 403, 403, 403, 403, 404, 403)),  # triage
    'triage/models/<int:pk>/activate/': Todo("triage"),
    'triage/models/table/': Check("/triage/models/table/", by_role(302, 200, 403, 403, 403, 403, 403, 403, 403, 403, 404, 403)),  # triage
    'triage/models/train/': Check("/triage/models/train/", by_role(302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405)),  # triage
    'triage/replies/': Check("/triage/replies/", by_role(302, 200, 200, 403, 403, 403, 403, 403, 403, 403, 404, 403)),  # triage
    'triage/reply-check/': Check("/triage/reply-check/", by_role(302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405)),  # triage
    'triage/settings/': Check("/triage/settings/", by_role(302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405)),  # triage
    'visit/new/': Check("/visit/new/", by_role(302, 200, 403, 403, 403, 403, 403, 403, 200, 200, 403, 403)),  # demands
}


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


def api_operations() -> set[str]:
    from grassroots.api.urls import api

    ops = set()
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for method in operation.methods:
                    full = "/" + "/".join(s for s in (prefix + path).split("/") if s)
                    ops.add(f"api:{method} {full}")
    return ops


def test_every_endpoint_has_an_entry():
    required = set(url_routes()) | api_operations()
    missing = sorted(required - set(ROUTES))
    assert not missing, "add these to ROUTES in test_access_matrix.py:\n" + "\n".join(missing)
    stale = sorted(set(ROUTES) - required)
    assert not stale, f"entries for endpoints that no longer exist: {stale}"


def test_todo_entries_are_listed():
    todo = sorted(k for k, v in ROUTES.items() if isinstance(v, Todo))
    checked = sum(isinstance(v, Check) for v in ROUTES.values())
    print(f"\naccess matrix: {checked} endpoints checked, {len(todo)} to do: {todo}")


# --- the matrix ------------------------------------------------------------------------------------

@dataclass
class World:
    users: dict
    ids: dict = field(default_factory=dict)


@pytest.fixture
def world(county, auditor, categories, secure_settings):
    def make(division, phone):
        return demand_create(actor=county.dispatcher, channel="phone", type=DemandType.HELP,
                             title="矩阵测试", text="访问矩阵测试用诉求。",
                             category=categories["water"], division=division,
                             citizen_phone=phone, citizen_name="赵先生")

    inside = make(county.village_a, "13912345678")
    asg_in, = demand_dispatch(actor=county.dispatcher, demand=inside, lead_unit=county.water)[:1]
    outside = make(county.village_b, "13812345678")
    asg_out, = demand_dispatch(actor=county.dispatcher, demand=outside,
                               lead_unit=county.housing)[:1]
    inside.refresh_from_db()
    users = {role: getattr(county, role, None) for role in ROLES}
    users["auditor"] = auditor
    return World(users=users, ids={
        "demand_in": inside.pk, "demand_out": outside.pk, "asg_in": asg_in.pk,
        "asg_out": asg_out.pk, "person": inside.citizen_id})


CASES = [(name, role) for name, entry in ROUTES.items() if isinstance(entry, Check)
         for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES)
def test_matrix(client, world, name, role):
    cache.clear()
    entry = ROUTES[name]
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    for expected, ids in ((entry.inside, world.ids), (entry.outside, {
            **world.ids, "demand_in": world.ids["demand_out"], "asg_in": world.ids["asg_out"]})):
        if expected is None:
            continue
        url = entry.url.format(**ids)
        response = getattr(client, entry.method)(url)
        assert response.status_code == expected[role], (
            f"{role} {entry.method.upper()} {url}: {response.status_code}, "
            f"expected {expected[role]}")
