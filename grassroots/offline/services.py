"""Submissions from the phone's outbox: the client's recorded time checked, then the same
services the pages use (visit_record; themeday_hold + suggestion_record + suggestion_to_demand),
all or nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, FieldErrors, errors_by_field
from grassroots.partyday import services as partyday
from grassroots.partyday.models import DayStatus, SuggestionKind, ThemePartyDay

from .rules import max_age_days

# A phone's clock may run a little ahead of the server's.
CLOCK_SKEW = timedelta(minutes=10)
MAX_SUGGESTIONS = 30


def recorded_at_check(value: str | None) -> datetime | None:
    """The phone's ``recorded_at`` (ISO 8601), refused when in the future or too old."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        at = parse_datetime(value)
    except ValueError:
        at = None
    if at is None:
        raise ApplicationError(_("本机记录时间格式有误。"), field="recorded_at")
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    now = clock.now()
    shown = f"{timezone.localtime(at):%Y-%m-%d %H:%M}"
    if at > now + CLOCK_SKEW:
        raise ApplicationError(
            _("本机记录时间%(at)s晚于服务器时间，请检查手机的日期和时间后再提交。") % {"at": shown},
            field="recorded_at")
    days = max_age_days(timezone.localdate(now))  # the county's rule set in force today
    if at < now - timedelta(days=days):
        raise ApplicationError(
            _("本机记录于%(at)s，已超过%(n)s天，不能再离线补交；请核实后在页面上重新登记。")
            % {"at": shown, "n": days}, field="recorded_at")
    return at


def suggestion_rows_from_post(data) -> list[dict]:
    """The theme-day record form's suggestion blocks (``suggestion-N-…``), blank ones dropped."""
    import re

    indices = sorted({int(m.group(1)) for k in data
                      if (m := re.match(r"^suggestion-(\d+)-content$", k))})
    rows = []
    for i in indices:
        p = f"suggestion-{i}-"
        row = {"index": i, "content": data.get(p + "content", "").strip(),
               "kind": data.get(p + "kind", ""),
               "raised_by_name": data.get(p + "raised_by_name", "").strip()}
        if row["content"] or row["raised_by_name"]:
            rows.append(row)
    return rows


def themeday_record_offline(*, actor, day: ThemePartyDay, minutes: str, present_person_ids,
                            suggestions, photos=(), recorded_at: datetime | None = None) -> dict:
    """The day's record made on the phone: held (if not yet) at ``recorded_at`` with the
    members present, minutes and photos; each suggestion recorded, and each 民意诉求 passed on
    to the demand pipeline at once. One transaction: a refused row keeps nothing."""
    suggestions = list(suggestions)
    if len(suggestions) > MAX_SUGGESTIONS:
        raise ApplicationError(_("一次最多登记%(n)s条意见建议。") % {"n": MAX_SUGGESTIONS},
                               field="suggestions")
    held_already = day.status in (DayStatus.HELD, DayStatus.SUGGESTIONS_RECORDED,
                                  DayStatus.CLOSED)
    if held_already and minutes.strip():
        raise ApplicationError(_("本次主题党日的开展情况已登记，只能补充意见建议。"), field="minutes")
    if held_already and not suggestions:
        raise ApplicationError(_("本次主题党日的开展情况已登记，请填写要补充的意见建议。"),
                               field="minutes")
    out = {"suggestions": []}
    with transaction.atomic():
        if not held_already:
            day = partyday.themeday_hold(actor=actor, day=day,
                                         present_person_ids=present_person_ids,
                                         minutes=minutes, held_at=recorded_at, photos=photos)
        errors: dict[str, list[str]] = {}
        for row in suggestions:
            i = row["index"]
            try:
                suggestion = partyday.suggestion_record(
                    actor=actor, day=day, content=row["content"], kind=row["kind"],
                    raised_by_name=row["raised_by_name"], recorded_at=recorded_at)
            except FieldErrors as exc:
                for field, messages in errors_by_field(exc).items():
                    errors[f"suggestion-{i}-{field}"] = [
                        _("第%(n)s条意见建议：%(error)s") % {"n": i, "error": m} for m in messages]
                continue
            entry = {"id": suggestion.pk, "kind": suggestion.kind, "demand": None}
            if suggestion.kind == SuggestionKind.DEMAND:
                demand = partyday.suggestion_to_demand(actor=actor, suggestion=suggestion)
                entry["demand"] = demand.number
                entry["demand_id"] = demand.pk
            out["suggestions"].append(entry)
        if errors:
            raise FieldErrors(field_errors=errors)
    out["day"] = day
    return out
