"""The forms behind the candidates: staff find a member, record a valid reason (it stops the
counters' candidate for its period) and flag a candidate with evidence (never a disposal);
the boundaries refuse with their message and nothing is written; outsiders get 404."""

from datetime import date, timedelta

import pytest

from ..models import DisposalCase, Source, State, ValidReason
from ..services.common import today
from .test_pages import client_for


@pytest.mark.django_db
def test_the_secretary_finds_the_member_and_records_a_valid_reason(dsp):
    client = client_for(dsp.tree.branch_secretary)
    found = client.get("/party/disposal/members/", {"q": "被处置"}).content.decode()
    url = f"/party/disposal/members/{dsp.subject.pk}/"
    assert url in found
    assert client.get(url).status_code == 200
    response = client.post(url + "act/", {
        "op": "reason", "counter": "org_life", "reason": "患病住院",
        "valid_from": "2025-01-01", "valid_to": "2025-06-30"})
    assert response.status_code == 302
    reason = ValidReason.objects.get(member=dsp.subject)
    assert (reason.counter, reason.reason, reason.valid_to) == ("org_life", "患病住院",
                                                                date(2025, 6, 30))
    assert reason.recorded_by == dsp.tree.branch_secretary
    assert "患病住院" in client.get(url).content.decode()
    # A bad period: refused with its message, nothing written.
    refused = client.post(url + "act/", {
        "op": "reason", "counter": "all", "reason": "外出务工",
        "valid_from": "2025-06-01", "valid_to": "2025-01-01"})
    assert refused.status_code == 400 and "起止日期" in refused.content.decode()
    assert ValidReason.objects.filter(member=dsp.subject).count() == 1


@pytest.mark.django_db
def test_a_flag_with_evidence_opens_a_candidate_only(dsp):
    client = client_for(dsp.tree.town_officer)
    url = f"/party/disposal/members/{dsp.subject.pk}/act/"
    day = today() - timedelta(days=3)
    response = client.post(url, {
        "op": "flag", "source": Source.COMPLAINT, "on": day.isoformat(),
        "code_0": "C12", "evidence_0": "多次拒不接受支部分配的任务",
        "from_0": (day - timedelta(days=60)).isoformat(), "to_0": day.isoformat()})
    case = DisposalCase.objects.get(member=dsp.subject)
    assert response.status_code == 302 and response["Location"] == f"/party/disposal/{case.pk}/"
    assert (case.state, case.source, case.raised_on) == (State.CANDIDATE, Source.COMPLAINT, day)
    assert [c.criterion.code for c in case.criteria.all()] == ["C12"]
    assert case.decided_measure == ""


@pytest.mark.django_db
def test_the_flag_form_refuses_what_the_rules_refuse(dsp):
    client = client_for(dsp.tree.branch_secretary)
    url = f"/party/disposal/members/{dsp.subject.pk}/act/"
    base = {"op": "flag", "source": Source.INSPECTION, "code_0": "C12",
            "evidence_0": "拒不接受任务"}
    no_evidence = client.post(url, {**base, "evidence_0": ""})
    assert no_evidence.status_code == 400 and "事实和证据" in no_evidence.content.decode()
    discipline = client.post(url, {**base, "discipline_breach": "1"})
    assert discipline.status_code == 400
    counters = client.post(url, {**base, "source": Source.COUNTERS})
    assert counters.status_code == 400 and "线索来源" in counters.content.decode()
    assert not DisposalCase.objects.filter(member=dsp.subject).exists()


@pytest.mark.django_db
def test_outsiders_and_the_member_get_404(dsp):
    url = f"/party/disposal/members/{dsp.subject.pk}/"
    for user in (dsp.subject.person.user, dsp.tree.member, dsp.eighth_secretary):
        client = client_for(user)
        assert client.get(url).status_code == 404
        assert client.post(url + "act/", {"op": "reason", "reason": "x", "counter": "all",
                                          "valid_from": "2025-01-01"}).status_code == 404
    assert not ValidReason.objects.exists()
    # Another branch's secretary does not find the member by name either.
    assert "被处置党员" not in client_for(dsp.eighth_secretary).get(
        "/party/disposal/members/", {"q": "被处置"}).content.decode()
