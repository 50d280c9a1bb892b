"""The talent pages and API in the access matrix (grassroots.testing.access).

No role is registered here (a new role would run against every other app's pages): the
talent bodies' own roles (secretariat, HR bureau, talent office, expert, applicant) are tested
in test_pages.py and test_titles.py. In the matrix the administrator sees everything and town
A's staff the applications of town A's talents ({talent_app_in}); town B's application
({talent_app_out}) is nobody's but the administrator's. Every other staff role and the citizen
get the 404 of a missing page; "my applications" is everyone's own page."""

from grassroots.testing.access import LOGIN, Check, expect, footprint, never_shown, world_part

IN_TOWN = ("admin", "town_staff")
ID_NUMBER = "370828199001011234"


def page(code: int = 200, anonymous: int = LOGIN):
    return expect(404, anonymous=anonymous, **dict.fromkeys(IN_TOWN, code))


def obj(code: int = 200, anonymous: int = LOGIN):
    return (page(code, anonymous), expect(404, anonymous=anonymous, admin=code))


EVERYONE = expect(200, anonymous=LOGIN)
EXPERT_PHONE = "13977770001"
TRAINEE_PHONE = "13977770002"


def acts(code: int, anonymous: int = LOGIN):
    """A write on a post, base or case: the administrator (the bureau or office) acts, town
    A's staff read it but are refused (403); the rest get the 404 of a missing object."""
    return (page(code, anonymous).but(town_staff=403),
            expect(404, anonymous=anonymous, admin=code))


NOMINATION = {"expert_phone": EXPERT_PHONE, "institution": "山东农业大学", "expert_title": "副教授",
              "title_rank": 2, "has_doctorate": False, "birth_date": "1988-05-01",
              "work_years": 8, "specialty": "设施蔬菜", "town": "{town_in}", "batch": "第四批"}
POST_EDIT = {"institution": "山东农业大学", "expert_title": "教授", "specialty": "设施蔬菜",
             "batch": "第四批", "post_title": "挂职副镇长", "duties": "科技、人才"}
BASE = {"name": "矩阵测试实训基地", "town": "{town_in}", "specialty": "蔬菜种植",
        "operator": "矩阵合作社", "capacity": 50}
BASE_EDIT = {"name": "矩阵实训基地（改）{talent_base_in}", "specialty": "蔬菜种植", "operator": "甲镇合作社",
             "capacity": "60"}
CASE = {"talent": "{talent_register_in}", "project": "矩阵测试孵化项目",
        "support_items": "场地、创业导师", "started_on": "2025-03-01"}
CASE_EDIT = {"project": "甲镇孵化项目（改）", "support_items": "场地、创业导师、贴息"}
MILESTONE = {"action": "milestone", "on": "2025-09-01", "what": "一期采摘园开园"}

