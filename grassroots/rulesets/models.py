"""Rule sets: the numeric rules of S2–S6 as data, versioned by effective date (00-common §1.1).

A ``RuleSet`` is one document's rules (``party.dev.2014`` = the 2014 development 细则) in one
``family`` (``party.dev``); a ``RuleParam`` is one number of it with its unit, hard/soft kind,
article and wording. A case stores the set in force when it started (``RuleGoverned``).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RuleSetStatus(models.TextChoices):
    DRAFT = "draft", _("草案（待确认）")
    CONFIRMED = "confirmed", _("已确认")


class RuleScope(models.TextChoices):
    NATIONAL = "national", _("全国")
    PROVINCE = "province", _("省级")
    COUNTY = "county", _("县级")


# A local set wins over a national one in force on the same day; the county over the province.
SCOPE_RANK = {RuleScope.NATIONAL: 0, RuleScope.PROVINCE: 1, RuleScope.COUNTY: 2}


class RuleUnit(models.TextChoices):
    YEARS = "years", _("周岁/年")
    NATURAL_MONTHS = "months", _("个月（自然月）")
    DAYS = "days", _("日（自然日）")
    WORKING_DAYS = "working_days", _("个工作日")
    HOURS = "hours", _("学时/小时")
    PERSONS = "persons", _("人")
    UNITS = "units", _("个单位")
    TIMES = "times", _("次")
    FRACTION = "fraction", _("比例")


# Units a deadline can be counted in (rule_due_on).
DURATION_UNITS = (RuleUnit.YEARS, RuleUnit.NATURAL_MONTHS, RuleUnit.DAYS, RuleUnit.WORKING_DAYS)


class RuleKind(models.TextChoices):
    HARD = "hard", _("刚性（不满足即拒绝）")
    SOFT = "soft", _("提示（超期预警，不拦截）")


class Direction(models.TextChoices):
    """Which way the value is stricter, for local sets that may only tighten a rule."""

    MIN = "min", _("下限（数值越大越严格）")
    MAX = "max", _("上限（数值越小越严格）")
    EQUAL = "equal", _("固定值（不得改动）")


class RuleSetQuerySet(models.QuerySet):
    def in_force_on(self, on):
        """Sets whose window holds ``on``: effective_from inclusive, effective_to exclusive."""
        return self.filter(Q(effective_from__lte=on),
                           Q(effective_to__isnull=True) | Q(effective_to__gt=on))


class RuleSet(models.Model):
    family = models.CharField(_("规则族"), max_length=40, db_index=True)  # party.dev
    code = models.CharField(_("编码"), max_length=60, unique=True)  # party.dev.2014
    title = models.CharField(_("名称"), max_length=200)
    issuer = models.CharField(_("发文机关"), max_length=100, blank=True)
    doc_number = models.CharField(_("文号"), max_length=60, blank=True)
    effective_from = models.DateField(_("施行日期"))
    # Exclusive: the first day the set no longer applies (None: open-ended).
    effective_to = models.DateField(_("停止施行日期"), null=True, blank=True)
    source_url = models.CharField(_("来源"), max_length=300, blank=True)
    source = models.TextField(_("来源说明"), blank=True)  # marks (inferred) / (recalled) rules
    status = models.CharField(_("状态"), max_length=10, choices=RuleSetStatus.choices,
                              default=RuleSetStatus.DRAFT)
    scope = models.CharField(_("适用范围"), max_length=10, choices=RuleScope.choices,
                             default=RuleScope.NATIONAL)
    base = models.ForeignKey("self", verbose_name=_("依据的上级规则"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="local_sets")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = RuleSetQuerySet.as_manager()

    class Meta:
        ordering = ["family", "effective_from", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gt=models.F("effective_from")),
                name="ruleset_window_not_empty"),
            models.CheckConstraint(
                condition=Q(base__isnull=True, scope="national")
                | Q(base__isnull=False) & ~Q(scope="national"),
                name="ruleset_local_has_base"),
        ]

    def __str__(self):
        return f"{self.title}（{self.code}）"

    @property
    def is_draft(self) -> bool:
        return self.status == RuleSetStatus.DRAFT

    @property
    def is_local(self) -> bool:
        return self.base_id is not None


class RuleParam(models.Model):
    """One number of a rule set, stored exactly as ``numerator``/``denominator`` (⅔ is 2/3, not
    0.6667); read it as ``.value`` (an int where whole, else a Fraction)."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="params")
    key = models.CharField(_("参数"), max_length=60)
    numerator = models.DecimalField(_("数值"), max_digits=12, decimal_places=2)
    denominator = models.PositiveIntegerField(_("分母"), default=1)
    unit = models.CharField(_("单位"), max_length=16, choices=RuleUnit.choices)
    kind = models.CharField(_("性质"), max_length=4, choices=RuleKind.choices)
    direction = models.CharField(_("严格方向"), max_length=5, choices=Direction.choices)
    # False: the bound itself does not satisfy the rule ("more than half" is 1/2 exclusive).
    inclusive = models.BooleanField(_("含边界"), default=True)
    article = models.CharField(_("条款"), max_length=60, blank=True)
    text = models.CharField(_("规则原文"), max_length=300)  # {placeholders} filled by rule_require
    label = models.CharField(_("说明"), max_length=100)
    source = models.CharField(_("来源标注"), max_length=200, blank=True)

    class Meta:
        ordering = ["rule_set", "key"]
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "key"], name="ruleparam_unique_key"),
            models.CheckConstraint(condition=Q(denominator__gte=1), name="ruleparam_denominator_positive"),
        ]

    def __str__(self):
        return f"{self.key} = {self.display_value}"

    @property
    def number(self) -> Fraction:
        """The exact value (a Fraction) for comparisons."""
        return Fraction(Decimal(self.numerator)) / self.denominator

    @property
    def value(self) -> int | Fraction:
        """The value as an int where it is whole (days, months, persons), else a Fraction."""
        n = self.number
        return int(n) if n.denominator == 1 else n

    @property
    def display_value(self) -> str:
        n = self.number
        if self.unit == RuleUnit.FRACTION:
            return f"{n.numerator}/{n.denominator}"
        return str(int(n)) if n.denominator == 1 else f"{float(n):g}"

    def admits(self, actual) -> bool:
        """Whether ``actual`` satisfies the bound (min: ≥ or >; max: ≤ or <; equal: ==)."""
        a = Fraction(actual)
        n = self.number
        if self.direction == Direction.MIN:
            return a >= n if self.inclusive else a > n
        if self.direction == Direction.MAX:
            return a <= n if self.inclusive else a < n
        return a == n

    def allows_local(self, value: Fraction) -> bool:
        """Whether a local set may replace this value with ``value``: the same or stricter."""
        if self.direction == Direction.EQUAL or value == self.number:
            return value == self.number
        return value > self.number if self.direction == Direction.MIN else value < self.number


class RuleGoverned(models.Model):
    """Mixin for a case model that keeps the rule set in force when it started.

    ``warnings`` holds the soft-rule warnings recorded on the case (``checks.warning_record``),
    ``is_overdue`` is set by a soft deadline warning and read by the supervision lists.
    """

    rule_set = models.ForeignKey(RuleSet, verbose_name=_("适用规则"), on_delete=models.PROTECT,
                                 related_name="+")
    warnings = models.JSONField(_("预警"), default=list, blank=True)
    is_overdue = models.BooleanField(_("超期"), default=False, db_index=True)

    class Meta:
        abstract = True
