"""The work calendar: which days are worked, and during which hours.

Only days that differ from the plain week (statutory holidays, adjusted working days) and named
days are stored; every other day follows Monday–Friday. ``CalendarYear`` says which years hold
authoritative data; a year without a complete row is computed from the plain week and flagged as
estimated.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("法定节假日")
    ADJUSTED_WORKDAY = "adjusted_workday", _("调休上班")
    NORMAL = "normal", _("普通日")


class Source(models.TextChoices):
    PACKAGE = "package", _("节假日数据包")
    ADMIN = "admin", _("管理员录入")


class CalendarDay(models.Model):
    date = models.DateField(_("日期"), unique=True)
    is_working = models.BooleanField(_("是否上班"))
    kind = models.CharField(_("类型"), max_length=20, choices=DayKind.choices,
                            default=DayKind.NORMAL)
    name = models.CharField(_("名称"), max_length=60, blank=True)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices,
                              default=Source.ADMIN)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("日历日")
        verbose_name_plural = _("日历日")
        ordering = ["date"]
        constraints = [
            # A holiday is never worked, an adjusted workday always is.
            models.CheckConstraint(
                condition=~models.Q(kind="holiday", is_working=True)
                & ~models.Q(kind="adjusted_workday", is_working=False),
                name="workcal_day_kind_matches_working",
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()


class CalendarYear(models.Model):
    year = models.PositiveIntegerField(_("年份"), unique=True)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices,
                              default=Source.ADMIN)
    complete = models.BooleanField(
        _("数据完整"), default=False,
        help_text=_("该年全部法定节假日和调休上班日均已录入，期限计算不再按估算处理。"),
    )
    seeded_at = models.DateTimeField(_("导入时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("日历年度")
        verbose_name_plural = _("日历年度")
        ordering = ["year"]

    def __str__(self):
        return str(self.year)


PERIODS_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_periods(text: str) -> list[tuple[str, str]]:
    """Parse "08:30-12:00, 13:30-17:30" into [("08:30", "12:00"), ("13:30", "17:30")]."""
    periods: list[tuple[str, str]] = []
    last_end = -1
    for part in [p for p in re.split(r"[,，;；\n]", text or "") if p.strip()]:
        m = PERIODS_RE.match(part)
        if not m:
            raise ValidationError(_("时间段格式应为 08:30-12:00，多个时间段用逗号分隔。"))
        h1, m1, h2, m2 = (int(x) for x in m.groups())
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if not (0 <= start < end <= 24 * 60) or m1 > 59 or m2 > 59:
            raise ValidationError(_("时间段 %(part)s 无效：结束时间须晚于开始时间。"),
                                  params={"part": part.strip()})
        if start < last_end:
            raise ValidationError(_("时间段须按时间先后排列且不能重叠。"))
        last_end = end
        periods.append((f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}"))
    if not periods:
        raise ValidationError(_("至少需要一个工作时间段。"))
    return periods


class WorkSchedule(models.Model):
    """Office hours; one row at most. Without a row, ``settings.WORKCAL_PERIODS`` applies."""

    periods = models.CharField(
        _("工作时间段"), max_length=200,
        help_text=_("北京时间，例如 08:30-12:00, 13:30-17:30。"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("工作时间")
        verbose_name_plural = _("工作时间")

    def __str__(self):
        return self.periods

    def clean(self):
        parse_periods(self.periods)

    def period_list(self) -> list[tuple[str, str]]:
        return parse_periods(self.periods)
