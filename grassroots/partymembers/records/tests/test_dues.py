"""Dues: the 2008 bands at their boundaries (rule-set data), bills, payments, reductions
approved by the upper committee only, the arrears reminder."""

from datetime import date
from decimal import Decimal

import pytest

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.models import Notification
from grassroots.party.models import DuesCategory
from grassroots.rulesets.selectors import rule_set_by_code
from grassroots.testing.refusals import refused

from .. import services
from ..models import BillStatus, DuesBill, DuesReduction, ReductionStatus
from .helpers import members_of, on

D = Decimal


@pytest.mark.parametrize(("category", "base", "amount"), [
    ("employed", "3000", "15.00"),        # ≤ 3,000 inclusive: 0.5 %
    ("employed", "3000.01", "30.00"),     # above: 1 %
    ("employed", "5000", "50.00"),
    ("employed", "5000.01", "75.00"),     # 1.5 %
    ("employed", "10000", "150.00"),
    ("employed", "10000.01", "200.00"),   # 2 %
    ("retired", "5000", "25.00"),         # ≤ 5,000: 0.5 %
    ("retired", "5000.01", "50.00"),      # 1 %
    ("self_employed", "4000", "40.00"),
    ("farmer", None, "0.20"),             # the minimum without a declared amount
    ("farmer", "0.5", "0.50"),
    ("farmer", "3", "1.00"),              # capped at 1 yuan
    ("student", None, "0.20"),
    ("relief", "9000", "0.20"),
])
def test_bands_at_their_boundaries(db, category, base, amount):
    rs = rule_set_by_code("party.dues.2008")
    assert services.dues_amount(rs, category, D(base) if base else None) == D(amount)


def test_in_work_member_without_base_is_refused(db):
    rs = rule_set_by_code("party.dues.2008")
    with refused(ApplicationError, "请先申报党费基数。"):
        services.dues_amount(rs, "employed", None)


def _setup(tree):
    a, b, c, _p = members_of(tree.branch_a1)[:4]
    sec = tree.branch_secretary
    services.member_category_set(actor=sec, member=a, category=DuesCategory.EMPLOYED)
    services.dues_base_declare(actor=sec, member=a, month_from=date(2026, 1, 1),
                               kind="salary", amount=D("4200"))
    services.member_category_set(actor=sec, member=b, category=DuesCategory.FARMER)
    return a, b, c


def test_bills_are_issued_once_with_the_band_amount_and_paid(tree):
    a, b, c = _setup(tree)
    sec = tree.branch_secretary
    with on(date(2026, 3, 5)):
        made = services.dues_bills_issue(actor=sec, org=tree.branch_a1, month=date(2026, 3, 1))
        assert services.dues_bills_issue(actor=sec, org=tree.branch_a1,
                                         month=date(2026, 3, 1)) == 0
        assert made == 2  # c has no category
        bill = DuesBill.objects.get(member=a)
        assert bill.amount == D("42.00") and bill.status == BillStatus.DUE
        assert DuesBill.objects.get(member=b).amount == D("0.20")
        with refused(ApplicationError, "缴纳金额不能少于应缴金额42.00元。", unchanged=[bill]):
            services.dues_pay(actor=sec, bill=bill, paid_on=date(2026, 3, 5), amount=D("40"),
                              channel="cash")
        services.dues_pay(actor=sec, bill=bill, paid_on=date(2026, 3, 5), amount=D("42"),
                          channel="cash")
        bill.refresh_from_db()
        assert bill.status == BillStatus.PAID
        with refused(ApplicationError, "该月党费已缴纳或已免缴。"):
            services.dues_pay(actor=sec, bill=bill, paid_on=date(2026, 3, 5),
                              amount=D("42"), channel="cash")
    assert services.paid_through(a.pk) == date(2026, 3, 1)


def test_outsider_cannot_issue_bills(tree):
    with refused(NotInScope, "只有本支部书记、上级党（工）委组织委员或县委组织部可以办理该党员的事项。"):
        services.dues_bills_issue(actor=tree.park_officer, org=tree.branch_a1,
                                  month=date(2026, 3, 1))


def test_reduction_needs_the_upper_committee(tree):
    a, _b, _c = _setup(tree)
    sec = tree.branch_secretary
    with on(date(2026, 3, 5)):
        services.dues_bills_issue(actor=sec, org=tree.branch_a1, month=date(2026, 3, 1))
        reduction = services.dues_reduction_propose(
            actor=sec, member=a, month_from=date(2026, 3, 1), month_to=date(2026, 6, 1),
            monthly_amount=D("0"), reason="因病住院，家庭困难")
        with refused(NotInScope, "党费减免须由上级党（工）委审批。", unchanged=[reduction]):
            services.dues_reduction_decide(actor=sec, reduction=reduction, approve=True)
        services.dues_reduction_decide(actor=tree.town_officer, reduction=reduction,
                                       approve=True)
        reduction.refresh_from_db()
        assert reduction.status == ReductionStatus.APPROVED
        bill = DuesBill.objects.get(member=a, month=date(2026, 3, 1))
        assert (bill.status, bill.amount) == (BillStatus.WAIVED, D("0"))
        with pytest.raises(Exception) as exc:
            services.dues_reduction_decide(actor=tree.town_officer, reduction=reduction,
                                           approve=False)
        assert "已批准" in str(exc.value.message)
    assert DuesReduction.objects.count() == 1


def test_arrears_reminder_notifies_the_secretary_once(tree):
    a, _b, _c = _setup(tree)
    sec = tree.branch_secretary
    with on(date(2026, 3, 5)):
        services.dues_bills_issue(actor=sec, org=tree.branch_a1, month=date(2026, 3, 1))
    with on(date(2026, 4, 2)):
        services.arrears_remind()
        services.arrears_remind()
    mine = Notification.objects.filter(recipient=sec, kind="dues_arrears")
    assert mine.count() == 2  # a (42 yuan) and b (0.20) both owe March
