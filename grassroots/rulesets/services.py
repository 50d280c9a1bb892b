"""Writes on rule sets: an administrator adds a local set that is only stricter than its national
base, and confirms a draft. Shipped sets come from ``shipped.py`` (a data migration)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError, FieldErrors
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.text import clean_text
from grassroots.core.transitions import transition_apply
from grassroots.people.validators import visible_length

from .models import Direction, RuleParam, RuleScope, RuleSet, RuleSetStatus
from .transitions import RULE_SET_TABLE, Action

CODE_RE = re.compile(r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$")
MAX_VALUE = Fraction(999_999)


def param_field(key: str) -> str:
    """The form field (and error field) of a param's value."""
    return f"v_{key}"


def parse_rule_value(raw) -> Fraction:
    """A param value typed by a person: ``5``, ``0.5``, ``2/3``; ValueError if not one."""
    text = str(raw).strip().replace("／", "/")
    if not text or not text.isascii():
        raise ValueError("empty or not ASCII digits")
    if "/" in text:
        num, _sep, den = text.partition("/")
        if not (num.strip().isdigit() and den.strip().isdigit()) or int(den) == 0:
            raise ValueError("fraction")
        value = Fraction(int(num), int(den))
    else:
        try:
            dec = Decimal(text)
        except InvalidOperation:
            raise ValueError("number") from None
        if not dec.is_finite() or dec.as_tuple().exponent < -2:
            raise ValueError("number")
        value = Fraction(dec)
    if value < 0 or value > MAX_VALUE:
        raise ValueError("range")
    return value


def _stored(value: Fraction) -> tuple[Decimal, int]:
    """(numerator, denominator) of a param: whole and 2-decimal values over 1, others n/d."""
    scaled = value * 100
    if scaled.denominator == 1:
        return Decimal(scaled.numerator) / 100, 1
    return Decimal(value.numerator), value.denominator


def _looser_message(param: RuleParam, new_text: str) -> str:
    if param.direction == Direction.EQUAL:
        return _("“%(label)s”（%(key)s）是固定值 %(base)s，本地规则不得改动。") % {
            "label": param.label, "key": param.key, "base": param.display_value}
    way = _("不低于") if param.direction == Direction.MIN else _("不高于")
    return _("“%(label)s”（%(key)s）只能比依据规则更严格：须%(way)s %(base)s%(unit)s，"
             "不能改为 %(new)s。") % {
        "label": param.label, "key": param.key, "way": way, "base": param.display_value,
        "unit": param.get_unit_display(), "new": new_text}


def _check_header(*, base, code, title, scope, effective_from, effective_to) -> dict:
    errors: dict[str, list[str]] = {}
    if base.scope != RuleScope.NATIONAL or base.status != RuleSetStatus.CONFIRMED:
        raise ApplicationError(_("只能以已确认的全国规则为依据新增本地规则。"))
    if not CODE_RE.match(code) or len(code) > 60:
        errors["code"] = [_("编码只能由小写字母、数字和 . _ - 组成（不超过60个字符），"
                            "例如 party.dev.2014.sishui。")]
    elif not code.startswith(base.family + "."):
        errors["code"] = [_("本地规则的编码须以“%(family)s.”开头。") % {"family": base.family}]
    elif RuleSet.objects.filter(code=code).exists():
        errors["code"] = [_("编码“%(code)s”已被使用。") % {"code": code}]
    if visible_length(title) < 4 or len(title) > 200:
        errors["title"] = [_("请填写规则名称（4至200个字）。")]
    if scope not in (RuleScope.PROVINCE, RuleScope.COUNTY):
        errors["scope"] = [_("本地规则的适用范围须为省级或县级。")]
    if effective_from is None:
        errors["effective_from"] = [_("请填写施行日期。")]
    elif effective_from < base.effective_from:
        errors["effective_from"] = [_("施行日期不能早于依据规则的施行日期 %(date)s。")
                                    % {"date": base.effective_from.isoformat()}]
    if effective_to is not None and effective_from is not None and effective_to <= effective_from:
        errors["effective_to"] = [_("停止施行日期须晚于施行日期。")]
    elif effective_to is not None and base.effective_to and effective_to > base.effective_to:
        errors["effective_to"] = [_("停止施行日期不能晚于依据规则的停止施行日期 %(date)s。")
                                  % {"date": base.effective_to.isoformat()}]
    return errors


