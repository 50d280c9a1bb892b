import json
import random
from io import StringIO

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError
from django.test import override_settings

from grassroots.core.scope import Role, get_scope
from grassroots.demo import registry, summary
from grassroots.demo.checks import demo_accounts_check
from grassroots.demo.data import jinxiang
from grassroots.demo.demo_logins import PASSWORD, logins
from grassroots.demo.models import DemoStepRun
from grassroots.demo.names import NameBook, PhoneBook, ordinal, village_names
from grassroots.demo.registry import TINY, DemoScale
from grassroots.demo.seed import is_built, run_seed
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.people.models import Person, PersonKind, ServiceTeam, ServiceTeamMember, User
from grassroots.people.services import MOBILE_RE, team_is_complete
from grassroots.places.models import Division, DivisionLevel, Grid

pytestmark = pytest.mark.django_db

UNITS = len(jinxiang.UNITS) + TINY.towns  # departments and enterprises + the town governments


def seed_tiny():
    out = StringIO()
    call_command("seed_demo", scale="tiny", no_progress=True, stdout=out)
    return out.getvalue()


def summary_json():
    out = StringIO()
    call_command("summary", json=True, stdout=out)
    return json.loads(out.getvalue())


def test_full_scale_reference_data_matches_jinxiang():
    assert len(jinxiang.TOWNS) == 13
    assert jinxiang.FULL_COMMUNITIES == 18
    assert jinxiang.FULL_VILLAGES == 412
    assert registry.FULL.grids == 445
    assert jinxiang.TOWNS[0].code == "370828001000" and jinxiang.TOWNS[0].name == "金乡街道"
    assert len({t.code for t in jinxiang.TOWNS}) == 13
    assert 55 <= len(jinxiang.UNITS) + len(jinxiang.TOWNS) <= 65
    names = {u.name for u in jinxiang.UNITS}
    assert {"金乡县水务局", "金乡县自来水公司", "金乡县燃气公司", "国网金乡县供电公司"} <= names


def test_tiny_county_has_exact_counts_and_complete_teams():
    output = seed_tiny()
    assert "演示县生成完毕" in output
    assert Division.objects.filter(level=DivisionLevel.COUNTY).get().name == "金乡县"
    assert [t.name for t in Division.objects.towns().order_by("code")] == ["金乡街道", "高河街道"]
    assert Division.objects.filter(level=DivisionLevel.COMMUNITY).count() == 1
    assert Division.objects.filter(level=DivisionLevel.VILLAGE).count() == 3
    assert Grid.objects.count() == 5
    # Every village-level division knows its town, and codes follow the statistical pattern.
    for d in Division.objects.villages():
        assert d.town_id == d.parent_id and d.code[:9] == d.parent.code[:9]
    for t in Division.objects.towns():
        assert t.town_id == t.pk
    # The county map's outlines are stored as a county's own would be (generated for the demo).
    assert all(t.boundary["type"] == "Polygon" for t in Division.objects.towns())
    assert not Grid.objects.filter(polygon__isnull=True).exists()
    # The community gets the extra grids.
    community = Division.objects.get(level=DivisionLevel.COMMUNITY)
    assert community.grids.count() == 2

    teams = list(ServiceTeam.objects.all())
    assert len(teams) == 5 and all(team_is_complete(t) for t in teams)
    members = ServiceTeamMember.objects.select_related("person", "organization", "team__grid")
    assert members.count() == 30
    assert len({m.person_id for m in members}) == 30  # each cadre on exactly one team
    for m in members:
        assert m.person.kind == PersonKind.CADRE
        if m.seat == "town_cadre":
            assert m.organization.kind == OrganizationKind.TOWN
            assert m.organization.division_id == m.team.grid.division.town_id
        else:
            assert m.organization.kind == OrganizationKind.DEPARTMENT
    phones = [p.phone for p in Person.objects.all()]
    assert len(phones) == len(set(phones)) and all(MOBILE_RE.match(p) for p in phones)

    assert Organization.objects.handling_units().count() == UNITS
    assert Organization.objects.filter(kind=OrganizationKind.VILLAGE_COMMITTEE,
                                       is_handling_unit=False).count() == 4
    for code in ("DISPATCH", "SUPERVISION", "ORGDEPT", "E-WATER"):
        assert Organization.objects.filter(code=code).exists()


