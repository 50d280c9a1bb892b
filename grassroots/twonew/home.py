"""The two-new section's navigation and landing cards (the portal's contract)."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext as _

from grassroots.core.policy import allows


def nav(user, scope):
    if not allows(scope, "twonew.view"):
        return []
    return [
        {"label": _("两新党建概览"), "url": reverse("twonew:home"), "section": "twonew"},
        {"label": _("两新组织"), "url": reverse("twonew:orgs"), "section": "twonew"},
        {"label": _("入园“四同步”"), "url": reverse("twonew:entries"), "section": "twonew"},
        {"label": _("指导员与培训"), "url": reverse("twonew:people"), "section": "twonew"},
        {"label": _("党群服务中心"), "url": reverse("twonew:centre"), "section": "twonew"},
        {"label": _("红色班组与实事"), "url": reverse("twonew:teams"), "section": "twonew"},
    ]


def home_items(user, scope) -> list[dict]:
    """Overdue four-sync tasks (one query)."""
    if not allows(scope, "twonew.view"):
        return []
    from .selectors import overdue_tasks
    from .services.common import today

    agg = overdue_tasks(user, today()).aggregate(count=Count("pk"), due=Min("due_on"))
    if not agg["count"]:
        return []
    return [{"section": "twonew", "kind": "deadline", "label": _("入园“四同步”超期事项"),
             "count": agg["count"], "url": reverse("twonew:entries") + "?overdue=1",
             "due_on": agg["due"], "tone": "bad", "key": "twonew-overdue"}]
