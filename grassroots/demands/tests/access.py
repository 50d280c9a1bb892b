"""Access of the demands pages and API for the access matrix (grassroots.testing.access), and
the demands of the matrix's world: one per state the actions need, inside the scope of the water
bureau and town A (``{x_in}``) and outside it (housing bureau, town B: ``{x_out}``), plus an
anonymous report whose author no response may show."""

from datetime import timedelta

from grassroots.core import clock
from grassroots.demands.models import Category, Demand, DemandType, FollowUp
from grassroots.demands.services import (
    assignment_acknowledge,
    assignment_decide_return,
    assignment_reply,
    assignment_request_extension,
    assignment_return,
    demand_create,
    demand_dispatch,
    demand_submit_by_citizen,
)
from grassroots.people.models import PersonKind
from grassroots.testing.access import (
    API_LIST,
    COUNTY_WIDE,
    LOGIN,
    PUBLIC,
    WATER,
    Check,
    expect,
    footprint,
    never_shown,
    only,
    png,
    world_part,
)
from grassroots.testing.factories import PersonFactory

# Intake creates a demand, 回访 a follow-up: a refused request must create neither.
footprint(Demand, FollowUp)

# The only place the author of an anonymous report may be shown: to the auditor, logged.
REVEAL_ROUTE = "demands/anonymous-submitter/"
# The author of the world's anonymous report: no page, download or endpoint may show any of
# these to any role, except the auditor's audited look-up.
WHISTLEBLOWER = {"name": "钱守密", "username": "t_whistleblower", "phone": "13766660001"}
never_shown(WHISTLEBLOWER["name"], WHISTLEBLOWER["username"], WHISTLEBLOWER["phone"],
            "137****0001", unless=[(REVEAL_ROUTE, "auditor")])


def _demand_detail(inside_only: tuple[str, ...]):
    inside = only(COUNTY_WIDE + inside_only)
    # The out-of-scope demand is handled by the housing bureau: the outsider's own.
    outside = only(COUNTY_WIDE + ("outsider",))
    return inside, outside


DETAIL_IN, DETAIL_OUT = _demand_detail(WATER + ("town_staff",))
API_DETAIL_IN = DETAIL_IN.but(anonymous=401)
API_DETAIL_OUT = DETAIL_OUT.but(anonymous=401)


def unit_action(ok: int, anonymous: int):
    """An action of the handling unit on its assignment: the unit's handler and leader (and the
    platform admin) act; the read-only colleague, town staff and county-wide readers see the
    work but get 403; whoever does not see it gets 404."""
    inside = only(("admin", "handler", "leader"), ok, anonymous=anonymous,
                  **dict.fromkeys(("supervisor", "dispatcher", "viewer", "town_staff"), 403))
    outside = only(("admin", "outsider"), ok, anonymous=anonymous,
                   supervisor=403, dispatcher=403)
    return inside, outside


def dispatcher_action(ok: int, anonymous: int):
    """A ruling of the dispatch centre (return, extension) on an assignment it can see."""
    inside = only(("admin", "dispatcher"), ok, anonymous=anonymous,
                  **dict.fromkeys(("supervisor", "handler", "leader", "viewer", "town_staff"), 403))
    outside = only(("admin", "dispatcher"), ok, anonymous=anonymous, supervisor=403,
                   outsider=403)
    return inside, outside


def demand_change(ok: int, anonymous: int):
    """A change to a received demand itself (dispatch, merge): the dispatch centre only; the
    supervisor and town A's staff see the demand (403), the units do not yet (404)."""
    inside = only(("admin", "dispatcher"), ok, anonymous=anonymous, supervisor=403,
                  town_staff=403)
    outside = only(("admin", "dispatcher"), ok, anonymous=anonymous, supervisor=403)
    return inside, outside


def follow_up(ok: int, anonymous: int):
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

