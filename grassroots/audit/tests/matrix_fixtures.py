"""The world the access matrix runs against, built once per module through the apps' services.

Every object comes as a pair where scope applies: ``*_in`` is inside the scope of the water bureau
(handler, leader, viewer), of town A's staff and of grid A's secretary; ``*_out`` is in town B,
given to the housing bureau (the outsider's unit) or in grid B. ``build_world`` returns the ids
the URL templates of ``test_access_matrix.ROUTES`` use, plus each role's user and API key.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from grassroots.core import clock
from grassroots.core.scope import Role
from grassroots.demands.models import Category, DemandType
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
from grassroots.gridwork import months
from grassroots.gridwork.services import pioneer
from grassroots.gridwork.services.rhythm import month_end_report
from grassroots.gridwork.services.training import training_create
from grassroots.gridwork.services.visits import visit_record
from grassroots.gridwork.services.volunteer import volunteer_activity_record
from grassroots.integrations.models import Open311Request
from grassroots.integrations.services.tokens import api_token_create
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.people.models import ServiceTeam
from grassroots.supervision.services import bulletins as bulletin_svc
from grassroots.supervision.services import notices as notice_svc
from grassroots.supervision.services import reports as report_svc
from grassroots.supervision.stats import Period
from grassroots.testing.county import build_small_county
from grassroots.testing.factories import PersonFactory, make_member, make_secretary
from grassroots.triage.models import ModelKind, ModelStatus, TriageModel

ROLES = ("anonymous", "admin", "supervisor", "dispatcher", "handler", "leader", "viewer",
         "outsider", "town_staff", "secretary", "citizen", "auditor")
REASON = "该同志扎根网格，走访细致，群众评价很高。"
REPORT_MONTH = "2026-01"
# The author of the world's anonymous report: no page or endpoint may show any of these to any
# role (test_access_matrix checks every response), except the auditor's audited look-up.
WHISTLEBLOWER = {"name": "钱守密", "username": "t_whistleblower", "phone": "13766660001"}
WHISTLEBLOWER_SECRETS = (WHISTLEBLOWER["name"], WHISTLEBLOWER["username"],
                         WHISTLEBLOWER["phone"], "137****0001")  # the grid-work month-end report that exists; 2026-02 does not


@dataclass
class World:
    users: dict
    ids: dict = field(default_factory=dict)
    api_keys: dict = field(default_factory=dict)  # role → plaintext read-only API token


def png(name="photo.png") -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 10, 10)).save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def build_world() -> World:
    county = build_small_county()
    auditor = make_member(username="t_auditor", organization=county.admin.person.memberships
                          .first().organization, role=Role.AUDITOR, name="审计员")
    users = {role: getattr(county, role, None) for role in ROLES}
    users["auditor"] = auditor
    ids: dict = {}
    for side, unit, town, village, grid in (
            ("in", county.water, county.town_a, county.village_a, county.grid_a),
            ("out", county.housing, county.town_b, county.village_b, county.grid_b)):
        ids.update({f"unit_{side}": unit.pk, f"town_{side}": town.pk,
                    f"village_{side}": village.pk, f"grid_{side}": grid.pk})
    # Town B's own office sends its cadres to grid B (nobody in the matrix works there).
    town_b_org = Organization.objects.create(
        name="胡集镇人民政府", short_name="胡集镇", code="T-101", kind=OrganizationKind.TOWN,
        division=county.town_b, is_handling_unit=True)
    secretary_b = make_secretary(username="t_secretary_b", grid=county.grid_b,
                                 organization=town_b_org)
    secretary_b2 = make_secretary(username="t_secretary_b2", grid=county.grid_b,
                                  organization=town_b_org)
    ids.update(sec_person_in=county.secretary.person.pk, sec_person_out=secretary_b.person.pk)

    _demands(county, ids)
    _anonymous_report(county, ids)
    _hostile_text(ids)
    _supervision(county, ids)
    _gridwork(county, ids, secretary_b, secretary_b2)
    _triage(ids)
    world = World(users=users, ids=ids)
    _tokens(county, world)
    return world


# --- demands ---------------------------------------------------------------------------------

def _categories():
    root = Category.objects.create(name="城乡建设（矩阵）", code="M01", level=1)
    water = Category.objects.create(name="供水（矩阵）", code="M0101", level=2, parent=root)
    leaf = Category.objects.create(name="水压低（矩阵）", code="M010101", level=3, parent=water)
    return leaf


def _demands(county, ids):
    """One demand per state the actions need, inside (water, town A) and outside (housing, B)."""
    category = _categories()
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
    from grassroots.demands.models import Demand

    ids["person"] = Demand.objects.get(pk=ids["demand_in"]).citizen_id
    ids["until_date"] = (clock.now() + timedelta(days=20)).date().isoformat()
    ids["until"] = (clock.now() + timedelta(days=20)).isoformat()


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
        actor=unit_user, assignment=asg, outcome="resolved", text="已更换加压泵，水压恢复。")

    ids[f"received_{side}"] = received.pk
    for state, (demand, asg) in states.items():
        ids[f"{state}_{side}"] = demand.pk
        ids[f"asg_{state}_{side}"] = asg.pk
    first = states["dispatched"][0]
    ids[f"number_{side}"] = first.number
    ids[f"attachment_{side}"] = first.attachments.get().pk
    ids[f"open311_{side}"] = str(Open311Request.objects.create(demand=first).token)


def _anonymous_report(county, ids):
    """An anonymous 举报 against the water bureau by a citizen of town A, with a photo named
    after its author, dispatched, acknowledged and noted: it is in every list of the water
    bureau, town A and the county-wide readers."""
    from grassroots.people.models import PersonKind

    person = PersonFactory(user__username=WHISTLEBLOWER["username"], name=WHISTLEBLOWER["name"],
                           kind=PersonKind.CITIZEN, phone_number=WHISTLEBLOWER["phone"])
    category = Category.objects.get(code=ids["service_code"])
    report = demand_submit_by_citizen(
        actor=person.user, type=DemandType.REPORT, title="举报水务站违规收费",
        text="水务站收取不合理的接水费用，请核查。", category=category, division=county.village_a,
        is_anonymous=True, photos=[png(f"{WHISTLEBLOWER['name']}.png")])
    [asg] = demand_dispatch(actor=county.dispatcher, demand=report, lead_unit=county.water)
    assignment_acknowledge(actor=county.handler, assignment=asg)
    ids.update(anon_report=report.pk, anon_number=report.number,
               anon_attachment=report.attachments.get().pk)


# Text a spreadsheet would run as a formula and characters XML cannot hold, stored as an old row
# would have them (written past intake's cleaning): every export, document and feed must still
# answer, with the text as a value.
HOSTILE_TITLE = '=HYPERLINK("http://evil.example/","点我")\ufffe\x0b'
HOSTILE_TEXT = '+cmd|" /C calc"!A0 @SUM(1+1) \uffff\x01'


def _hostile_text(ids):
    from grassroots.demands.models import Demand

    Demand.objects.filter(pk=ids["demand_in"]).update(title=HOSTILE_TITLE, text=HOSTILE_TEXT)


# --- supervision -----------------------------------------------------------------------------

def _supervision(county, ids):
    office = county.supervisor
    respond_by = date.today() + timedelta(days=5)
    for side, unit, unit_user in (("in", county.water, county.handler),
                                  ("out", county.housing, county.outsider)):
        from grassroots.demands.models import Demand

        demand = Demand.objects.get(pk=ids[f"dispatched_{side}"])
        draft = notice_svc.notice_draft(
            actor=office, unit=unit, demands=[demand], title="关于督促办理诉求的通知",
            body="请抓紧办理并按期反馈办理情况。", respond_by=respond_by)
        ids[f"notice_draft_{side}"] = draft.pk
        issued = notice_svc.notice_draft(
            actor=office, unit=unit, demands=[demand], title="关于督促办理诉求的通知",
            body="请抓紧办理并按期反馈办理情况。", respond_by=respond_by)
        ids[f"notice_{side}"] = notice_svc.notice_issue(actor=office, notice=issued).pk
        acknowledged = notice_svc.notice_issue(actor=office, notice=notice_svc.notice_draft(
            actor=office, unit=unit, demands=[demand], title="关于督促办理诉求的通知",
            body="请抓紧办理并按期反馈办理情况。", respond_by=respond_by))
        ids[f"notice_acknowledged_{side}"] = notice_svc.notice_acknowledge(
            actor=unit_user, notice=acknowledged).pk
        meeting = report_svc.meeting_create(
            actor=office, held_on=date.today() - timedelta(days=3), topic="水压低专题会议",
            units=[unit], decisions="牵头单位更换老旧管网。", demands=[demand],
            items=[("更换加压泵", unit, date.today() + timedelta(days=10))])
        ids[f"meeting_{side}"] = meeting.pk
        ids[f"item_{side}"] = meeting.items.get().pk
    published = bulletin_svc.bulletin_compile(actor=office, period=Period.of("2026-01"))
    ids["bulletin_in"] = bulletin_svc.bulletin_publish(actor=office, bulletin=published).pk
    ids["bulletin_out"] = bulletin_svc.bulletin_compile(actor=office,
                                                        period=Period.of("2026-02")).pk
    ids["report"] = report_svc.special_report_create(
        actor=office, title="关于水压低问题的专报", keywords="水压",
        date_from=date.today() - timedelta(days=30), date_to=date.today()).pk


# --- grid work -------------------------------------------------------------------------------

def _gridwork(county, ids, secretary_b, secretary_b2):
    today = months.today()
    for side, grid, secretary in (("in", county.grid_a, county.secretary),
                                  ("out", county.grid_b, secretary_b)):
        visit = visit_record(actor=secretary, grid=grid, date=today, form="household",
                             people_met=3, photos=[png()])
        ids[f"visit_{side}"] = visit.pk
        ids[f"visit_photo_{side}"] = visit.photos.get().pk
        team = ServiceTeam.objects.get(grid=grid)
        ids[f"team_{side}"] = team.pk
        ids[f"member_{side}"] = team.members.get(person=secretary.person).pk
        ids[f"volunteer_{side}"] = volunteer_activity_record(
            actor=secretary, title="清理垃圾", kind="environment", date=today,
            participants_count=10, grid=grid).pk
        # A cadre with no seat yet, to be seated or to replace someone (by phone).
        phone = "1370000000" + ("1" if side == "in" else "2")
        PersonFactory(name=f"新干部{side}", user=None, phone_number=phone)
        ids[f"cadre_phone_{side}"] = phone
    session = training_create(
        actor=county.admin, title="民情书记履职培训", kind="system", date=today, place="县委党校",
        materials=[SimpleUploadedFile("讲义.pdf", b"%PDF-1.4 matrix", "application/pdf")])
    ids["training"] = session.pk
    ids["material"] = session.materials.get().pk
    month_end_report(month=REPORT_MONTH)
    ids["month_in"], ids["month_out"] = REPORT_MONTH, "2026-02"

    admin, town_staff = county.admin, county.town_staff

    def new_round(title):
        rnd = pioneer.round_create(actor=admin, title=title, pioneer_quota=1, excellent_quota=0,
                                   period_start=date(2026, 1, 1), period_end=date(2026, 6, 30))
        return pioneer.round_transition(actor=admin, round=rnd, action="start_nominating")

    nominating = new_round("第一轮先锋选树")
    pioneer.nomination_create(actor=admin, round=nominating, person=secretary_b2.person,
                              level="pioneer", reason=REASON)
    reviewing = new_round("第二轮先锋选树")
    in_review = pioneer.nomination_create(actor=town_staff, round=reviewing,
                                          person=county.secretary.person, level="pioneer",
                                          reason=REASON)
    pioneer.round_transition(actor=admin, round=reviewing, action="start_review")
    publicity = new_round("第三轮先锋选树")
    selected = pioneer.nomination_create(actor=town_staff, round=publicity,
                                         person=county.secretary.person, level="pioneer",
                                         reason=REASON)
    pioneer.round_transition(actor=admin, round=publicity, action="start_review")
    pioneer.score_record(actor=admin, nomination=selected, score=90)
    pioneer.round_transition(actor=admin, round=publicity, action="publicize",
                             publicity_ends_on=today + timedelta(days=7))
    objection = pioneer.objection_file(actor=county.citizen, nomination=selected,
                                       text="该同志走访记录有不实之处，请核实。")
    ids.update(round_nominating=nominating.pk, round_reviewing=reviewing.pk,
               round_publicity=publicity.pk, nomination_reviewing=in_review.pk,
               nomination_selected=selected.pk, objection=objection.pk,
               publicity_in=publicity.pk, publicity_out=nominating.pk,
               objectable_in=selected.pk, objectable_out=in_review.pk)


def _triage(ids):
    model = TriageModel.objects.create(kind=ModelKind.UNIT, version=1, status=ModelStatus.READY,
                                       trained_at=clock.now())
    ids["triage_model"] = model.pk


def _tokens(county, world):
    for role, user in world.users.items():
        if user is None:
            continue
        _token, plaintext = api_token_create(actor=county.admin, name=f"矩阵 {role}", user=user)
        world.api_keys[role] = plaintext
