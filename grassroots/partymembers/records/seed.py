"""Demo step 750 "党员档案、党费与组织关系转接": categories from the national column, a payroll
of bases, a year of monthly bills and collections with some arrears, a few hardship
reductions, transfers (open, accepted, expired), mobile members (some "口袋党员") and lost
contact (searched, two suspended) — through the records' services with the clock moved.
Idempotent: it does nothing when bills exist already. Registered by ``partymembers/demo.py``
(an app's ``demo`` module is the demo builder's plug-in)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from grassroots.core.clock import travel
from grassroots.party.models import (
    BRANCH_KINDS,
    DuesCategory,
    MemberStatus,
    PartyMember,
    PartyOrganisation,
    SpecialKind,
)
from grassroots.rulesets.checks import add_natural_months

from . import services
from .models import DuesBill, Transfer, TransferStatus
from .services import bulk


def _at(day: date, hour: int = 10):
    return travel(timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0)))


def seed_records(ctx) -> dict[str, int]:
    """The step (``ctx``: the demo builder's SeedContext; registered by ../demo.py)."""
    from grassroots.people.models import User

    actor = User.objects.filter(username="org_dept").first()
    if actor is None or DuesBill.objects.exists() or not PartyMember.objects.exists():
        return records_counts()
    rng = ctx.rng("party_records")
    today = timezone.localdate()
    first = add_natural_months(today.replace(day=1), -11)
    months = [add_natural_months(first, i) for i in range(12)]
    with _at(first):
        bulk.dues_categories_from_national(actor=actor)
        ranges = {DuesCategory.EMPLOYED: ("salary", 2500, 12500),
                  DuesCategory.SELF_EMPLOYED: ("self_employed", 1800, 6500),
                  DuesCategory.RETIRED: ("pension", 2600, 7200)}
        entries = [(pk, ranges[cat][0], Decimal(rng.randrange(ranges[cat][1], ranges[cat][2], 50)))
                   for pk, cat in PartyMember.objects.filter(
                       is_active=True, dues_category__in=list(ranges)).values_list(
                       "pk", "dues_category").order_by("pk")]
        bulk.dues_bases_declare_many(actor=actor, month_from=first, entries=entries)
    members = list(PartyMember.objects.filter(is_active=True).values_list("pk", flat=True)
                   .order_by("pk"))
    # ~3 % stop paying some months before today (arrears); ~2 % pay a month late.
    arrears = {pk: rng.randint(2, 8) for pk in rng.sample(members, max(1, len(members) // 33))}
    bar = ctx.bar(len(months), "党费账单与收缴")
    for index, month in enumerate(months):
        left = len(months) - index
        unpaid = {pk for pk, n in arrears.items() if n >= left}
        with _at(month.replace(day=3)):
            bulk.dues_bills_issue_all(actor=actor, month=month)
        paid_on = min(month.replace(day=20), today)
        with _at(paid_on, 16):
            bulk.dues_collect(actor=actor, month=month, paid_on=paid_on,
                              unpaid_member_ids=unpaid)
        bar.update(1)
    bar.close()
    _reductions(actor, rng, members, months)
    _transfers(actor, rng, today)
    _mobile_and_lost(actor, rng, today)
    return records_counts()


def _reductions(actor, rng, members, months):
    for pk in rng.sample(members, 3):
        member = PartyMember.objects.get(pk=pk)
        with _at(months[-3].replace(day=8)):
            reduction = services.dues_reduction_propose(
                actor=actor, member=member, month_from=months[-3], month_to=months[-1],
                monthly_amount=Decimal("0"), reason="因病致贫，家庭生活困难")
            services.dues_reduction_decide(actor=actor, reduction=reduction, approve=True)


def _village_members(rng, n, exclude=()):
    qs = (PartyMember.objects.filter(
        is_active=True, status=MemberStatus.FULL, organisation__kind__in=BRANCH_KINDS,
        organisation__special_kind="", organisation__division__isnull=False)
        .exclude(pk__in=list(exclude)).values_list("pk", flat=True).order_by("pk"))
    return [PartyMember.objects.select_related("organisation", "person").get(pk=pk)
            for pk in rng.sample(list(qs), n)]


def _transfers(actor, rng, today):
    branches = list(PartyOrganisation.objects.filter(
        kind__in=BRANCH_KINDS, is_active=True, special_kind="",
        division__isnull=False).order_by("pk"))
    picked = _village_members(rng, 9)
    for i, member in enumerate(picked):
        to_org = rng.choice([b for b in branches if b.pk != member.organisation_id])
        if i < 3:  # accepted some months ago
            issued = add_natural_months(today, -rng.randint(2, 8))
            with _at(issued):
                t = services.transfer_issue(actor=actor, member=member, to_org=to_org,
                                            reason="工作调动")
            with _at(issued.replace(day=min(issued.day + 9, 28))):
                services.transfer_accept(actor=actor, transfer=t)
        elif i < 6:  # issued recently, still open
            with _at(today.replace(day=1)):
                services.transfer_issue(actor=actor, member=member, to_org=to_org,
                                        reason="外出务工，就近参加组织生活")
        else:  # issued with one month's validity and never presented: expired
            issued = add_natural_months(today, -rng.randint(3, 6))
            with _at(issued):
                services.transfer_issue(actor=actor, member=member, to_org=to_org,
                                        reason="子女随迁", valid_months=1)
    services.transfers_expire(on=today)


def _mobile_and_lost(actor, rng, today):
    mobile_org = PartyOrganisation.objects.filter(
        special_kind=SpecialKind.MOBILE_MEMBERS, is_active=True).first()
    taken = set(Transfer.objects.values_list("member_id", flat=True))
    picked = _village_members(rng, 26, exclude=taken)
    for member in picked[:20]:
        since = add_natural_months(today, -rng.randint(2, 20))
        with _at(since):
            services.member_mobile_set(actor=actor, member=member, since=since,
                                       destination=rng.choice(("上海市浦东新区", "北京市大兴区",
                                                               "江苏省苏州市", "浙江省宁波市")),
                                       mobile_org=mobile_org if rng.random() < 0.6 else None)
    for i, member in enumerate(picked[20:]):
        since = add_natural_months(today, -(14 if i < 2 else rng.randint(2, 5)))
        with _at(since):
            services.member_lost_contact(actor=actor, member=member, since=since)
        searched = add_natural_months(since, 1)
        with _at(searched):
            services.contact_search_log(actor=actor, member=member, searched_on=searched,
                                        method="call", note="电话无人接听，走访家属称外出未归")
        if i < 2:  # lost for more than six months: suspended
            with _at(add_natural_months(since, 7)):
                services.member_suspend(actor=actor, member=member, document="县委组织部备案")


def records_counts() -> dict[str, int]:
    return {
        "party_dues_bills": DuesBill.objects.count(),
        "party_transfers": Transfer.objects.count(),
        "party_transfers_expired": Transfer.objects.filter(status=TransferStatus.EXPIRED).count(),
        "party_lost_contact": PartyMember.objects.filter(
            lost_contact_since__isnull=False).count(),
    }
