import pytest
from django.test import override_settings

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import events_for
from grassroots.people.models import Person, PersonKind, ServiceTeam, ServiceTeamMember
from grassroots.people.services import (
    annotate_team_completeness,
    complete_teams,
    id_number_check_digit,
    is_valid_id_number,
    person_create,
    team_is_complete,
    team_member_assign,
    team_member_replace,
)
from grassroots.testing.factories import GridFactory, OrganizationFactory, PersonFactory
from grassroots.testing.refusals import refused

pytestmark = pytest.mark.django_db

PASSWORD = "demo-Pass-2026"


def valid_id(first17="37082819800101001"):
    return first17 + id_number_check_digit(first17)


def cadre(name="干部"):
    return PersonFactory(name=name, kind=PersonKind.CADRE, user=None)


def fill(team, actor, dept, town_org, *, skip=()):
    """Seat a full 1+2+3 on ``team``; returns the members."""
    plan = [("dept_leader", dept)] + [("county_cadre", dept)] * 2 + [("town_cadre", town_org)] * 3
    members = []
    for i, (seat, org) in enumerate(plan):
        if i in skip:
            continue
        members.append(team_member_assign(actor=actor, team=team, person=cadre(f"干部{i}"),
                                          seat=seat, organization=org))
    return members


@pytest.fixture
def team_a(county):
    # grid_a's team exists with the secretary on one town-cadre seat; end it for a clean team.
    team = ServiceTeam.objects.get(grid=county.grid_a)
    team.members.all().delete()
    return team


# --- people -------------------------------------------------------------------------------------

def test_id_number_check_digit():
    assert is_valid_id_number("11010519491231002X")  # the GB 11643 example
    assert not is_valid_id_number("110105194912310021")
    assert not is_valid_id_number(valid_id("37082819801301001"))  # month 13
    assert is_valid_id_number(valid_id())


def test_person_create(county):
    person = person_create(actor=county.admin, name="赵六", kind=PersonKind.CADRE,
                           phone="13700000000", id_number=valid_id(), position="科员")
    assert person.id_number_masked.startswith("3708") and person.phone == "13700000000"
    assert events_for(person).get().action == "person_created"
    assert person_create(actor=county.town_staff, name="钱七", kind=PersonKind.CADRE).pk


def test_person_create_rules(county):
    with refused(NotInScope, "您无权登记人员。", unchanged=[Person]):
        person_create(actor=county.handler, name="赵六", kind=PersonKind.CADRE)
    with refused(ApplicationError, "身份证号格式不正确或校验码错误。", unchanged=[Person]):
        person_create(actor=county.admin, name="赵六", kind=PersonKind.CADRE,
                      id_number="370828198001010010")
    with refused(ApplicationError, "人员类别应为干部或群众。", unchanged=[Person]):
        person_create(actor=county.admin, name="赵六", kind="boss")
    person_create(actor=county.admin, name="赵六", kind=PersonKind.CADRE, phone="13700000000")
    with refused(ApplicationError, "该手机号已被其他人员使用。", unchanged=[Person]):
        person_create(actor=county.admin, name="孙八", kind=PersonKind.CADRE, phone="13700000000")
    assert Person.objects.filter(name="孙八").count() == 0


# --- teams --------------------------------------------------------------------------------------

def test_assign_fills_a_complete_team(county, team_a):
    assert not team_is_complete(team_a)
    members = fill(team_a, county.admin, county.water, county.town_a_org)
    assert len(members) == 6 and team_is_complete(team_a)
    assert list(complete_teams()) == [team_a]
    row = annotate_team_completeness().get(pk=team_a.pk)
    assert (row.n_dept_leader, row.n_county_cadre, row.n_town_cadre) == (1, 2, 3)
    assert row.is_complete
    assert [e.action for e in events_for(team_a)] == ["team_member_assigned"] * 6


def test_assign_refuses_a_full_seat(county, team_a):
    fill(team_a, county.admin, county.water, county.town_a_org)
    extra = cadre()
    with refused(ApplicationError, "该服务队的“县直机关干部”席位已满（2人）。", unchanged=[ServiceTeamMember]):
        team_member_assign(actor=county.admin, team=team_a, person=extra, seat="county_cadre")
    assert team_a.members.count() == 6


