"""Restoring a suspended member (恢复党籍), the mobile members' contact log and the list of those
not contacted, 留党察看 on the member and its effect on the introducer check, the profile's
table of actions."""

from datetime import date

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import events_for
from grassroots.party.models import MemberStatus
from grassroots.partymembers.development.services import introducer_checks
from grassroots.rulesets.checks import RuleRefused
from grassroots.testing.refusals import refused

from .. import services
from ..models import MobileContact, PartyProbation
from ..selectors import mobile_uncontacted
from .helpers import members_of, on


def _suspended(tree, member):
    sec, officer = tree.branch_secretary, tree.town_officer
    with on(date(2025, 9, 1)):
        services.member_lost_contact(actor=sec, member=member, since=date(2025, 3, 1))
        services.contact_search_log(actor=sec, member=member, searched_on=date(2025, 9, 1),
                                    method="visit", note="走访家属，外出务工下落不明")
        services.member_suspend(actor=officer, member=member, document="街党工委〔2025〕5号")
    member.refresh_from_db()
    assert member.status == MemberStatus.SUSPENDED
    return member


def test_suspended_member_who_reappears_is_restored_by_the_upper_committee(tree):
    member = _suspended(tree, members_of(tree.branch_a1)[0])
    was_full = member.full_on is not None
    with on(date(2026, 5, 10)):
        with refused(NotInScope, "须由上级党（工）委（组织委员）或县委组织部决定。",
                     unchanged=[member]):
            services.member_restore(actor=tree.branch_secretary, member=member,
                                    requested_on=date(2026, 5, 6), review="遵守纪律，愿意履行义务")
        with refused(ApplicationError, "请填写停止党籍期间表现的审查意见。", unchanged=[member]):
            services.member_restore(actor=tree.town_officer, member=member,
                                    requested_on=date(2026, 5, 6), review="")
        services.member_restore(actor=tree.town_officer, member=member,
                                requested_on=date(2026, 5, 6), review="停止党籍期间遵守党的纪律，"
                                "愿意继续履行党员义务", document="街党工委〔2026〕9号")
    member.refresh_from_db()
    assert member.status == (MemberStatus.FULL if was_full else MemberStatus.PROBATIONARY)
    assert member.suspended_on is None and member.lost_contact_since is None
    assert not member.is_lost_contact and member.increase_info == "恢复党籍"
    event = events_for(member).filter(action="member_restored").get()
    assert event.extra["change"] == "增加" and event.extra["document"] == "街党工委〔2026〕9号"
    with refused(ApplicationError, "只有已停止党籍的党员才能恢复党籍。", unchanged=[member]):
        services.member_restore(actor=tree.town_officer, member=member,
                                requested_on=date(2026, 5, 6), review="再次申请恢复")


def test_restoring_is_refused_once_the_two_years_have_run(tree):
    member = _suspended(tree, members_of(tree.branch_a1)[0])
    with on(date(2027, 9, 1)), refused(
            RuleRefused, "停止党籍24个月后确实无法取得联系的，按照自行脱党予以除名。"
            "（依据：《中国共产党党员教育管理工作条例》第二十四条）", unchanged=[member]):
        services.member_restore(actor=tree.town_officer, member=member,
                                requested_on=date(2027, 8, 30), review="遵守纪律，愿意履行义务")
    with on(date(2027, 8, 31)):
        services.member_restore(actor=tree.town_officer, member=member,
                                requested_on=date(2027, 8, 30), review="遵守纪律，愿意履行义务")


def test_reinstate_button_on_the_profile(client, tree):
    member = _suspended(tree, members_of(tree.branch_a1)[0])
    client.force_login(tree.town_officer)
    with on(date(2026, 1, 5)):
        page = client.get(f"/party/members/{member.pk}/profile/").content.decode()
        assert 'data-testid="reinstate"' in page
        response = client.post(f"/party/members/{member.pk}/do/reinstate/", {
            "requested_on": "2026-01-04", "review": "遵守纪律，愿意履行义务", "document": ""})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status in (MemberStatus.FULL, MemberStatus.PROBATIONARY)
    client.force_login(tree.branch_secretary)  # sees the profile, may not decide
    assert 'data-testid="reinstate"' not in client.get(
        f"/party/members/{member.pk}/profile/").content.decode()


