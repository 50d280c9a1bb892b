"""The pages: registers and exports, the case page's actions, the department's view of its
own question only, the secretary's recusal, the applicant's own view."""

from datetime import date

import pytest
from django.test import Client

from grassroots.core.errors import ApplicationError, NotInScope, NotVisible
from grassroots.testing.refusals import refused

from .. import services
from ..models import DevelopmentCase, Step
from ..transitions import Action as A
from ..transitions import case_actions
from .world import apply, at, walk


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_registers_pages_and_exports(dev):
    case = apply(dev, date(2023, 3, 1))
    walk(dev, case, Step.ACTIVIST)
    client = client_for(dev.tree.town_officer)
    page = client.get("/party/development/?register=activists")
    assert page.status_code == 200 and "申请人甲" in page.content.decode()
    assert "申请人甲" not in client.get("/party/development/?register=applicants").content.decode()
    export = client.get("/party/development/?register=activists&format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    for url in ("/party/development/overdue/", "/party/development/structure/?year=2023",
                "/party/development/plans/", "/party/development/joint-reviews/",
                "/party/development/negative/", f"/party/development/{case.pk}/record/",
                f"/party/development/{case.pk}/"):
        assert client.get(url).status_code == 200, url
    # The branch secretary of town B's branch does not see the case.
    assert client_for(dev.tree.park_officer).get(f"/party/development/{case.pk}/").status_code \
        == 404


@pytest.mark.django_db
def test_the_case_page_offers_exactly_the_allowed_actions_and_acts(dev):
    case = apply(dev, date(2023, 3, 1))
    secretary, officer = dev.tree.branch_secretary, dev.tree.town_officer
    assert case_actions(secretary, case) == [A.TALK, A.TERMINATE]
    assert case_actions(officer, case) == [A.TALK, A.TERMINATE]
    assert case_actions(dev.applicant.user, case) == [A.WITHDRAW]
    case.step = Step.ACTIVIST
    assert case_actions(secretary, case) == [A.TERMINATE]
    assert case_actions(officer, case) == [A.ACTIVIST_FILE, A.TERMINATE]
    case.refresh_from_db()
    page = client_for(secretary).get(f"/party/development/{case.pk}/").content.decode()
    assert 'data-testid="act-dev_talk"' in page and "act-dev_activist_file" not in page
    response = client_for(secretary).post(f"/party/development/{case.pk}/act/",
                                          {"action": A.TALK, "on": "2023-03-10"})
    assert response.status_code == 302
    assert DevelopmentCase.objects.get(pk=case.pk).talked_on == date(2023, 3, 10)


@pytest.mark.django_db
def test_a_department_sees_only_its_own_question(dev):
    case = apply(dev, date(2022, 1, 10), sector="school")
    case, day = walk(dev, case, Step.INTRODUCERS)
    with at(day):
        services.review_dispatch(actor=dev.tree.town_officer, case=case, on=day)
    water = case.review_checks.get(department=dev.water_dept)
    housing = case.review_checks.get(department=dev.housing_dept)
    client = client_for(dev.county.handler)  # the water bureau's
    listing = client.get("/party/development/review/").content.decode()
    assert dev.water_dept.question in listing and dev.housing_dept.question not in listing
    assert client.get(f"/party/development/review/{water.pk}/").status_code == 200
    assert client.get(f"/party/development/review/{housing.pk}/").status_code == 404
    assert client.get(f"/party/development/{case.pk}/").status_code == 404  # not the dossier
    with refused(NotVisible, "只有本部门的政审人员可以回复该政审函。", unchanged=[housing]):
        services.review_answer(actor=dev.county.handler, check=housing, answer="no_problem")
    client.post(f"/party/development/review/{water.pk}/", {"answer": "problem",
                                                           "finding": "有违法取水记录"})
    water.refresh_from_db()
    assert water.answer == "problem" and water.answered_by == dev.county.handler
    # The applicant's own page shows his steps, never the finding.
    mine = client_for(dev.applicant.user).get("/party/development/mine/").content.decode()
    assert "确定入党介绍人" in mine and "违法取水" not in mine and "表决" not in mine


