"""The annual assessment (定期考核) resting on the quarters, the unit's excellent-grade quota and
the uses of results (三挂钩)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope
from grassroots.rulesets.models import RuleGoverned

from .scopes import head_unit_ids, is_authority, personal_q


class AnnualStatus(models.TextChoices):
    COLLECTED = "collected", _("已汇总平时考核")
    SUMMARISED = "summarised", _("已提交年度总结")
    RECOMMENDED = "recommended", _("已提出等次建议")
    REVIEWED = "reviewed", _("考核委员会已审核")
    DECIDED = "decided", _("已确定等次")
    NOTIFIED = "notified", _("已书面告知")


class AnnualGrade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    COMPETENT = "competent", _("称职")
    BASIC = "basic", _("基本称职")
    INCOMPETENT = "incompetent", _("不称职")
    UNDETERMINED = "undetermined", _("不定等次")


class AnnualQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.is_admin:
            return self
        return self.filter(personal_q(scope, section="section_id"))


class AnnualAssessment(RuleGoverned):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("公务员"))
    unit = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("单位"))
    section = models.ForeignKey("assessment.Section", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("科室"))
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=12, choices=AnnualStatus.choices,
                              default=AnnualStatus.COLLECTED)
    routine_grades = models.JSONField(_("各季度平时考核等次"), default=dict)  # {"1": "good", …}
    good_quarters = models.PositiveSmallIntegerField(_("“好”季度数"), default=0)
    low_quarters = models.PositiveSmallIntegerField(_("“一般/较差”季度数"), default=0)
    quarters = models.PositiveSmallIntegerField(_("已归档季度数"), default=0)
    summary = models.TextField(_("年度总结"), blank=True)
    recommended_grade = models.CharField(_("建议等次"), max_length=12,
                                         choices=AnnualGrade.choices, blank=True)
    final_grade = models.CharField(_("确定等次"), max_length=12, choices=AnnualGrade.choices,
                                   blank=True)
    reason_if_undetermined = models.TextField(_("不定等次原因"), blank=True)
    committee_note = models.TextField(_("考核委员会意见"), blank=True)
    # An objection to the excellent-list publicity naming this person was upheld: no 优秀
    # this year (the leader recommends again).
    excellent_barred = models.BooleanField(_("公示异议成立，不得评为优秀"), default=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("决定人"))
    notified_on = models.DateField(_("书面告知日期"), null=True, blank=True)

    objects = AnnualQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度考核")
        verbose_name_plural = _("年度考核")
        ordering = ["year", "unit", "person"]
        constraints = [models.UniqueConstraint(fields=["person", "year"],
                                               name="assessment_annual_person_year")]
        indexes = [models.Index(fields=["unit", "year", "final_grade"])]


class QuotaQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if is_authority(scope):
            return self
        if action == "view":
            return self.filter(unit_id__in=head_unit_ids(scope))
        return self.none()


class QuotaAllocation(models.Model):
    """优秀等次名额: slots = floor(participants × (base ratio + uplift)), at least the minimum."""

    unit = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("单位"))
    year = models.PositiveSmallIntegerField(_("年度"))
    participants = models.PositiveIntegerField(_("参加考核人数"))
    base_ratio = models.DecimalField(_("基础比例"), max_digits=4, decimal_places=3)
    uplift = models.DecimalField(_("上浮（百分点）"), max_digits=4, decimal_places=1, default=0)
    excellent_slots = models.PositiveIntegerField(_("优秀名额"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("核定人"))
    decided_at = models.DateTimeField(_("核定时间"), null=True, blank=True)

    objects = QuotaQuerySet.as_manager()

    class Meta:
        verbose_name = _("优秀等次名额")
        verbose_name_plural = _("优秀等次名额")
        ordering = ["year", "unit"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"],
                                               name="assessment_quota_unit_year")]

    def __str__(self):
        return f"{self.year} {self.unit} {self.excellent_slots}"


class ResultUseKind(models.TextChoices):
    AWARD = "award", _("评先树优")
    PROMOTION = "promotion", _("职务职级晋升")
    BONUS = "bonus", _("奖金")
    ADMONITION = "admonition", _("诫勉/调整")


class ResultUse(models.Model):
    """三挂钩: one recorded use of an assessment result."""

    annual = models.ForeignKey(AnnualAssessment, on_delete=models.PROTECT, related_name="uses",
                               verbose_name=_("年度考核"))
    kind = models.CharField(_("运用方式"), max_length=12, choices=ResultUseKind.choices)
    reference = models.CharField(_("依据文件"), max_length=120)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("记录人"))
    recorded_on = models.DateField(_("记录日期"))

    class Meta:
        verbose_name = _("考核结果运用")
        verbose_name_plural = _("考核结果运用")
        ordering = ["annual", "recorded_on"]

    def __str__(self):
        return f"{self.annual_id} {self.get_kind_display()}"
