"""Models of the records sub-area (imported by ../models.py so Django finds them): dues (base,
monthly bills, payments, hardship reductions), transfers of the organisational relationship,
the lost-contact search log and work the branch assigns (for the "no assigned work" counter).

The member's own profile is ``party.PartyMember`` (extended by party/0002_member_records)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope


class ByMemberQuerySet(RestrictQuerySet):
    """Rows about one member: the member's branch in the user's party scope, or the member
    himself (00-common §9: a member sees his own dues); changes only by the branch's
    officers."""

    member_field = "member"

    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        m = self.member_field
        q = Q(**{f"{m}__organisation_id__in": scope.ids("party_org")})
        if action == "view" and scope.person_id:
            q |= Q(**{f"{m}__person_id": scope.person_id})
        return self.filter(q)


class DuesBaseKind(models.TextChoices):
    SALARY = "salary", _("月工资收入（税后）")
    PENSION = "pension", _("离退休费")
    ANNUAL_SALARY = "annual_salary", _("年薪制当月实际收入")
    SELF_EMPLOYED = "self_employed", _("上季度月平均纯收入")
    FIXED = "fixed", _("定额")


class DuesBase(models.Model):
    """The declared base from ``month_from`` on (a new base applies from the month the new
    income starts [S8 art. 10])."""

    member = models.ForeignKey("party.PartyMember", on_delete=models.CASCADE,
                               related_name="dues_bases", verbose_name=_("党员"))
    month_from = models.DateField(_("起始月份"))
    kind = models.CharField(_("基数类型"), max_length=16, choices=DuesBaseKind.choices)
    amount = models.DecimalField(_("基数（元）"), max_digits=10, decimal_places=2)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    declared_at = models.DateTimeField(default=timezone.now)

    objects = ByMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("党费基数")
        verbose_name_plural = _("党费基数")
        ordering = ["member_id", "-month_from"]
        constraints = [models.UniqueConstraint(fields=["member", "month_from"],
                                               name="dues_base_once_a_month")]

    def __str__(self):
        return f"{self.member_id}/{self.month_from:%Y-%m}"


class BillStatus(models.TextChoices):
    DUE = "due", _("待缴")
    PAID = "paid", _("已缴")
    REDUCED = "reduced", _("减缴")
    WAIVED = "waived", _("免缴")


class DuesBill(models.Model):
    member = models.ForeignKey("party.PartyMember", on_delete=models.CASCADE,
                               related_name="dues_bills", verbose_name=_("党员"))
    month = models.DateField(_("月份"))  # the first day of the month
    category = models.CharField(_("党费类别"), max_length=16, blank=True)
    base_amount = models.DecimalField(_("基数（元）"), max_digits=10, decimal_places=2,
                                      null=True, blank=True)
    amount = models.DecimalField(_("应缴（元）"), max_digits=10, decimal_places=2)
    rule_set = models.ForeignKey("rulesets.RuleSet", on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("依据规则"))
    status = models.CharField(_("状态"), max_length=8, choices=BillStatus.choices,
                              default=BillStatus.DUE)
    paid_on = models.DateField(_("缴纳日期"), null=True, blank=True)

    objects = ByMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("党费账单")
        verbose_name_plural = _("党费账单")
        ordering = ["member_id", "-month"]
        constraints = [models.UniqueConstraint(fields=["member", "month"],
                                               name="dues_bill_once_a_month")]
        indexes = [models.Index(fields=["status", "month"])]

    def __str__(self):
        return f"{self.member_id}/{self.month:%Y-%m}"


class PaymentQuerySet(ByMemberQuerySet):
    member_field = "bill__member"


class DuesPayment(models.Model):
    bill = models.ForeignKey(DuesBill, on_delete=models.CASCADE, related_name="payments",
                             verbose_name=_("账单"))
    paid_on = models.DateField(_("缴纳日期"))
    amount = models.DecimalField(_("金额（元）"), max_digits=10, decimal_places=2)
    channel = models.CharField(_("缴纳方式"), max_length=16, choices=[
        ("cash", _("现金")), ("transfer", _("转账")), ("online", _("线上缴纳"))])
    receipt_no = models.CharField(_("收据号"), max_length=40, blank=True)
    collector = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("收缴人"))

    objects = PaymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("党费缴纳记录")
        verbose_name_plural = _("党费缴纳记录")
        ordering = ["-paid_on", "-id"]

    def __str__(self):
        return f"{self.bill_id}/{self.paid_on}"


class ReductionStatus(models.TextChoices):
    PROPOSED = "proposed", _("支部已提出")
    APPROVED = "approved", _("上级党委已批准")
    REJECTED = "rejected", _("上级党委不同意")


class DuesReduction(models.Model):
    """Hardship: the branch proposes 少交/免交, the upper committee approves [S8 art. 11]."""

    member = models.ForeignKey("party.PartyMember", on_delete=models.CASCADE,
                               related_name="dues_reductions", verbose_name=_("党员"))
    month_from = models.DateField(_("起始月份"))
    month_to = models.DateField(_("截止月份"))
    monthly_amount = models.DecimalField(_("每月应缴（元，0为免缴）"), max_digits=10,
                                         decimal_places=2)
    reason = models.CharField(_("困难情况"), max_length=200)
    status = models.CharField(_("状态"), max_length=10, choices=ReductionStatus.choices,
                              default=ReductionStatus.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_on = models.DateField(_("审批日期"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ByMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("党费减免")
        verbose_name_plural = _("党费减免")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.member_id}/{self.month_from:%Y-%m}–{self.month_to:%Y-%m}"


class TransferStatus(models.TextChoices):
    ISSUED = "issued", _("已开具介绍信")
    ACCEPTED = "accepted", _("已接收")
    RETURNED = "returned", _("已退回")
    EXPIRED = "expired", _("已过期")
    CANCELLED = "cancelled", _("已撤销")


class TransferQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        ids = scope.ids("party_org")
        q = Q(from_org_id__in=ids) | Q(to_org_id__in=ids)
        if action == "view" and scope.person_id:
            q |= Q(member__person_id=scope.person_id)
        return self.filter(q)


class Transfer(models.Model):
    """The organisational relationship moving from one branch to another with a three-part
    letter (stub, letter, receipt) [S11]. Issuing does not move the member; acceptance does."""

    member = models.ForeignKey("party.PartyMember", on_delete=models.PROTECT,
                               related_name="transfers", verbose_name=_("党员"))
    from_org = models.ForeignKey("party.PartyOrganisation", on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("转出党组织"))
    to_org = models.ForeignKey("party.PartyOrganisation", on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("转入党组织"))
    letter_no = models.CharField(_("介绍信编号"), max_length=30, unique=True)
    issued_on = models.DateField(_("开具日期"))
    valid_until = models.DateField(_("有效期至"), db_index=True)
    dues_paid_through = models.DateField(_("党费交至"), null=True, blank=True)
    reason = models.CharField(_("转接原因"), max_length=100, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=TransferStatus.choices,
                              default=TransferStatus.ISSUED, db_index=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="+")

    objects = TransferQuerySet.as_manager()

    class Meta:
        verbose_name = _("组织关系转接")
        verbose_name_plural = _("组织关系转接")
        ordering = ["-issued_on", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["member"], condition=Q(status="issued"), name="transfer_one_open")]

    def __str__(self):
        return self.letter_no


class ContactSearch(models.Model):
    """One attempt to reach a member who lost contact (the search log [S5 art. 24])."""

    member = models.ForeignKey("party.PartyMember", on_delete=models.CASCADE,
                               related_name="contact_searches", verbose_name=_("党员"))
    searched_on = models.DateField(_("查找日期"))
    method = models.CharField(_("查找方式"), max_length=10, choices=[
        ("call", _("电话")), ("visit", _("走访")), ("letter", _("信函")), ("other", _("其他"))])
    note = models.CharField(_("查找情况"), max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    objects = ByMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("失联党员查找记录")
        verbose_name_plural = _("失联党员查找记录")
        ordering = ["-searched_on", "-id"]

    def __str__(self):
        return f"{self.member_id}/{self.searched_on}"


class AssignedWork(models.Model):
    """Work the branch assigns to a member; overdue and not done feeds the counter of months
    without assigned work done (disposal criterion C17)."""

    member = models.ForeignKey("party.PartyMember", on_delete=models.CASCADE,
                               related_name="assigned_work", verbose_name=_("党员"))
    title = models.CharField(_("工作任务"), max_length=100)
    assigned_on = models.DateField(_("布置日期"))
    due_on = models.DateField(_("完成期限"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    objects = ByMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("党员承担的工作任务")
        verbose_name_plural = _("党员承担的工作任务")
        ordering = ["-assigned_on", "-id"]
        indexes = [models.Index(fields=["member", "done_on", "due_on"])]

    def __str__(self):
        return self.title


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("电话")
    ONLINE = "online", _("微信/网络")
    VISIT = "visit", _("走访/见面")
    LETTER = "letter", _("信函")
    OTHER = "other", _("其他")


class MobileContact(models.Model):
    """One contact the home branch kept with a mobile member (流动党员联系记录 [S5 art. 33]):
    when, how, what was discussed. The list of mobile members without a contact in the
    rule set's period reads these rows."""

    member = models.ForeignKey("party.PartyMember", on_delete=models.CASCADE,
                               related_name="mobile_contacts", verbose_name=_("党员"))
    contacted_on = models.DateField(_("联系日期"))
    channel = models.CharField(_("联系方式"), max_length=8, choices=ContactChannel.choices)
    note = models.CharField(_("联系内容"), max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ByMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("流动党员联系记录")
        verbose_name_plural = _("流动党员联系记录")
        ordering = ["-contacted_on", "-id"]
        indexes = [models.Index(fields=["member", "contacted_on"])]

    def __str__(self):
        return f"{self.member_id}/{self.contacted_on}"


class PartyProbation(models.Model):
    """留党察看: the disciplinary decision with its period; until the rights are restored the
    member may not be an introducer [S1 art. 14]."""

    member = models.ForeignKey("party.PartyMember", on_delete=models.CASCADE,
                               related_name="party_probations", verbose_name=_("党员"))
    start_on = models.DateField(_("察看起始日期"))
    end_on = models.DateField(_("察看期满日期"))
    decision = models.CharField(_("处分决定"), max_length=200)
    restored_on = models.DateField(_("恢复党员权利日期"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    objects = ByMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("留党察看")
        verbose_name_plural = _("留党察看")
        ordering = ["-start_on", "-id"]

    def __str__(self):
        return f"{self.member_id}/{self.start_on}–{self.end_on}"


__all__ = [
    "AssignedWork", "BillStatus", "ContactChannel", "ContactSearch", "DuesBase", "DuesBaseKind", "DuesBill",
    "DuesPayment", "DuesReduction", "MobileContact", "PartyProbation", "ReductionStatus", "Transfer", "TransferStatus",
]