ROUTES = {
    "demands/": Check("/demands/", expect(200, anonymous=LOGIN, citizen=403)),
    "demands/<int:pk>/": [Check("/demands/{demand_in}/", DETAIL_IN, DETAIL_OUT),
                          # the anonymous report: seen by its unit, town and county, never
                          # its author
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
              writes=(), audits=("auditor",)),
    ],
    "demands/<int:pk>/dispatch/": Check(
        "/demands/{received_in}/dispatch/", *demand_change(302, LOGIN), method="post",
        data={"lead_unit": "{unit_in}"}),
    "demands/<int:pk>/merge/": Check(
        "/demands/{received_in}/merge/", *demand_change(302, LOGIN), method="post",
        data={"into": "{number_in}", "note": "同一事项。"}),
    "demands/<int:pk>/follow-up/": Check(
        "/demands/{replied_in}/follow-up/", *follow_up(302, LOGIN), method="post",
        data={"satisfaction": "satisfied", "comment": "满意。",
              "close_reason": "群众电话确认问题已解决"}),  # the reply-quality gate (on)
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
    "dispatch/": Check("/dispatch/", expect(403, anonymous=LOGIN, admin=200, dispatcher=200)),
    "dispatch/batch/": Check("/dispatch/batch/", expect(405, anonymous=LOGIN)),
    # A queue row's form and assisting units, fetched when unfolded: the dispatch centre only
    # (a demand not waiting, or not theirs, gives the same short note, never a form).
    "dispatch/<int:pk>/form/": Check(
        "/dispatch/{received_in}/form/",
        expect(403, anonymous=LOGIN, admin=200, dispatcher=200),
        # outside the scope: the same 200 with the note "no longer waiting", as a missing one
        expect(403, anonymous=LOGIN, admin=200, dispatcher=200)),
    "dispatch/assisting-units/": Check("/dispatch/assisting-units/", expect(
        403, anonymous=LOGIN, admin=200, dispatcher=200)),
    "inbox/": Check("/inbox/", expect(
        403, anonymous=LOGIN, handler=200, leader=200, viewer=200, outsider=200)),
    # The unit leader's sign-off queue; the sign-off settings: the leader's own unit, or every
    # unit for the dispatch centre (and the administrator); another unit is not found.
    "signoff/": Check("/signoff/", expect(403, anonymous=LOGIN, leader=200)),
    "signoff/settings/": Check("/signoff/settings/", expect(
        403, anonymous=LOGIN, leader=200, admin=200, dispatcher=200)),
    "signoff/settings/<int:pk>/": Check(
        "/signoff/settings/{unit_in}/", expect(404, anonymous=LOGIN, leader=302, admin=302,
                                               dispatcher=302),
        # the housing bureau: its leader is not in the world; the dispatch centre may set it
        expect(404, anonymous=LOGIN, admin=302, dispatcher=302),
        method="post", data={"replies": "on"}),
    "phone/new/": Check("/phone/new/", expect(
        403, anonymous=LOGIN, admin=200, dispatcher=200, town_staff=200)),
    "visit/new/": Check("/visit/new/", expect(
        403, anonymous=LOGIN, admin=302, town_staff=302, secretary=302)),
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
}


# --- the world ---------------------------------------------------------------------------------

@world_part()
def build_demands(world):
    """One demand per state the actions need, inside (water, town A) and outside (housing, B)."""
    county, ids = world.county, world.ids
    root = Category.objects.create(name="城乡建设（矩阵）", code="M01", level=1)
    water = Category.objects.create(name="供水（矩阵）", code="M0101", level=2, parent=root)
    category = Category.objects.create(name="水压低（矩阵）", code="M010101", level=3,
                                       parent=water)
    ids["service_code"] = category.code
    sides = {"in": (county.water, county.handler, county.village_a, county.citizen,
                    "13912345678"),
             "out": (county.housing, county.outsider, county.village_b, county.other_citizen,
                     "13812345678")}
    for side, (unit, unit_user, village, citizen, phone) in sides.items():
        _demand_side(county, ids, side, category=category, unit=unit, unit_user=unit_user,
                     village=village, citizen=citizen, phone=phone)
    # The names the first entries of the matrix were written with.
    for side in ("in", "out"):
        ids[f"demand_{side}"] = ids[f"dispatched_{side}"]
        ids[f"asg_{side}"] = ids[f"asg_dispatched_{side}"]
    ids["person"] = Demand.objects.get(pk=ids["demand_in"]).citizen_id
    ids["until_date"] = (clock.now() + timedelta(days=20)).date().isoformat()
    ids["until"] = (clock.now() + timedelta(days=20)).isoformat()
    _anonymous_report(county, ids, category)
    _hostile_text(ids)


