"""The officers' links (section 党员管理 of the grouped navigation)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from grassroots.core.policy import allows


def nav(user, scope):
    if not scope.user_id or not allows(scope, "publicity.officer_pages"):
        return []
    return [{"label": _("公示管理"), "url": reverse("publicity:officer_list"),
             "section": "party"}]
