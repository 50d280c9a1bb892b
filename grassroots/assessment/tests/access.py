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
    from datetime import date

    from ..models import AnnualAssessment, AssessmentField
    from ..services.annual import annual_collect, quota_decide
    from ..services.contact import contact_point_designate
    from ..services.scheme import scheme_create

    fields = list(AssessmentField.objects.order_by("order")[:2])
    for n, (unit, user) in enumerate(((county.water, county.handler),
                                      (county.housing, county.outsider))):
        civil_servant_enrol(actor=county.admin, person=user.person, unit=unit, post="承办")
        period = period_open(actor=county.admin, unit=unit, year=2026, quarter=1)
        key = "in" if unit == county.water else "out"
        world.ids[f"ascheme_{key}"] = scheme_create(
            actor=county.admin, unit=unit, year=2026, kind="item_list", title="平时考核方案",
            effective_from=date(2026, 1, 1),
            items=[{"polarity": "positive", "text": "按时办结", "points": "1"}]).pk
        annual_collect(actor=county.admin, unit=unit, year=2026)
        world.ids[f"aannual_{key}"] = AnnualAssessment.objects.get(person=user.person,
                                                                   year=2026).pk
        world.ids[f"aquota_{key}"] = quota_decide(actor=county.admin, unit=unit, year=2026).pk
        world.ids[f"acp_{key}"] = contact_point_designate(
            actor=county.admin, unit=unit, year=2026, field=fields[n], reason="平时考核做法典型").pk
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


# Schemes, annual assessments, quotas, uses of results and the documents of pages.py.
ROUTES.update({
    "assessment/contact-points/<int:pk>/reviews.docx": Check(
        "/assessment/contact-points/{acp_in}/reviews.docx", only(UNIT_PAGES), only(("admin",))),
    # The world's records are not approved yet: the notice exists for nobody.
    "assessment/records/<int:pk>/notice.docx": Check(
        "/assessment/records/{arecord_in}/notice.docx", only(()), only(())),
    "assessment/report.docx": Check("/assessment/report.docx?year=2026",
                                    only(("admin",), leader=403)),
    "assessment/schemes/": Check("/assessment/schemes/", only(UNIT_PAGES)),
    "assessment/schemes/new/": Check(
        "/assessment/schemes/new/", only(UNIT_PAGES, 302), method="post",
        data={"unit": "{unit_in}", "year": "2026", "kind": "item_list", "title": "平时考核方案修订",
              "effective_from": "2026-04-01", "items": "正|按时办结|1|5|系统记录",
              "indicators": ""}, writes=UNIT_PAGES),
    "assessment/schemes/<int:pk>/": Check(
        "/assessment/schemes/{ascheme_in}/", only(UNIT_PAGES), only(("admin",))),
    "assessment/schemes/<int:pk>/approve/": Check(
        "/assessment/schemes/{ascheme_in}/approve/", only(UNIT_PAGES, 302),
        only(("admin",), 302), method="post", writes=UNIT_PAGES, writes_out=("admin",)),
    "assessment/schemes/<int:pk>/items.docx": Check(
        "/assessment/schemes/{ascheme_in}/items.docx", only(UNIT_PAGES), only(("admin",))),
    "assessment/schemes/<int:pk>/indicators.docx": Check(
        "/assessment/schemes/{ascheme_in}/indicators.docx", only(UNIT_PAGES), only(("admin",))),
    "assessment/annual/": Check("/assessment/annual/", only(ROSTER)),
    "assessment/annual/collect/": Check(
        "/assessment/annual/collect/", only(UNIT_PAGES, 302), method="post",
        data={"unit": "{unit_in}", "year": "2027"}, writes=UNIT_PAGES),
    "assessment/annual/<int:pk>/": Check(
        "/assessment/annual/{aannual_in}/", only(("admin", "handler", "leader")),
        only(("admin", "outsider"))),
    "assessment/annual/<int:pk>/act/": Check(
        "/assessment/annual/{aannual_in}/act/",
        only(("handler",), 302, admin=403, leader=403),
        only(("outsider",), 302, admin=403), method="post",
        data={"action": "annual_submit_summary", "summary": "全年完成各项工作任务，无差错。"},
        writes=("handler",), writes_out=("outsider",)),
    "assessment/annual/<int:pk>/form.docx": Check(
        "/assessment/annual/{aannual_in}/form.docx", only(("admin", "handler", "leader")),
        only(("admin", "outsider"))),
    "assessment/uses/": Check("/assessment/uses/", only(ROSTER)),
    "assessment/quotas/": Check("/assessment/quotas/", only(UNIT_PAGES)),
    "assessment/quotas/decide/": Check(
        "/assessment/quotas/decide/", only(("admin",), 302, leader=403), method="post",
        data={"unit": "{unit_in}", "year": "2026", "uplift": "5"}, writes=("admin",)),
    "assessment/quotas/table.docx": Check("/assessment/quotas/table.docx?year=2026",
                                          only(("admin",), leader=403)),
    "assessment/quotas/<int:pk>/": Check(
        "/assessment/quotas/{aquota_in}/", only(UNIT_PAGES), only(("admin",))),
    # Nobody passed the committee as 优秀 in the world: the head's publicise is refused (400).
    "assessment/quotas/<int:pk>/publicise/": Check(
        "/assessment/quotas/{aquota_in}/publicise/", only(UNIT_PAGES, 400),
        only(("admin",), 400), method="post", data={"contact_phone": "0537-8888888"}),
    # No publicity in the world: the document exists for nobody.
    "assessment/quotas/<int:pk>/publicity.docx": Check(
        "/assessment/quotas/{aquota_in}/publicity.docx", only(()), only(())),
})


