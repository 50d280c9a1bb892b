"""The pages and the API by role: who sees which application, what the applicant and the public
see, and the officers' forms through to the documents."""

from datetime import timedelta

import pytest
from django.test import Client

from grassroots.publicity.gate import publicity_of

from ..models import ApplicationStatus
from ..services import award
from .test_titles import _after, _reviewed
from .world import build_title_world, new_application, to_interviewed

S = ApplicationStatus


@pytest.fixture
def world(county):
    return build_title_world(county)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_an_expert_sees_only_the_applications_assigned_to_him(world):
    application = to_interviewed(world, new_application(world), scores=(80, 85, 90))
    assigned = {a.expert_id for a in application.assignments.all()}
    inside = next(e for e in world.experts if e.pk in assigned)
    outside = next(e for e in world.experts if e.pk not in assigned)
    url = f"/talent/applications/{application.pk}/"
    page = _client(inside.person.user).get(url)
    assert page.status_code == 200 and "我的评分" in page.content.decode()
    assert _client(outside.person.user).get(url).status_code == 404
    assert _client(outside.person.user).get(
        f"/api/v1/talent/applications/{application.pk}").status_code == 404
    listed = _client(outside.person.user).get("/api/v1/talent/applications").json()
    assert listed["count"] == 0


@pytest.mark.django_db
def test_the_applicant_sees_his_scores_only_after_publicity_and_the_public_only_four_fields(
        world):
    world.applicant.person.set_phone("13912345678")
    world.applicant.person.save(update_fields=["phone", "phone_hash", "phone_masked"])
    application = _reviewed(world, new_application(world))
    me = _client(world.applicant)
    api = f"/api/v1/talent/applications/{application.pk}"
    assert me.get(api).json()["composite_score"] is None
    assert _client(world.secretariat).get(api).json()["composite_score"] == "85.00"
    assert "综合得分" not in me.get("/talent/my/").content.decode()
    award.round_publicise(actor=world.secretariat, round=world.round,
                          contact_phone="0537-8888888")
    assert me.get(api).json()["composite_score"] == "85.00"
    public = Client().get("/publicity/").content.decode()
    assert "张种植（金乡街道，种植，农民初级职称）" in public
    assert "13912345678" not in public and "金城蔬菜合作社" not in public
    # Only his own file: the talent office reads, the applicant cannot open the officers' list.
    assert me.get("/talent/applications/").status_code == 404
    assert _client(world.office).get("/talent/applications/").status_code == 200


@pytest.mark.django_db
def test_officers_work_through_the_pages_to_the_documents(world, county):
    application = new_application(world)
    me = _client(world.applicant)
    act = f"/talent/applications/{application.pk}/act/"
    assert me.post(act, {"action": "application_submit"}).status_code == 302
    town = _client(county.town_staff)
    town.post(act, {"action": "application_recommend"})
    secretariat = _client(world.secretariat)
    secretariat.post(act, {"action": "application_check_pass"})
    application.refresh_from_db()
    assert application.status == S.ELIGIBLE
    for expert in world.experts[:3]:
        secretariat.post(act, {"action": "assign", "expert": expert.pk})
        _client(expert.person.user).post(act, {"action": "score", "stage": "showcase",
                                               "score": "88"})
    secretariat.post(act, {"action": "showcase_close"})
    for expert in world.experts[:3]:
        _client(expert.person.user).post(act, {"action": "score", "stage": "interview",
                                               "score": "90"})
    secretariat.post(act, {"action": "interview_close"})
    # Without a quorum the page says why and nothing moves.
    response = secretariat.post(act, {"action": "vote", "present": "3", "yes": "3", "no": "0",
                                      "abstain": "0"}, follow=True)
    assert "不能表决" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.INTERVIEWED
    secretariat.post(act, {"action": "vote", "present": "5", "yes": "4", "no": "1",
                           "abstain": "0"})
    secretariat.post(f"/talent/rounds/{world.round.pk}/publicise/",
                     {"contact_phone": "0537-8888888"})
    application.refresh_from_db()
    assert application.status == S.PUBLICISED
    end = publicity_of(world.round).end_on
    hr = _client(world.hr)
    with _after(end + timedelta(days=1)):
        hr.post(act, {"action": "title_award"})
        hr.post(act, {"action": "subsidy_pay", "bank_ref": "N-1"})
    application.refresh_from_db()
    assert application.status == S.SUBSIDISED
    for kind, magic in (("announcement", b"PK"), ("subsidy-roll", b"PK"),
                        ("priority-list", b"PK"), ("tally", b"PK")):
        response = secretariat.get(f"/talent/rounds/{world.round.pk}/documents/{kind}/")
        assert response.status_code == 200 and response.content[:2] == magic, kind
    assert secretariat.get(f"/talent/applications/{application.pk}/form.docx").status_code == 200
    stats = secretariat.get("/api/v1/talent/statistics").json()
    assert stats["subsidies"]["paid_yuan"] == 1000
    assert "已发放1人1000元" in secretariat.get("/talent/statistics/").content.decode()
