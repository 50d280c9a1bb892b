"""The meeting calendar: obligations generate expected meetings; held meetings fulfil them;
held/expected per branch and month is one aggregate; the home page counts what is open."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from grassroots.core.errors import NotInScope
from grassroots.party.models import PartyOrganisation

from ..home import home_items
from ..models import ExpectedMeeting
from ..periods import period_of
from ..selectors import calendar, missing_by_obligation
from ..services import expected_generate, meeting_create

pytestmark = pytest.mark.django_db


def on(y, m, d):
    return timezone.make_aware(datetime(y, m, d, 9, 0))


def test_periods():
    assert period_of("month", date(2025, 2, 14)) == (date(2025, 2, 1), date(2025, 2, 28))
    assert period_of("quarter", date(2025, 5, 1)) == (date(2025, 4, 1), date(2025, 6, 30))
    assert period_of("year", date(2025, 5, 1)) == (date(2025, 1, 1), date(2025, 12, 31))


def test_expected_and_held_per_branch_and_month(party):
    # a meeting held before the calendar is generated is attached when it is
    meeting_create(actor=party.secretary_a, org=party.branch_a, kind="theme_day",
                   title="一月主题党日", held_at=on(2025, 1, 15), held=True)
    created = expected_generate(actor=party.org_dept, first=date(2025, 1, 1),
                                last=date(2025, 3, 31))
    # branch A (committee): 3 monthly × 3 + 2 quarterly + 2 yearly; branch B: 1 × 3 + 2 + 2
    assert created == 13 + 7
    assert expected_generate(actor=party.org_dept, first=date(2025, 1, 1),
                             last=date(2025, 3, 31)) == 0
    meeting_create(actor=party.secretary_a, org=party.branch_a, kind="theme_day",
                   title="一月第二次主题党日", held_at=on(2025, 1, 28), held=True)
    meeting_create(actor=party.secretary_a, org=party.branch_a, kind="general_meeting",
                   title="一季度党员大会", held_at=on(2025, 2, 10), held=True)
    meeting_create(actor=party.secretary_a, org=party.branch_a, kind="life_meeting",
                   title="组织生活会", held_at=on(2025, 3, 20), held=True,
                   democratic_appraisal=True)
    data = calendar(party.org_dept, party.county_committee, 2025)
    rows = {r["org"].pk: r["cells"] for r in data["rows"]}
    a, b = rows[party.branch_a.pk], rows[party.branch_b.pk]
    assert a[0] == {"expected": 3, "held": 1}  # January: two theme days count once
    assert a[1] == {"expected": 3, "held": 0}
    assert a[2] == {"expected": 5, "held": 1}  # March: the quarter's general meeting, lecture
    assert a[11] == {"expected": 2, "held": 2}  # the year's life meeting and appraisal
    assert b[0] == {"expected": 1, "held": 0} and b[2] == {"expected": 3, "held": 0}
    assert a[3] is None  # April was not generated
    assert (data["expected"], data["held"]) == (20, 4)
    missing = {m["obligation"]: (m["missing"], m["expected"])
               for m in missing_by_obligation(party.org_dept, party.county_committee, 2025)}
    assert missing["theme_day"] == (5, 6) and missing["appraisal"] == (1, 2)
    # the branch secretary sees his branch only; the town officer his town's tree
    own = calendar(party.secretary_a, party.county_committee, 2025)
    assert [r["org"].pk for r in own["rows"]] == [party.branch_a.pk]
    assert [r["org"].pk for r in calendar(party.officer_a, party.town_a, 2025)["rows"]] == [
        party.branch_a.pk]
    assert calendar(party.secretary_b, party.branch_a, 2025)["rows"] == []


def test_only_the_county_generates(party):
    with pytest.raises(NotInScope) as exc:
        expected_generate(actor=party.secretary_a, first=date(2025, 1, 1), last=date(2025, 1, 31))
    assert exc.value.message == "只有平台管理员或组织部可以生成应开会议。"
    assert not ExpectedMeeting.objects.exists()


def test_home_item_counts_open_expectations_of_the_current_periods(party):
    from grassroots.core.scope import get_scope

    today = timezone.localdate()
    expected_generate(actor=None, first=today, last=today)
    items = home_items(party.secretary_a, get_scope(party.secretary_a))
    assert len(items) == 1 and items[0]["count"] == 7 and items[0]["section"] == "party"
    meeting_create(actor=party.secretary_a, org=party.branch_a, kind="theme_day",
                   title="本月主题党日", held_at=timezone.now() - timedelta(minutes=1), held=True)
    items = home_items(party.secretary_a, get_scope(party.secretary_a))
    assert items[0]["count"] == 6
    assert items[0]["due_on"] == period_of("month", today)[1]
    # branch B has no committee: 5 obligations
    assert home_items(party.secretary_b, get_scope(party.secretary_b))[0]["count"] == 5


def test_periods_follow_the_rule_set_in_force(party):
    """A county set tightening the general meeting to every two months changes the periods
    generated while it is in force."""
    from grassroots.rulesets.models import RuleScope, RuleSet
    from grassroots.rulesets.selectors import rule_set_in_force

    base = rule_set_in_force("party.org", date(2025, 1, 1))
    local = RuleSet.objects.create(
        family="party.org", code="party.org.2018.jinxiang", title="金乡县组织生活制度",
        issuer="中共金乡县委组织部", effective_from=date(2025, 1, 1), status="confirmed",
        scope=RuleScope.COUNTY, base=base)
    for p in base.params.all():
        p.pk = None
        p.rule_set = local
        if p.key == "life.general_meeting_months":
            p.numerator, p.denominator = 2, 1
        p.save()
    expected_generate(actor=None, first=date(2025, 1, 1), last=date(2025, 3, 31),
                      orgs=PartyOrganisation.objects.filter(pk=party.branch_b.pk))
    periods = list(ExpectedMeeting.objects.filter(obligation="general_meeting")
                   .values_list("period_start", "period_end"))
    assert periods == [(date(2025, 1, 1), date(2025, 2, 28)), (date(2025, 3, 1), date(2025, 4, 30))]
    lectures = ExpectedMeeting.objects.filter(obligation="lecture")
    assert list(lectures.values_list("period_end", flat=True)) == [date(2025, 3, 31)]


def test_generation_attaches_the_earliest_matching_meeting_held_before_it(party):
    """Meetings recorded before their periods were generated: each open expectation takes the
    earliest held meeting of a matching kind in its period; a life meeting without the
    democratic appraisal does not fulfil the appraisal."""
    first = meeting_create(actor=party.secretary_a, org=party.branch_a, kind="theme_day",
                           title="一月主题党日", held_at=on(2025, 1, 8), held=True)
    meeting_create(actor=party.secretary_a, org=party.branch_a, kind="theme_day",
                   title="一月第二次主题党日", held_at=on(2025, 1, 22), held=True)
    life = meeting_create(actor=party.secretary_a, org=party.branch_a, kind="life_meeting",
                          title="组织生活会", held_at=on(2025, 3, 20), held=True)
    expected_generate(actor=None, first=date(2025, 1, 1), last=date(2025, 3, 31))
    rows = {(e.obligation, e.period_start): e.meeting_id
            for e in ExpectedMeeting.objects.filter(org=party.branch_a)}
    assert rows[("theme_day", date(2025, 1, 1))] == first.pk
    assert rows[("theme_day", date(2025, 2, 1))] is None
    assert rows[("life_meeting", date(2025, 1, 1))] == life.pk
    assert rows[("appraisal", date(2025, 1, 1))] is None
