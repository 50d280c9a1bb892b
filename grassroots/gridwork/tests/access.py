"""Access of the grid-work pages for the access matrix (grassroots.testing.access), and the
visits, teams, trainings, volunteer activities, month-end report and pioneer rounds of the
matrix's world (grid A and town A inside, grid B and town B outside)."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from grassroots.gridwork import months
from grassroots.gridwork.services import pioneer
from grassroots.gridwork.services.rhythm import month_end_report
from grassroots.gridwork.services.training import training_create
from grassroots.gridwork.services.visits import visit_record
from grassroots.gridwork.services.volunteer import volunteer_activity_record
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.people.models import ServiceTeam
from grassroots.testing.access import (
    COUNTY_WIDE,
    LOGIN,
    OVERVIEW,
    PUBLIC,
    STAFF,
    Check,
    expect,
    only,
    png,
    world_part,
)
from grassroots.testing.factories import PersonFactory, make_secretary

REASON = "该同志扎根网格，走访细致，群众评价很高。"
REPORT_MONTH = "2026-01"  # the month-end report that exists; 2026-02 does not


@world_part()
def build_gridwork(world):
    county, ids = world.county, world.ids
    # Town B's own office sends its cadres to grid B (nobody in the matrix works there).
    town_b_org = Organization.objects.create(
        name="胡集镇人民政府", short_name="胡集镇", code="T-101", kind=OrganizationKind.TOWN,
        division=county.town_b, is_handling_unit=True)
    secretary_b = make_secretary(username="t_secretary_b", grid=county.grid_b,
                                 organization=town_b_org)
    secretary_b2 = make_secretary(username="t_secretary_b2", grid=county.grid_b,
                                  organization=town_b_org)
    ids.update(sec_person_in=county.secretary.person.pk, sec_person_out=secretary_b.person.pk)
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
    _pioneer(county, ids, secretary_b2, today)


def _pioneer(county, ids, secretary_b2, today):
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
                             publicity_ends_on=today + timedelta(days=14),
                             contact_phone="0537-8721234")
    objection = pioneer.objection_file(actor=county.citizen, nomination=selected,
                                       text="该同志走访记录有不实之处，请核实。")
    ids.update(round_nominating=nominating.pk, round_reviewing=reviewing.pk,
               round_publicity=publicity.pk, nomination_reviewing=in_review.pk,
               nomination_selected=selected.pk, objection=objection.pk,
               publicity_in=publicity.pk, publicity_out=nominating.pk,
               objectable_in=selected.pk, objectable_out=in_review.pk)


ROUTES = {
    "grid/mine/": Check("/grid/mine/", only(("secretary",))),
    "grid/cadres/": Check("/grid/cadres/", only(OVERVIEW)),
    "grid/coverage/": Check("/grid/coverage/", only(OVERVIEW)),
    "grid/themes/": Check("/grid/themes/", only(OVERVIEW)),
    "grid/teams/": Check("/grid/teams/", only(OVERVIEW)),
    "grid/teams/export.xlsx": Check("/grid/teams/export.xlsx", only(OVERVIEW)),
    "grid/teams/import/": Check("/grid/teams/import/", expect(
        404, anonymous=LOGIN, admin=200, supervisor=403, dispatcher=403, town_staff=200,
        secretary=403)),
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
    "grid/trainings/new/": Check("/grid/trainings/new/", expect(
        404, anonymous=LOGIN, admin=200, supervisor=403, dispatcher=403, town_staff=200,
        secretary=403)),
    "grid/trainings/coverage/": Check("/grid/trainings/coverage/", only(OVERVIEW)),
    # Trainings are county-wide events: every overview reader sees them.
    "grid/trainings/<int:pk>/": Check("/grid/trainings/{training}/", only(OVERVIEW)),
    "grid/trainings/materials/<int:pk>/": Check("/grid/trainings/materials/{material}/",
                                                only(OVERVIEW)),
    # The attendance search: those who may record attendance (town staff see their town's).
    "grid/trainings/<int:pk>/candidates/": Check(
        "/grid/trainings/{training}/candidates/?q=a",
        only(("admin", "town_staff"), 200, supervisor=403, dispatcher=403, secretary=403)),
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
        writes_out=()),
    "grid/pioneer/objections/<int:pk>/handle/": Check(
        "/grid/pioneer/objections/{objection}/handle/",
        only(("admin",), 302, default=403, citizen=404), method="post",
        data={"decision": "dismiss", "resolution": "经核实，反映情况不属实。"}, writes=("admin",)),
}

