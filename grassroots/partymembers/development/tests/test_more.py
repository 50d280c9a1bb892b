"""What #18 added to the pipeline: an introducer under 留党察看 refused; the plan quota at
step 07; configuration pages; the applicant applying himself; the stage documents; the talent
priority flag on the case page."""

from datetime import date

import pytest

from grassroots.core.errors import ApplicationError
from grassroots.party.models import PartyMember
from grassroots.partymembers.records import services as records
from grassroots.testing.factories import PersonFactory
from grassroots.testing.refusals import refused

from .. import services
from ..models import DevelopmentCase, Step
from ..transitions import Action as A
from .world import apply, at, full_members, walk


def step(dev, case, action, day, **data):
    with at(day):
        return services.case_step(actor=dev.tree.org_dept, case=case, action=action, on=day,
                                  **data)


@pytest.mark.django_db
def test_an_introducer_under_party_probation_is_refused(dev):
    case = apply(dev, date(2022, 1, 10), sector="school")
    case, day = walk(dev, case, Step.CANDIDATE_FILED)
    members = full_members(case.organisation)
    punished = PartyMember.objects.get(person=members[1])
    with at(day):
        records.party_probation_record(actor=dev.tree.org_dept, member=punished,
                                       start_on=day, end_on=date(day.year + 1, 1, 1),
                                       decision="县纪委 留党察看一年")
    with refused(ApplicationError, f"{members[1].name}受留党察看处分，尚未恢复党员权利，"
                 "不能作入党介绍人。", unchanged=[case]):
        step(dev, case, A.INTRODUCERS, day, introducers=[members[0].pk, members[1].pk])
    case = step(dev, case, A.INTRODUCERS, day, introducers=[members[0].pk, members[2].pk])
    assert set(case.introducers.values_list("pk", flat=True)) == {members[0].pk, members[2].pk}
    assert DevelopmentCase.objects.get(pk=case.pk).step == Step.INTRODUCERS


@pytest.mark.django_db
def test_plan_quota_at_step_07_refuses_beyond_the_plan_unless_the_county_approved(dev):
    from ..models import DevelopmentPlan, NegativeListEntry

    first = apply(dev, date(2022, 1, 10), sector="school")
    first, day = walk(dev, first, Step.CONTACTS)
    second = apply(dev, date(2022, 1, 10), sector="school",
                   person=PersonFactory(name="申请人乙", user=None))
    second, _ = walk(dev, second, Step.CONTACTS)
    line = date(2023, 3, 1)
    with at(line):
        services.plan_set(actor=dev.tree.org_dept, year=2023, organisation=dev.tree.root,
                          quota=5)
        services.plan_set(actor=dev.tree.org_dept, year=2023, organisation=dev.tree.town_a,
                          quota=1)
    first = step(dev, first, A.CANDIDATE, line, opinions="同意")
    gate = first.records.get(step=Step.CANDIDATE).rule_results[-1]
    assert gate["key"] == "plan.quota" and "计划1名，已确定发展对象0名" in gate["message"]
    message = ("中共金乡街道工作委员会2023年发展计划1名已用完（已确定发展对象1名）。"
               "超计划确定发展对象须经县委组织部同意，请填写批准情况。")
    with refused(ApplicationError, message, unchanged=[second, NegativeListEntry]):
        step(dev, second, A.CANDIDATE, line, opinions="同意")
    second = step(dev, second, A.CANDIDATE, line, opinions="同意",
                  over_plan="县委组织部2023年3月1日同意超计划1名")
    assert second.step == Step.CANDIDATE
    verdict = second.records.get(step=Step.CANDIDATE).rule_results[-1]
    assert verdict["key"] == "plan.quota" and verdict["ok"] is False
    entry = NegativeListEntry.objects.get(case=second)
    assert entry.category == "rush" and "超计划办理" in entry.description
    assert DevelopmentPlan.objects.count() == 2


