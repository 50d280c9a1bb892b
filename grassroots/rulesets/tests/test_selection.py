"""Which set is in force on a day (docs/rulesets.md §Selection)."""

import importlib
from datetime import date
from fractions import Fraction

import pytest

from grassroots.rulesets.models import RuleParam, RuleSet
from grassroots.rulesets.selectors import (
    NoRuleSet,
    rule_param,
    rule_set_by_code,
    rule_set_in_force,
)
from grassroots.rulesets.shipped import SETS, ship

from .factories import RuleSetFactory

pytestmark = pytest.mark.django_db


def test_shipped_2014_set_is_in_force_from_its_first_day_inclusive():
    with pytest.raises(NoRuleSet) as exc:
        rule_set_in_force("party.dev", date(2014, 6, 10))
    assert exc.value.message == ("2014-06-10 没有施行中的“party.dev”规则，"
                                 "请管理员在规则库中确认或新增。")
    assert rule_set_in_force("party.dev", date(2014, 6, 11)).code == "party.dev.2014"


def test_draft_2026_is_not_selected_implicitly_only_explicitly():
    assert rule_set_in_force("party.dev", date(2026, 6, 1)).code == "party.dev.2014"
    assert rule_set_in_force("party.dev", date(2026, 6, 1), include_drafts=True).code \
        == "party.dev.2026"
    draft = rule_set_by_code("party.dev.2026")
    assert draft.is_draft
    assert rule_param(draft, "publicity.candidate.min_working_days").value == 5


def test_confirmed_2026_takes_over_from_its_effective_date():
    RuleSet.objects.filter(code="party.dev.2026").update(status="confirmed")
    assert rule_set_in_force("party.dev", date(2026, 5, 17)).code == "party.dev.2014"
    assert rule_set_in_force("party.dev", date(2026, 5, 18)).code == "party.dev.2026"


def test_effective_to_is_exclusive():
    RuleSetFactory(family="x", code="x.a", effective_from=date(2020, 1, 1),
                   effective_to=date(2021, 1, 1))
    assert rule_set_in_force("x", date(2020, 12, 31)).code == "x.a"
    with pytest.raises(NoRuleSet):
        rule_set_in_force("x", date(2021, 1, 1))


def test_local_set_wins_over_its_base_only_inside_its_window():
    base = RuleSetFactory(family="x", code="x.base", effective_from=date(2020, 1, 1))
    RuleSetFactory(family="x", code="x.base.county", scope="county", base=base,
                   effective_from=date(2022, 1, 1))
    RuleSetFactory(family="x", code="x.base.province", scope="province", base=base,
                   effective_from=date(2021, 1, 1))
    assert rule_set_in_force("x", date(2020, 6, 1)).code == "x.base"
    assert rule_set_in_force("x", date(2021, 6, 1)).code == "x.base.province"
    assert rule_set_in_force("x", date(2022, 1, 1)).code == "x.base.county"


def test_a_draft_local_set_does_not_win():
    base = RuleSetFactory(family="x", code="x.base")
    RuleSetFactory(family="x", code="x.base.county", scope="county", base=base, status="draft")
    assert rule_set_in_force("x", date(2023, 1, 1)).code == "x.base"


def test_a_newer_national_set_ends_the_local_set_of_the_old_one():
    old = RuleSetFactory(family="x", code="x.old", effective_from=date(2020, 1, 1))
    RuleSetFactory(family="x", code="x.old.county", scope="county", base=old,
                   effective_from=date(2020, 1, 1))
    RuleSetFactory(family="x", code="x.new", effective_from=date(2024, 1, 1))
    assert rule_set_in_force("x", date(2023, 12, 31)).code == "x.old.county"
    assert rule_set_in_force("x", date(2024, 1, 1)).code == "x.new"


def test_shipping_again_creates_nothing_and_keeps_a_confirmation():
    RuleSet.objects.filter(code="party.dev.2026").update(status="confirmed")
    # Only the sets shipped here (system apps ship their own families by their migrations).
    codes = [s["code"] for s in SETS]
    mine = RuleSet.objects.filter(code__in=codes)
    rows = mine.count(), RuleParam.objects.filter(rule_set__code__in=codes).count()
    assert ship(RuleSet, RuleParam) == 0
    assert (mine.count(), RuleParam.objects.filter(rule_set__code__in=codes).count()) == rows
    assert rule_set_by_code("party.dev.2026").status == "confirmed"
    # 0003_party_dev_gates adds the gate parameters to every party.dev set.
    gates = importlib.import_module("grassroots.rulesets.migrations.0003_party_dev_gates")
    dev_sets = sum(1 for s in SETS if s["family"] == "party.dev")
    assert rows == (len(SETS), sum(len(s["params"]) for s in SETS) + dev_sets * len(gates.PARAMS))


def test_shipped_numbers_from_the_spec():
    rs = rule_set_by_code("party.dev.2014")
    values = {key: rule_param(rs, key).value for key in (
        "applicant.min_age", "activist.min_months", "talk.within_months", "training.min_days",
        "training.min_hours", "approval.within_months", "approval.special_within_months",
        "probation.months", "probation.extension.min_months", "probation.extension.max_months",
        "probation.extension.max_times")}
    assert values == {"applicant.min_age": 18, "activist.min_months": 12,
                      "talk.within_months": 1, "training.min_days": 3, "training.min_hours": 24,
                      "approval.within_months": 3, "approval.special_within_months": 6,
                      "probation.months": 12, "probation.extension.min_months": 6,
                      "probation.extension.max_months": 12, "probation.extension.max_times": 1}
    assert rule_param(rs, "talk.within_months").kind == "soft"
    assert rule_param(rs, "activist.min_months").kind == "hard"
    org = rule_set_in_force("party.org", date(2025, 1, 1))
    assert [rule_param(org, k).value for k in (
        "branch.min_full_members", "committee.min_full_members", "joint_branch.max_units",
        "term.village_years", "term.other_years")] == [3, 7, 5, 5, 3]
    vote = rule_set_in_force("party.vote", date(2025, 1, 1))
    quorum = rule_param(vote, "quorum.present_over_should_attend")
    assert (quorum.display_value, quorum.inclusive, quorum.value) == ("1/2", False, Fraction(1, 2))
    title = rule_set_in_force("talent.title.vote", date(2025, 1, 1))
    assert rule_param(title, "pass.yes_over_present").display_value == "2/3"
    draft = rule_set_by_code("party.dev.2026")
    assert all("(recalled)" in p.source or "(inferred)" in p.source for p in draft.params.all())
    assert rule_param(draft, "branch_meeting.within_months").article == "第十九条"
    assert rule_set_in_force("publicity", date(2025, 1, 1)).params.get().value == 5