def test_demo_logins_exist_with_the_right_scopes():
    seed_tiny()
    users = {u.username: u for u in User.objects.filter(is_demo=True)}
    assert set(users) == {x.username for x in logins()}
    for user in users.values():
        assert user.check_password(PASSWORD)
        assert user.person.name  # a Chinese name
    water = Organization.objects.get(code="D-WATER")
    jinxiang_street = Division.objects.get(code="370828001000")

    admin = get_scope(users["county_admin"])
    assert admin.is_admin and users["county_admin"].is_superuser and users["county_admin"].is_staff
    assert Role.ADMIN in admin.roles
    supervisor = get_scope(users["supervisor"])
    assert supervisor.is_supervisor and supervisor.county_wide_view and not supervisor.is_admin
    dispatcher = get_scope(users["dispatcher"])
    assert dispatcher.is_dispatcher and not dispatcher.is_admin
    assert get_scope(users["handler_water"]).unit_ids == {water.pk}
    assert Role.HANDLER in get_scope(users["handler_water"]).roles
    housing = Organization.objects.get(code="D-HOUSING")
    assert get_scope(users["handler_housing"]).unit_ids == {housing.pk}  # an assisting unit's
    assert Role.AUDITOR in get_scope(users["auditor"]).roles  # the audit log can be shown
    assert Role.UNIT_LEADER in get_scope(users["leader_water"]).roles
    assert get_scope(users["town_staff"]).town_ids == {jinxiang_street.pk}

    secretary = get_scope(users["secretary"])
    assert len(secretary.grid_ids) == 1 and not secretary.roles
    grid = Grid.objects.get(pk=next(iter(secretary.grid_ids)))
    assert grid.division.town_id == jinxiang_street.pk
    seat = ServiceTeamMember.objects.get(person__user=users["secretary"])
    assert seat.seat == "town_cadre" and seat.ended_at is None

    citizen = users["citizen"]
    assert get_scope(citizen).is_citizen
    assert citizen.person.kind == PersonKind.CITIZEN and citizen.person.phone == "13800000001"
    # The login label says 用户名或手机号: the demo citizen signs in with the phone too.
    from django.test import Client

    r = Client().post("/login/", {"username": "138 0000 0001", "password": PASSWORD})
    assert r.status_code == 302  # signed in, sent on
    assert r.wsgi_request.user == citizen
    assert not users["citizen"].is_staff and not users["secretary"].is_superuser


def test_second_run_creates_nothing_and_says_so():
    seed_tiny()
    before = summary_json()
    runs = DemoStepRun.objects.count()
    assert is_built()
    output = seed_tiny()
    assert "演示县已建成" in output
    assert summary_json() == before
    assert DemoStepRun.objects.count() == runs


def test_steps_tolerate_a_rerun_without_markers():
    seed_tiny()
    before = summary_json()
    DemoStepRun.objects.all().delete()
    results = run_seed(scale=TINY, progress=False)
    assert all(not r.skipped for r in results)
    assert summary_json() == before


def test_summary_json_keys_and_values():
    seed_tiny()
    assert summary_json() == {
        "towns": 2, "communities": 1, "villages": 3, "grids": 5, "service_teams": 5,
        "complete_service_teams": 5, "secretaries": 30, "units": UNITS, "users": 10,
    }
    # A team that loses a seat is no longer complete (computed in the database).
    ServiceTeamMember.objects.filter(seat="county_cadre").order_by("pk").first().delete()
    assert summary_json()["complete_service_teams"] == 4
    out = StringIO()
    call_command("summary", stdout=out)
    assert "网格" in out.getvalue() and "complete_service_teams" in out.getvalue()