@pytest.mark.django_db
def test_configuration_page_for_departments_and_plans_is_the_county_s(client, dev):
    from ..models import DevelopmentPlan, ReviewDepartment

    client.force_login(dev.tree.town_officer)
    assert client.get("/party/development/configure/").status_code == 403
    assert client.post("/party/development/configure/", {
        "what": "plan", "year": "2026", "organisation": dev.tree.town_a.pk,
        "quota": "30"}).status_code == 403
    client.force_login(dev.tree.org_dept)
    page = client.get("/party/development/configure/").content.decode()
    assert "是否有违法违规用水记录" in page
    response = client.post("/party/development/configure/", {
        "what": "plan", "year": "2026", "organisation": dev.tree.town_a.pk, "quota": "30"})
    assert response.status_code == 302
    assert DevelopmentPlan.objects.get(year=2026, organisation=dev.tree.town_a).quota == 30
    bad = client.post("/party/development/configure/", {
        "what": "plan", "year": "2026", "organisation": dev.tree.town_a.pk, "quota": "-3"})
    assert bad.status_code == 400 and "请填写整数。" in bad.content.decode()
    blank = client.post("/party/development/configure/", {
        "what": "plan", "year": "2026", "organisation": dev.tree.town_a.pk, "quota": ""})
    assert blank.status_code == 400 and "发展计划数须为不小于0的整数。" in blank.content.decode()
    assert DevelopmentPlan.objects.get(year=2026, organisation=dev.tree.town_a).quota == 30
    client.post("/party/development/configure/", {
        "what": "department", "organization": dev.county.water.pk,
        "question": "是否有违法取水记录", "order": "1"})
    water = ReviewDepartment.objects.get(organization=dev.county.water)
    assert water.question == "是否有违法取水记录" and not water.is_active


@pytest.mark.django_db
def test_the_applicant_applies_himself_and_the_branch_sees_it(client, dev):
    user = dev.applicant.user
    client.force_login(user)
    mine = client.get("/party/development/mine/").content.decode()
    assert 'data-testid="apply-self"' in mine
    assert client.get("/party/development/apply/").status_code == 200
    with at(date(2026, 3, 2)):
        response = client.post("/party/development/apply/", {
            "organisation": dev.tree.branch_a1.pk, "birth_date": "1998-04-01",
            "sector": "community", "gender": "女", "education": "大学本科", "job": "社区网格员"})
        assert response.status_code == 302
    case = DevelopmentCase.objects.get(person=dev.applicant)
    assert (case.step, case.applied_on, case.organisation) == (
        Step.APPLIED, date(2026, 3, 2), dev.tree.branch_a1)
    assert case.records.get().actor == user
    with at(date(2026, 3, 2)):
        again = client.post("/party/development/apply/", {
            "organisation": dev.tree.branch_a1.pk, "birth_date": "1998-04-01",
            "sector": "community"})
    assert again.status_code == 400 and "已有正在办理的入党申请" in again.content.decode()
    client.force_login(dev.tree.branch_secretary)
    with at(date(2026, 3, 3)):
        register = client.get("/party/development/?register=applicants&year=2026")
    assert dev.applicant.name in register.content.decode()


@pytest.mark.django_db
def test_the_talent_priority_flag_shows_on_the_case_page(client, dev, monkeypatch):
    from types import SimpleNamespace

    from grassroots.talent import selectors as talent

    case = apply(dev, date(2026, 1, 5))
    client.force_login(dev.tree.org_dept)
    assert 'data-testid="talent-flag"' not in client.get(
        f"/party/development/{case.pk}/").content.decode()
    seen = []
    award = SimpleNamespace(level=SimpleNamespace(name="县级乡村工匠"), certificate_no="JX-2025-007")

    def flags(person):
        seen.append(person)
        return [SimpleNamespace(kind="party_development", award=award),
                SimpleNamespace(kind="recruitment", award=award)]

    monkeypatch.setattr(talent, "priority_flags_for", flags)
    page = client.get(f"/party/development/{case.pk}/").content.decode()
    assert seen == [dev.applicant]
    assert page.count('data-testid="talent-flag"') == 1
    assert "乡村人才（县级乡村工匠，证书JX-2025-007）：在同等条件下优先发展。" in page


