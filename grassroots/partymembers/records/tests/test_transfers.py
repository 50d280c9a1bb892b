"""Transfers: issuing does not move the member, acceptance does (with the listeners); expiry;
the letter's validity is rule-set data; the table's refusals."""

from datetime import date

import pytest

from grassroots.core.errors import ApplicationError, NotInScope, TransitionNotAllowed
from grassroots.core.models import Event
from grassroots.party.models import PartyMember
from grassroots.rulesets.checks import RuleRefused
from grassroots.testing.refusals import refused

from .. import services
from ..models import Transfer, TransferStatus
from ..services import transfers as transfer_services
from .helpers import members_of, on


@pytest.fixture
def moved():
    calls = []

    def listener(member, from_org, to_org, actor):
        calls.append((member.pk, from_org.pk, to_org.pk, actor.pk))
        # the member has moved when the listener runs, in the same transaction
        assert PartyMember.objects.get(pk=member.pk).organisation_id == to_org.pk

    transfer_services.register_transfer_listener(listener)
    yield calls
    transfer_services._listeners.remove(listener)


def test_issuing_does_not_move_accepting_does(tree, moved):
    member = members_of(tree.branch_a1)[0]
    with on(date(2026, 5, 10)):
        transfer = services.transfer_issue(actor=tree.branch_secretary, member=member,
                                           to_org=tree.branch_b1, reason="工作调动")
        member.refresh_from_db()
        assert member.organisation_id == tree.branch_a1.pk
        assert transfer.valid_until == date(2026, 8, 10)
        assert transfer.letter_no == "组转〔2026〕1号"
        # the sending secretary cannot accept his own letter for the receiving branch
        with refused(NotInScope, "只有转入党组织的书记、上级组织委员或县委组织部可以接收或退回组织关系。",
                     unchanged=[transfer, member]):
            services.transfer_accept(actor=tree.branch_secretary, transfer=transfer)
        services.transfer_accept(actor=tree.org_dept, transfer=transfer)
    member.refresh_from_db()
    transfer.refresh_from_db()
    assert member.organisation_id == tree.branch_b1.pk
    assert transfer.status == TransferStatus.ACCEPTED
    assert moved == [(member.pk, tree.branch_a1.pk, tree.branch_b1.pk, tree.org_dept.pk)]
    assert Event.objects.filter(action="party_member_transferred", object_id=member.pk).exists()
    with refused(TransitionNotAllowed, "介绍信当前状态为“已接收”，不能撤销。"):
        services.transfer_cancel(actor=tree.branch_secretary, transfer=transfer, note="误开")


def test_validity_longer_than_the_rule_is_refused(tree):
    member = members_of(tree.branch_a1)[0]
    with refused(RuleRefused, "组织关系介绍信有效期最长不超过3个月。（依据：《中国共产党党员教育管理工作条例》）",
                 unchanged=[Transfer.objects.all()]):
        services.transfer_issue(actor=tree.branch_secretary, member=member,
                                to_org=tree.branch_b1, reason="工作调动", valid_months=4)


def test_expired_letter_cannot_be_accepted_and_expires_by_the_job(tree):
    member = members_of(tree.branch_a1)[0]
    with on(date(2026, 1, 31)):
        transfer = services.transfer_issue(actor=tree.branch_secretary, member=member,
                                           to_org=tree.branch_b1, reason="外出务工",
                                           valid_months=1)
    assert transfer.valid_until == date(2026, 2, 28)
    with on(date(2026, 2, 28)):
        assert services.transfers_expire() == 0  # the last valid day
    with on(date(2026, 3, 1)):
        with refused(ApplicationError, "介绍信已于2026-02-28过期，请转出党组织重新开具。",
                     unchanged=[transfer, member]):
            services.transfer_accept(actor=tree.org_dept, transfer=transfer)
        assert services.transfers_expire() == 1
    transfer.refresh_from_db()
    member.refresh_from_db()
    assert transfer.status == TransferStatus.EXPIRED
    assert member.organisation_id == tree.branch_a1.pk
    # a new letter may be issued once the old one is closed
    with on(date(2026, 3, 2)):
        again = services.transfer_issue(actor=tree.branch_secretary, member=member,
                                        to_org=tree.branch_b1, reason="外出务工")
    assert again.status == TransferStatus.ISSUED


def test_one_open_letter_at_a_time_and_return_with_reason(tree):
    member = members_of(tree.branch_a1)[0]
    transfer = services.transfer_issue(actor=tree.branch_secretary, member=member,
                                       to_org=tree.branch_b1, reason="工作调动")
    with refused(ApplicationError, "该党员已有未办结的组织关系介绍信。",
                 unchanged=[Transfer.objects.all()]):
        services.transfer_issue(actor=tree.branch_secretary, member=member,
                                to_org=tree.branch_p1, reason="工作调动")
    with refused(ApplicationError, "请填写退回原因。", unchanged=[transfer]):
        services.transfer_return(actor=tree.org_dept, transfer=transfer, note="")
    services.transfer_return(actor=tree.org_dept, transfer=transfer, note="接收单位信息有误")
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.RETURNED
    member.refresh_from_db()
    assert member.organisation_id == tree.branch_a1.pk
