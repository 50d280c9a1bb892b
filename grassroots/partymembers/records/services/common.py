"""Helpers the records' services share: the platform's today, months, text, the member lock."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.text import clean_text
from grassroots.party.models import ENTRY_STATUSES, PartyMember
from grassroots.people.validators import visible_length


def today() -> date:
    return timezone.localtime(clock.now()).date()


def month_start(day: date) -> date:
    return day.replace(day=1)


def months_between(start: date, end: date) -> int:
    """Whole natural months from ``start`` to ``end`` (the day of the month counts: 3-15 to
    9-14 is 5 months, to 9-15 is 6)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def text_required(value, *, field: str, label: str, max_length: int) -> str:
    value = clean_text(value or "")
    if visible_length(value) < 2:
        raise ApplicationError(_("请填写%(label)s。") % {"label": label}, field=field)
    if len(value) > max_length:
        raise ApplicationError(_("%(label)s不能超过%(n)s个字。") % {"label": label, "n": max_length},
                               field=field)
    return value


def lock_member(member: PartyMember) -> PartyMember:
    """The member's row locked for the transaction, refreshed."""
    return (PartyMember.objects.select_for_update().select_related("organisation", "person")
            .get(pk=member.pk))


def require_in_roll(member: PartyMember) -> None:
    if not member.is_active or member.status not in ENTRY_STATUSES:
        raise ApplicationError(_("%(name)s当前为“%(status)s”，不能办理此事项。") % {
            "name": member.person.name, "status": member.get_status_display()})


def check_not_future(day: date | None, *, field: str, label: str) -> date:
    if day is None:
        raise ApplicationError(_("请填写%(label)s。") % {"label": label}, field=field)
    if day > today():
        raise ApplicationError(_("%(label)s不能晚于今天。") % {"label": label}, field=field)
    return day