def _docx_text(data: bytes) -> str:
    import io

    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.django_db
def test_every_stage_document_opens_with_the_case_s_fields(client, dev):
    from ..stage_documents import STAGE_DOCUMENTS, form_docx

    case = apply(dev, date(2022, 1, 10), sector="rural",
                 relative_official=dev.tree.town_officer.person, relative_post="村委会主任",
                 relation="表兄弟")
    with at(date(2022, 1, 12)):
        report = case.close_relative_report
        for action in ("dev_cr_inspect", "dev_cr_approve"):
            services.close_relative_act(actor=dev.tree.org_dept, report=report, action=action,
                                        note="入党动机端正，群众公认")
            report.refresh_from_db()
    case.refresh_from_db()
    with refused(ApplicationError, "“02 党组织派人谈话”办理后才能打印该文书。"):
        STAGE_DOCUMENTS["talk"][1](case)
    case, _day = walk(dev, case, Step.COMPLETED, start=date(2022, 1, 15))
    case = DevelopmentCase.objects.get(pk=case.pk)
    name = dev.applicant.name
    expected = {
        "talk": ["同入党申请人谈话记录", f"{case.talked_on:%Y-%m-%d}"],
        "activist-register": ["入党积极分子登记表", f"{case.activist_on:%Y-%m-%d}", "大学本科"],
        "activist-filing": ["关于确定入党积极分子的备案报告", "中共金乡街道工作委员会"],
        "examination": ["培养考察登记表", "学习认真，表现良好"],
        "candidate-publicity": ["发展对象人选公示", "拟确定为发展对象", "个工作日"],
        "joint-review": ["县乡联审表", "同意"],
        "close-relative": ["近亲属入党特别报告单", "村委会主任", "表兄弟"],
        "candidate-filing": ["发展对象的备案报告", f"{case.candidate_on:%Y-%m-%d}"],
        "review-summary": ["联审意见汇总表", "无问题", dev.county.water.name],
        "training": ["结业证明", f"培训{case.training_days}天"],
        "pre-review": ["预审请示", f"{case.committee_reviewed_on:%Y-%m-%d}"],
        "admission-publicity": ["拟接收预备党员公示", "拟接收为预备党员"],
        "approval-request": ["接收预备党员的请示", case.volunteer_book_no],
        "county-filing": ["预备党员备案报告", f"{case.approved_on:%Y-%m-%d}"],
        "oath": ["入党宣誓记录", f"{case.oath_on:%Y-%m-%d}"],
        "probation": ["预备党员教育考察登记表", f"{case.probation_end_on:%Y-%m-%d}"],
        "conversion-publicity": ["拟转正公示", "拟按期转为正式党员"],
        "archive-list": ["档案材料清单", "入党宣誓记录", f"{case.converted_on:%Y-%m-%d}"],
    }
    assert set(expected) == set(STAGE_DOCUMENTS)
    for slug, words in expected.items():
        text = _docx_text(form_docx(STAGE_DOCUMENTS[slug][1](case)))
        assert name in text, slug
        for word in words:
            assert word in text, (slug, word)
    publicity = _docx_text(form_docx(STAGE_DOCUMENTS["candidate-publicity"][1](case)))
    assert dev.applicant.id_number_masked not in publicity or not dev.applicant.id_number_masked
    client.force_login(dev.tree.org_dept)
    page = client.get(f"/party/development/{case.pk}/").content.decode()
    assert 'data-testid="stage-documents"' in page
    pdf = client.get(f"/party/development/{case.pk}/documents/oath.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(f"/party/development/{case.pk}/documents/training.docx")
    assert docx.status_code == 200 and "结业证明" in _docx_text(docx.content)
