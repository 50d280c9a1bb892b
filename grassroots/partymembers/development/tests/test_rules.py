"""Each hard rule at its boundary (refused with the rule and its article, nothing written);
soft rules warn, flag the case and let it through."""

from datetime import date, timedelta

import pytest

from grassroots.core.errors import ApplicationError
from grassroots.rulesets.checks import RuleRefused, add_natural_months
from grassroots.testing.refusals import refused

from .. import services
from ..models import CaseStatus, DevelopmentCase, Step, StepRecord
from ..transitions import Action as A
from .world import apply, at, full_members, passed_vote, walk

BASIS = "（依据：《中国共产党发展党员工作细则》%s）"


def step(dev, case, action, day, **data):
    with at(day):
        return services.case_step(actor=dev.tree.org_dept, case=case, action=action, on=day,
                                  **data)


@pytest.mark.django_db
def test_age_18_on_the_application_day(dev):
    with refused(RuleRefused, "申请入党的人须年满18周岁。" + BASIS % "第五条",
                 unchanged=[DevelopmentCase, StepRecord]):
        apply(dev, date(2023, 2, 28), birth=date(2005, 3, 1))
    case = apply(dev, date(2023, 3, 1), birth=date(2005, 3, 1))
    record = StepRecord.objects.get(case=case)
    assert record.rule_results == [{"key": "applicant.min_age", "kind": "hard", "ok": True,
                                    "article": "第五条"}]
    assert case.rule_set.code == "party.dev.2014"


@pytest.mark.django_db
def test_a_late_talk_warns_and_lets_through(dev):
    case = apply(dev, date(2023, 3, 1))
    assert case.talk_due_on == date(2023, 4, 1)
    case = step(dev, case, A.TALK, date(2023, 4, 3))
    assert case.step == Step.TALKED
    case.refresh_from_db()
    assert case.is_overdue is True
    assert case.warnings[0]["key"] == "talk.within_months"
    assert case.warnings[0]["message"] == (
        "党组织应当在收到入党申请书后1个月内派人同入党申请人谈话。" + BASIS % "第七条")
    record = StepRecord.objects.get(case=case, action=A.TALK)
    assert record.has_warning and record.rule_results[0]["ok"] is False


@pytest.mark.django_db
def test_twelve_months_as_activist_across_a_transfer(dev):
    case = apply(dev, date(2022, 1, 10))
    case, _day = walk(dev, case, Step.CONTACTS)
    # The person moves to the village branch of town B: the case follows, the clock stays.
    with at(date(2022, 6, 1)):
        services.case_suspend(actor=dev.tree.org_dept, case=case, reason="调往胡集镇工作")
        case.refresh_from_db()
        with refused(ApplicationError, "组织关系转接中，暂停办理；转接完成后继续。", unchanged=[case]):
            step(dev, case, A.CANDIDATE, date(2022, 6, 1), opinions="同意")
        moved = services.case_follow_transfer(person=case.person, from_org=dev.tree.branch_a1,
                                              to_org=dev.tree.branch_b1, actor=dev.tree.org_dept)
    assert moved.organisation == dev.tree.branch_b1 and moved.status == CaseStatus.ACTIVE
    assert moved.activist_on == case.activist_on
    line = add_natural_months(case.activist_on, 12)
    with refused(RuleRefused, "入党积极分子经过12个月以上培养教育和考察，方可列为发展对象。"
                 + BASIS % "第十三条", unchanged=[moved]):
        step(dev, moved, A.CANDIDATE, line - timedelta(days=1), opinions="同意")
    moved = step(dev, moved, A.CANDIDATE, line, opinions="同意")
    assert moved.step == Step.CANDIDATE