def test_registered_counts_and_steps_are_used(monkeypatch):
    monkeypatch.setattr(summary, "_COUNTERS", [])
    monkeypatch.setattr(registry, "_STEPS", dict(registry._STEPS))
    summary.register_counts(lambda: {"demands": 7, "by_state": {"closed": 1200}},
                            labels={"demands": "诉求"})
    calls = []

    def later_system(ctx):
        calls.append(ctx.scale.name)
        assert Grid.objects.count() == 5  # earlier steps have run
        return {"demands": 0}

    registry.register_step("later_system", later_system, order=900, label="后续系统")
    seed_tiny()
    assert calls == ["tiny"]
    assert summary_json()["demands"] == 7
    out = StringIO()
    call_command("summary", stdout=out)
    assert "诉求" in out.getvalue() and "closed 1,200" in out.getvalue()
    assert DemoStepRun.objects.get(name="later_system").created == {"demands": 0}
    assert [s.name for s in registry.steps()][:4] == ["places", "orgs", "teams", "logins"]


def test_demo_logins_command_lists_every_role():
    seed_tiny()
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/" in text
    for login in logins():
        assert login.username in text and login.role_zh in text
    assert text.count(PASSWORD) >= len(logins())


def test_demo_logins_command_before_seeding_says_what_to_do():
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "seed_demo" in out.getvalue()


def test_demo_accounts_check():
    assert demo_accounts_check() == []  # not refused in development
    with override_settings(GRASSROOTS_REFUSE_DEMO_ACCOUNTS=True):
        assert demo_accounts_check() == []  # no demo accounts yet
    seed_tiny()
    with override_settings(GRASSROOTS_REFUSE_DEMO_ACCOUNTS=True):
        errors = demo_accounts_check()
        assert [e.id for e in errors] == ["grassroots_demo.E001"]
        assert errors[0].level == checks.ERROR and "演示账号" in errors[0].msg
        with pytest.raises(SystemCheckError):  # runserver and check --deploy refuse
            call_command("check", "--deploy", stdout=StringIO(), stderr=StringIO())
        User.objects.filter(is_demo=True).update(is_demo=False)
        assert demo_accounts_check() == []
    User.objects.update(is_demo=True)
    assert demo_accounts_check() == []


@override_settings(GRASSROOTS_REFUSE_DEMO_ACCOUNTS=True)
def test_seed_refused_where_demo_accounts_are_refused():
    with pytest.raises(CommandError) as exc:
        seed_tiny()
    assert str(exc.value) == ("本环境拒绝演示账号（GRASSROOTS_REFUSE_DEMO_ACCOUNTS=True），"
                              "不能生成演示数据。")
    assert not Division.objects.exists() and not User.objects.exists()


def test_scale_validation():
    with pytest.raises(ValueError) as exc:
        DemoScale("bad", towns=1, communities=1, villages=3, grids=2)
    assert str(exc.value) == "every village and community needs at least one grid"
    with pytest.raises(ValueError) as exc:
        DemoScale("bad", towns=14, communities=1, villages=3, grids=5)
    assert str(exc.value) == f"towns must be 1..{len(jinxiang.TOWNS)}"


def test_generators_are_deterministic_and_unique():
    a = village_names(random.Random("s"), 40, first="胡集村")
    assert a == village_names(random.Random("s"), 40, first="胡集村")
    assert a[0] == "胡集村" and len(set(a)) == 40 and all(n.endswith("村") for n in a)
    phones = PhoneBook(random.Random(1), reserved={"13800000001"})
    numbers = [phones.take() for _ in range(3000)]
    assert len(set(numbers)) == 3000 and all(MOBILE_RE.match(p) for p in numbers)
    book = NameBook(random.Random(1))
    assert len({book.take()[0] for _ in range(3000)}) == 3000
    assert [ordinal(n) for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]


def test_department_leaders_hold_titles_of_their_kind_of_unit():
    from grassroots.demo.data.jinxiang import UNITS, dept_leader_titles

    assert "副主席" in dept_leader_titles("金乡县总工会")
    for spec in UNITS:
        titles = dept_leader_titles(spec.name)
        if not spec.name.endswith("局"):
            assert not [t for t in titles if "局长" in t], spec.name
