"""Contact points (联系点): units the county authority designates per year and field."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope

from .scopes import head_unit_ids, is_authority


class AssessmentField(models.Model):
    """One of the fields contact points are designated in (综合管理, 民生经济 …) — data, shipped
    by migration 0002 and editable by the administrator."""

    code = models.SlugField(_("编码"), max_length=30, unique=True)
    name = models.CharField(_("领域"), max_length=30, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("联系点领域")
        verbose_name_plural = _("联系点领域")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class ContactPointStatus(models.TextChoices):
    NOMINATED = "nominated", _("拟确定")
    ACTIVE = "active", _("联系中")
    UNDER_REVIEW = "under_review", _("年终评估中")
    RETAINED = "retained", _("保留")
    REMOVED = "removed", _("调整出列")


class ContactPointQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if is_authority(scope):
            return self
        if action == "view":
            return self.filter(unit_id__in=head_unit_ids(scope))
        return self.none()


class ContactPoint(models.Model):
    unit = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("单位"))
    year = models.PositiveSmallIntegerField(_("年度"))
    field = models.ForeignKey(AssessmentField, on_delete=models.PROTECT, related_name="points",
                              verbose_name=_("领域"))
    designated_on = models.DateField(_("确定日期"))
    reason = models.TextField(_("确定理由"))
    status = models.CharField(_("状态"), max_length=14, choices=ContactPointStatus.choices,
                              default=ContactPointStatus.NOMINATED)
    showcase_method = models.TextField(_("特色做法"), blank=True)
    contact_officer = models.ForeignKey("people.Person", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+",
                                        verbose_name=_("联络员"))
    evaluation = models.TextField(_("年终评估意见"), blank=True)
    # Percentage points added to the unit's excellent-grade ratio the next year.
    uplift_next_year = models.DecimalField(_("次年优秀比例上浮（百分点）"), max_digits=4,
                                           decimal_places=1, default=0)

    objects = ContactPointQuerySet.as_manager()

    class Meta:
        verbose_name = _("平时考核联系点")
        verbose_name_plural = _("平时考核联系点")
        ordering = ["year", "field__order", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"],
                                               name="assessment_contact_point_unit_year")]

    def __str__(self):
        return f"{self.year} {self.unit}"


class ContactPointReview(models.Model):
    """The authority's quarterly observation of a contact point (联系点季度观察记录)."""

    contact_point = models.ForeignKey(ContactPoint, on_delete=models.CASCADE,
                                      related_name="reviews", verbose_name=_("联系点"))
    quarter = models.PositiveSmallIntegerField(_("季度"))
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("观察人"))
    visit_on = models.DateField(_("走访日期"))
    findings = models.TextField(_("发现情况"))
    score = models.DecimalField(_("评分"), max_digits=5, decimal_places=1)
    recommendations = models.TextField(_("改进建议"), blank=True)

    class Meta:
        verbose_name = _("联系点季度观察")
        verbose_name_plural = _("联系点季度观察")
        ordering = ["contact_point", "quarter"]
        constraints = [models.UniqueConstraint(fields=["contact_point", "quarter"],
                                               name="assessment_review_quarter")]

    def __str__(self):
        return f"{self.contact_point} Q{self.quarter}"
