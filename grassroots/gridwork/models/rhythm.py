from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONTH_VALIDATOR = RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", _("月份格式应为YYYY-MM。"))


class MonthlyTheme(models.Model):
    """每月一主题: the visit theme the county sets for one month."""

    month = models.CharField(_("月份"), max_length=7, unique=True, validators=[MONTH_VALIDATOR])
    title = models.CharField(_("主题"), max_length=100)
    description = models.TextField(_("说明"), blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("月度走访主题")
        verbose_name_plural = _("月度走访主题")
        ordering = ["-month"]

    def __str__(self):
        return f"{self.month} {self.title}"


class MonthlyReport(models.Model):
    """月末通报: the month's figures per team, town and county, compiled once by the job."""

    month = models.CharField(_("月份"), max_length=7, unique=True, validators=[MONTH_VALIDATOR])
    compiled_at = models.DateTimeField(_("生成时间"), default=timezone.now)
    # {"county": {...}, "towns": [{...}], "teams": [{...}]} — figures computed by the database.
    figures = models.JSONField(_("统计数据"), default=dict)

    class Meta:
        verbose_name = _("月末通报")
        verbose_name_plural = _("月末通报")
        ordering = ["-month"]

    def __str__(self):
        return self.month
