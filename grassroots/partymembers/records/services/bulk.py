"""County-wide runs of the dues (the organisation department's monthly work, also what the
demo replays): categories from the national system's 人员类别 column, a payroll sheet of
bases, the month's bills for every branch, a branch's collection for a month. Bulk writes in
one transaction each, with their events batched; the rules are the same as the single-member
services (the bands of ``dues_amount``, probationary members from the joining month)."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record, events_batched
from grassroots.core.policy import require
from grassroots.party.models import ENTRY_STATUSES, DuesCategory, MemberStatus, PartyMember
from grassroots.party.models import PartyOrganisation as Org
from grassroots.rulesets.selectors import rule_set_in_force

from ..models import BillStatus, DuesBase, DuesBill, DuesPayment, DuesReduction, ReductionStatus
from ..rulesets import DUES_FAMILY
from .common import month_start, today
from .dues import FIXED_CATEGORIES, dues_amount

# The national system's 人员类别 (free text) → the dues category.
NATIONAL_CATEGORIES = {
    "在职": DuesCategory.EMPLOYED, "在岗职工": DuesCategory.EMPLOYED,
    "离退休": DuesCategory.RETIRED, "离退休人员": DuesCategory.RETIRED,
    "农民": DuesCategory.FARMER, "农牧渔民": DuesCategory.FARMER,
    "学生": DuesCategory.STUDENT, "个体/自由职业": DuesCategory.SELF_EMPLOYED,
    "下岗失业": DuesCategory.UNEMPLOYED, "低保/救济": DuesCategory.RELIEF,
}


def _insert(model, fields: list[str], rows: list[tuple]) -> None:
    """Rows inserted with one prepared statement (executemany): the county runs write tens of
    thousands of plain rows, for which Django's per-value preparation is the bottleneck."""
    from django.db import connection

    if not rows:
        return
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(f).column for f in fields]
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start:start + 5000])


def _county(actor):
    require(actor, "partymembers.member_decide", None)
    from grassroots.core.scope import get_scope

    if not get_scope(actor).sees_all_party:
        raise ApplicationError(_("全县批量办理只能由县委组织部进行。"))


def dues_categories_from_national(*, actor) -> int:
    """Members without a dues category get the one their national-system 人员类别 names."""
    _county(actor)
    done = 0
    with transaction.atomic(), events_batched():
        for text, category in NATIONAL_CATEGORIES.items():
            qs = PartyMember.objects.filter(is_active=True, dues_category="", category=text)
            ids = list(qs.values_list("pk", flat=True))
            if not ids:
                continue
            for start in range(0, len(ids), 900):
                PartyMember.objects.filter(pk__in=ids[start:start + 900]).update(
                    dues_category=category)
            done += len(ids)
        # one event per branch (the run's record), not per member
        for org_id in (PartyMember.objects.filter(is_active=True).exclude(dues_category="")
                       .values_list("organisation_id", flat=True).distinct()):
            event_record(subject=Org(pk=org_id), actor=actor, action="member_profile_updated",
                         extra={"dues_category": "from the national 人员类别"})
    return done


def dues_bases_declare_many(*, actor, month_from: date, entries) -> int:
    """A payroll sheet: ``entries`` of (member id, base kind, amount) from ``month_from``."""
    _county(actor)
    month_from = month_start(month_from)
    entries = list(entries)
    if any(amount < 0 for _m, _k, amount in entries):
        raise ApplicationError(_("基数应为0至1000万元之间的金额。"), field="amount")
    have = set(DuesBase.objects.filter(month_from=month_from).values_list("member_id",
                                                                            flat=True))
    entries = [e for e in entries if e[0] not in have]
    now = clock.now()
    with transaction.atomic():
        _insert(DuesBase, ["member", "month_from", "kind", "amount", "declared_by", "declared_at"],
                [(m, month_from, k, a, actor.pk, now) for m, k, a in entries])
        per_org: dict[int, int] = {}
        orgs = dict(PartyMember.objects.filter(pk__in=[e[0] for e in entries])
                    .values_list("pk", "organisation_id")) if len(entries) < 900 else dict(
            PartyMember.objects.values_list("pk", "organisation_id"))
        for m, _k, _a in entries:
            per_org[orgs[m]] = per_org.get(orgs[m], 0) + 1
        with events_batched():
            for org_id, n in per_org.items():
                event_record(subject=Org(pk=org_id), actor=actor, action="dues_base_declared",
                             extra={"month_from": month_from.isoformat(), "members": n})
    return len(entries)