def test_assign_only_cadres_and_valid_seats(county, team_a):
    citizen = PersonFactory(kind=PersonKind.CITIZEN, user=None)
    with refused(ApplicationError, "只有干部可以担任民情书记。", unchanged=[ServiceTeamMember]):
        team_member_assign(actor=county.admin, team=team_a, person=citizen, seat="town_cadre")
    person = cadre()
    with refused(ApplicationError, "席位无效，应为县直部门负责同志、县直机关干部或镇街干部。", unchanged=[ServiceTeamMember]):
        team_member_assign(actor=county.admin, team=team_a, person=person, seat="captain")
    team_member_assign(actor=county.admin, team=team_a, person=person, seat="town_cadre")
    with refused(ApplicationError, f"{person.name}已在本服务队中。", unchanged=[ServiceTeamMember]):
        team_member_assign(actor=county.admin, team=team_a, person=person, seat="town_cadre")
    assert team_a.members.count() == 1


def test_assign_checks_the_sending_unit(county, team_a):
    town_b_org = OrganizationFactory(kind="town", division=county.town_b)
    person = cadre()
    with refused(ApplicationError, "镇街干部的派出单位应为本网格所在的镇（街道）。", unchanged=[ServiceTeamMember]):
        team_member_assign(actor=county.admin, team=team_a, person=person, seat="town_cadre",
                           organization=town_b_org)
    with refused(ApplicationError, "县直席位的派出单位应为县直部门或单位。", unchanged=[ServiceTeamMember]):
        team_member_assign(actor=county.admin, team=team_a, person=person, seat="dept_leader",
                           organization=county.town_a_org)
    assert not team_a.members.exists()


@override_settings(GRASSROOTS_MAX_TEAMS_PER_CADRE=2)
def test_assign_limits_teams_per_cadre(county):
    person = cadre("周九")
    teams = [ServiceTeam.objects.create(grid=GridFactory(division=county.village_a), name=f"队{i}")
             for i in range(3)]
    for team in teams[:2]:
        team_member_assign(actor=county.admin, team=team, person=person, seat="county_cadre")
    with refused(ApplicationError, "周九已在2个服务队任民情书记，不能再增加。", unchanged=[ServiceTeamMember]):
        team_member_assign(actor=county.admin, team=teams[2], person=person, seat="county_cadre")
    assert not teams[2].members.exists()


def test_assign_scope(county, team_a):
    # Town staff change teams in their own town only; unit handlers and secretaries cannot.
    team_member_assign(actor=county.town_staff, team=team_a, person=cadre(), seat="town_cadre")
    team_b = ServiceTeam.objects.create(grid=county.grid_b, name="胡集村服务队")
    person = cadre()
    for actor in (county.town_staff, county.handler, county.secretary, county.supervisor):
        with refused(NotInScope, "您无权调整该网格的服务队。", unchanged=[ServiceTeamMember]):
            team_member_assign(actor=actor, team=team_b, person=person, seat="town_cadre")
    assert not team_b.members.exists()


def test_replace_keeps_history(county, team_a):
    members = fill(team_a, county.admin, county.water, county.town_a_org)
    old = members[3]
    new_person = cadre("吴十")
    new = team_member_replace(actor=county.town_staff, member=old, new_person=new_person,
                              reason="工作调动")
    old.refresh_from_db()
    assert old.ended_at is not None and new.ended_at is None
    assert new.seat == old.seat == "town_cadre" and new.organization == county.town_a_org
    assert team_is_complete(team_a)
    assert team_a.members.count() == 7  # the ended seat stays as history
    event = events_for(team_a).last()
    assert event.action == "team_member_replaced" and event.note == "工作调动"
    assert event.extra["old_person_id"] == old.person_id
    person = cadre()
    with refused(ApplicationError, "该席位已被更换，请刷新后重试。", unchanged=[ServiceTeamMember]):
        team_member_replace(actor=county.admin, member=old, new_person=person, reason="再换")


def test_replace_rules(county, team_a):
    member = fill(team_a, county.admin, county.water, county.town_a_org)[0]
    person = cadre()
    with refused(ApplicationError, "请填写更换原因。", unchanged=[member, ServiceTeamMember]):
        team_member_replace(actor=county.admin, member=member, new_person=person, reason=" ")
    with refused(NotInScope, "您无权调整该网格的服务队。", unchanged=[member, ServiceTeamMember]):
        team_member_replace(actor=county.handler, member=member, new_person=person, reason="x")
    citizen = PersonFactory(kind=PersonKind.CITIZEN, user=None)
    with refused(ApplicationError, "只有干部可以担任民情书记。",
                 unchanged=[member, ServiceTeamMember]):
        team_member_replace(actor=county.admin, member=member, new_person=citizen, reason="x")
    member.refresh_from_db()
    assert member.ended_at is None and ServiceTeamMember.objects.filter(team=team_a).count() == 6