ROUTES = {
    "talent/": Check("/talent/", page()),
    "talent/applications/": Check("/talent/applications/", page()),
    "talent/applications/<int:pk>/": Check("/talent/applications/{talent_app_in}/", *obj()),
    "talent/applications/<int:pk>/act/": Check(
        "/talent/applications/{talent_app_in}/act/", *obj(302), method="post",
        data={"action": "application_submit"}),
    "talent/applications/<int:pk>/form.docx": Check(
        "/talent/applications/{talent_app_in}/form.docx", *obj()),
    "talent/rounds/<int:pk>/": Check("/talent/rounds/{talent_round}/", page()),
    # Nothing is awarded in the matrix's world: no certificate exists for anyone.
    "talent/applications/<int:pk>/certificate.<slug:ext>": [
        Check("/talent/applications/{talent_app_in}/certificate.pdf",
              expect(404, anonymous=LOGIN), expect(404, anonymous=LOGIN)),
        Check("/talent/applications/{talent_app_in}/certificate.docx",
              expect(404, anonymous=LOGIN), expect(404, anonymous=LOGIN))],
    "talent/rounds/new/": [
        Check("/talent/rounds/new/", page().but(town_staff=403)),
        Check("/talent/rounds/new/", page(302).but(town_staff=403), method="post",
              data={"committee": "{talent_committee}", "year": "2099",
                    "apply_from": "2099-03-01", "apply_to": "2099-04-30",
                    "specialties": "{talent_specialty}", "quota_ws_junior": "10"})],
    # Nothing reviewed yet: the administrator's request is refused (flashed), town staff may
    # not publicise at all.
    "talent/rounds/<int:pk>/publicise/": Check(
        "/talent/rounds/{talent_round}/publicise/", page(302).but(town_staff=403),
        method="post", data={"contact_phone": "0537-7212345"}, writes=()),
    "talent/rounds/<int:pk>/documents/<slug:kind>/": [
        Check("/talent/rounds/{talent_round}/documents/call/", page()),
        Check("/talent/rounds/{talent_round}/documents/announcement/", page()),
        Check("/talent/rounds/{talent_round}/documents/subsidy-roll/", page()),
        Check("/talent/rounds/{talent_round}/documents/tally/", page().but(town_staff=403)),
        Check("/talent/rounds/{talent_round}/documents/eligibility/",
              page().but(town_staff=403)),
        Check("/talent/rounds/{talent_round}/documents/scoring/", page().but(town_staff=403)),
        Check("/talent/rounds/{talent_round}/documents/record/", page().but(town_staff=403))],
    "talent/statistics/": Check("/talent/statistics/", page()),
    "talent/scitech/": Check("/talent/scitech/", expect(404, anonymous=LOGIN, admin=200)),
    "talent/scitech/posts/": Check("/talent/scitech/posts/", page()),
    "talent/scitech/posts/new/": [
        Check("/talent/scitech/posts/new/", page().but(town_staff=403)),
        Check("/talent/scitech/posts/new/", page(302).but(town_staff=403), method="post",
              data={**NOMINATION, "post_title": "挂职副镇长"})],
    "talent/scitech/posts/<int:pk>/": Check("/talent/scitech/posts/{talent_post_in}/", *obj()),
    "talent/scitech/posts/<int:pk>/edit/": [
        Check("/talent/scitech/posts/{talent_post_in}/edit/", *acts(200)),
        Check("/talent/scitech/posts/{talent_post_in}/edit/", *acts(302), method="post",
              data=POST_EDIT)],
    "talent/scitech/posts/<int:pk>/act/": Check(
        "/talent/scitech/posts/{talent_post_in}/act/", *acts(302), method="post",
        data={"action": "scitech_match"}),
    "talent/bases/": Check("/talent/bases/", page()),
    "talent/bases/new/": [
        Check("/talent/bases/new/", page().but(town_staff=403)),
        Check("/talent/bases/new/", page(302).but(town_staff=403), method="post", data=BASE)],
    "talent/bases/<int:pk>/": Check("/talent/bases/{talent_base_in}/", *obj()),
    "talent/bases/<int:pk>/edit/": [
        Check("/talent/bases/{talent_base_in}/edit/", *acts(200)),
        Check("/talent/bases/{talent_base_in}/edit/", *acts(302), method="post",
              data=BASE_EDIT)],
    "talent/bases/<int:pk>/act/": Check(
        "/talent/bases/{talent_base_in}/act/", *acts(302), method="post",
        data={"action": "base_recognise"}),
    "talent/courses/<int:pk>/": Check("/talent/courses/{talent_course_in}/", *obj()),
    "talent/courses/<int:pk>/act/": Check(
        "/talent/courses/{talent_course_in}/act/", *acts(302), method="post",
        data={"action": "decide", "enrollment": "{talent_enrollment_in}",
              "attended_hours": "6", "passed": "on"}),
    "talent/incubations/": Check("/talent/incubations/", page()),
    "talent/incubations/new/": [
        Check("/talent/incubations/new/", page().but(town_staff=403)),
        Check("/talent/incubations/new/", page(302).but(town_staff=403), method="post",
              data=CASE)],
    "talent/incubations/<int:pk>/": Check("/talent/incubations/{talent_case_in}/", *obj()),
    "talent/incubations/<int:pk>/edit/": [
        Check("/talent/incubations/{talent_case_in}/edit/", *acts(200)),
        Check("/talent/incubations/{talent_case_in}/edit/", *acts(302), method="post",
              data=CASE_EDIT)],
    "talent/incubations/<int:pk>/act/": Check(
        "/talent/incubations/{talent_case_in}/act/", *acts(302), method="post",
        data=MILESTONE),
    "api:GET /talent/posts": Check("/api/v1/talent/posts", page(200, 401)),
    "api:GET /talent/posts/{post_id}": Check("/api/v1/talent/posts/{talent_post_in}",
                                             *obj(200, 401)),
    "api:POST /talent/posts": Check("/api/v1/talent/posts", page(201, 401).but(town_staff=403),
                                    method="post", json=NOMINATION),
    "api:POST /talent/posts/{post_id}/actions": Check(
        "/api/v1/talent/posts/{talent_post_in}/actions", *acts(200, 401), method="post",
        json={"action": "scitech_match"}),
    "api:GET /talent/bases": Check("/api/v1/talent/bases", page(200, 401)),
    "api:GET /talent/bases/{base_id}": Check("/api/v1/talent/bases/{talent_base_in}",
                                             *obj(200, 401)),
    "api:POST /talent/bases": Check("/api/v1/talent/bases", page(201, 401).but(town_staff=403),
                                    method="post", json=BASE),
    "api:POST /talent/bases/{base_id}/actions": Check(
        "/api/v1/talent/bases/{talent_base_in}/actions", *acts(200, 401), method="post",
        json={"action": "base_recognise"}),
    "api:GET /talent/courses/{course_id}/enrollments": Check(
        "/api/v1/talent/courses/{talent_course_in}/enrollments", *obj(200, 401)),
    "api:POST /talent/courses/{course_id}/enrollments": Check(
        "/api/v1/talent/courses/{talent_course_in}/enrollments", *acts(201, 401),
        method="post", json={"phone": TRAINEE_PHONE}),
    "api:POST /talent/courses/{course_id}/enrollments/{enrollment_id}/decision": Check(
        "/api/v1/talent/courses/{talent_course_in}/enrollments/{talent_enrollment_in}/decision",
        *acts(200, 401), method="post", json={"attended_hours": 6, "passed": True}),
    "api:GET /talent/incubations": Check("/api/v1/talent/incubations", page(200, 401)),
    "api:GET /talent/incubations/{case_id}": Check(
        "/api/v1/talent/incubations/{talent_case_in}", *obj(200, 401)),
    "api:POST /talent/incubations": Check(
        "/api/v1/talent/incubations", page(201, 401).but(town_staff=403), method="post",
        json=CASE),
    "api:POST /talent/incubations/{case_id}/milestones": Check(
        "/api/v1/talent/incubations/{talent_case_in}/milestones", *acts(200, 401),
        method="post", json={"on": "2025-09-01", "what": "一期采摘园开园"}),
    "talent/my/": Check("/talent/my/", EVERYONE),
    "talent/my/register/": Check("/talent/my/register/", expect(302, anonymous=LOGIN),
                                 method="post", data={"town": "{town_in}",
                                                      "category": "planting"}),
    # Nobody of the matrix is in the register: the form is refused (flashed), nothing written.
    "talent/my/apply/": Check("/talent/my/apply/", expect(302, anonymous=LOGIN), method="post",
                              data={"round": "{talent_round}"}, writes=()),
    "api:GET /talent/applications": Check("/api/v1/talent/applications",
                                          expect(200, anonymous=401)),
    "api:GET /talent/applications/{application_id}": Check(
        "/api/v1/talent/applications/{talent_app_in}", *obj(200, 401)),
    "api:GET /talent/statistics": Check("/api/v1/talent/statistics", page(200, 401)),
}


