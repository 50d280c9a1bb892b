"""A unit's sections, its civil servants and its assessment scheme per year (versions kept)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope

from .scopes import dim, head_unit_ids, is_authority


class UnitQuerySet(RestrictQuerySet):
    """Unit-level rows (sections, rosters, schemes): the unit's head and committee, its section
    leaders and staff read them; the authority reads every unit's."""

    def restrict_scope(self, scope: Scope, action="view"):
        if is_authority(scope) and action == "view":
            return self
        if scope.is_admin:
            return self
        units = head_unit_ids(scope)
        if action == "view":
            units = units | dim(scope, "assess_member_unit")
        return self.filter(unit_id__in=units)


class Section(models.Model):
    """A 科室 of a unit with its leader — the direct leader of its civil servants."""

    unit = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("单位"))
    name = models.CharField(_("科室"), max_length=40)
    leader = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("科室负责人"))

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("科室")
        verbose_name_plural = _("科室")
        ordering = ["unit", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"],
                                               name="assessment_section_name")]

    def __str__(self):
        return self.name


class CivilServant(models.Model):
    """The roster: a person assessed as a civil servant of a unit, in a section and post."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("人员"))
    unit = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("单位"))
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="staff", verbose_name=_("科室"))
    post = models.CharField(_("岗位"), max_length=40, blank=True)
    is_active = models.BooleanField(_("在册"), default=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("公务员名册")
        verbose_name_plural = _("公务员名册")
        constraints = [models.UniqueConstraint(fields=["person"], condition=models.Q(is_active=True),
                                               name="assessment_civil_servant_active")]
        indexes = [models.Index(fields=["unit", "is_active"])]

    def __str__(self):
        return f"{self.person} · {self.unit}"


class SchemeKind(models.TextChoices):
    ITEM_LIST = "item_list", _("正负面清单")
    INDICATORS = "indicators", _("指标体系")
    MIXED = "mixed", _("清单加指标")


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", _("草案")
    APPROVED = "approved", _("已批准")
    SUPERSEDED = "superseded", _("已被新版本取代")


class AssessmentScheme(models.Model):
    """A unit's method for one year; approving a new version supersedes the old one, which is
    kept with its items (records point at the items they used)."""

    unit = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("单位"))
    year = models.PositiveSmallIntegerField(_("年度"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    kind = models.CharField(_("方式"), max_length=12, choices=SchemeKind.choices)
    title = models.CharField(_("名称"), max_length=100)
    status = models.CharField(_("状态"), max_length=12, choices=SchemeStatus.choices,
                              default=SchemeStatus.DRAFT)
    effective_from = models.DateField(_("施行日期"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("批准人"))
    approved_at = models.DateTimeField(_("批准时间"), null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")
        ordering = ["unit", "year", "version"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "version"],
                                               name="assessment_scheme_version")]

    def __str__(self):
        return f"{self.title}（第{self.version}版）"


class Polarity(models.TextChoices):
    POSITIVE = "positive", _("正面")
    NEGATIVE = "negative", _("负面")


class ItemScope(models.TextChoices):
    ALL = "all", _("全员")
    SECTION = "section", _("科室")
    POST = "post", _("岗位")


class SchemeItem(models.Model):
    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE, related_name="items",
                               verbose_name=_("方案"))
    code = models.CharField(_("编码"), max_length=30, blank=True)  # "s1.on_time" for S1 items
    polarity = models.CharField(_("正负面"), max_length=8, choices=Polarity.choices)
    scope = models.CharField(_("适用范围"), max_length=8, choices=ItemScope.choices,
                             default=ItemScope.ALL)
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("科室"))
    post = models.CharField(_("岗位"), max_length=40, blank=True)
    text = models.CharField(_("事项"), max_length=200)
    points = models.DecimalField(_("分值"), max_digits=5, decimal_places=1)  # magnitude
    cap = models.DecimalField(_("季度上限"), max_digits=5, decimal_places=1, null=True, blank=True)
    evidence = models.CharField(_("佐证材料"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("清单事项")
        verbose_name_plural = _("清单事项")
        ordering = ["scheme", "polarity", "id"]

    def __str__(self):
        return self.text


class IndicatorKind(models.TextChoices):
    COMMON = "common", _("共性指标")
    INDIVIDUAL = "individual", _("个性指标")
    ADHOC = "adhoc", _("突发性指标")


class Indicator(models.Model):
    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE,
                               related_name="indicators", verbose_name=_("方案"))
    kind = models.CharField(_("类别"), max_length=10, choices=IndicatorKind.choices)
    text = models.CharField(_("指标"), max_length=200)
    weight = models.DecimalField(_("权重（分）"), max_digits=5, decimal_places=1)
    scoring_rule = models.CharField(_("评分规则"), max_length=300)
    target_posts = models.CharField(_("适用岗位"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")
        ordering = ["scheme", "kind", "id"]

    def __str__(self):
        return self.text
