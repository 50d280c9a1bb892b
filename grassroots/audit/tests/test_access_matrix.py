"""The generated access matrix: every page and API endpoint × every role × an object inside and
outside that role's scope → the expected status.

``ROUTES`` must name every URL pattern of the project (walked from ``get_resolver()``) and every
operation of the ninja API: a new endpoint without an entry fails ``test_every_endpoint_has_an_
entry``. An entry is a ``Check`` (or a list of them: one per form of a multi-action URL), a URL
template + the expected status per role for the object in scope and, for URLs with an object, the
one out of scope; or ``Skip(why)``.

Placeholders are the ids of ``matrix_fixtures.build_world``: ``{x_in}`` is the object inside the
scope of the water bureau (handler, leader, viewer), town A's staff and grid A's secretary; the
outside run of the same check fills every ``{x_in}`` with ``x_out`` (town B, the housing bureau —
the outsider's unit — or grid B). ``{api_key}`` is the role's own read-only API token.

A POST that changes state is checked for what it wrote: the roles in ``writes`` (by default those
expected to get 200/201) must leave a trace (an event row or a new demand/follow-up), every other
role must leave none. ``bugs`` maps a role to the reason the app is known to be wrong for it: that
case is a strict xfail until the owning app is fixed.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from .matrix_fixtures import REASON, ROLES, WHISTLEBLOWER_SECRETS, build_world

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


def only(roles, code: int = 200, *, default: int = 404, anonymous: int = LOGIN, **others):
    """``code`` for ``roles``, ``default`` for the rest (``others`` override single roles)."""
    return expect(default, anonymous=anonymous, **dict.fromkeys(roles, code), **others)


@dataclass
class Check:
    url: str
    inside: dict[str, int]
    outside: dict[str, int] | None = None  # for URLs with an object: the out-of-scope one
    method: str = "get"
    data: dict | None = None  # form fields of a POST
    json: dict | None = None  # JSON body of an API POST
    writes: tuple[str, ...] | None = None  # roles whose request writes (inside)
    writes_out: tuple[str, ...] | None = None  # the same for the outside object
    bugs: dict[str, str] = field(default_factory=dict)  # role → why the app is wrong (xfail)


@dataclass
class Skip:
    why: str


def bug(reason: str, *roles: str) -> dict[str, str]:
    return dict.fromkeys(roles, reason)


# Everyone logged in sees it; anonymous goes to the login page.
LOGGED_IN = expect(200, anonymous=LOGIN)
API_LIST = expect(200, anonymous=401)
PUBLIC = expect(200)
COUNTY_WIDE = ("admin", "supervisor", "dispatcher")
WATER = ("handler", "leader", "viewer")
# Grid-work overview pages: county-wide readers, town staff and secretaries; other staff 404.
OVERVIEW = COUNTY_WIDE + ("town_staff", "secretary")


def _demand_detail(inside_only: tuple[str, ...]) -> tuple[dict, dict]:
    inside = expect(404, anonymous=LOGIN, **dict.fromkeys(COUNTY_WIDE + inside_only, 200))
    # The out-of-scope demand is handled by the housing bureau: the outsider's own.
    outside = expect(404, anonymous=LOGIN, **dict.fromkeys(COUNTY_WIDE + ("outsider",), 200))
    return inside, outside


DETAIL_IN, DETAIL_OUT = _demand_detail(WATER + ("town_staff",))
API_DETAIL_IN = {**DETAIL_IN, "anonymous": 401}
API_DETAIL_OUT = {**DETAIL_OUT, "anonymous": 401}


def unit_action(ok: int, anonymous: int) -> tuple[dict, dict]:
    """An action of the handling unit on its assignment: the unit's handler and leader (and the
    platform admin) act; the read-only colleague, town staff and county-wide readers see the
    work but get 403; whoever does not see it gets 404."""
    inside = only(("admin", "handler", "leader"), ok, anonymous=anonymous,
                  **dict.fromkeys(("supervisor", "dispatcher", "viewer", "town_staff"), 403))
    outside = only(("admin", "outsider"), ok, anonymous=anonymous,
                   supervisor=403, dispatcher=403)
    return inside, outside


def dispatcher_action(ok: int, anonymous: int) -> tuple[dict, dict]:
    """A ruling of the dispatch centre (return, extension) on an assignment it can see."""
    inside = only(("admin", "dispatcher"), ok, anonymous=anonymous,
                  **dict.fromkeys(("supervisor", "handler", "leader", "viewer", "town_staff"), 403))
    outside = only(("admin", "dispatcher"), ok, anonymous=anonymous, supervisor=403,
                   outsider=403)
    return inside, outside


def demand_change(ok: int, anonymous: int) -> tuple[dict, dict]:
    """A change to a received demand itself (dispatch, merge): the dispatch centre only; the
    supervisor and town A's staff see the demand (403), the units do not yet (404)."""
    inside = only(("admin", "dispatcher"), ok, anonymous=anonymous, supervisor=403,
                  town_staff=403)
    outside = only(("admin", "dispatcher"), ok, anonymous=anonymous, supervisor=403)
    return inside, outside


