"""Dues: the declared base, the monthly bills computed by the 2008 bands (rule set
``party.dues``, 00-common §2.1 [S8]), payments, hardship reductions approved by the upper
committee, the arrears reminder (a periodic job)."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.i18n import Message
from grassroots.core.notifications import notify
from grassroots.core.policy import require
from grassroots.core.transitions import transition_apply
from grassroots.party.models import (
    ENTRY_STATUSES,
    DuesCategory,
    MemberStatus,
    PartyMember,
    PartyOrganisation,
)
from grassroots.rulesets.selectors import rule_param, rule_set_in_force

from ..models import (
    BillStatus,
    DuesBase,
    DuesBaseKind,
    DuesBill,
    DuesPayment,
    DuesReduction,
    ReductionStatus,
)
from ..rulesets import DUES_FAMILY
from ..transitions import REDUCTION_TABLE
from .common import (
    check_not_future,
    lock_member,
    month_start,
    require_in_roll,
    text_required,
    today,
)

CENT = Decimal("0.01")
FIXED_CATEGORIES = (DuesCategory.STUDENT, DuesCategory.UNEMPLOYED, DuesCategory.RELIEF)


def _dec(value) -> Decimal:
    """A rule param value (int or Fraction) as an exact Decimal."""
    if hasattr(value, "numerator") and not isinstance(value, int):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value)


def dues_amount(rule_set, category: str, base: Decimal | None) -> Decimal:
    """The monthly dues of a member of ``category`` on ``base`` yuan by the set's bands (bands
    inclusive of their upper bound). Farmers pay their declared fixed amount within 0.2–1
    yuan (the minimum without one); students, laid-off and relief recipients the fixed
    amount."""
    cache = rule_set.__dict__.setdefault("_dues_decimals", {})

    def p(key):
        if key not in cache:
            cache[key] = _dec(rule_param(rule_set, key).value)
        return cache[key]

    if category in FIXED_CATEGORIES:
        return p("fixed.monthly").quantize(CENT)
    if category == DuesCategory.FARMER:
        low, high = p("farmer.min_monthly"), p("farmer.max_monthly")
        amount = low if base is None else min(max(base, low), high)
        return amount.quantize(CENT)
    if base is None:
        raise ApplicationError(_("请先申报党费基数。"), field="base")
    if category == DuesCategory.RETIRED:
        rate = p("retired.band1.rate") if base <= p("retired.band1.max") else p("retired.band2.rate")
    elif base <= p("employed.band1.max"):
        rate = p("employed.band1.rate")
    elif base <= p("employed.band2.max"):
        rate = p("employed.band2.rate")
    elif base <= p("employed.band3.max"):
        rate = p("employed.band3.rate")
    else:
        rate = p("employed.band4.rate")
    return (base * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def dues_base_declare(*, actor, member: PartyMember, month_from: date, kind: str,
                      amount: Decimal) -> DuesBase:
    require(actor, "partymembers.member_manage", member)
    if kind not in DuesBaseKind.values:
        raise ApplicationError(_("请选择基数类型。"), field="kind")
    if amount is None or amount < 0 or amount > Decimal("10000000"):
        raise ApplicationError(_("基数应为0至1000万元之间的金额。"), field="amount")
    month_from = month_start(month_from)
    with transaction.atomic():
        member = lock_member(member)
        require_in_roll(member)
        base, _made = DuesBase.objects.update_or_create(
            member=member, month_from=month_from,
            defaults={"kind": kind, "amount": amount, "declared_by": actor})
        event_record(subject=member, actor=actor, action="dues_base_declared",
                     extra={"month_from": month_from.isoformat(), "kind": kind,
                            "amount": str(amount)})
    return base


def _base_for(member_id: int, month: date) -> Decimal | None:
    return (DuesBase.objects.filter(member_id=member_id, month_from__lte=month)
            .order_by("-month_from").values_list("amount", flat=True).first())


def dues_bills_issue(*, actor, org: PartyOrganisation, month: date) -> int:
    """The month's bills for the branch's members who have none yet (idempotent); a member
    with an approved reduction for the month gets the reduced amount (0 = waived). Members
    without a category are left out (the page lists them). Returns how many were made."""
    require(actor, "partymembers.member_manage", org)
    month = month_start(month)
    if month > month_start(today()):
        raise ApplicationError(_("不能生成未来月份的党费账单。"), field="month")
    rs = rule_set_in_force(DUES_FAMILY, month)
    members = (PartyMember.objects.filter(organisation=org, is_active=True,
                                          status__in=ENTRY_STATUSES)
               .exclude(dues_category="")
               .exclude(Exists(DuesBill.objects.filter(member=OuterRef("pk"), month=month)))
               # probationary members pay from the branch-meeting month [S8]
               .filter(Q(status=MemberStatus.FULL) | Q(joined_on__lt=_next_month(month))))
    return _issue(actor, org, month, rs, list(members))


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _issue(actor, org, month, rs, members) -> int:
    ids = [m.pk for m in members]
    bases = {}
    for row in (DuesBase.objects.filter(member_id__in=ids, month_from__lte=month)
                .order_by("member_id", "month_from").values("member_id", "amount")):
        bases[row["member_id"]] = row["amount"]  # the latest month_from wins
    reductions = dict(DuesReduction.objects.filter(
        member_id__in=ids, status=ReductionStatus.APPROVED, month_from__lte=month,
        month_to__gte=month).values_list("member_id", "monthly_amount"))
    bills = []
    for m in members:
        base = bases.get(m.pk)
        if base is None and m.dues_category not in (*FIXED_CATEGORIES, DuesCategory.FARMER):
            continue
        amount = dues_amount(rs, m.dues_category, base)
        status = BillStatus.DUE
        if m.pk in reductions:
            amount = min(amount, reductions[m.pk])
            status = BillStatus.WAIVED if amount == 0 else BillStatus.REDUCED
        bills.append(DuesBill(member=m, month=month, category=m.dues_category,
                              base_amount=base, amount=amount, rule_set=rs, status=status))
    with transaction.atomic():
        DuesBill.objects.bulk_create(bills, ignore_conflicts=True)
        event_record(subject=org, actor=actor, action="dues_bills_issued",
                     extra={"month": month.isoformat(), "bills": len(bills)})
    return len(bills)


def dues_pay(*, actor, bill: DuesBill, paid_on: date, amount: Decimal, channel: str,
             receipt_no: str = "") -> DuesPayment:
    require(actor, "partymembers.member_manage", bill.member)
    check_not_future(paid_on, field="paid_on", label=_("缴纳日期"))
    if channel not in dict(DuesPayment._meta.get_field("channel").choices):
        raise ApplicationError(_("请选择缴纳方式。"), field="channel")
    if amount is None or amount < bill.amount:
        raise ApplicationError(_("缴纳金额不能少于应缴金额%(a)s元。") % {"a": bill.amount},
                               field="amount")
    with transaction.atomic():
        if DuesBill.objects.filter(pk=bill.pk, status__in=(BillStatus.DUE, BillStatus.REDUCED),
                                   paid_on__isnull=True).update(
                status=BillStatus.PAID, paid_on=paid_on) != 1:
            raise ApplicationError(_("该月党费已缴纳或已免缴。"))
        payment = DuesPayment.objects.create(bill=bill, paid_on=paid_on, amount=amount,
                                             channel=channel, receipt_no=receipt_no[:40],
                                             collector=actor)
        event_record(subject=bill.member, actor=actor, action="dues_paid",
                     extra={"month": bill.month.isoformat(), "amount": str(amount),
                            "payment": payment.pk})
    bill.status, bill.paid_on = BillStatus.PAID, paid_on
    return payment


def paid_through(member_id: int) -> date | None:
    """党费交至: the month before the member's first unpaid bill, else his last bill's month
    (printed on a transfer letter [S11])."""
    bills = DuesBill.objects.filter(member_id=member_id)
    first_due = bills.filter(status=BillStatus.DUE).order_by("month").values_list(
        "month", flat=True).first()
    if first_due is not None:
        prev = bills.filter(month__lt=first_due).order_by("-month").values_list(
            "month", flat=True).first()
        return prev
    return bills.order_by("-month").values_list("month", flat=True).first()


def dues_reduction_propose(*, actor, member: PartyMember, month_from: date, month_to: date,
                           monthly_amount: Decimal, reason: str) -> DuesReduction:
    """The branch proposes 少交/免交 for a member in hardship [S8 art. 11]."""
    require(actor, "partymembers.member_manage", member)
    reason = text_required(reason, field="reason", label=_("困难情况"), max_length=200)
    month_from, month_to = month_start(month_from), month_start(month_to)
    if month_to < month_from:
        raise ApplicationError(_("截止月份不能早于起始月份。"), field="month_to")
    if monthly_amount is None or monthly_amount < 0:
        raise ApplicationError(_("请填写每月应缴金额（免缴填0）。"), field="monthly_amount")
    with transaction.atomic():
        member = lock_member(member)
        require_in_roll(member)
        reduction = DuesReduction.objects.create(
            member=member, month_from=month_from, month_to=month_to,
            monthly_amount=monthly_amount, reason=reason, proposed_by=actor)
        event_record(subject=reduction, actor=actor, action="dues_reduction_propose",
                     to_state=reduction.status, note=reason)
    return reduction


def dues_reduction_decide(*, actor, reduction: DuesReduction, approve: bool,
                          note: str = "") -> DuesReduction:
    """The upper committee approves or rejects; an approval lowers the bills of its months
    still unpaid."""
    require(actor, "partymembers.dues_reduction_decide", reduction)
    action = "dues_reduction_approve" if approve else "dues_reduction_reject"
    with transaction.atomic():
        reduction = DuesReduction.objects.select_for_update().select_related("member").get(
            pk=reduction.pk)
        transition_apply(REDUCTION_TABLE, reduction, action=action, who="upper", actor=actor,
                         fields={"decided_by": actor, "decided_on": today()},
                         note=(note or "")[:200])
        if approve:
            bills = DuesBill.objects.filter(
                member=reduction.member, status=BillStatus.DUE,
                month__gte=reduction.month_from, month__lte=reduction.month_to)
            if reduction.monthly_amount == 0:
                bills.update(status=BillStatus.WAIVED, amount=0)
            else:
                bills.filter(amount__gt=reduction.monthly_amount).update(
                    status=BillStatus.REDUCED, amount=reduction.monthly_amount)
    return reduction


def arrears_remind() -> int:
    """The periodic job: each member with unpaid bills for at least the reminder's months
    (rule-set data) and a login, and his branch secretary, are notified once a month."""
    day = today()
    rs = rule_set_in_force("party.records", day)
    months = int(rule_param(rs, "dues.reminder_after_months").value)
    this_month = month_start(day)
    rows = (DuesBill.objects.filter(status=BillStatus.DUE, month__lt=this_month)
            .values("member_id").annotate(n=Count("pk")).filter(n__gte=months))
    members = (PartyMember.objects.filter(pk__in=rows.values("member_id"), is_active=True)
               .select_related("person__user", "organisation__secretary__user"))
    sent = 0
    key = this_month.strftime("%Y-%m")
    for member in members.iterator(chunk_size=500):
        title = Message(gettext_noop("您有欠缴的党费，请及时向党支部交纳。"))
        recipients = [getattr(member.person, "user", None)]
        sent += notify(recipients=recipients, kind="dues_arrears", title=title,
                       url=f"/party/members/{member.pk}/",
                       dedup_key=f"dues_arrears:{member.pk}:{key}")
        secretary = member.organisation.secretary
        if secretary is not None:
            sent += notify(recipients=[getattr(secretary, "user", None)], kind="dues_arrears",
                           title=Message(gettext_noop("%(name)s欠缴党费，请提醒交纳。"), name=member.person.name),
                           url=f"/party/members/{member.pk}/",
                           dedup_key=f"dues_arrears:{member.pk}:{key}:secretary")
    return sent
