"""The talent pages and API in the access matrix (grassroots.testing.access).

No role is registered here (a new role would run against every other app's pages): the
talent bodies' own roles (secretariat, HR bureau, talent office, expert, applicant) are tested
in test_pages.py and test_titles.py. In the matrix the administrator sees everything and town
A's staff the applications of town A's talents ({talent_app_in}); town B's application
({talent_app_out}) is nobody's but the administrator's. Every other staff role and the citizen
get the 404 of a missing page; "my applications" is everyone's own page."""

from grassroots.testing.access import LOGIN, Check, expect, never_shown, world_part

IN_TOWN = ("admin", "town_staff")
ID_NUMBER = "370828199001011234"


def page(code: int = 200, anonymous: int = LOGIN):
    return expect(404, anonymous=anonymous, **dict.fromkeys(IN_TOWN, code))


def obj(code: int = 200, anonymous: int = LOGIN):
    return (page(code, anonymous), expect(404, anonymous=anonymous, admin=code))


EVERYONE = expect(200, anonymous=LOGIN)

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
    # Nothing reviewed yet: the administrator's request is refused (flashed), town staff may
    # not publicise at all.
    "talent/rounds/<int:pk>/publicise/": Check(
        "/talent/rounds/{talent_round}/publicise/", page(302).but(town_staff=403),
        method="post", data={"contact_phone": "0537-7212345"}, writes=()),
    "talent/rounds/<int:pk>/documents/<slug:kind>/": [
        Check("/talent/rounds/{talent_round}/documents/announcement/", page()),
        Check("/talent/rounds/{talent_round}/documents/subsidy-roll/", page()),
        Check("/talent/rounds/{talent_round}/documents/tally/", page().but(town_staff=403))],
    "talent/statistics/": Check("/talent/statistics/", page()),
    "talent/scitech/": Check("/talent/scitech/", expect(404, anonymous=LOGIN, admin=200)),
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
    for side, talent in (("in", title.talent), ("out", talent_b)):
        ids[f"talent_app_{side}"] = application_create(
            actor=talent.person.user, round=title.round, talent=talent, level=title.junior,
            specialty=title.planting, achievements="种植大棚蔬菜五十亩，带动周边农户增收。",
            years_in_production=6, households_driven=40).pk
    assert RuralTalent.objects.count() == 2


never_shown(ID_NUMBER)