# The API of schemes, indicator scores, annual assessments, uses, quotas and the excellent list.
ROUTES.update({
    "api:GET /assessment/schemes": Check("/api/v1/assessment/schemes",
                                         only(UNIT_PAGES, anonymous=401)),
    "api:POST /assessment/schemes": Check(
        "/api/v1/assessment/schemes", only(UNIT_PAGES, 201, anonymous=401), method="post",
        json={"unit": "{unit_in}", "year": 2026, "kind": "item_list", "title": "平时考核方案修订",
              "effective_from": "2026-04-01",
              "items": [{"polarity": "positive", "text": "按时办结", "points": "1"}]},
        writes=UNIT_PAGES),
    "api:GET /assessment/schemes/{scheme_id}": Check(
        "/api/v1/assessment/schemes/{ascheme_in}", only(UNIT_PAGES, anonymous=401),
        only(("admin",), anonymous=401)),
    "api:POST /assessment/schemes/{scheme_id}/approve": Check(
        "/api/v1/assessment/schemes/{ascheme_in}/approve", only(UNIT_PAGES, anonymous=401),
        only(("admin",), anonymous=401), method="post", writes=UNIT_PAGES,
        writes_out=("admin",)),
    "api:GET /assessment/records/{record_id}/indicators": Check(
        "/api/v1/assessment/records/{arecord_in}/indicators",
        only(("admin", "handler", "leader"), anonymous=401),
        only(("admin", "outsider"), anonymous=401)),
    # The world's quarter has no scheme: no indicator applies (400) for whoever reads the record.
    "api:POST /assessment/records/{record_id}/indicator-scores": Check(
        "/api/v1/assessment/records/{arecord_in}/indicator-scores",
        only(("admin", "handler", "leader"), 400, anonymous=401),
        only(("admin", "outsider"), 400, anonymous=401), method="post",
        json={"indicator": 1, "score": "1"}),
    "api:GET /assessment/annual": Check("/api/v1/assessment/annual", only(ROSTER, anonymous=401)),
    "api:POST /assessment/annual/collect": Check(
        "/api/v1/assessment/annual/collect", only(UNIT_PAGES, anonymous=401), method="post",
        json={"unit": "{unit_in}", "year": 2027}, writes=UNIT_PAGES),
    "api:GET /assessment/annual/{annual_id}": Check(
        "/api/v1/assessment/annual/{aannual_in}",
        only(("admin", "handler", "leader"), anonymous=401),
        only(("admin", "outsider"), anonymous=401)),
    "api:POST /assessment/annual/{annual_id}/actions": Check(
        "/api/v1/assessment/annual/{aannual_in}/actions",
        only(("handler",), 200, admin=403, leader=403, anonymous=401),
        only(("outsider",), 200, admin=403, anonymous=401), method="post",
        json={"action": "annual_submit_summary", "summary": "全年完成各项工作任务，无差错。"},
        writes=("handler",), writes_out=("outsider",)),
    "api:GET /assessment/uses": Check("/api/v1/assessment/uses", only(ROSTER, anonymous=401)),
    "api:GET /assessment/quotas": Check("/api/v1/assessment/quotas",
                                        only(UNIT_PAGES, anonymous=401)),
    "api:POST /assessment/quotas": Check(
        "/api/v1/assessment/quotas", only(("admin",), leader=403, anonymous=401), method="post",
        json={"unit": "{unit_in}", "year": 2026, "uplift": "5"}, writes=("admin",)),
    "api:GET /assessment/quotas/{quota_id}": Check(
        "/api/v1/assessment/quotas/{aquota_in}", only(UNIT_PAGES, anonymous=401),
        only(("admin",), anonymous=401)),
    # Nobody passed the committee as 优秀 in the world: the head's publicity is refused (400).
    "api:POST /assessment/quotas/{quota_id}/publicity": Check(
        "/api/v1/assessment/quotas/{aquota_in}/publicity", only(UNIT_PAGES, 400, anonymous=401),
        only(("admin",), 400, anonymous=401), method="post",
        json={"contact_phone": "0537-8888888"}),
})