def dues_bills_issue_all(*, actor, month: date) -> int:
    """The month's bills for every branch of the county (what ``dues_bills_issue`` does for
    one), one event per branch."""
    _county(actor)
    month = month_start(month)
    if month > month_start(today()):
        raise ApplicationError(_("不能生成未来月份的党费账单。"), field="month")
    rs = rule_set_in_force(DUES_FAMILY, month)
    next_month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    members = list(
        PartyMember.objects.filter(is_active=True, status__in=ENTRY_STATUSES)
        .exclude(dues_category="")
        .exclude(Exists(DuesBill.objects.filter(member=OuterRef("pk"), month=month)))
        .filter(Q(status=MemberStatus.FULL) | Q(joined_on__lt=next_month))
        .values_list("pk", "organisation_id", "dues_category"))
    ids = [m[0] for m in members]
    bases = {}
    for row in (DuesBase.objects.filter(member_id__in=ids, month_from__lte=month)
                .order_by("member_id", "month_from").values_list("member_id", "amount")):
        bases[row[0]] = row[1]
    reductions = dict(DuesReduction.objects.filter(
        member_id__in=ids, status=ReductionStatus.APPROVED, month_from__lte=month,
        month_to__gte=month).values_list("member_id", "monthly_amount"))
    bills, per_org = [], {}
    for pk, org_id, category in members:
        base = bases.get(pk)
        if base is None and category not in (*FIXED_CATEGORIES, DuesCategory.FARMER):
            continue
        amount, status = dues_amount(rs, category, base), BillStatus.DUE
        if pk in reductions:
            amount = min(amount, reductions[pk])
            status = BillStatus.WAIVED if amount == 0 else BillStatus.REDUCED
        bills.append((pk, month, category, base, amount, rs.pk, status))
        per_org[org_id] = per_org.get(org_id, 0) + 1
    with transaction.atomic(), events_batched():
        _insert(DuesBill, ["member", "month", "category", "base_amount", "amount", "rule_set",
                           "status"], bills)
        for org_id, n in per_org.items():
            event_record(subject=Org(pk=org_id), actor=actor, action="dues_bills_issued",
                         extra={"month": month.isoformat(), "bills": n})
    return len(bills)


def dues_collect(*, actor, month: date, paid_on: date, org: Org | None = None,
                 channel: str = "cash", unpaid_member_ids=()) -> int:
    """A collection for a month (党费收缴登记表) — one branch's, or every branch's when
    ``org`` is None (the county organisation department): every bill of the month still due
    is paid in full on ``paid_on``, except those of ``unpaid_member_ids``; one event per
    branch."""
    if org is None:
        _county(actor)
    else:
        require(actor, "partymembers.member_manage", org)
    month = month_start(month)
    if paid_on > today():
        raise ApplicationError(_("%(label)s不能晚于今天。") % {"label": _("缴纳日期")},
                               field="paid_on")
    bills = DuesBill.objects.filter(month=month, paid_on__isnull=True,
                                    status__in=(BillStatus.DUE, BillStatus.REDUCED))
    if org is not None:
        bills = bills.filter(member__organisation=org)
    with transaction.atomic(), events_batched():
        rows = list(bills.select_for_update().exclude(member_id__in=list(unpaid_member_ids))
                    .values_list("pk", "amount", "member__organisation_id"))
        if not rows:
            return 0
        for start in range(0, len(rows), 900):
            DuesBill.objects.filter(pk__in=[r[0] for r in rows[start:start + 900]]).update(
                status=BillStatus.PAID, paid_on=paid_on)
        _insert(DuesPayment, ["bill", "paid_on", "amount", "channel", "receipt_no", "collector"],
                [(pk, paid_on, amount, channel, "", actor.pk) for pk, amount, _o in rows])
        per_org: dict[int, list] = {}
        for _pk, amount, org_id in rows:
            per_org.setdefault(org_id, []).append(amount)
        for org_id, amounts in per_org.items():
            event_record(subject=Org(pk=org_id), actor=actor, action="dues_paid",
                         extra={"month": month.isoformat(), "bills": len(amounts),
                                "amount": str(sum(amounts, Decimal(0)))})
    return len(rows)