# Text a spreadsheet would run as a formula and characters XML cannot hold, stored as an old row
# would have them (written past intake's cleaning): every export, document and feed must still
# answer, and no .xlsx may hold a live formula (test_access_matrix._assert_no_formula).
HOSTILE_TITLE = '=HYPERLINK("http://evil.example/","点我")\ufffe\x0b'
HOSTILE_TEXT = '+cmd|" /C calc"!A0 @SUM(1+1) \uffff\x01'


def _hostile_text(ids):
    Demand.objects.filter(pk=ids["demand_in"]).update(title=HOSTILE_TITLE, text=HOSTILE_TEXT)


def _demand_side(county, ids, side, *, category, unit, unit_user, village, citizen, phone):
    def make(title, *, photos=(), by_citizen=False):
        fields = {"type": DemandType.HELP, "title": title, "text": "访问矩阵测试用诉求。",
                  "category": category, "division": village, "photos": photos}
        if by_citizen:
            return demand_submit_by_citizen(actor=citizen, **fields)
        return demand_create(actor=county.dispatcher, channel="phone", citizen_name="赵先生",
                             citizen_phone=phone, **fields)

    def dispatched(title, **kwargs):
        demand = make(title, **kwargs)
        return demand, demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=unit)[0]

    def acknowledged(title, **kwargs):
        demand, asg = dispatched(title, **kwargs)
        return demand, assignment_acknowledge(actor=unit_user, assignment=asg)

    states = {}
    received = make("未派单")
    states["dispatched"] = dispatched("已派单", photos=[png()])
    states["acknowledged"] = acknowledged("已签收")
    demand, asg = dispatched("退单待裁定")
    states["return_requested"] = demand, assignment_return(
        actor=unit_user, assignment=asg, reason="不属于本单位职责范围。")
    demand, asg = dispatched("裁定承办")
    asg = assignment_return(actor=unit_user, assignment=asg, reason="不属于本单位职责范围。")
    states["ruled"] = demand, assignment_decide_return(
        actor=county.dispatcher, assignment=asg, approve=False, note="请原单位承办。")
    demand, asg = acknowledged("延期待审核")
    states["extension"] = demand, assignment_request_extension(
        actor=unit_user, assignment=asg, reason="需要协调施工队伍。",
        until=asg.reply_due_at + timedelta(days=2))
    demand, asg = acknowledged("已答复", by_citizen=True)
    states["replied"] = demand, assignment_reply(
        actor=unit_user, assignment=asg, outcome="resolved",
        # A reply the reply-quality check does not flag (its gate is on by default): the
        # follow-up checks close it without a reason.
        text="经现场核实，访问矩阵测试用诉求所述问题已处理完毕：已更换加压泵，水压恢复正常，"
             "并已电话告知诉求人。")

    ids[f"received_{side}"] = received.pk
    for state, (demand, asg) in states.items():
        ids[f"{state}_{side}"] = demand.pk
        ids[f"asg_{state}_{side}"] = asg.pk
    first = states["dispatched"][0]
    ids[f"number_{side}"] = first.number
    ids[f"attachment_{side}"] = first.attachments.get().pk


def _anonymous_report(county, ids, category):
    """An anonymous 举报 against the water bureau by a citizen of town A, with a photo named
    after its author, dispatched, acknowledged and noted: it is in every list of the water
    bureau, town A and the county-wide readers."""
    person = PersonFactory(user__username=WHISTLEBLOWER["username"], name=WHISTLEBLOWER["name"],
                           kind=PersonKind.CITIZEN, phone_number=WHISTLEBLOWER["phone"])
    report = demand_submit_by_citizen(
        actor=person.user, type=DemandType.REPORT, title="举报水务站违规收费",
        text="水务站收取不合理的接水费用，请核查。", category=category, division=county.village_a,
        is_anonymous=True, photos=[png(f"{WHISTLEBLOWER['name']}.png")])
    [asg] = demand_dispatch(actor=county.dispatcher, demand=report, lead_unit=county.water)
    assignment_acknowledge(actor=county.handler, assignment=asg)
    ids.update(anon_report=report.pk, anon_number=report.number,
               anon_attachment=report.attachments.get().pk)