@pytest.mark.django_db
def test_the_secretary_recuses_himself_for_a_close_relative(dev):
    secretary_person = dev.tree.branch_secretary.person
    case = apply(dev, date(2023, 3, 1), relative_official=secretary_person,
                 relative_post="村党支部书记", relation="配偶")
    report = case.close_relative_report
    with at(date(2023, 3, 10)):
        case = services.case_step(actor=dev.tree.town_officer, case=case, action=A.TALK,
                                  on=date(2023, 3, 10))
        assert A.ACTIVIST not in case_actions(dev.tree.branch_secretary, case)
        with refused(NotInScope, "您是申请人的近亲属所涉村干部，须回避，不能办理此步骤。",
                     unchanged=[case]):
            services.case_step(actor=dev.tree.branch_secretary, case=case, action=A.ACTIVIST,
                               recommendation="党员推荐")
        with refused(ApplicationError,
                     "近亲属入党特别报告经县委组织部同意后，才能确定为入党积极分子。", unchanged=[case]):
            services.case_step(actor=dev.tree.town_officer, case=case, action=A.ACTIVIST,
                               recommendation="党员推荐")
        services.close_relative_act(actor=dev.tree.town_officer, report=report,
                                    action="dev_cr_inspect", note="动机端正，群众公认")
        services.close_relative_act(actor=dev.tree.org_dept, report=report,
                                    action="dev_cr_approve", note="同意")
        case = services.case_step(actor=dev.tree.town_officer, case=case, action=A.ACTIVIST,
                                  recommendation="党员推荐")
    assert case.step == Step.ACTIVIST


@pytest.mark.django_db
def test_documents_are_filled_from_the_case(dev):
    import io

    from docx import Document

    from ..documents import record_docx, reply_docx

    case = apply(dev, date(2021, 1, 10), sector="school")
    with refused(ApplicationError, "上级党委审批后才能打印接收预备党员的批复。"):
        reply_docx(case)
    case, _day = walk(dev, case, Step.APPROVED)
    text = "\n".join(p.text for p in Document(io.BytesIO(reply_docx(case))).paragraphs)
    assert f"关于同意接收{case.person.name}同志为中共预备党员的批复" in text
    assert "中共金乡街道工作委员会" in text and "预备期一年" in text
    record = Document(io.BytesIO(record_docx(case)))
    cells = {c.text for t in record.tables for row in t.rows for c in row.cells}
    assert case.person.name in cells and "发展党员全程纪实表" in record.paragraphs[0].text
    response = client_for(dev.tree.town_officer).get(
        f"/party/development/{case.pk}/documents/reply.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_the_api_takes_a_step_and_a_department_answers_its_own_letter(dev):
    import json

    case = apply(dev, date(2022, 1, 10), sector="school")
    case, day = walk(dev, case, Step.INTRODUCERS)
    client = client_for(dev.tree.town_officer)
    listed = client.get("/api/v1/party/development/cases?kind=targets").json()
    assert [c["id"] for c in listed] == [case.pk]
    detail = client.get(f"/api/v1/party/development/cases/{case.pk}").json()
    assert detail["actions"] == [A.REVIEW_CONCLUDE, A.TERMINATE]
    refused_step = client.post(f"/api/v1/party/development/cases/{case.pk}/steps",
                               json.dumps({"action": A.TRAINING}),
                               content_type="application/json")
    assert refused_step.status_code == 409
    with at(day):
        services.review_dispatch(actor=dev.tree.town_officer, case=case, on=day)
    water = case.review_checks.get(department=dev.water_dept)
    department = client_for(dev.county.handler)
    letters = department.get("/api/v1/party/development/review-checks").json()
    assert [c["id"] for c in letters] == [water.pk] and "finding" not in letters[0]
    answered = department.post(f"/api/v1/party/development/review-checks/{water.pk}/answer",
                               json.dumps({"answer": "no_record"}),
                               content_type="application/json")
    assert answered.status_code == 200 and answered.json()["answer"] == "no_record"
    housing = case.review_checks.get(department=dev.housing_dept)
    assert department.post(f"/api/v1/party/development/review-checks/{housing.pk}/answer",
                           json.dumps({"answer": "no_record"}),
                           content_type="application/json").status_code == 404