def test_mobile_contact_log_and_the_list_of_members_not_contacted(client, tree):
    a, b, c = members_of(tree.branch_a1)[:3]
    sec = tree.branch_secretary
    with on(date(2026, 1, 10)):
        for m in (a, b):
            services.member_mobile_set(actor=sec, member=m, destination="苏州市",
                                       since=date(2026, 1, 5))
        with refused(ApplicationError, "该党员不是流动党员。"):
            services.mobile_contact_log(actor=sec, member=c, contacted_on=date(2026, 1, 10),
                                        channel="phone", note="询问近况")
        with refused(ApplicationError, "联系日期不能早于外出日期。"):
            services.mobile_contact_log(actor=sec, member=a, contacted_on=date(2026, 1, 4),
                                        channel="phone", note="询问近况")
    with on(date(2026, 3, 1)):
        services.mobile_contact_log(actor=sec, member=a, contacted_on=date(2026, 3, 1),
                                    channel="online", note="传达主题党日学习内容")
    assert MobileContact.objects.filter(member=a).count() == 1
    # 3 months (rule set): on 2026-04-06, b (never contacted, left 01-05) is due, a is not
    assert list(mobile_uncontacted(sec, date(2026, 4, 6), 3)) == [b]
    assert set(mobile_uncontacted(sec, date(2026, 6, 1), 3)) == {a, b}
    with on(date(2026, 4, 6)):
        client.force_login(sec)
        page = client.get("/party/transfers/?tab=mobile").content.decode()
        assert b.person.name in page and a.person.name not in page
        response = client.post(f"/party/members/{b.pk}/do/mobile-contact/", {
            "contacted_on": "2026-04-06", "channel": "phone", "note": "了解务工情况"})
        assert response.status_code == 302
        assert b.person.name not in client.get("/party/transfers/?tab=mobile").content.decode()
        client.force_login(tree.member)
        other = client.post(f"/party/members/{a.pk}/do/mobile-contact/", {
            "contacted_on": "2026-04-06", "channel": "phone", "note": "越权登记"})
        assert other.status_code == 404
    assert MobileContact.objects.filter(member=a).count() == 1


def test_party_probation_bars_an_introducer_until_rights_are_restored(tree):
    member = members_of(tree.branch_a1)[0]
    assert services.under_party_probation in introducer_checks.all()
    with on(date(2026, 2, 1)):
        with refused(NotInScope, "须由上级党（工）委（组织委员）或县委组织部决定。"):
            services.party_probation_record(actor=tree.branch_secretary, member=member,
                                            start_on=date(2026, 1, 20), end_on=date(2027, 1, 19),
                                            decision="县纪委〔2026〕3号 留党察看一年")
        services.party_probation_record(actor=tree.town_officer, member=member,
                                         start_on=date(2026, 1, 20), end_on=date(2027, 1, 19),
                                         decision="县纪委〔2026〕3号 留党察看一年")
    person = member.person
    assert services.under_party_probation(person, date(2026, 1, 19)) is None
    assert services.under_party_probation(person, date(2026, 6, 1)) == (
        f"{person.name}受留党察看处分，尚未恢复党员权利，不能作入党介绍人。")
    # the period ran out, the rights not yet restored: still barred
    assert services.under_party_probation(person, date(2027, 2, 1)) is not None
    with on(date(2027, 2, 1)):
        services.party_probation_restore(actor=tree.town_officer, member=member,
                                         restored_on=date(2027, 1, 20))
    assert PartyProbation.objects.get(member=member).restored_on == date(2027, 1, 20)
    assert services.under_party_probation(person, date(2027, 2, 1)) is None
    assert services.under_party_probation(person, date(2026, 6, 1)) is not None
