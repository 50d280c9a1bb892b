"""Title levels, specialities and standards: data, so a county or a new provincial standard
changes rows, not code (S4 §6.4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluatedBy(models.TextChoices):
    COUNTY = "county", _("县级")
    CITY = "city", _("市级")
    PROVINCE = "province", _("省级")


class TitleLevel(models.Model):
    """A title level: Wenshang's 初/中/高 scheme or Shandong's four levels since 2023."""

    code = models.CharField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    scheme = models.CharField(_("标准"), max_length=30)  # wenshang | shandong_2023
    rank = models.PositiveSmallIntegerField(_("级次"))
    subsidy_yuan = models.PositiveIntegerField(_("一次性补助（元）"), default=0)
    evaluated_by = models.CharField(_("评审层级"), max_length=10, choices=EvaluatedBy.choices,
                                    default=EvaluatedBy.COUNTY)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["scheme", "rank"]
        verbose_name = _("职称级别")

    def __str__(self):
        return self.name


class Specialty(models.Model):
    code = models.CharField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    group = models.CharField(_("专业类别"), max_length=40)
    active_from = models.DateField(_("启用日期"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("评审专业")

    def __str__(self):
        return self.name


class Standard(models.Model):
    """What a level asks of an applicant in a speciality (no degree and no paper: 破四唯).
    ``conditions``: ``min_years`` (years in production), ``min_households`` (households
    driven), ``min_achievements`` (representative achievements listed)."""

    level = models.ForeignKey(TitleLevel, on_delete=models.PROTECT, related_name="standards")
    specialty = models.ForeignKey(Specialty, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="standards")  # empty: every speciality
    conditions = models.JSONField(_("条件"), default=dict)
    source = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["level", "specialty"],
                                               name="talent_standard_unique")]

    def __str__(self):
        return f"{self.level} · {self.specialty or '*'}"
