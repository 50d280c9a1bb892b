"""Reading rule sets: which set is in force on a day, and one param of it.

Selection (docs/rulesets.md): among the *confirmed* sets of a family whose window holds the day
(``effective_from`` inclusive, ``effective_to`` exclusive), the national set with the latest
``effective_from`` is the base; a confirmed local set (county before province) based on that
very set and itself in force wins over it. Drafts are never picked implicitly: read one by its
code (``rule_set_by_code``) or ask with ``include_drafts=True`` to preview.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError

from .models import RuleParam, RuleScope, RuleSet, RuleSetStatus


class NoRuleSet(ApplicationError):
    """No rule set of the family is in force on the day (a configuration gap, not a user error)."""


def _candidates(family: str, on: date, include_drafts: bool):
    qs = RuleSet.objects.filter(family=family).in_force_on(on)
    if not include_drafts:
        qs = qs.filter(status=RuleSetStatus.CONFIRMED)
    return qs


def rule_set_in_force(family: str, on: date, *, include_drafts: bool = False) -> RuleSet:
    """The set of ``family`` (e.g. ``"party.dev"``) a case started on ``on`` is governed by."""
    candidates = _candidates(family, on, include_drafts)
    national = (candidates.filter(scope=RuleScope.NATIONAL)
                .order_by("-effective_from", "-pk").first())
    if national is None:
        raise NoRuleSet(_("%(date)s 没有施行中的“%(family)s”规则，请管理员在规则库中确认或新增。")
                        % {"date": on.isoformat(), "family": family})
    rank = Case(When(scope=RuleScope.COUNTY, then=Value(2)), default=Value(1),
                output_field=IntegerField())
    local = (candidates.filter(base=national).exclude(scope=RuleScope.NATIONAL)
             .annotate(rank=rank).order_by("-rank", "-effective_from", "-pk").first())
    return local or national


def rule_set_by_code(code: str) -> RuleSet:
    """A set by its exact code, draft or not (the explicit way to read a draft)."""
    try:
        return RuleSet.objects.get(code=code)
    except RuleSet.DoesNotExist:
        raise NoRuleSet(_("规则“%(code)s”不存在。") % {"code": code}) from None


def rule_param(rule_set: RuleSet, key: str) -> RuleParam:
    """The param ``key`` of the set: ``.value``, ``.unit``, ``.kind``, ``.article``,
    ``.text``. The set's params are read once and cached on the instance."""
    cache = getattr(rule_set, "_param_cache", None)
    if cache is None:
        cache = {p.key: p for p in rule_set.params.all()}
        rule_set._param_cache = cache
    try:
        param = cache[key]
    except KeyError:
        raise NoRuleSet(_("规则“%(code)s”中没有参数“%(key)s”。")
                        % {"code": rule_set.code, "key": key}) from None
    param.rule_set = rule_set  # the message names the set without another query
    return param


def rule_value_or(family: str, key: str, on: date, default):
    """The value of ``key`` in the set of ``family`` in force on ``on``, or ``default`` where
    no set (or no such param) is: a configuration gap never stops the work that reads it."""
    try:
        return rule_param(rule_set_in_force(family, on), key).value
    except NoRuleSet:
        return default


def rule_sets_list(*, family: str = "", on: date | None = None):
    """Sets for the list page and the API, with their param counts."""
    from django.db.models import Count

    qs = RuleSet.objects.select_related("base").annotate(param_count=Count("params"))
    if family:
        qs = qs.filter(family=family)
    if on is not None:
        qs = qs.in_force_on(on)
    return qs.order_by("family", "effective_from", "code")


def rule_set_families() -> list[str]:
    return list(RuleSet.objects.order_by("family").values_list("family", flat=True).distinct())


def rule_set_ids_in_force(families: list[str], on: date) -> set[int]:
    """The set each family picks on ``on`` (two queries per family; families are a handful)."""
    ids = set()
    for family in families:
        try:
            ids.add(rule_set_in_force(family, on).pk)
        except NoRuleSet:
            continue
    return ids


def rule_set_detail(pk: int) -> RuleSet:
    return RuleSet.objects.select_related("base").prefetch_related("params").get(pk=pk)
