"""The quarter (Period) of a unit and each civil servant's routine record in it (§7.3)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope
from grassroots.rulesets.models import RuleGoverned

from .scopes import head_unit_ids, is_authority, personal_q


class PeriodQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.is_admin or (is_authority(scope) and action == "view"):
            return self
        return self.filter(unit_id__in=head_unit_ids(scope))


class Period(RuleGoverned):
    """One quarter of a unit's routine assessment, with its deadlines on the work calendar."""

    unit = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("单位"))
    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"))
    scheme = models.ForeignKey("assessment.AssessmentScheme", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("考核方案"))
    opens_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("季度末"))
    self_summary_due = models.DateField(_("个人小结期限"))
    review_due = models.DateField(_("评鉴期限"))
    approve_due = models.DateField(_("审核期限"))
    feedback_due = models.DateField(_("反馈期限"))
    provisional = models.BooleanField(_("期限按周一至周五暂算"), default=False)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("考核季度")
        verbose_name_plural = _("考核季度")
        ordering = ["-year", "-quarter", "unit"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "quarter"],
                                               name="assessment_period_quarter")]

    def __str__(self):
        return f"{self.year}年第{self.quarter}季度"


class RoutineStatus(models.TextChoices):
    OPEN = "open", _("记实中")
    LOGGING = "logging", _("已记实")
    SELF_SUMMARISED = "summarised", _("已提交小结")
    ASSESSED = "assessed", _("已评鉴")
    APPROVED = "approved", _("已审核")
    FED_BACK = "fed_back", _("已反馈")
    APPEALED = "appealed", _("申诉中")
    ACKNOWLEDGED = "acknowledged", _("已确认")
    FINAL = "final", _("已归档")


class Grade(models.TextChoices):
    GOOD = "good", _("好")
    FAIRLY_GOOD = "fairly_good", _("较好")
    AVERAGE = "average", _("一般")
    POOR = "poor", _("较差")


class RecordQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.is_admin:
            return self
        return self.filter(personal_q(scope))