def follow_up(ok: int, anonymous: int) -> tuple[dict, dict]:
    """回访 on a replied demand: its citizen, the dispatch centre and the supervisors; the unit
    and town staff see it (403)."""
    inside = only(("admin", "supervisor", "dispatcher", "citizen"), ok, anonymous=anonymous,
                  **dict.fromkeys(("handler", "leader", "viewer", "town_staff"), 403))
    outside = only(COUNTY_WIDE, ok, anonymous=anonymous, outsider=403)
    return inside, outside


def assignment_form(form: str, state: str, data: dict | None = None) -> Check:
    """One form of the demand page's assignment actions (htmx or plain POST → redirect)."""
    rule = dispatcher_action if form.startswith("decide_") else unit_action
    inside, outside = rule(302, LOGIN)
    return Check(f"/demands/{{{state}_in}}/assignments/{{asg_{state}_in}}/{form}/", inside,
                 outside, method="post", data=data or {})


def api_assignment(action: str, state: str, body: dict | None = None, *,
                   dispatcher: bool = False, form: bool = False) -> Check:
    inside, outside = (dispatcher_action if dispatcher else unit_action)(200, 401)
    url = f"/api/v1/assignments/{{asg_{state}_in}}/{action}"
    if form:
        return Check(url, inside, outside, method="post", data=body or {})
    return Check(url, inside, outside, method="post", json=body or {})


UNIT_REASON = "不属于本单位职责范围，请改派。"
NOTE = {"kind": "verification", "text": "已到现场核实，确有水压低问题。"}
REPLY = {"outcome": "resolved", "text": "已更换加压泵，水压恢复正常。"}
NEW_DEMAND = {"type": "help", "title": "路灯不亮", "text": "村口路灯坏了三天了。",
              "division": "{village_in}", "citizen_phone": "13912345678",
              "citizen_name": "赵先生"}

# The citizen pages (my/, my/new/) are for citizen accounts: ``_require_citizen`` only checks
# that the user has a person profile, which every staff member has too, so staff get the list
# and can submit demands through the citizen channel as if they were the citizen.
CITIZEN_PAGE_BUG = ("demands.views.citizen._require_citizen checks scope.person_id, which staff "
                    "users have too: staff reach the citizen-only page (expected 403 "
                    "'请使用群众账号登录。'); check scope.is_citizen instead")
# POST /api/v1/demands: the phone channel is open to any user with a role.
API_INTAKE_BUG = ("POST /api/v1/demands registers a phone demand for any user with a role: "
                  "demands.services.intake._check_channel_scope allows `scope.roles`, while the "
                  "phone intake page (phone/new/) allows only the dispatch centre and town staff; "
                  "read-only viewers, supervisors, units, secretaries and the auditor must get 403")
NOMINATE_BUG = ("gridwork.views.pioneer.nominate lets every overview reader through to the "
                "service and turns its NotInScope into a flash message: county-wide readers "
                "(supervisor, dispatcher) and secretaries get 302 instead of 403 (nothing is "
                "written); check can_manage or town staff in the view, or re-raise NotInScope "
                "as PermissionDenied")
VOLUNTEER_NEW_BUG = ("gridwork.views.volunteer.volunteer_new only calls require_staff: users who "
                     "may not record a volunteer activity anywhere (read-only viewer, auditor, "
                     "units, county-wide readers) get the create form whose POST the service "
                     "always refuses; expected 403 like grid/trainings/new/")