def rule_set_create_local(
    *, actor, base: RuleSet, code: str, title: str, scope: str, effective_from: date | None,
    effective_to: date | None = None, issuer: str = "", doc_number: str = "",
    source_url: str = "", values: dict[str, str] | None = None,
) -> RuleSet:
    """A draft local set based on the national ``base``: every param of the base, with the
    ``values`` given (by key) replacing the base's — each only stricter, per its direction."""
    require(actor, "rulesets.manage")
    code = clean_text(code or "").strip().lower()
    title = clean_text(title or "").strip()
    errors = _check_header(base=base, code=code, title=title, scope=scope,
                           effective_from=effective_from, effective_to=effective_to)
    base_params = list(base.params.all())
    known = {p.key for p in base_params}
    for key in values or {}:
        if key not in known:
            errors.setdefault(param_field(key), []).append(
                _("依据规则中没有参数“%(key)s”。") % {"key": key})
    changes: dict[str, Fraction] = {}
    for param in base_params:
        raw = (values or {}).get(param.key)
        if raw is None or str(raw).strip() == "":
            continue
        try:
            value = parse_rule_value(raw)
        except ValueError:
            errors.setdefault(param_field(param.key), []).append(
                _("“%(label)s”须为不小于0的数字（最多两位小数）或分数，例如 5、0.5、2/3。")
                % {"label": param.label})
            continue
        if value == param.number:
            continue
        if not param.allows_local(value):
            errors.setdefault(param_field(param.key), []).append(
                _looser_message(param, str(raw).strip()))
            continue
        changes[param.key] = value
    if errors:
        raise FieldErrors(field_errors=errors)
    with transaction.atomic():
        local = RuleSet.objects.create(
            family=base.family, code=code, title=title, scope=scope, base=base,
            issuer=clean_text(issuer or "")[:100], doc_number=clean_text(doc_number or "")[:60],
            source_url=clean_text(source_url or "")[:300], effective_from=effective_from,
            effective_to=effective_to, status=RuleSetStatus.DRAFT,
            source=_("本地规则，依据 %(code)s。") % {"code": base.code})
        copies = []
        for p in base_params:
            value, denominator = (_stored(changes[p.key]) if p.key in changes
                                  else (p.numerator, p.denominator))
            copies.append(RuleParam(
                rule_set=local, key=p.key, numerator=value, denominator=denominator, unit=p.unit,
                kind=p.kind, direction=p.direction, inclusive=p.inclusive, article=p.article,
                text=p.text, label=p.label,
                source=(_("本地从严：原为 %(old)s") % {"old": p.display_value}
                        if p.key in changes else p.source)[:200]))
        RuleParam.objects.bulk_create(copies)
        event_record(subject=local, actor=actor, action="rule_set_local_created",
                     to_state=local.status, extra={
                         "base": base.code,
                         "changed": {k: f"{v.numerator}/{v.denominator}" if v.denominator != 1
                                     else str(v.numerator) for k, v in changes.items()}})
    return local


def rule_set_confirm(*, actor, rule_set: RuleSet) -> RuleSet:
    """Confirm a draft: from now on it is picked by date (``rule_set_in_force``)."""
    require(actor, "rulesets.manage")
    with transaction.atomic():
        transition_apply(RULE_SET_TABLE, rule_set.pk, action=Action.CONFIRM, who="admin",
                         actor=actor, fields={"confirmed_at": timezone.now()})
    rule_set.refresh_from_db(fields=["status", "confirmed_at"])
    return rule_set