class RoutineRecord(RuleGoverned):
    """One civil servant's quarter: work log, item events, self-summary, the leader's score and
    grade, the head's approval, the feedback talk, and acknowledgement or appeal."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="records",
                               verbose_name=_("季度"))
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("公务员"))
    # Copied from the roster when the period opens: a later move does not change the quarter.
    unit = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("单位"))
    section = models.ForeignKey("assessment.Section", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("科室"))
    post = models.CharField(_("岗位"), max_length=40, blank=True)
    status = models.CharField(_("状态"), max_length=14, choices=RoutineStatus.choices,
                              default=RoutineStatus.OPEN)
    self_summary = models.TextField(_("个人小结"), blank=True)
    summarised_on = models.DateField(_("小结日期"), null=True, blank=True)
    item_points = models.DecimalField(_("清单得分"), max_digits=6, decimal_places=1, default=0)
    indicator_points = models.DecimalField(_("指标得分"), max_digits=6, decimal_places=1,
                                           default=0)
    score = models.DecimalField(_("评鉴得分"), max_digits=5, decimal_places=1, null=True,
                                blank=True)
    grade = models.CharField(_("等次"), max_length=12, choices=Grade.choices, blank=True)
    assessment_note = models.TextField(_("领导评鉴意见"), blank=True)
    override_reason = models.TextField(_("超出“好”等次比例的说明"), blank=True)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("评鉴人"))
    assessed_on = models.DateField(_("评鉴日期"), null=True, blank=True)
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("审核人"))
    approved_on = models.DateField(_("审核日期"), null=True, blank=True)
    feedback_on = models.DateField(_("反馈日期"), null=True, blank=True)
    feedback_note = models.TextField(_("反馈谈话记录"), blank=True)
    feedback_talk = models.BooleanField(_("已谈话"), default=False)
    acknowledged_on = models.DateField(_("确认日期"), null=True, blank=True)
    appeal_reason = models.TextField(_("申诉理由"), blank=True)
    appeal_ruling = models.TextField(_("申诉处理意见"), blank=True)
    appeal_upheld = models.BooleanField(_("申诉成立"), null=True, blank=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("平时考核记实")
        verbose_name_plural = _("平时考核记实")
        ordering = ["period", "section", "person"]
        constraints = [models.UniqueConstraint(fields=["period", "person"],
                                               name="assessment_record_person")]
        indexes = [models.Index(fields=["unit", "status"]), models.Index(fields=["person"]),
                   models.Index(fields=["period", "grade"])]

    def __str__(self):
        return f"{self.person} · {self.period}"


class WorkLogEntry(models.Model):
    """工作写实: one dated entry of what the civil servant did."""

    record = models.ForeignKey(RoutineRecord, on_delete=models.CASCADE, related_name="log",
                               verbose_name=_("记实"))
    on = models.DateField(_("日期"))
    task = models.CharField(_("工作任务"), max_length=200)
    result = models.CharField(_("完成情况"), max_length=200)

    class Meta:
        verbose_name = _("工作写实")
        verbose_name_plural = _("工作写实")
        ordering = ["record", "on", "id"]

    def __str__(self):
        return self.task


class ItemSource(models.TextChoices):
    MANUAL = "manual", _("科室记录")
    S1 = "s1", _("民生诉求办理")


class ItemEvent(models.Model):
    """A positive or negative item applied to a record; ``points`` is signed. Items derived from
    S1 name the S1 event (the evidence) and are unique per record, kind and event."""

    record = models.ForeignKey(RoutineRecord, on_delete=models.CASCADE, related_name="items",
                               verbose_name=_("记实"))
    item = models.ForeignKey("assessment.SchemeItem", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+", verbose_name=_("清单事项"))
    source = models.CharField(_("来源"), max_length=8, choices=ItemSource.choices,
                              default=ItemSource.MANUAL)
    kind = models.CharField(_("类别"), max_length=30, blank=True)  # S1 kind: "s1.on_time" …
    text = models.CharField(_("事项"), max_length=200)
    points = models.DecimalField(_("分值"), max_digits=5, decimal_places=1)
    occurred_on = models.DateField(_("发生日期"))
    evidence = models.TextField(_("佐证"), blank=True)
    s1_event = models.ForeignKey("core.Event", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("诉求办理记录"))
    s1_assignment_id = models.PositiveBigIntegerField(_("工单"), null=True, blank=True)
    # What the item was derived from ("event:123", "notice:4:demand:56"): unique per record
    # and kind, so deriving a quarter twice adds nothing.
    s1_ref = models.CharField(_("来源记录"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("记录人"))

    class Meta:
        verbose_name = _("清单事项记录")
        verbose_name_plural = _("清单事项记录")
        ordering = ["record", "occurred_on", "id"]
        constraints = [models.UniqueConstraint(
            fields=["record", "kind", "s1_ref"], condition=~models.Q(s1_ref=""),
            name="assessment_item_s1_once")]

    def __str__(self):
        return self.text


class IndicatorScore(models.Model):
    """The direct leader's score of one indicator of the quarter's scheme for one record
    (0 … the indicator's weight); the record's ``indicator_points`` is their sum."""

    record = models.ForeignKey(RoutineRecord, on_delete=models.CASCADE,
                               related_name="indicator_scores", verbose_name=_("记实"))
    indicator = models.ForeignKey("assessment.Indicator", on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("指标"))
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1)
    note = models.CharField(_("评分说明"), max_length=200, blank=True)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("评分人"))
    scored_on = models.DateField(_("评分日期"))

    class Meta:
        verbose_name = _("指标评分")
        verbose_name_plural = _("指标评分")
        ordering = ["record", "indicator"]
        constraints = [models.UniqueConstraint(fields=["record", "indicator"],
                                               name="assessment_indicator_score_once")]

    def __str__(self):
        return f"{self.indicator} {self.score}"
