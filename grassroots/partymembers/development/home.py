"""The development pipeline's top-bar links and landing cards (section ``party``)."""

from django.db.models import Count, Min
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import can


def development_nav(user, scope) -> list[dict]:
    items = []
    if can(user, "partymembers.dev_view"):
        items.append({"label": _("发展党员"), "url": "/party/development/", "section": "party"})
    if can(user, "partymembers.dev_overdue"):
        items.append({"label": _("发展党员超期预警"), "url": "/party/development/overdue/",
                      "section": "party"})
    if can(user, "partymembers.dev_review_answer") and not can(user, "partymembers.dev_view"):
        items.append({"label": _("政审联审"), "url": "/party/development/review/",
                      "section": "party"})
    return items


def development_cards(user, scope) -> list[dict]:
    from .selectors import department_checks, overdue_cases

    cards = []
    if can(user, "partymembers.dev_overdue"):
        row = overdue_cases(user).aggregate(n=Count("pk"))
        if row["n"]:
            cards.append({"section": "party", "kind": "warning", "label": _("发展党员超期/预警"),
                          "count": row["n"], "url": "/party/development/overdue/"})
    if can(user, "partymembers.dev_review_answer"):
        row = department_checks(user).filter(answer="").aggregate(n=Count("pk"),
                                                                   first=Min("due_on"))
        if row["n"]:
            cards.append({"section": "party", "kind": "deadline", "label": _("待回复的政审函"),
                          "count": row["n"], "url": "/party/development/review/",
                          "due_on": row["first"]})
    return cards
