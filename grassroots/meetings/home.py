"""The meetings app's navigation and home-page items (the portal's contract, #17)."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.policy import allows


def nav(user, scope):
    if not allows(scope, "meetings.view"):
        return []
    return [{"label": _("会议记录"), "url": reverse("meetings:list"), "section": "party"},
            {"label": _("组织生活日历"), "url": reverse("meetings:calendar"), "section": "party"}]


def home_items(user, scope) -> list[dict]:
    """Meetings the rules expect in the current periods that are not yet held."""
    if not allows(scope, "meetings.view"):
        return []
    from .selectors import open_expectations

    today = timezone.localdate()
    agg = open_expectations(user, today).aggregate(count=Count("id"), due=Min("period_end"))
    if not agg["count"]:
        return []
    return [{"section": "party", "kind": "deadline", "label": _("本期应开未开的组织生活会议"),
             "count": agg["count"], "url": reverse("meetings:calendar"), "due_on": agg["due"]}]
