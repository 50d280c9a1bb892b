"""Home-page items (contract #17): the administrator sees the rule drafts awaiting confirmation."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import RuleSet, RuleSetStatus


def home_items(user, scope) -> list[dict]:
    if not scope.is_admin:
        return []
    drafts = RuleSet.objects.filter(status=RuleSetStatus.DRAFT).aggregate(n=Count("pk"))["n"]
    if not drafts:
        return []
    return [{"section": "admin", "kind": "waiting", "label": _("待确认的规则草案"),
             "count": drafts, "url": reverse("rulesets:list"), "due_on": None}]
