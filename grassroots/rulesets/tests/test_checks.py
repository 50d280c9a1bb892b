"""Hard rules refuse with the rule's text and article, soft rules warn and flag the case;
deadlines in natural months and working days (00-common §1.2–1.3)."""

from datetime import date
from fractions import Fraction

import pytest
from django.template import Context, Template

from grassroots.core.models import Event
from grassroots.rulesets.checks import (
    RuleRefused,
    add_natural_months,
    overdue_annotate,
    rule_bind,
    rule_check,
    rule_due_on,
    rule_require,
    warning_record,
)
from grassroots.rulesets.models import RuleSet
from grassroots.rulesets.selectors import rule_param, rule_set_by_code, rule_set_in_force
from grassroots.testing.rulecase.models import Application

pytestmark = pytest.mark.django_db


def dev2014():
    return rule_set_by_code("party.dev.2014")


def test_hard_rule_refuses_with_its_text_and_article_exactly():
    with pytest.raises(RuleRefused) as exc:
        rule_check(dev2014(), "applicant.min_age", 17, field="birth_date")
    assert exc.value.message == ("申请入党的人须年满18周岁。"
                                 "（依据：《中国共产党发展党员工作细则》第五条）")
    assert exc.value.status_code == 400
    assert exc.value.field == "birth_date"
    assert exc.value.extra == {"rule_set": "party.dev.2014", "key": "applicant.min_age",
                               "article": "第五条"}
    assert rule_check(dev2014(), "applicant.min_age", 18) is None


def test_message_without_article_and_with_caller_placeholders():
    rs = rule_set_by_code("talent.title.vote.2019")
    param = rule_param(rs, "pass.yes_over_present")
    param.text = "同意{yes}票，须达到出席专家的{value}。"
    with pytest.raises(RuleRefused) as exc:
        rule_require(rs, "pass.yes_over_present", False, yes=5)
    assert exc.value.message == "同意5票，须达到出席专家的2/3。（依据：《职称评审管理暂行规定》）"


def test_vote_fractions_are_exact_and_strict_where_the_rule_says_more_than():
    vote = rule_set_in_force("party.vote", date(2025, 1, 1))
    quorum = rule_param(vote, "quorum.present_over_should_attend")
    assert not quorum.admits(Fraction(5, 10))  # exactly half is not more than half
    assert quorum.admits(Fraction(6, 10))
    title = rule_set_in_force("talent.title.vote", date(2025, 1, 1))
    passing = rule_param(title, "pass.yes_over_present")
    assert passing.admits(Fraction(6, 9))  # exactly two thirds passes (≥)
    assert not passing.admits(Fraction(5, 9))


def test_soft_rule_warns_and_the_case_records_it():
    rs = dev2014()
    case = Application(title="张三入党申请", started_on=date(2025, 1, 31))
    assert rule_bind(case, "party.dev", case.started_on) == rs
    due = rule_due_on(rs, "talk.within_months", case.started_on)
    case.due_on, case.due_param_id = due.due_on, due.rule_param_id
    case.save()
    events = Event.objects.count()
    warning = rule_require(rs, "talk.within_months", date(2025, 3, 3) <= due.due_on,
                           due_on=due.due_on)
    assert warning.message == ("党组织应当在收到入党申请书后1个月内派人同入党申请人谈话。"
                               "（依据：《中国共产党发展党员工作细则》第七条）")
    warning_record(case, warning)
    warning_record(case, warning)  # the same deadline is recorded once
    case.refresh_from_db()
    assert case.is_overdue is True
    assert case.warnings == [{
        "rule_set": "party.dev.2014", "key": "talk.within_months", "article": "第七条",
        "message": warning.message, "param_id": rule_param(rs, "talk.within_months").pk,
        "due_on": "2025-02-28", "overdue": True}]
    assert Event.objects.count() == events  # the caller's service records its own event


def test_a_case_keeps_the_set_in_force_when_it_started():
    case = Application(title="李四", started_on=date(2026, 5, 1))
    rule_bind(case, "party.dev", case.started_on)
    case.save()
    RuleSet.objects.filter(code="party.dev.2026").update(status="confirmed")
    case = Application.objects.select_related("rule_set").get(pk=case.pk)
    assert case.rule_set.code == "party.dev.2014"
    assert rule_set_in_force("party.dev", date(2026, 6, 1)).code == "party.dev.2026"


def test_natural_months_clip_the_day_to_the_month_end():
    assert add_natural_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_natural_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_natural_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_natural_months(date(2025, 3, 15), 12) == date(2026, 3, 15)
    due = rule_due_on(dev2014(), "probation.months", date(2024, 2, 29))
    assert (due.due_on, due.provisional) == (date(2025, 2, 28), False)
    assert due.rule_param_id == rule_param(dev2014(), "probation.months").pk


def test_working_days_skip_the_national_day_holiday_and_count_the_adjusted_sunday():
    draft = rule_set_by_code("party.dev.2026")
    # Fri 2025-09-26: Sun 28 (adjusted workday), Mon 29, Tue 30, holiday 1–8 Oct, Thu 9, Fri 10.
    due = rule_due_on(draft, "publicity.candidate.min_working_days", date(2025, 9, 26))
    assert (due.due_on, due.provisional) == (date(2025, 10, 10), False)


def test_working_days_in_a_year_without_calendar_data_are_provisional():
    draft = rule_set_by_code("party.dev.2026")
    due = rule_due_on(draft, "publicity.candidate.min_working_days", date(2031, 3, 6))
    assert (due.due_on, due.provisional) == (date(2031, 3, 13), True)  # Mon–Fri only


def test_rule_due_on_refuses_a_param_that_is_not_a_duration():
    with pytest.raises(ValueError):
        rule_due_on(dev2014(), "introducers.count", date(2025, 1, 1))


def test_overdue_rows_are_annotated_in_the_database():
    rs = dev2014()
    common = {"rule_set": rs, "started_on": date(2025, 1, 1)}
    late = Application.objects.create(title="late", due_on=date(2025, 2, 1), **common)
    done = Application.objects.create(title="done", due_on=date(2025, 2, 1),
                                      answered_on=date(2025, 1, 20), **common)
    flagged = Application.objects.create(title="flagged", due_on=date(2025, 9, 1),
                                         is_overdue=True, **common)
    fresh = Application.objects.create(title="fresh", due_on=date(2025, 9, 1), **common)
    rows = overdue_annotate(Application.objects.all(), today=date(2025, 3, 1),
                            done_field="answered_on")
    assert {r.pk: r.overdue for r in rows} == {late.pk: True, done.pk: False, flagged.pk: True,
                                               fresh.pk: False}


def test_warnings_show_red_on_the_case_card():
    case = Application(title="x", started_on=date(2025, 1, 1), is_overdue=True,
                       warnings=[{"message": "谈话超期。", "due_on": "2025-02-01"}])
    html = Template("{% load rulesets %}{% rule_warnings case %}"
                    "<tr class='{{ case|rule_row_class }}'>").render(Context({"case": case}))
    assert 'data-testid="rule-warnings"' in html and "#b91c1c" in html
    assert "谈话超期。" in html and "期限 2025-02-01" in html and "已超期" in html
    assert "<tr class='overdue'>" in html
    quiet = Template("{% load rulesets %}{% rule_warnings case %}").render(
        Context({"case": Application(title="y", started_on=date(2025, 1, 1))}))
    assert "rule-warnings" not in quiet
