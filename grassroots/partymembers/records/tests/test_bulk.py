"""The county-wide dues runs: categories from the national column, bills for every branch,
a collection with arrears left out; only the county organisation department runs them."""

from datetime import date
from decimal import Decimal

from grassroots.core.errors import ApplicationError
from grassroots.party.models import PartyMember
from grassroots.testing.refusals import refused

from ..models import BillStatus, DuesBill, DuesPayment
from ..services import bulk
from .helpers import members_of, on


def test_county_run_from_categories_to_collection(tree):
    a, b = members_of(tree.branch_a1)[:2]
    PartyMember.objects.filter(pk=a.pk).update(category="在职")
    PartyMember.objects.filter(pk=b.pk).update(category="农民")
    actor = tree.org_dept
    with on(date(2026, 4, 3)):
        assert bulk.dues_categories_from_national(actor=actor) == 2
        bulk.dues_bases_declare_many(actor=actor, month_from=date(2026, 4, 1),
                                     entries=[(a.pk, "salary", Decimal("6000"))])
        assert bulk.dues_bills_issue_all(actor=actor, month=date(2026, 4, 1)) == 2
        assert bulk.dues_bills_issue_all(actor=actor, month=date(2026, 4, 1)) == 0
    assert DuesBill.objects.get(member=a).amount == Decimal("90.00")  # 1.5 % of 6,000
    with on(date(2026, 4, 20)):
        assert bulk.dues_collect(actor=actor, month=date(2026, 4, 1), paid_on=date(2026, 4, 20),
                                 unpaid_member_ids=[b.pk]) == 1
    assert DuesBill.objects.get(member=b).status == BillStatus.DUE
    assert DuesPayment.objects.get().amount == Decimal("90.00")


def test_only_the_county_runs_them(tree):
    with refused(ApplicationError, "全县批量办理只能由县委组织部进行。",
                 unchanged=[DuesBill.objects.all()]):
        bulk.dues_bills_issue_all(actor=tree.town_officer, month=date(2026, 4, 1))