ROUTES: dict[str, Check | list[Check] | Skip] = {
    # --- core, accounts, audit (grassroots.audit) ---
    "i18n/setlang/": Skip("POST-only language switch, no data"),
    "": Check("/", LOGGED_IN),
    "notifications/": Check("/notifications/", LOGGED_IN),
    # Only the recipient's own notification opens; any other id is the same 404.
    "notifications/<int:pk>/open/": Check("/notifications/999999/open/",
                                          expect(404, anonymous=LOGIN)),
    # Marks only the caller's own notifications read: no event row, nothing to trace.
    "notifications/read-all/": Check("/notifications/read-all/", expect(302), method="post",
                                     writes=()),
    "favicon.ico": Check("/favicon.ico", expect(301)),  # to the static icon, for everyone
    "login/": Check("/login/", expect(302, anonymous=200)),
    "logout/": Check("/logout/", expect(405)),  # POST only
    "password/": Check("/password/", LOGGED_IN),
    "audit/": Check("/audit/", expect(403, anonymous=LOGIN, auditor=200)),
    "audit/export.xlsx": Check("/audit/export.xlsx", expect(403, anonymous=LOGIN, auditor=200)),
    "pii/<int:person_pk>/<slug:field>/": Check("/pii/{person}/phone/", expect(
        404, anonymous=LOGIN, admin=200, supervisor=200, dispatcher=200, handler=200,
        leader=200)),
    # The masked value follows the scope of the person's records (the demand's readers);
    # anyone else, ids being enumerable, gets the 404 of a missing person.
    "pii/<int:person_pk>/<slug:field>/masked/": Check("/pii/{person}/phone/masked/", expect(
        404, anonymous=LOGIN, admin=200, supervisor=200, dispatcher=200, handler=200,
        leader=200, viewer=200, town_staff=200)),
    "account/2fa/": Check("/account/2fa/", LOGGED_IN),
    "healthz": Check("/healthz", expect(200)),
    # The admin site's login behind the login rate limit (config/urls.py).
    "admin/login/": Check("/admin/login/", expect(200, admin=302)),
    # --- demands pages ---
    "demands/": Check("/demands/", expect(200, anonymous=LOGIN, citizen=403)),
    "demands/<int:pk>/": [Check("/demands/{demand_in}/", DETAIL_IN, DETAIL_OUT),
                          # the anonymous report: seen by its unit, town and county, never its author
                          Check("/demands/{anon_report}/", DETAIL_IN)],
    "demands/<int:pk>/attachments/<int:att_pk>/": [
        Check("/demands/{demand_in}/attachments/{attachment_in}/", DETAIL_IN, DETAIL_OUT),
        Check("/demands/{anon_report}/attachments/{anon_attachment}/", DETAIL_IN)],
    # The security auditor's look-up of an anonymous report's author, logged (an audit row, not
    # an event); everyone else: the same 404 as a missing page.
    "demands/anonymous-submitter/": [
        Check("/demands/anonymous-submitter/", expect(404, anonymous=LOGIN, auditor=200)),
        Check("/demands/anonymous-submitter/", expect(404, anonymous=LOGIN, auditor=200),
              method="post", data={"number": "{anon_number}", "reason": "依法协查举报线索"},
              writes=()),
    ],
    "demands/<int:pk>/dispatch/": Check(
        "/demands/{received_in}/dispatch/", *demand_change(302, LOGIN), method="post",
        data={"lead_unit": "{unit_in}"}),
    "demands/<int:pk>/merge/": Check(
        "/demands/{received_in}/merge/", *demand_change(302, LOGIN), method="post",
        data={"into": "{number_in}", "note": "同一事项。"}),
    "demands/<int:pk>/follow-up/": Check(
        "/demands/{replied_in}/follow-up/", *follow_up(302, LOGIN), method="post",
        data={"satisfaction": "satisfied", "comment": "满意。"}),
    "demands/<int:pk>/assignments/<int:apk>/<slug:form>/": [
        assignment_form("acknowledge", "dispatched"),
        assignment_form("return", "dispatched", {"reason": UNIT_REASON}),
        assignment_form("escalate_return", "ruled", {"reason": UNIT_REASON}),
        assignment_form("note", "acknowledged", NOTE),
        assignment_form("request_extension", "acknowledged",
                        {"reason": "需要协调施工队伍。", "until": "{until_date}"}),
        assignment_form("reply", "acknowledged", REPLY),
        assignment_form("decide_return", "return_requested",
                        {"decision": "reject", "note": "请原单位承办。"}),
        assignment_form("decide_extension", "extension", {"decision": "approve"}),
    ],
    "dispatch/": Check("/dispatch/", by_role(302, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403)),
    "dispatch/batch/": Check("/dispatch/batch/", by_role(302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405)),
    # A queue row's form and assisting units, fetched when unfolded: the dispatch centre only
    # (a demand not waiting, or not theirs, gives the same short note, never a form).
    "dispatch/<int:pk>/form/": Check(
        "/dispatch/{received_in}/form/",
        by_role(302, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403),
        # outside the scope: the same 200 with the note "no longer waiting", as a missing one
        by_role(302, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403)),
    "dispatch/assisting-units/": Check("/dispatch/assisting-units/", by_role(302, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403)),
    "inbox/": Check("/inbox/", by_role(302, 403, 403, 403, 200, 200, 200, 200, 403, 403, 403, 403)),
    "phone/new/": Check("/phone/new/", by_role(302, 200, 403, 200, 403, 403, 403, 403, 200, 403, 403, 403)),
    "visit/new/": Check("/visit/new/", by_role(302, 302, 403, 403, 403, 403, 403, 403, 302, 302, 403, 403)),
    "track/": Check("/track/", PUBLIC),
    # --- citizen pages ---
    "my/register/": Check("/my/register/", expect(302, anonymous=200)),
    "my/": Check("/my/", expect(403, anonymous=LOGIN, citizen=200)),
    "my/phone/": Check("/my/phone/", expect(403, anonymous=LOGIN, citizen=200)),
    "my/new/": Check("/my/new/", expect(403, anonymous=LOGIN, citizen=200)),
    # A citizen sees their own demand; staff who may see it are sent to the staff page.
    "my/demands/<int:pk>/": [
        Check("/my/demands/{replied_in}/",
              only(COUNTY_WIDE + WATER + ("town_staff",), 302, citizen=200),
              only(COUNTY_WIDE + ("outsider",), 302)),
        # Someone else's anonymous report: staff who see it go to the staff page, the citizen
        # (not its author) finds nothing.
        Check("/my/demands/{anon_report}/", only(COUNTY_WIDE + WATER + ("town_staff",), 302))],
    "my/demands/<int:pk>/rate/": Check(
        "/my/demands/{replied_in}/rate/", *follow_up(302, LOGIN), method="post",
        data={"satisfaction": "satisfied", "comment": "满意。"}),
    # --- demands API ---
    "api:GET /demands": Check("/api/v1/demands", API_LIST),
    "api:GET /demands/{int:demand_id}": [
        Check("/api/v1/demands/{demand_in}", API_DETAIL_IN, API_DETAIL_OUT),
        Check("/api/v1/demands/{anon_report}", API_DETAIL_IN)],
    "api:POST /demands": Check(
        "/api/v1/demands", only(("admin", "dispatcher", "town_staff", "citizen"), 201,
                                default=403, anonymous=401),
        method="post", json=NEW_DEMAND),
    "api:POST /demands/{int:demand_id}/dispatch": Check(
        "/api/v1/demands/{received_in}/dispatch", *demand_change(200, 401), method="post",
        json={"lead_unit": "{unit_in}"}),
    "api:POST /demands/{int:demand_id}/merge": Check(
        "/api/v1/demands/{received_in}/merge", *demand_change(200, 401), method="post",
        json={"into": "{dispatched_in}", "note": "同一事项。"}),
    "api:POST /demands/{int:demand_id}/follow-up": Check(
        "/api/v1/demands/{replied_in}/follow-up", *follow_up(200, 401), method="post",
        json={"satisfaction": "satisfied"}),
    "api:GET /assignments": Check("/api/v1/assignments", API_LIST),
    "api:GET /assignments/{int:assignment_id}": Check(
        "/api/v1/assignments/{asg_in}",
        expect(404, anonymous=401, admin=200, supervisor=200, dispatcher=200, handler=200,
               leader=200, viewer=200, town_staff=200),
        expect(404, anonymous=401, admin=200, supervisor=200, dispatcher=200, outsider=200)),
    "api:POST /assignments/{int:assignment_id}/acknowledge": api_assignment(
        "acknowledge", "dispatched"),
    "api:POST /assignments/{int:assignment_id}/return": api_assignment(
        "return", "dispatched", {"reason": UNIT_REASON}),
    "api:POST /assignments/{int:assignment_id}/escalate-return": api_assignment(
        "escalate-return", "ruled", {"reason": UNIT_REASON}),
    "api:POST /assignments/{int:assignment_id}/notes": api_assignment(
        "notes", "acknowledged", NOTE, form=True),
    "api:POST /assignments/{int:assignment_id}/extension": api_assignment(
        "extension", "acknowledged", {"reason": "需要协调施工队伍。", "until": "{until}"}),
    "api:POST /assignments/{int:assignment_id}/reply": api_assignment(
        "reply", "acknowledged", REPLY),
    "api:POST /assignments/{int:assignment_id}/ruling": api_assignment(
        "ruling", "return_requested", {"approve": False, "note": "请原单位承办。"},
        dispatcher=True),
    "api:POST /assignments/{int:assignment_id}/extension-decision": api_assignment(
        "extension-decision", "extension", {"approve": True}, dispatcher=True),
    "api:GET /categories": Check("/api/v1/categories", API_LIST),
    "api:GET /divisions": Check("/api/v1/divisions", API_LIST),
    "api:GET /grids": Check("/api/v1/grids", API_LIST),
    "api:GET /units": Check("/api/v1/units", API_LIST),
    "api:GET /calendar/deadline": Check(
        "/api/v1/calendar/deadline?start=2025-03-07T09:00:00%2B08:00&working_hours=8",
        API_LIST),
    "api/v1/docs": Check("/api/v1/docs", PUBLIC),
    "api/v1/docs/assets/<str:name>": Check("/api/v1/docs/assets/swagger-ui.css", PUBLIC),
    # --- Open311 (authenticated by the role's own read-only api_key, not the session) ---
    '^open311/v2/discovery\\.(?P<fmt>json|xml)$': Check("/open311/v2/discovery.json", PUBLIC),
    '^open311/v2/services\\.(?P<fmt>json|xml)$': Check("/open311/v2/services.xml", PUBLIC),
    '^open311/v2/services/(?P<code>[\\w\\-]{1,20})\\.(?P<fmt>json|xml)$': Check(
        "/open311/v2/services/{service_code}.json", PUBLIC),
    '^open311/v2/requests\\.(?P<fmt>json|xml)$': [
        Check("/open311/v2/requests.json?api_key={api_key}", expect(200, anonymous=403)),
        # Posting needs a token with the write scope: a read-only one writes nothing.
        Check("/open311/v2/requests.json", expect(403), method="post", data={
            "api_key": "{api_key}", "service_code": "{service_code}",
            "address_string": "金城社区3号楼", "description": "小区水压低，楼上用不上水。"}),
    ],
    '^open311/v2/requests/(?P<request_id>[\\w\\-]{1,40})\\.(?P<fmt>json|xml)$': Check(
        "/open311/v2/requests/{number_in}.json?api_key={api_key}",
        {**DETAIL_IN, "anonymous": 403}, {**DETAIL_OUT, "anonymous": 403}),
    '^open311/v2/tokens/(?P<token>[\\w\\-]{1,64})\\.(?P<fmt>json|xml)$': Check(
        "/open311/v2/tokens/{open311_in}.json?api_key={api_key}",
        {**DETAIL_IN, "anonymous": 403}, {**DETAIL_OUT, "anonymous": 403}),
    # --- integrations, workcal, triage ---
    "integrations/city12345/": Check("/integrations/city12345/", by_role(302, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403)),
    "integrations/city12345/items": Check("/integrations/city12345/items", expect(405)),
    "integrations/city12345/retry": Check("/integrations/city12345/retry", expect(405, anonymous=LOGIN)),
    "calendar/": Check("/calendar/", by_role(302, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403)),
    "calendar/year-complete/": [
        Check("/calendar/year-complete/", expect(405, anonymous=LOGIN)),
        Check("/calendar/year-complete/", only(("admin",), 302, default=403, citizen=403),
              method="post", data={"year": "2031", "complete": "on"}, writes=("admin",)),
    ],
    "triage/hot/": Check("/triage/hot/", by_role(302, 200, 200, 200, 403, 403, 403, 403, 403, 403, 404, 403)),
    "triage/models/": Check("/triage/models/", by_role(302, 200, 403, 403, 403, 403, 403, 403, 403, 403, 404, 403)),
    "triage/models/table/": Check("/triage/models/table/", by_role(302, 200, 403, 403, 403, 403, 403, 403, 403, 403, 404, 403)),
    "triage/models/train/": Check("/triage/models/train/", expect(405, anonymous=LOGIN)),
    "triage/models/<int:pk>/activate/": Check(
        "/triage/models/{triage_model}/activate/", only(("admin",), 302, default=403,
                                                         citizen=404),
        method="post", writes=("admin",)),
    "triage/replies/": Check("/triage/replies/", by_role(302, 200, 200, 403, 403, 403, 403, 403, 403, 403, 404, 403)),
    "triage/reply-check/": Check("/triage/reply-check/", expect(405, anonymous=LOGIN)),
    "triage/settings/": [
        Check("/triage/settings/", expect(405, anonymous=LOGIN)),
        Check("/triage/settings/", only(("admin",), 302, default=403, citizen=404),
              method="post", data={"auto_dispatch_enabled": "on",
                                   "auto_dispatch_threshold": "0.9"}, writes=("admin",)),
    ],
    # --- supervision ---
    "supervision/dashboard/": Check("/supervision/dashboard/", only(STAFF)),
    "supervision/stats/": Check("/supervision/stats/", only(STAFF)),
    "supervision/notices/": Check("/supervision/notices/", only(STAFF)),
    "supervision/notices/new/": Check("/supervision/notices/new/", by_role(302, 200, 200, 403, 403, 403, 403, 403, 403, 403, 404, 403)),
    # Units see their own notices once issued; drafts are the office's working papers.
    "supervision/notices/<int:pk>/": Check(
        "/supervision/notices/{notice_in}/", only(("admin", "supervisor") + WATER),
        only(("admin", "supervisor", "outsider"))),
    "supervision/notices/<int:pk>/<str:action>/": [
        Check("/supervision/notices/{notice_in}/acknowledge/",
              only(("admin", "handler", "leader"), 302, supervisor=403, viewer=403),
              only(("admin", "outsider"), 302, supervisor=403), method="post",
              writes=("admin", "handler", "leader"), writes_out=("admin", "outsider")),
        Check("/supervision/notices/{notice_draft_in}/issue/", only(("admin", "supervisor"), 302),
              only(("admin", "supervisor"), 302), method="post",
              writes=("admin", "supervisor"), writes_out=("admin", "supervisor")),
    ],
    "supervision/notices/<int:pk>/download/<str:fmt>/": Check(
        "/supervision/notices/{notice_in}/download/docx/",
        only(("admin", "supervisor") + WATER), only(("admin", "supervisor", "outsider"))),
    "supervision/bulletins/": Check("/supervision/bulletins/", only(STAFF)),
    # {bulletin_in} is published (every staff member reads it), {bulletin_out} a draft.
    "supervision/bulletins/<int:pk>/": Check(
        "/supervision/bulletins/{bulletin_in}/", only(STAFF), only(("admin", "supervisor"))),
    "supervision/bulletins/<int:pk>/edit/": Check(
        "/supervision/bulletins/{bulletin_in}/edit/",
        only(("admin", "supervisor"), default=403, citizen=404), only(("admin", "supervisor"))),
    "supervision/bulletins/<int:pk>/do/<str:action>/": [
        Check("/supervision/bulletins/{bulletin_in}/do/compile/",
              only(("admin", "supervisor"), 302, default=403, citizen=404),
              only(("admin", "supervisor"), 302), method="post",
              writes=(), writes_out=("admin", "supervisor")),
        Check("/supervision/bulletins/{bulletin_out}/do/publish/",
              only(("admin", "supervisor"), 302), method="post",
              writes=("admin", "supervisor")),
    ],
    "supervision/bulletins/<int:pk>/download/<str:fmt>/": Check(
        "/supervision/bulletins/{bulletin_in}/download/xlsx/", only(STAFF),
        only(("admin", "supervisor"))),
    "supervision/reports/": Check("/supervision/reports/", only(STAFF)),
    "supervision/reports/new/": Check("/supervision/reports/new/", by_role(302, 200, 200, 403, 403, 403, 403, 403, 403, 403, 404, 403)),
    # Special reports: the office, county-wide readers and unit leaders.
    "supervision/reports/<int:pk>/": Check("/supervision/reports/{report}/",
                                           only(COUNTY_WIDE + ("leader",))),
    "supervision/reports/<int:pk>/download/<str:fmt>/": Check(
        "/supervision/reports/{report}/download/xlsx/", only(COUNTY_WIDE + ("leader",))),
    "supervision/meetings/": Check("/supervision/meetings/", only(STAFF)),
    "supervision/meetings/new/": Check("/supervision/meetings/new/", by_role(302, 200, 200, 403, 403, 403, 403, 403, 403, 403, 404, 403)),
    "supervision/meetings/<int:pk>/": Check(
        "/supervision/meetings/{meeting_in}/", only(COUNTY_WIDE + WATER),
        only(COUNTY_WIDE + ("outsider",))),
    "supervision/meeting-items/<int:pk>/complete/": Check(
        "/supervision/meeting-items/{item_in}/complete/",
        only(("admin", "supervisor", "handler", "leader"), 302, dispatcher=403, viewer=403),
        only(("admin", "supervisor", "outsider"), 302, dispatcher=403), method="post",
        data={"note": "已更换加压泵。"}, writes=("admin", "supervisor", "handler", "leader"),
        writes_out=("admin", "supervisor", "outsider")),
    "api:GET /supervision/stats": Check("/api/v1/supervision/stats", API_LIST),
    "api:GET /supervision/bulletins": Check("/api/v1/supervision/bulletins", API_LIST),
    "api:GET /supervision/bulletins/{bulletin_id}/download": Check(
        "/api/v1/supervision/bulletins/{bulletin_in}/download?format=xlsx",
        only(STAFF, anonymous=401), only(("admin", "supervisor"), anonymous=401)),
    "api:GET /supervision/notices": Check("/api/v1/supervision/notices", API_LIST),
    "api:POST /supervision/notices/{notice_id}/acknowledge": Check(
        "/api/v1/supervision/notices/{notice_in}/acknowledge",
        only(("admin", "handler", "leader"), anonymous=401, supervisor=403, viewer=403),
        only(("admin", "outsider"), anonymous=401, supervisor=403), method="post", json={}),
    "api:POST /supervision/notices/{notice_id}/respond": Check(
        "/api/v1/supervision/notices/{notice_acknowledged_in}/respond",
        only(("admin", "handler", "leader"), anonymous=401, supervisor=403, viewer=403),
        only(("admin", "outsider"), anonymous=401, supervisor=403), method="post",
        json={"text": "已更换加压泵，水压恢复正常。"}),
    # --- grid work (gridwork) ---
    "grid/mine/": Check("/grid/mine/", only(("secretary",))),
    "grid/cadres/": Check("/grid/cadres/", only(OVERVIEW)),
    "grid/coverage/": Check("/grid/coverage/", only(OVERVIEW)),
    "grid/themes/": Check("/grid/themes/", only(OVERVIEW)),
    "grid/teams/": Check("/grid/teams/", only(OVERVIEW)),
    "grid/teams/export.xlsx": Check("/grid/teams/export.xlsx", only(OVERVIEW)),
    "grid/teams/import/": Check("/grid/teams/import/", by_role(302, 200, 403, 403, 404, 404, 404, 404, 200, 403, 404, 404)),
    "grid/teams/<int:pk>/": Check("/grid/teams/{team_in}/", only(OVERVIEW), only(COUNTY_WIDE)),
    # Seats are changed by the platform admin and the grid's town staff; readers get 403.
    "grid/teams/<int:pk>/assign/": Check(
        "/grid/teams/{team_in}/assign/",
        only(("admin", "town_staff"), 302, supervisor=403, dispatcher=403, secretary=403),
        only(("admin",), 302, supervisor=403, dispatcher=403), method="post",
        data={"phone": "{cadre_phone_in}", "seat": "county_cadre"},
        writes=("admin", "town_staff"), writes_out=("admin",)),
    "grid/teams/members/<int:pk>/replace/": Check(
        "/grid/teams/members/{member_in}/replace/",
        only(("admin", "town_staff"), 302, supervisor=403, dispatcher=403, secretary=403),
        only(("admin",), 302, supervisor=403, dispatcher=403), method="post",
        data={"phone": "{cadre_phone_in}", "reason": "工作调动。"},
        writes=("admin", "town_staff"), writes_out=("admin",)),
    "grid/reports/": Check("/grid/reports/", only(OVERVIEW)),
    # {month_out} is a month without a report.
    "grid/reports/<str:month>/": Check("/grid/reports/{month_in}/", only(OVERVIEW), only(())),
    "grid/reports/<str:month>/report.<str:fmt>": Check(
        "/grid/reports/{month_in}/report.xlsx", only(OVERVIEW), only(())),
    "grid/visits/": Check("/grid/visits/", only(OVERVIEW)),
    "grid/visits/new/": Check("/grid/visits/new/", only(("admin", "town_staff", "secretary"))),
    "grid/visits/new/demand-row/": Check("/grid/visits/new/demand-row/", only(STAFF)),
    "grid/visits/<int:pk>/": Check("/grid/visits/{visit_in}/", only(OVERVIEW), only(COUNTY_WIDE)),
    "grid/visits/photos/<int:pk>/": Check("/grid/visits/photos/{visit_photo_in}/", only(OVERVIEW),
                                          only(COUNTY_WIDE)),
    "grid/trainings/": Check("/grid/trainings/", only(OVERVIEW)),
    "grid/trainings/new/": Check("/grid/trainings/new/", by_role(302, 200, 403, 403, 404, 404, 404, 404, 200, 403, 404, 404)),
    "grid/trainings/coverage/": Check("/grid/trainings/coverage/", only(OVERVIEW)),
    # Trainings are county-wide events: every overview reader sees them.
    "grid/trainings/<int:pk>/": Check("/grid/trainings/{training}/", only(OVERVIEW)),
    "grid/trainings/materials/<int:pk>/": Check("/grid/trainings/materials/{material}/",
                                                only(OVERVIEW)),
    # Town staff record attendance of their own town's secretaries only.
    "grid/trainings/<int:pk>/attendance/": Check(
        "/grid/trainings/{training}/attendance/",
        only(("admin", "town_staff"), 302, supervisor=403, dispatcher=403, secretary=403),
        only(("admin", "town_staff"), 302, supervisor=403, dispatcher=403, secretary=403),
        method="post", data={"people": "{sec_person_in}"},
        writes=("admin", "town_staff"), writes_out=("admin",)),
    "grid/volunteers/": Check("/grid/volunteers/", only(STAFF)),
    "grid/volunteers/new/": Check(
        "/grid/volunteers/new/", only(("admin", "town_staff", "secretary"), default=403,
                                      citizen=404)),
    "grid/volunteers/<int:pk>/": Check("/grid/volunteers/{volunteer_in}/", only(OVERVIEW),
                                       only(COUNTY_WIDE)),
    "grid/pioneer/": Check("/grid/pioneer/", only(OVERVIEW)),
    "grid/pioneer/<int:pk>/": Check("/grid/pioneer/{round_nominating}/", only(OVERVIEW)),
    # The county nominates anyone, town staff their own town's secretaries (outside: town B's).
    # (Outside, town A's staff picking town B's secretary is a form error: 302, nothing written.)
    "grid/pioneer/<int:pk>/nominate/": Check(
        "/grid/pioneer/{round_nominating}/nominate/",
        only(("admin", "town_staff"), 302, supervisor=403, dispatcher=403, secretary=403),
        only(("admin", "town_staff"), 302, supervisor=403, dispatcher=403, secretary=403),
        method="post", data={"person": "{sec_person_in}", "level": "pioneer", "reason": REASON},
        writes=("admin", "town_staff"), writes_out=("admin",)),
    "grid/pioneer/<int:pk>/transition/": Check(
        "/grid/pioneer/{round_nominating}/transition/",
        only(("admin",), 302, default=403, citizen=404), method="post",
        data={"action": "start_review"}, writes=("admin",)),
    # The publicity list is public while posted; a round still nominating is not.
    "grid/pioneer/<int:pk>/publicity/": Check(
        "/grid/pioneer/{publicity_in}/publicity/", PUBLIC, expect(404)),
    "grid/pioneer/nominations/<int:pk>/score/": Check(
        "/grid/pioneer/nominations/{nomination_reviewing}/score/",
        only(("admin",), 302, default=403, citizen=404), method="post",
        data={"score": "85"}, writes=("admin",)),
    # Anyone logged in may object to a nominee on the publicity list, and only then.
    "grid/pioneer/nominations/<int:pk>/object/": Check(
        "/grid/pioneer/nominations/{objectable_in}/object/", expect(302), only(()),
        method="post", data={"text": "该同志走访记录有不实之处，请核实。"},
        writes=ROLES[1:], writes_out=()),
    "grid/pioneer/objections/<int:pk>/handle/": Check(
        "/grid/pioneer/objections/{objection}/handle/",
        only(("admin",), 302, default=403, citizen=404), method="post",
        data={"decision": "dismiss", "resolution": "经核实，反映情况不属实。"}, writes=("admin",)),
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


def checks_of(entry) -> list[Check]:
    if isinstance(entry, Skip):
        return []
    return entry if isinstance(entry, list) else [entry]


def test_every_endpoint_has_an_entry():
    required = set(url_routes()) | api_operations()
    missing = sorted(required - set(ROUTES))
    assert not missing, "add these to ROUTES in test_access_matrix.py:\n" + "\n".join(missing)
    stale = sorted(set(ROUTES) - required)
    assert not stale, f"entries for endpoints that no longer exist: {stale}"


def test_entries_are_well_formed():
    for name, entry in ROUTES.items():
        for check in checks_of(entry):
            for expected in (check.inside, check.outside):
                assert expected is None or set(expected) == set(ROLES), name
            assert set(check.bugs) <= set(ROLES), name
            body = json.dumps(check.data or check.json or {})
            if check.outside is None:
                assert "_in}" not in check.url, f"{name}: an {{x_in}} URL needs `outside`"
            else:
                assert "_in}" in check.url + body, f"{name}: `outside` without any {{x_in}}"


def test_matrix_size():
    checks = [c for e in ROUTES.values() for c in checks_of(e)]
    endpoints = sum(bool(checks_of(e)) for e in ROUTES.values())
    cases = sum(len(ROLES) * (1 + (c.outside is not None)) for c in checks)
    bugs = sorted({(n, r) for n, e in ROUTES.items() for c in checks_of(e) for r in c.bugs})
    print(f"\naccess matrix: {endpoints} endpoints, {len(checks)} checks, {cases} role × object "
          f"requests, {len(bugs)} known app bugs (xfail)")
    assert endpoints == len(ROUTES) - sum(isinstance(e, Skip) for e in ROUTES.values())


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
            world = build_world()
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


def _footprint() -> tuple[int, ...]:
    """What a write leaves: every service records an event; intake also creates a demand."""
    from grassroots.core.models import Event
    from grassroots.demands.models import Demand, FollowUp

    return Event.objects.count(), Demand.objects.count(), FollowUp.objects.count()


def _request(client, check: Check, ids: dict):
    url = _fill(check.url, ids)
    if check.method == "get":
        return url, client.get(url)
    if check.json is not None:
        body = {k: _fill(v, ids) for k, v in check.json.items()}
        return url, client.post(url, json.dumps(body), content_type="application/json")
    return url, client.post(url, {k: _fill(v, ids) for k, v in (check.data or {}).items()})


# The only place the author of an anonymous report may be shown: to the auditor, logged.
REVEAL_ROUTE = "demands/anonymous-submitter/"


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


def _cases():
    for name, entry in ROUTES.items():
        checks = checks_of(entry)
        for index, check in enumerate(checks):
            for role in ROLES:
                label = f"{name}#{index}-{role}" if len(checks) > 1 else f"{name}-{role}"
                marks = ()
                if role in check.bugs:
                    marks = pytest.mark.xfail(strict=True, reason=check.bugs[role])
                yield pytest.param(name, index, role, id=label, marks=marks)


@pytest.mark.parametrize(("name", "index", "role"), list(_cases()))
def test_matrix(run, db, name, index, role):
    cache.clear()  # rate limits
    check = checks_of(ROUTES[name])[index]
    client = run.clients[role]
    for side, expected in (("in", check.inside), ("out", check.outside)):
        if expected is None:
            continue
        before = _footprint() if check.method == "post" else None
        url, response = _request(client, check, run.values(role, side))
        assert response.status_code == expected[role], (
            f"{role} {check.method.upper()} {url} ({side}): {response.status_code}, "
            f"expected {expected[role]}")
        if not (name == REVEAL_ROUTE and role == "auditor"):
            shown = _text_of(response)
            for secret in WHISTLEBLOWER_SECRETS:
                assert secret not in shown, (
                    f"{role} {check.method.upper()} {url} ({side}) shows the anonymous "
                    f"report's author ({secret})")
        _assert_no_formula(response, f"{role} {check.method.upper()} {url} ({side})")
        if before is not None:
            wrote = _footprint() != before
            should = role in _writers(check, expected, side)
            assert wrote == should, (
                f"{role} {check.method.upper()} {url} ({side}): "
                + ("nothing was written" if should else "refused but something was written"))
