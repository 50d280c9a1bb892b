"""Privacy per role (00-common §9): the branch and the town see the case; the 8th branch's
committee only the members assigned to it; the member only his own notice, measure and appeal
rights; nothing of a disposal in any public output. The documents, the ledger, the API and the
statistics."""

from datetime import date

import pytest
from django.test import Client

from grassroots.publicity.models import Publicity

from .. import selectors
from ..models import State
from ..transitions import Action as A
from ..transitions import case_actions
from .world import flag


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _in_education(dsp):
    case = flag(dsp, date(2025, 3, 1))
    case, day = dsp.walker.decide(case, date(2025, 3, 2), months=12)
    return case, day


@pytest.mark.django_db
def test_each_role_sees_what_it_may(dsp):
    case = flag(dsp, date(2025, 3, 1))
    url = f"/party/disposal/{case.pk}/"
    secretary = client_for(dsp.tree.branch_secretary)
    page = secretary.get(url)
    assert page.status_code == 200 and "被处置党员" in page.content.decode()
    assert 'data-testid="act-dsp_identify"' in page.content.decode()
    assert "被处置党员" in secretary.get("/party/disposal/").content.decode()
    # The town officer sees it and may not identify for the branch's committee... he may: he
    # manages the branch; the 8th branch's secretary does not see a case not assigned to him.
    assert client_for(dsp.tree.town_officer).get(url).status_code == 200
    eighth = client_for(dsp.eighth_secretary)
    assert eighth.get(url).status_code == 404
    # The member himself: not the case page (404, as for anyone), not the list.
    member = client_for(dsp.subject.person.user)
    assert member.get(url).status_code == 404
    assert member.get("/party/disposal/").status_code == 404
    assert "暂无" in member.get("/party/disposal/mine/").content.decode()  # a candidate: nothing yet
    # A member of another organisation: nothing.
    assert client_for(dsp.tree.member).get(url).status_code == 404


@pytest.mark.django_db
def test_the_eighth_branch_committee_sees_the_members_assigned_to_it(dsp):
    case, day = _in_education(dsp)
    eighth = client_for(dsp.eighth_secretary)
    page = eighth.get(f"/party/disposal/{case.pk}/")
    assert page.status_code == 200
    assert case_actions(dsp.eighth_secretary, case) == [A.QUARTER_REVIEW]
    roll = eighth.get(f"/party/disposal/eighth/{dsp.tree.eighth_a.pk}/")
    assert roll.status_code == 200 and "被处置党员" in roll.content.decode()
    ledger = eighth.get(f"/party/disposal/eighth/{dsp.tree.eighth_a.pk}/?format=xlsx")
    assert ledger["Content-Type"].startswith("application/vnd.openxmlformats")
    response = eighth.post(f"/party/disposal/{case.pk}/act/", {
        "action": "education", "form": "study", "by": "第八支部书记", "content": "学习党章",
        "on": day.isoformat()})
    assert response.status_code == 302
    assert case.education_records.get().content == "学习党章"
    # Another branch's case stays hidden from him.
    other = flag(dsp, date(2025, 3, 1), member=dsp.tree.member_record)
    assert eighth.get(f"/party/disposal/{other.pk}/").status_code == 404
    assert [c.pk for c in selectors.cases_in_scope(dsp.eighth_secretary)] == [case.pk]


@pytest.mark.django_db
def test_the_member_sees_his_notice_measure_and_appeal_rights_only(dsp):
    case, _day = _in_education(dsp)
    member = client_for(dsp.subject.person.user)
    text = member.get("/party/disposal/mine/").content.decode()
    assert "限期改正" in text and f"{case.correction_until:%Y-%m-%d}" in text
    assert "申诉" in text
    assert "拒不接受支部分配的任务" not in text  # the evidence is not his page's
    assert "本人承认未履行党员义务" not in text  # nor the talk
    assert member.get(f"/party/disposal/{case.pk}/").status_code == 404
    assert member.get(f"/api/v1/party/disposal/cases/{case.pk}").status_code == 404


@pytest.mark.django_db
def test_nothing_of_a_disposal_is_public(dsp):
    case, _day = _in_education(dsp)
    assert not Publicity.objects.exists()
    public = Client().get("/publicity/")
    assert public.status_code in (200, 302, 404)
    assert "被处置党员" not in public.content.decode()


@pytest.mark.django_db
def test_documents_and_statistics(dsp):
    case, _day = _in_education(dsp)
    client = client_for(dsp.tree.town_officer)
    for doc in ("approval-form", "decision", "correction-notice", "talk"):
        response = client.get(f"/party/disposal/{case.pk}/documents/{doc}.docx")
        assert response.status_code == 200, doc
        assert response["Content-Type"].startswith("application/vnd.openxmlformats"), doc
    stats = client.get("/party/disposal/statistics/")
    assert stats.status_code == 200
    assert selectors.in_education_count(dsp.tree.town_officer) == 1
    rows = selectors.by_town_and_state(dsp.tree.town_officer)
    assert rows == [(dsp.tree.town_a.pk, dsp.tree.town_a.name, State.IN_EDUCATION, 1)]
    assert selectors.by_measure(dsp.tree.org_dept) == {"correction": 1}
    assert client_for(dsp.tree.branch_secretary).get(
        "/party/disposal/statistics/").status_code == 404


@pytest.mark.django_db
def test_transformation_rate(dsp):
    case, day = _in_education(dsp)
    case, day = dsp.walker.educate(case, day, 1)
    dsp.walker.step(case, A.TRANSFORM, day, note="转变明显")
    rate = selectors.transformation_rate(dsp.tree.org_dept)
    assert (rate["transformed"], rate["closed"], rate["rate"]) == (1, 1, 1.0)
    assert rate["mean_days_in_education"] == (day - case.education_started_on).days


@pytest.mark.django_db
def test_the_api_lists_shows_and_steps(dsp):
    case = flag(dsp, date(2025, 3, 1))
    client = client_for(dsp.tree.branch_secretary)
    listed = client.get("/api/v1/party/disposal/cases").json()
    assert [c["id"] for c in listed] == [case.pk]
    detail = client.get(f"/api/v1/party/disposal/cases/{case.pk}").json()
    assert detail["actions"] == [A.IDENTIFY, A.DROP] and detail["criteria"] == ["C12"]
    done = client.post(f"/api/v1/party/disposal/cases/{case.pk}/steps", {
        "action": A.IDENTIFY, "measure": "correction", "note": "支委会研究认定"},
        content_type="application/json")
    assert done.status_code == 200 and done.json()["state"] == State.IDENTIFIED
    refused = client.post(f"/api/v1/party/disposal/cases/{case.pk}/steps", {
        "action": A.APPROVE, "opinion": "同意"}, content_type="application/json")
    assert refused.status_code == 409
