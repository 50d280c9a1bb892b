"""A course's enrolments page: the base's operator (or the talent office) enrols a registered
rural talent by his mobile number and decides his hours and completion; whoever reads the base
reads the list; a town reads but may not act; a course outside the user's scope is a 404."""

import pytest
from django.test import Client

from grassroots.core.errors import ApplicationError
from grassroots.core.events import Event
from grassroots.orgs.models import Organization
from grassroots.testing.factories import make_member
from grassroots.testing.refusals import refused

from ..models import Enrollment
from ..roles import TalentRole
from ..selectors import training_rates
from ..services import training
from ..services.common import today
from .conftest import PHONE


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_operator_enrols_a_trainee_by_phone_and_decides_his_completion(course_world):
    office, operator, course, talent = course_world
    run = _client(operator)
    url = f"/talent/courses/{course.pk}/"
    assert run.post(url + "act/", {"action": "enrol", "phone": PHONE}).status_code == 302
    enrollment = Enrollment.objects.get(course=course, talent=talent)
    assert (enrollment.attended_hours, enrollment.passed, enrollment.decided_on) == (0, False,
                                                                                   None)
    page = run.get(url).content.decode()
    assert "李种植" in page and "待认定" in page
    # Twice: refused with the reason, still one enrolment.
    again = run.post(url + "act/", {"action": "enrol", "phone": PHONE}, follow=True)
    assert "李种植已报名本课程。" in again.content.decode()
    # A phone nobody registered as a talent: nothing written.
    unknown = run.post(url + "act/", {"action": "enrol", "phone": "13900009999"}, follow=True)
    assert "未找到使用该手机号的乡土人才" in unknown.content.decode()
    assert Enrollment.objects.filter(course=course).count() == 1
    # Completion needs hours attended; then it is decided and counted.
    zero = run.post(url + "act/", {"action": "decide", "enrollment": enrollment.pk,
                                   "attended_hours": "0", "passed": "on"}, follow=True)
    assert "未参训的学员不能认定结业。" in zero.content.decode()
    assert Enrollment.objects.get(pk=enrollment.pk).decided_on is None
    assert run.post(url + "act/", {"action": "decide", "enrollment": enrollment.pk,
                                   "attended_hours": "8", "passed": "on"}).status_code == 302
    enrollment.refresh_from_db()
    assert (enrollment.attended_hours, enrollment.passed, enrollment.decided_on) == (8, True,
                                                                                   today())
    assert Event.objects.filter(action="training_completion_decided",
                                object_id=str(course.pk)).count() == 1
    assert "已结业" in run.get(url).content.decode()
    rates = training_rates()
    assert (rates["enrolled"], rates["passed"]) == (1, 1)
    # More hours than the course has: refused.
    over = run.post(url + "act/", {"action": "decide", "enrollment": enrollment.pk,
                                   "attended_hours": "9"}, follow=True)
    assert Enrollment.objects.get(pk=enrollment.pk).attended_hours == 8
    assert over.status_code == 200


@pytest.mark.django_db
def test_enrolments_are_scope_checked(course_world, county):
    office, operator, course, talent = course_world
    enrollment = training.enrollment_add(actor=operator, course=course, talent=talent)
    url = f"/talent/courses/{course.pk}/"
    decide = {"action": "decide", "enrollment": enrollment.pk, "attended_hours": "8",
              "passed": "on"}
    # Town A's staff read the course of a base in their town but may not act (the policy's
    # message); no form is offered to them.
    town_a = _client(county.town_staff)
    page = town_a.get(url)
    assert page.status_code == 200 and "李种植" in page.content.decode()
    assert 'value="decide"' not in page.content.decode()
    refusal = town_a.post(url + "act/", decide)
    assert refusal.status_code == 403 and "只能为本基地登记课程和学员。" in refusal.content.decode()
    # Town B's staff and another base's operator: the same 404 as a missing course.
    town_b = _client(make_member(username="t_town_b_e", organization=None, role="town_staff",
                                 name="乙镇"))
    stranger = _client(make_member(username="t_stranger_e",
                                   organization=Organization.objects.get(code="GOV"),
                                   role=TalentRole.BASE_OPERATOR, name="别的基地"))
    for client in (town_b, stranger):
        assert client.get(url).status_code == 404
        assert client.post(url + "act/", decide).status_code == 404
    assert _client(operator).get("/talent/courses/999999/").status_code == 404
    # An enrolment of another course is not found through this one.
    other = training.course_create(actor=office, base=None, title="云课堂：电商直播入门",
                                   mode="online", practice=False, lecturer="赵专家",
                                   lecturer_kind="expert", hours=2, held_on=today())
    assert _client(office).post(f"/talent/courses/{other.pk}/act/", decide).status_code == 404
    assert Enrollment.objects.get(pk=enrollment.pk).decided_on is None


@pytest.mark.django_db
def test_the_services_refuse_a_second_enrolment_and_an_unattended_completion(course_world):
    office, operator, course, talent = course_world
    enrollment = training.enrollment_add(actor=operator, course=course, talent=talent)
    with refused(ApplicationError, "李种植已报名本课程。"):
        training.enrollment_add(actor=office, course=course, talent=talent)
    with refused(ApplicationError, "未参训的学员不能认定结业。", unchanged=[enrollment]):
        training.enrollment_decide(actor=operator, enrollment=enrollment, attended_hours=0,
                                   passed=True)
    decided = training.enrollment_decide(actor=operator, enrollment=enrollment,
                                         attended_hours=3, passed=False)
    assert (decided.passed, decided.decided_on) == (False, today())


@pytest.mark.django_db
def test_the_api_lists_enrols_and_decides(course_world, county):
    office, operator, course, talent = course_world
    run = _client(operator)
    base = f"/api/v1/talent/courses/{course.pk}/enrollments"
    created = run.post(base, {"phone": PHONE}, content_type="application/json")
    assert created.status_code == 201 and created.json()["decided_on"] is None
    enrollment_id = created.json()["id"]
    again = run.post(base, {"phone": PHONE}, content_type="application/json")
    assert again.status_code == 400 and "已报名本课程" in again.json()["error"]["message"]
    unknown = run.post(base, {"phone": "13900009999"}, content_type="application/json")
    assert unknown.status_code == 400
    zero = run.post(f"{base}/{enrollment_id}/decision", {"attended_hours": 0, "passed": True},
                    content_type="application/json")
    assert zero.status_code == 400 and "未参训" in zero.json()["error"]["message"]
    done = run.post(f"{base}/{enrollment_id}/decision", {"attended_hours": 7, "passed": True},
                    content_type="application/json")
    assert done.status_code == 200
    assert (done.json()["attended_hours"], done.json()["passed"],
            done.json()["decided_on"]) == (7, True, today().isoformat())
    listed = _client(county.town_staff).get(base).json()
    assert [e["talent"] for e in listed["items"]] == ["李种植"]
    # Town A reads but may not act; town B does not see the course at all.
    assert _client(county.town_staff).post(
        f"{base}/{enrollment_id}/decision", {"attended_hours": 1},
        content_type="application/json").status_code == 403
    town_b = _client(make_member(username="t_town_b_api", organization=None, role="town_staff",
                                 name="乙镇"))
    assert town_b.get(base).status_code == 404
    assert town_b.post(base, {"phone": PHONE}, content_type="application/json").status_code == 404
    assert run.post(f"{base}/999999/decision", {"attended_hours": 1},
                    content_type="application/json").status_code == 404