@pytest.mark.django_db
def test_the_candidate_publicity_must_be_over_and_clear(dev):
    case = apply(dev, date(2022, 1, 10))
    case, day = walk(dev, case, Step.CANDIDATE)
    with refused(ApplicationError, "尚未公示，公示期满且无未处理异议后才能办理。", unchanged=[case]):
        step(dev, case, A.CANDIDATE_PUBLICITY, day)
    with at(day):
        publicity = services.case_publicity_start(actor=dev.tree.org_dept, case=case,
                                                  stage="candidate", contact_phone="0537-8721234")
    assert {f["label"] for f in publicity.published_fields} >= {"姓名", "拟定结果"}
    end = publicity.end_on
    with refused(ApplicationError, f"公示期至{end:%Y-%m-%d}（不少于5个工作日），期满后才能办理。",
                 unchanged=[case]):
        step(dev, case, A.CANDIDATE_PUBLICITY, end)
    case = step(dev, case, A.CANDIDATE_PUBLICITY, end + timedelta(days=1))
    assert case.step == Step.CANDIDATE_PUBLICISED


@pytest.mark.django_db
def test_the_joint_review_gates_the_filing_and_a_rejection_sends_back(dev):
    case = apply(dev, date(2022, 1, 10))
    case, day = walk(dev, case, Step.CANDIDATE_PUBLICISED)
    assert case.needs_joint_review
    with refused(ApplicationError, "该发展对象须经县乡联审同意后，才能报上级党委备案。",
                 unchanged=[case]):
        step(dev, case, A.CANDIDATE_FILE, day)
    actor = dev.tree.org_dept
    with at(day):
        review = services.joint_review_request(actor=actor, case=case, on=day)
        services.joint_review_act(actor=dev.tree.town_officer, review=review,
                                  action="dev_jr_town", opinion="同意上报", on=day)
        services.joint_review_act(actor=actor, review=review, action="dev_jr_reject",
                                  opinion="群众基础较弱，继续培养", on=day)
    case.refresh_from_db()
    assert case.step == Step.CONTACTS and case.candidate_on is None
    assert case.negative_entries.get().category == "procedure"
    assert case.negative_hits == 1


@pytest.mark.django_db
def test_two_full_members_introduce_and_the_review_must_be_complete(dev):
    case = apply(dev, date(2022, 1, 10), sector="school")
    case, day = walk(dev, case, Step.CANDIDATE_FILED)
    members = full_members(case.organisation)
    with refused(RuleRefused, "发展党员须有2名正式党员作入党介绍人，受留党察看处分尚未恢复党员权利的党员不能作入党介绍人。"
                 + BASIS % "第十四条", unchanged=[case]):
        step(dev, case, A.INTRODUCERS, day, introducers=[members[0].pk])
    probationary = case.organisation.members.filter(status="probationary").first().person
    with refused(ApplicationError, f"{probationary.name}不是正式党员，不能担任入党介绍人。",
                 unchanged=[case]):
        step(dev, case, A.INTRODUCERS, day, introducers=[members[0].pk, probationary.pk])
    case = step(dev, case, A.INTRODUCERS, day, introducers=[members[0].pk, members[1].pk])
    with at(day):
        services.review_dispatch(actor=dev.tree.town_officer, case=case, on=day)
    with refused(ApplicationError, "联审部门尚未全部回复（已回复0个，共2个），不能作出政审结论。",
                 unchanged=[case]):
        step(dev, case, A.REVIEW_CONCLUDE, day, conclusion="合格")


@pytest.mark.django_db
def test_a_disqualifying_finding_ends_the_case(dev):
    case = apply(dev, date(2022, 1, 10), sector="school")
    case, day = walk(dev, case, Step.INTRODUCERS)
    with at(day):
        services.review_dispatch(actor=dev.tree.town_officer, case=case, on=day)
        check = case.review_checks.get(department=dev.water_dept)
        services.review_answer(actor=dev.county.handler, check=check, answer="problem",
                               finding="2021年有违法取水行政处罚记录")
        other = case.review_checks.get(department=dev.housing_dept)
        services.review_answer(actor=dev.county.outsider, check=other, answer="no_record")
    with refused(ApplicationError, "有部门反映的问题尚待镇（街道）党（工）委认定。", unchanged=[case]):
        step(dev, case, A.REVIEW_CONCLUDE, day, conclusion="合格")
    with at(day):
        services.review_rule(actor=dev.tree.town_officer, check=check, disqualifying=True,
                             note="情节严重，不宜发展")
    case.refresh_from_db()
    assert case.status == CaseStatus.TERMINATED and case.step == Step.TERMINATED
    assert case.exit_reason == "政治审查不合格：情节严重，不宜发展"
    assert case.negative_entries.get().category == "risk"


