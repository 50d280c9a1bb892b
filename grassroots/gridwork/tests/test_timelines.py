"""The 记录 timelines of the grid-work pages: Chinese labels and the person who acted."""

import re
from datetime import date
from pathlib import Path

import pytest

from grassroots.gridwork import months
from grassroots.gridwork.services import pioneer
from grassroots.gridwork.services.training import training_attendance_record, training_create
from grassroots.gridwork.services.visits import visit_record
from grassroots.gridwork.timeline import ACTION_LABELS
from grassroots.people.models import ServiceTeam, TeamSeat
from grassroots.people.services import team_member_assign
from grassroots.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


def timeline(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    return re.search(r'<ol class="timeline">(.*?)</ol>', html, re.S).group(1)


def named(user, name):
    user.person.name = name
    user.person.save(update_fields=["name"])
    return user


def test_visit_timeline_names_the_secretary(gw, client):
    named(gw.secretary, "陶敏")
    visit = visit_record(actor=gw.secretary, grid=gw.grid_a, date=months.today(),
                         form="household", people_met=8, households_met=3)
    client.force_login(gw.secretary)
    t = timeline(client.get(f"/grid/visits/{visit.pk}/"))
    assert "登记走访" in t and "陶敏" in t
    assert "visit_recorded" not in t and "系统" not in t


def test_training_timeline_labels_kind_and_actor(gw, client):
    named(gw.org_dept, "组织部王强")
    session = training_create(actor=gw.org_dept, title="民情书记履职培训", kind="system",
                              date=date(2026, 3, 1), place="县委党校")
    training_attendance_record(actor=gw.org_dept, session=session, people=[gw.secretary.person])
    client.force_login(gw.admin)
    t = timeline(client.get(f"/grid/trainings/{session.pk}/"))
    assert "登记培训" in t and "系统培训" in t and "记录参训人员" in t and "组织部王强" in t
    for raw in ("training_created", "attendance_recorded", "→ system", "系统<"):
        assert raw not in t


def test_team_timeline_labels_seat(gw, client):
    named(gw.town_staff, "街道李娜")
    team = ServiceTeam.objects.get(grid=gw.grid_a)
    team_member_assign(actor=gw.town_staff, team=team, seat=TeamSeat.TOWN_CADRE,
                       person=PersonFactory(name="赵刚", kind="cadre"))
    client.force_login(gw.town_staff)
    t = timeline(client.get(f"/grid/teams/{team.pk}/"))
    assert "安排民情书记" in t and "镇街干部" in t and "街道李娜" in t
    assert "team_member_assigned" not in t and "town_cadre" not in t


def test_round_timeline_labels_states(gw, client):
    named(gw.org_dept, "组织部王强")
    rnd = pioneer.round_create(actor=gw.org_dept, title="2026年度先锋选树", pioneer_quota=1,
                               excellent_quota=1, period_start=date(2026, 1, 1),
                               period_end=date(2026, 12, 31))
    pioneer.round_transition(actor=gw.org_dept, round=rnd, action="start_nominating")
    client.force_login(gw.admin)
    t = timeline(client.get(f"/grid/pioneer/{rnd.pk}/"))
    assert "发起选树" in t and "开始推荐" in t and "已发起 → 推荐中" in t and "组织部王强" in t
    for raw in ("round_created", "start_nominating", "nominating", "系统<"):
        assert raw not in t


def test_every_grid_work_event_has_a_label():
    root = Path(__file__).resolve().parents[2]
    sources = [*(root / "gridwork" / "services").glob("*.py"), root / "people" / "services.py"]
    codes = set()
    for path in sources:
        for call in re.findall(r"event_record\((.*?)\)", path.read_text(), re.S):
            codes.update(re.findall(r'action="(\w+)"', call))
    from grassroots.gridwork.transitions import ALL_ACTIONS

    codes.update(ALL_ACTIONS)
    codes -= {"citizen_registered", "person_created"}  # people's own, on no grid-work page
    assert {"visit_recorded", "training_created", "team_member_assigned"} <= codes
    assert codes - set(ACTION_LABELS) == set()
