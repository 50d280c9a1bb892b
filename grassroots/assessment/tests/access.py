"""Routine assessment in the access matrix. The water bureau's handler is on its roster and
``{arecord_in}`` is his record of the quarter (his unit's leader heads the unit);
``{arecord_out}`` is the housing bureau's handler's (the outsider's). The administrator counts as
the county authority: it reads every row but plays no part in a record."""

from grassroots.testing.access import Check, expect, footprint, only, world_part

ROSTER = ("admin", "handler", "leader", "outsider")  # someone in routine assessment
UNIT_PAGES = ("admin", "leader")  # unit heads and the authority

ROUTES = {
    "assessment/": Check("/assessment/", only(ROSTER)),
    "assessment/records/<int:pk>/": Check(
        "/assessment/records/{arecord_in}/", only(("admin", "handler", "leader")),
        only(("admin", "outsider"))),
    "assessment/records/<int:pk>/act/": Check(
        "/assessment/records/{arecord_in}/act/",
        only(("handler",), 302, admin=403, leader=403),
        only(("outsider",), 302, admin=403), method="post",
        data={"action": "routine_submit_summary", "summary": "本季度完成各项工作任务，无差错。"},
        writes=("handler",), writes_out=("outsider",)),
    "assessment/records/<int:pk>/form.docx": Check(
        "/assessment/records/{arecord_in}/form.docx", only(("admin", "handler", "leader")),
        only(("admin", "outsider"))),
    "assessment/periods/<int:pk>/table.docx": Check(
        "/assessment/periods/{aperiod_in}/table.docx", only(UNIT_PAGES), only(("admin",))),
    "assessment/contact-points/notice.docx": Check(
        "/assessment/contact-points/notice.docx", only(("admin",), leader=403)),
    "assessment/periods/open/": Check(
        "/assessment/periods/open/", only(UNIT_PAGES, 302), method="post",
        data={"unit": "{unit_in}", "year": "2026", "quarter": "2"}, writes=UNIT_PAGES),
    "assessment/periods/": Check("/assessment/periods/", only(UNIT_PAGES)),
    "assessment/periods/<int:pk>/": Check(
        "/assessment/periods/{aperiod_in}/", only(UNIT_PAGES), only(("admin",))),
    "assessment/contact-points/": Check("/assessment/contact-points/", only(UNIT_PAGES)),
}

footprint()


@world_part()
def build_assessment(world):
    from ..models import RoutineRecord
    from ..services.routine import period_open
    from ..services.scheme import civil_servant_enrol

    county = world.county
    for unit, user in ((county.water, county.handler), (county.housing, county.outsider)):
        civil_servant_enrol(actor=county.admin, person=user.person, unit=unit, post="承办")
        period = period_open(actor=county.admin, unit=unit, year=2026, quarter=1)
        key = "in" if unit == county.water else "out"
        world.ids[f"aperiod_{key}"] = period.pk
        world.ids[f"arecord_{key}"] = RoutineRecord.objects.get(period=period,
                                                                person=user.person).pk
    for user in (county.handler, county.outsider, county.leader, county.admin):
        user.__dict__.pop("_grassroots_scope", None)


ROUTES.update({
    "api:GET /assessment/records": Check("/api/v1/assessment/records", expect(200, anonymous=401)),
    "api:GET /assessment/records/{record_id}": Check(
        "/api/v1/assessment/records/{arecord_in}",
        only(("admin", "handler", "leader"), anonymous=401),
        only(("admin", "outsider"), anonymous=401)),
    "api:POST /assessment/records/{record_id}/summary": Check(
        "/api/v1/assessment/records/{arecord_in}/summary",
        only(("handler",), 200, admin=403, leader=403, anonymous=401),
        only(("outsider",), 200, admin=403, anonymous=401), method="post",
        json={"summary": "本季度完成各项工作任务，无差错。"},
        writes=("handler",), writes_out=("outsider",)),
    "api:GET /assessment/contact-points": Check(
        "/api/v1/assessment/contact-points", only(UNIT_PAGES, anonymous=401)),
})