@pytest.mark.django_db
def test_training_three_days_or_24_hours(dev):
    case = apply(dev, date(2022, 1, 10), sector="school")
    case, day = walk(dev, case, Step.REVIEWED)
    message = "发展对象须经过短期集中培训，培训时间一般不少于3天。" + BASIS % "第十八条"
    with refused(RuleRefused, message, unchanged=[case]):
        step(dev, case, A.TRAINING, day, days=2, hours=23)
    case = step(dev, case, A.TRAINING, day, days=0, hours=24)
    assert case.step == Step.TRAINED and case.training_hours == 24


@pytest.mark.django_db
def test_leaving_within_three_months_blocks_admission_unless_overridden(dev):
    case = apply(dev, date(2022, 1, 10), sector="school")
    case, day = walk(dev, case, Step.ADMISSION_PUBLICISED)
    case = services.case_leaving_set(actor=dev.tree.org_dept, case=case, leaving=True)
    with at(day):
        vote = passed_vote(dev, case, day)
    with refused(RuleRefused, "发展对象未来3个月内将离开工作、学习单位的，一般不办理接收预备党员手续。"
                 "（依据：《中国共产党发展党员工作细则》）", unchanged=[case]):
        step(dev, case, A.ADMIT, day, vote=vote)
    services.case_leaving_set(actor=dev.tree.org_dept, case=case, leaving=True,
                              override_reason="在本县内调动，组织关系随转")
    assert case.negative_entries.get().description == "三个月内将离开单位仍办理接收：在本县内调动，组织关系随转"
    case = step(dev, case, A.ADMIT, day, vote=vote)
    assert case.step == Step.ADMITTED
    assert case.probation_end_on == add_natural_months(day, 12)


@pytest.mark.django_db
def test_a_late_approval_warns(dev):
    case = apply(dev, date(2021, 1, 10), sector="school")
    case, day = walk(dev, case, Step.UPPER_TALKED)
    late = add_natural_months(case.admitted_on, 3) + timedelta(days=1)
    case = step(dev, case, A.APPROVE, late)
    assert case.step == Step.APPROVED and case.is_overdue
    assert case.warnings[-1]["key"] == "approval.within_months"


@pytest.mark.django_db
def test_the_probation_is_extended_once_by_6_to_12_months(dev):
    case = apply(dev, date(2020, 1, 10), sector="school")
    case, day = walk(dev, case, Step.CONVERSION_PUBLICISED)
    day = max(day, case.probation_end_on)
    with at(day):
        vote = passed_vote(dev, case, day)
    for months, text in ((5, "延长预备期不能少于6个月。"), (13, "延长预备期最长不超过12个月。")):
        with refused(RuleRefused, text + BASIS % "第五章", unchanged=[case]):
            step(dev, case, A.CONVERSION_VOTE, day, vote=vote, decision="extend", months=months)
    case = step(dev, case, A.CONVERSION_VOTE, day, vote=vote, decision="extend", months=6)
    end = case.probation_end_on
    case = step(dev, case, A.EXTEND, day + timedelta(days=5))
    assert case.step == Step.SWORN and case.probation_end_on == add_natural_months(end, 6)
    day = case.probation_end_on - timedelta(days=7)
    case = step(dev, case, A.CONVERSION_APPLY, day)
    with at(day):
        services.case_publicity_start(actor=dev.tree.org_dept, case=case, stage="conversion",
                                      contact_phone="0537-8721234")
    case = step(dev, case, A.CONVERSION_PUBLICITY, day + timedelta(days=10))
    day = max(day + timedelta(days=10), case.probation_end_on)
    with at(day):
        vote = passed_vote(dev, case, day)
    with refused(RuleRefused, "预备期只能延长1次。" + BASIS % "第五章", unchanged=[case]):
        step(dev, case, A.CONVERSION_VOTE, day, vote=vote, decision="extend", months=6)
    case = step(dev, case, A.CONVERSION_VOTE, day, vote=vote, decision="convert")
    case = step(dev, case, A.CONVERT, day + timedelta(days=3))
    assert case.converted_on == case.probation_end_on
