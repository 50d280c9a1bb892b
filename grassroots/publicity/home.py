"""Home page items of publicity (the portal collects every app's ``home.py``)."""

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext as _

from grassroots.core.policy import allows

from .selectors import ending_soon, objections_for


def home_items(user, scope) -> list[dict]:
    if not scope.user_id or not allows(scope, "publicity.officer_pages"):
        return []
    items = []
    waiting = objections_for(user, open_only=True).aggregate(n=Count("pk"))["n"]
    if waiting:
        items.append({"section": "party", "kind": "waiting", "label": _("待处理的公示异议"),
                      "count": waiting, "url": reverse("publicity:officer_list") + "?objections=open",
                      "due_on": None})
    soon = ending_soon(user).aggregate(n=Count("pk"), first=Min("end_on"))
    if soon["n"]:
        items.append({"section": "party", "kind": "deadline", "label": _("即将期满的公示"),
                      "count": soon["n"], "url": reverse("publicity:officer_list") + "?status=published",
                      "due_on": soon["first"]})
    return items