@world_part()
def build_talent(world):
    from grassroots.people.models import PersonKind
    from grassroots.testing.factories import make_member

    from ..models import RuralTalent
    from ..services.applications import application_create
    from ..services.setup import talent_register
    from .world import build_title_world

    county = world.county
    title = build_title_world(county, experts=3)
    title.applicant.person.set_id_number(ID_NUMBER)
    title.applicant.person.save(update_fields=["id_number", "id_number_masked"])
    other = make_member(username="t_applicant_b", organization=None, role=None,
                        name="王养殖", kind=PersonKind.CITIZEN)
    talent_b = talent_register(actor=other, person=other.person, town=county.town_b,
                               category="breeding")
    ids = world.ids
    ids["talent_round"] = title.round.pk
    ids.update(talent_committee=title.committee.pk, talent_specialty=title.planting.pk)
    for side, talent in (("in", title.talent), ("out", talent_b)):
        ids[f"talent_app_{side}"] = application_create(
            actor=talent.person.user, round=title.round, talent=talent, level=title.junior,
            specialty=title.planting, achievements="种植大棚蔬菜五十亩，带动周边农户增收。",
            years_in_production=6, households_driven=40).pk
    assert RuralTalent.objects.count() == 2


@world_part()
def build_programmes(world):
    """A sci-tech post, a training base and an incubation case in town A ({x_in}) and in
    town B ({x_out}), made by the administrator through the services."""
    from datetime import date

    from grassroots.testing.factories import PersonFactory

    from ..models import Enrollment, IncubationCase, SciTechPost, TrainingBase, TrainingCourse
    from ..services import scitech, setup, training

    county, admin = world.county, world.county.admin
    expert = PersonFactory(user__username="t_matrix_prof", name="矩阵教授")
    expert.set_phone(EXPERT_PHONE)
    expert.save(update_fields=["phone", "phone_hash", "phone_masked"])
    footprint(SciTechPost, TrainingBase, IncubationCase, TrainingCourse, Enrollment)
    trainee = PersonFactory(name="矩阵学员")
    trainee.set_phone(TRAINEE_PHONE)
    trainee.save(update_fields=["phone", "phone_hash", "phone_masked"])
    setup.talent_register(actor=admin, person=trainee, town=county.town_a, category="planting")
    for side, town in (("in", county.town_a), ("out", county.town_b)):
        world.ids[f"talent_post_{side}"] = scitech.post_nominate(
            actor=admin, expert=expert, institution="山东农业大学", expert_title="副教授",
            title_rank=2, has_doctorate=False, birth_date=date(1988, 5, 1), work_years=8,
            specialty="设施蔬菜", town=town, batch="第四批").pk
        world.ids[f"talent_base_{side}"] = training.base_create(
            actor=admin, name=f"矩阵{town.name}实训基地", town=town, specialty="蔬菜种植",
            operator="矩阵合作社").pk
        talent = setup.talent_register(actor=admin, person=PersonFactory(name=f"能人{side}"),
                                       town=town, category="management")
        world.ids[f"talent_register_{side}"] = talent.pk
        world.ids[f"talent_case_{side}"] = training.incubation_create(
            actor=admin, talent=talent, project=f"{town.name}孵化项目",
            support_items="场地、创业导师", started_on=date(2025, 3, 1)).pk
        # A second base, recognised, with a course and one trainee enrolled (not decided).
        base = training.base_create(actor=admin, name=f"矩阵{town.name}培训基地二",
                                    town=town, specialty="蔬菜种植", operator="矩阵合作社")
        base = training.base_transition(actor=admin, base=base, action="base_recognise")
        course = training.course_create(
            actor=admin, base=base, title=f"{town.name}蔬菜实操课", mode="offline",
            practice=True, lecturer="王守田", lecturer_kind="expert", hours=8,
            held_on=date(2025, 4, 1))
        world.ids[f"talent_course_{side}"] = course.pk
        world.ids[f"talent_enrollment_{side}"] = training.enrollment_add(
            actor=admin, course=course, talent=talent).pk


never_shown(ID_NUMBER)
