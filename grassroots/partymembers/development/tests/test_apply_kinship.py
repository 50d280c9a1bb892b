"""The applicant's own application declares a close kinship to the secretary of the branch he
applies to: the close-relative special report opens and the secretary is recused (S2 §4.1,
§4.4); a declaration without the relation is refused and writes nothing."""

import pytest

from ..models import CloseRelativeReport, DevelopmentCase
from .test_pages import client_for


def _post(client, org, **extra):
    return client.post("/party/development/apply/", {
        "organisation": org.pk, "birth_date": "1995-05-01", "sector": "school",
        "gender": "女", **extra})


@pytest.mark.django_db
def test_a_declared_kinship_opens_the_special_report_and_recuses_the_secretary(dev):
    branch = dev.tree.branch_a1
    assert branch.secretary_id == dev.tree.branch_secretary.person.pk
    client = client_for(dev.applicant.user)
    refused = _post(client, branch, relative="1", relation="")
    assert refused.status_code == 400
    assert "请选择与党支部书记的亲属关系。" in refused.content.decode()
    assert not DevelopmentCase.objects.filter(person=dev.applicant).exists()
    assert not CloseRelativeReport.objects.exists()

    page = client.get("/party/development/apply/").content.decode()
    assert 'data-testid="kinship"' in page and "<option>近姻亲</option>" in page
    assert _post(client, branch, relative="1", relation="配偶").status_code == 302
    case = DevelopmentCase.objects.get(person=dev.applicant)
    report = case.close_relative_report
    assert (report.official_id, report.relation, report.official_post) == (
        branch.secretary_id, "配偶", "党支部书记")
    assert case.recused_person_id == branch.secretary_id


@pytest.mark.django_db
def test_no_declaration_no_report(dev):
    client = client_for(dev.applicant.user)
    assert _post(client, dev.tree.branch_a1).status_code == 302
    case = DevelopmentCase.objects.get(person=dev.applicant)
    assert not CloseRelativeReport.objects.filter(case=case).exists()
    assert case.recused_person_id is None
