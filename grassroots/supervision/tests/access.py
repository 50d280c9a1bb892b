"""Access of the supervision pages and API for the access matrix (grassroots.testing.access),
and the notices, meetings, bulletins and special report of the matrix's world."""

from datetime import date, timedelta

from grassroots.demands.models import Demand
from grassroots.supervision.services import bulletins as bulletin_svc
from grassroots.supervision.services import notices as notice_svc
from grassroots.supervision.services import reports as report_svc
from grassroots.supervision.stats import Period
from grassroots.testing.access import (
    API_LIST,
    COUNTY_WIDE,
    LOGIN,
    STAFF,
    WATER,
    Check,
    expect,
    only,
    world_part,
)


@world_part(after=("demands",))
def build_supervision(world):
    """Per side, notices (draft, issued, acknowledged) and a meeting on the dispatched demand;
    a published bulletin ({bulletin_in}), a draft one ({bulletin_out}) and a special report."""
    county, ids = world.county, world.ids
    office = county.supervisor
    respond_by = date.today() + timedelta(days=5)
    text = {"title": "关于督促办理诉求的通知", "body": "请抓紧办理并按期反馈办理情况。",
            "respond_by": respond_by}
    for side, unit, unit_user in (("in", county.water, county.handler),
                                  ("out", county.housing, county.outsider)):
        demand = Demand.objects.get(pk=ids[f"dispatched_{side}"])
        draft = notice_svc.notice_draft(actor=office, unit=unit, demands=[demand], **text)
        ids[f"notice_draft_{side}"] = draft.pk
        issued = notice_svc.notice_draft(actor=office, unit=unit, demands=[demand], **text)
        ids[f"notice_{side}"] = notice_svc.notice_issue(actor=office, notice=issued).pk
        acknowledged = notice_svc.notice_issue(actor=office, notice=notice_svc.notice_draft(
            actor=office, unit=unit, demands=[demand], **text))
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


ROUTES = {
    "supervision/dashboard/": Check("/supervision/dashboard/", only(STAFF)),
    "supervision/stats/": Check("/supervision/stats/", only(STAFF)),
    "supervision/notices/": Check("/supervision/notices/", only(STAFF)),
    "supervision/notices/new/": Check("/supervision/notices/new/", expect(
        403, anonymous=LOGIN, admin=200, supervisor=200, citizen=404)),
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
    "supervision/reports/new/": Check("/supervision/reports/new/", expect(
        403, anonymous=LOGIN, admin=200, supervisor=200, citizen=404)),
    # Special reports: the office, county-wide readers and unit leaders.
    "supervision/reports/<int:pk>/": Check("/supervision/reports/{report}/",
                                           only(COUNTY_WIDE + ("leader",))),
    "supervision/reports/<int:pk>/download/<str:fmt>/": Check(
        "/supervision/reports/{report}/download/xlsx/", only(COUNTY_WIDE + ("leader",))),
    "supervision/meetings/": Check("/supervision/meetings/", only(STAFF)),
    "supervision/meetings/new/": Check("/supervision/meetings/new/", expect(
        403, anonymous=LOGIN, admin=200, supervisor=200, citizen=404)),
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
}
