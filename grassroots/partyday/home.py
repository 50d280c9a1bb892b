"""The partyday app's navigation and landing cards."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.policy import allows


def nav(user, scope):
    if not allows(scope, "partyday.view"):
        return []
    items = [{"label": _("主题党日"), "url": reverse("partyday:day_list"), "section": "partyday"},
             {"label": _("意见建议"), "url": reverse("partyday:suggestion_list"),
              "section": "partyday"}]
    items.append({"label": _("活动菜单"), "url": reverse("partyday:menu_list"),
                  "section": "partyday"})
    items += [{"label": _("群众代表"), "url": reverse("partyday:rep_list"), "section": "partyday"},
              {"label": _("示范区名录"), "url": reverse("partyday:site_list"),
               "section": "partyday"}]
    if allows(scope, "partyday.stats"):
        items.append({"label": _("主题党日统计"), "url": reverse("partyday:stats"),
                      "section": "partyday"})
    return items


def home_items(user, scope) -> list[dict]:
    """Suggestions waiting to be routed (民意诉求 to S1, 合理化建议 to a decision)."""
    if not allows(scope, "partyday.stats"):
        return []
    from .models import Suggestion, SuggestionStatus

    agg = (Suggestion.objects.restrict(user).filter(status=SuggestionStatus.RECORDED)
           .aggregate(count=Count("id"), due=Min("route_due_at")))
    if not agg["count"]:
        return []
    due = agg["due"]
    return [{"section": "partyday", "kind": "deadline", "label": _("待分办的主题党日意见建议"),
             "count": agg["count"], "url": reverse("partyday:suggestion_list") + "?status=recorded",
             "due_on": due.astimezone(clock.now().tzinfo).date() if due else None}]
