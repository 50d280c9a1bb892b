"""Applying rules to a case: hard rules refuse, soft rules warn (00-common §1.3).

    rs = case.rule_set                                   # bound at start: rule_bind()
    rule_check(rs, "applicant.min_age", age)             # hard: raises RuleRefused
    w = rule_require(rs, "talk.within_months", talked_on <= due.due_on)
    if w:
        warning_record(case, w)                          # soft: warnings[] + is_overdue

The message of both is ``"<rule text>（依据：《<set title>》<article>）"``; without an article
``"<rule text>（依据：《<set title>》）"``. ``{value}`` in the text is the param's value; any
other ``{name}`` is filled from the ``**fmt`` the caller passes.
"""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.db.models import BooleanField, Case, Q, Value, When
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.workcal.services import is_working_day, year_is_known

from .models import RuleKind, RuleParam, RuleSet, RuleUnit
from .selectors import rule_param, rule_set_in_force


class RuleRefused(ApplicationError):
    """A hard rule is not met; ``extra`` names the rule set, key and article."""


@dataclass(frozen=True)
class RuleWarning:
    rule_set: str  # the set's code
    key: str
    article: str
    message: str
    param_id: int
    due_on: str | None = None  # ISO date of the deadline the warning is about, if any
    overdue: bool = True

    def as_dict(self) -> dict:
        return asdict(self)


class _Fmt(dict):
    def __missing__(self, key):  # an unknown placeholder stays visible rather than failing
        return "{" + key + "}"


def rule_message(param: RuleParam, **fmt) -> str:
    rule_set = param.rule_set
    text = param.text.format_map(_Fmt({"value": param.display_value, **fmt}))
    basis = f"《{rule_set.title}》{param.article}"
    return text + _("（依据：%(basis)s）") % {"basis": basis}


def rule_require(rule_set: RuleSet, key: str, ok: bool, *, field: str | None = None,
                 due_on: date | None = None, **fmt) -> RuleWarning | None:
    """Nothing if ``ok``; else a hard rule raises ``RuleRefused`` and a soft one returns the
    ``RuleWarning`` for the caller to record (``warning_record``)."""
    if ok:
        return None
    param = rule_param(rule_set, key)
    message = rule_message(param, **fmt)
    if param.kind == RuleKind.HARD:
        raise RuleRefused(message, field=field, extra={
            "rule_set": rule_set.code, "key": key, "article": param.article})
    return RuleWarning(rule_set=rule_set.code, key=key, article=param.article, message=message,
                       param_id=param.pk, due_on=due_on.isoformat() if due_on else None)


def rule_check(rule_set: RuleSet, key: str, actual, **kwargs) -> RuleWarning | None:
    """``rule_require`` with ``ok`` = the param's bound admits ``actual`` (≥, >, ≤, <, =)."""
    return rule_require(rule_set, key, rule_param(rule_set, key).admits(actual), **kwargs)


# --- binding a case and recording warnings -----------------------------------------------------

def rule_bind(case, family: str, on: date) -> RuleSet:
    """Give ``case`` (a ``RuleGoverned`` row, unsaved or in the caller's transaction) the set of
    ``family`` in force on its start date ``on``; it keeps that set for its whole life."""
    rule_set = rule_set_in_force(family, on)
    case.rule_set = rule_set
    return rule_set


def warning_record(case, warning: RuleWarning) -> None:
    """Append ``warning`` to the case's ``warnings`` (once per key and deadline) and flag it
    overdue; saves the two fields. Call it inside the service's transaction."""
    entries = list(case.warnings or [])
    if any(w.get("key") == warning.key and w.get("due_on") == warning.due_on for w in entries):
        return
    entries.append(warning.as_dict())
    case.warnings = entries
    case.is_overdue = case.is_overdue or warning.overdue
    if case.pk:
        case.save(update_fields=["warnings", "is_overdue"])


def overdue_annotate(queryset, *, today: date, due_field: str = "due_on",
                     done_field: str | None = None, name: str = "overdue"):
    """Annotate each row of a list with ``overdue`` (for supervision lists, shown red): flagged
    by a recorded warning, or its deadline passed (before ``today``) without being done."""
    late = Q(**{f"{due_field}__lt": today})
    if done_field:
        late &= Q(**{f"{done_field}__isnull": True})
    return queryset.annotate(**{name: Case(When(Q(is_overdue=True) | late, then=Value(True)),
                                           default=Value(False), output_field=BooleanField())})


# --- deadlines -------------------------------------------------------------------------------

@dataclass(frozen=True)
class RuleDue:
    due_on: date
    rule_param_id: int  # store it beside due_on: the deadline says which rule made it
    provisional: bool  # a working-day count crossed a year the work calendar does not know


def add_natural_months(start: date, months: int) -> date:
    """``start`` plus ``months`` calendar months, the day clipped to the month's end
    (Jan 31 + 1 month = Feb 28, or 29 in a leap year)."""
    total = start.month - 1 + months
    year, month = start.year + total // 12, total % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_working_days_on(start: date, days: int) -> tuple[date, bool]:
    """The ``days``-th working day after ``start`` (``start`` itself not counted) on the work
    calendar; provisional when a year on the way has no complete calendar data."""
    current, counted, provisional = start, 0, not year_is_known(start.year)
    while counted < days:
        current += timedelta(days=1)
        if not year_is_known(current.year):
            provisional = True
        if is_working_day(current):
            counted += 1
    return current, provisional


def rule_due_on(rule_set: RuleSet, key: str, start: date) -> RuleDue:
    """The deadline the param ``key`` sets from ``start``: natural months or years (day
    clipped), calendar days, or working days on the work calendar."""
    param = rule_param(rule_set, key)
    amount = param.value
    if not isinstance(amount, int):
        raise ValueError(f"{rule_set.code}:{key} is not a whole number of {param.unit}")
    provisional = False
    if param.unit == RuleUnit.NATURAL_MONTHS:
        due = add_natural_months(start, amount)
    elif param.unit == RuleUnit.YEARS:
        due = add_natural_months(start, 12 * amount)
    elif param.unit == RuleUnit.DAYS:
        due = start + timedelta(days=amount)
    elif param.unit == RuleUnit.WORKING_DAYS:
        due, provisional = add_working_days_on(start, amount)
    else:
        raise ValueError(f"{rule_set.code}:{key} ({param.unit}) is not a duration")
    return RuleDue(due_on=due, rule_param_id=param.pk, provisional=provisional)
