"""The registers' create pages (one table, one view), the founding request and the instructors'
appointment documents, the centre's week calendar."""

import io
from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from docx import Document

from grassroots.people.models import Person
from grassroots.testing.factories import PersonFactory

from ..models import Instructor, Lecture, Lecturer, RedTeam, RedTeamKind, TeamProblem, TrainingClass
from ..services import entry_register, room_book
from ..services.common import today

pytestmark = pytest.mark.django_db


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _with_phone(name, phone):
    p = PersonFactory(name=name)
    p.set_phone(phone)
    p.save()
    return p


def _text(response) -> str:
    doc = Document(io.BytesIO(response.content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_county_appoints_an_instructor_by_phone(w):
    person = _with_phone("新任指导员", "13912340001")
    c = _client(w.committee_user)
    assert c.get("/twonew/new/instructor/").status_code == 200
    response = c.post("/twonew/new/instructor/", {
        "person": "139 1234 0001", "source": "县直机关", "appointed_on": today().isoformat(),
        "term_years": 3})
    assert response.status_code == 302 and response["Location"] == "/twonew/people/"
    assert Instructor.objects.get(person=person).source == "县直机关"
    # the same person twice: the service's refusal comes back beside the field, nothing written
    again = c.post("/twonew/new/instructor/", {
        "person": "13912340001", "appointed_on": today().isoformat(), "term_years": 3})
    assert again.status_code == 400 and "已是党建指导员" in again.content.decode()
    assert Instructor.objects.filter(person=person).count() == 1


def test_an_unknown_phone_is_a_form_error(w):
    c = _client(w.committee_user)
    response = c.post("/twonew/new/lecturer/", {"person": "13900000000", "institution": "党校"})
    assert response.status_code == 400 and "人员库中没有这个手机号" in response.content.decode()
    assert not Lecturer.objects.exists()


def test_a_park_officer_may_not_appoint_but_may_found_a_team(w):
    c = _client(w.officer_a)
    assert c.get("/twonew/new/instructor/").status_code == 403
    assert c.post("/twonew/new/class/", {"number": 9, "title": "x"}).status_code == 403
    assert not TrainingClass.objects.filter(number=9).exists()
    assert c.get("/twonew/new/nonsense/").status_code == 404
    _with_phone("班组长甲", "13912340002")
    kind = RedTeamKind.objects.filter(is_active=True).first()
    # park B's organisation is not in the officer's choices
    refused = c.post("/twonew/new/team/", {
        "org": w.orgs["b1"].pk, "kind": kind.pk, "name": "攻坚班组", "leader": "13912340002",
        "founded_on": today().isoformat()})
    assert refused.status_code == 400 and not RedTeam.objects.filter(name="攻坚班组").exists()
    ok = c.post("/twonew/new/team/", {
        "org": w.orgs["a1"].pk, "kind": kind.pk, "name": "攻坚班组", "leader": "13912340002",
        "founded_on": today().isoformat()})
    assert ok.status_code == 302
    team = RedTeam.objects.get(name="攻坚班组")
    assert team.org == w.orgs["a1"] and team.leader.name == "班组长甲"
    problem = c.post("/twonew/new/problem/", {"team": team.pk, "title": "降低损耗",
                                              "raised_on": today().isoformat()})
    assert problem.status_code == 302 and TeamProblem.objects.get(team=team).title == "降低损耗"
    assert "组建红色班组" in c.get("/twonew/teams/").content.decode()


def test_classes_lecturers_and_lectures(w):
    c = _client(w.committee_user)
    start = today() - timedelta(days=10)
    assert c.post("/twonew/new/class/", {
        "number": 7, "title": "第七期书记培训班", "starts_on": start.isoformat(),
        "ends_on": (start - timedelta(days=1)).isoformat(), "hours": 24}).status_code == 400
    assert c.post("/twonew/new/class/", {
        "number": 7, "title": "第七期书记培训班", "starts_on": start.isoformat(),
        "ends_on": (start + timedelta(days=2)).isoformat(), "hours": 24}).status_code == 302
    _with_phone("党校讲师", "13912340003")
    assert c.post("/twonew/new/lecturer/", {"person": "13912340003", "institution": "县委党校",
                                            "topics": "党史"}).status_code == 302
    lecturer = Lecturer.objects.get(person__name="党校讲师")
    assert c.post("/twonew/new/lecture/", {
        "lecturer": lecturer.pk, "given_on": today().isoformat(), "kind": "history",
        "topic": "红色家书", "host": w.orgs["a1"].pk, "audience": 40}).status_code == 302
    assert Lecture.objects.get(lecturer=lecturer).audience == 40
    page = c.get("/twonew/people/").content.decode()
    assert "第七期书记培训班" in page and "党校讲师" in page and "选派党建指导员" in page


def test_the_appointment_lists_every_active_instructor(w):
    c = _client(w.committee_user)
    response = c.get("/twonew/people/appointment/")
    assert response.status_code == 200
    text = _text(response)
    assert "关于选派“红帆”党建指导员的通知" in text and "红帆指导员" in text
    assert "华光农业科技有限公司" in text  # his organisation is on the roll
    doc = Document(io.BytesIO(response.content))
    annex = next(p for p in doc.paragraphs if p.text.strip() == "附件")  # its own page
    assert 'w:br w:type="page"' in annex._p.xml
    assert _client(w.officer_a).get("/twonew/people/appointment/").status_code == 403


def test_the_founding_request_after_the_application(w):
    from ..services import entry_apply, entry_plan_coverage, entry_survey
    from ..services.entry import members_from_text

    entry = entry_register(actor=w.officer_a, org=w.orgs["a1"], park=w.park_a,
                           entered_on=today() - timedelta(days=20))
    c = _client(w.officer_a)
    assert c.get(f"/twonew/entries/{entry.pk}/request/").status_code == 404  # not applied yet
    members = members_from_text("\n".join(f"{m.person.name},{m.person.id_number},正式"
                                          for m in w.elsewhere[:3]))
    entry = entry_survey(actor=w.officer_a, entry=entry, members=members,
                         procedures_done_on=today() - timedelta(days=15))
    entry = entry_plan_coverage(actor=w.officer_a, entry=entry, plan="own")
    entry = entry_apply(actor=w.officer_a, entry=entry, applied_on=today() - timedelta(days=10))
    response = c.get(f"/twonew/entries/{entry.pk}/request/")
    assert response.status_code == 200
    text = _text(response)
    assert "关于成立中共测试蒜都食品有限公司党支部的请示" in text
    assert "正式党员3名" in text and "妥否，请批示" in text
    assert _client(w.officer_b).get(f"/twonew/entries/{entry.pk}/request/").status_code == 404


def test_the_week_calendar_shows_each_booking_on_its_day(w):
    monday = today() - timedelta(days=today().weekday()) + timedelta(days=7)
    at = timezone.make_aware(datetime.combine(monday + timedelta(days=2), time(9)))
    room_book(actor=w.manager_a, room=w.rooms[0], starts_at=at, ends_at=at + timedelta(hours=2),
              purpose="主题党日")
    c = _client(w.officer_a)
    page = c.get(f"/twonew/centre/calendar/?week={monday.isoformat()}").content.decode()
    assert "09:00–11:00 主题党日" in page
    this_week = c.get("/twonew/centre/calendar/").content.decode()
    assert "09:00–11:00" not in this_week
    assert c.get("/twonew/centre/calendar/?week=garbage").status_code == 200
    # park B's officer sees park A's rooms nowhere
    other = _client(w.officer_b).get(f"/twonew/centre/calendar/?week={monday}").content.decode()
    assert "09:00–11:00" not in other and w.rooms[0].name not in other
    assert Person.objects.exists()
