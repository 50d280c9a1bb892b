"""Lost contact (6 months → suspension with a search log; 2 more years → removal as 自行脱党),
mobile members, exemptions, the counters in one query."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.party.models import MemberStatus, PartyMember
from grassroots.rulesets.checks import RuleRefused
from grassroots.testing.refusals import refused

from .. import services
from ..selectors import with_counters
from .helpers import meeting_attended, members_of, on


def test_suspension_after_six_months_with_a_search_then_removal_two_years_later(tree):
    member = members_of(tree.branch_a1)[0]
    sec, officer = tree.branch_secretary, tree.town_officer
    with on(date(2025, 9, 1)):
        services.member_lost_contact(actor=sec, member=member, since=date(2025, 3, 15))
    with on(date(2025, 9, 14)):
        services.contact_search_log(actor=sec, member=member, searched_on=date(2025, 9, 14),
                                    method="call", note="电话停机，走访家属未果")
        with refused(NotInScope, "须由上级党（工）委（组织委员）或县委组织部决定。",
                     unchanged=[member]):
            services.member_suspend(actor=sec, member=member)
        with refused(RuleRefused, "党员与党组织失去联系6个月以上、经认真查找仍无音讯的，可以停止其党籍。"
                     "（依据：《中国共产党党员教育管理工作条例》第二十四条）", unchanged=[member]):
            services.member_suspend(actor=officer, member=member)
    with on(date(2025, 9, 15)):
        services.member_suspend(actor=officer, member=member, document="街党工委〔2025〕5号")
    member.refresh_from_db()
    assert (member.status, member.suspended_on) == (MemberStatus.SUSPENDED, date(2025, 9, 15))
    with on(date(2027, 9, 14)), refused(
            RuleRefused, "停止党籍24个月后确实无法取得联系的，按照自行脱党予以除名。"
            "（依据：《中国共产党党员教育管理工作条例》第二十四条）", unchanged=[member]):
        services.member_remove_lapsed(actor=officer, member=member)
    with on(date(2027, 9, 15)):
        services.member_remove_lapsed(actor=officer, member=member)
    member.refresh_from_db()
    assert member.status == MemberStatus.REMOVED and not member.is_active


def test_suspension_needs_a_search_log(tree):
    member = members_of(tree.branch_a1)[0]
    with on(date(2025, 1, 1)):
        services.member_lost_contact(actor=tree.branch_secretary, member=member,
                                     since=date(2024, 1, 1))
        with refused(ApplicationError, "停止党籍前须有查找记录（电话、走访或信函）。",
                     unchanged=[member]):
            services.member_suspend(actor=tree.town_officer, member=member)


def test_counters_from_meetings_dues_and_work_in_one_query(tree):
    a, b, c = members_of(tree.branch_a1)[:3]
    with on(date(2026, 6, 20)):
        meeting_attended(tree.branch_a1, date(2026, 6, 5), a.person, absent=[b.person])
        meeting_attended(tree.branch_a1, date(2025, 12, 5), b.person)
        services.work_assign(actor=tree.branch_secretary, member=c, title="入户宣讲",
                             due_on=date(2026, 6, 30))
    with on(date(2026, 3, 5)):
        services.member_category_set(actor=tree.branch_secretary, member=b, category="student")
        services.dues_bills_issue(actor=tree.branch_secretary, org=tree.branch_a1,
                                  month=date(2026, 3, 1))
    with on(date(2026, 12, 7)):
        services.dues_bills_issue(actor=tree.branch_secretary, org=tree.branch_a1,
                                  month=date(2026, 11, 1))
    today = date(2026, 12, 7)
    with CaptureQueriesContext(connection) as queries:
        rows = {m.pk: m for m in with_counters(
            PartyMember.objects.filter(organisation__path__startswith=tree.town_a.path), today)}
    assert len(queries) == 1
    # a attended in June: July–November without = 5; b in Dec 2025: Jan–Nov = 11;
    # c never attended: from joining (2015-03) on
    assert rows[a.pk].months_without_org_life == 5
    assert rows[b.pk].months_without_org_life == 11
    assert rows[c.pk].months_without_org_life == (2026 * 12 + 11) - (2015 * 12 + 3)
    assert rows[b.pk].months_dues_unpaid == 2 and rows[a.pk].months_dues_unpaid == 0
    # c's work was due 2026-06-30: July–November = 5 months (the current month not counted)
    assert rows[c.pk].months_work_not_done == 5
    assert rows[a.pk].months_work_not_done == 0


def test_exempt_member_has_no_org_life_counter(tree):
    a = members_of(tree.branch_a1)[0]
    approver = tree.town_officer.person
    with refused(NotInScope, "须由上级党（工）委（组织委员）或县委组织部决定。", unchanged=[a]):
        services.member_exempt(actor=tree.branch_secretary, member=a, reason="年老体弱卧床",
                               approver=approver, approved_on=date(2026, 1, 5))
    services.member_exempt(actor=tree.town_officer, member=a, reason="年老体弱卧床",
                           approver=approver, approved_on=date(2026, 1, 5))
    row = with_counters(PartyMember.objects.filter(pk=a.pk), date(2026, 12, 7)).get()
    assert row.is_exempt and row.months_without_org_life == 0


def test_mobile_member_needs_a_mobile_organisation(tree):
    a = members_of(tree.branch_a1)[0]
    with refused(ApplicationError, "请选择流动党员党组织。", unchanged=[a]):
        services.member_mobile_set(actor=tree.branch_secretary, member=a, destination="上海市",
                                   since=date(2026, 1, 1), mobile_org=tree.branch_b1)
    services.member_mobile_set(actor=tree.branch_secretary, member=a, destination="上海市",
                               since=date(2026, 1, 1))
    a.refresh_from_db()
    assert a.is_mobile and a.mobile_destination == "上海市"
