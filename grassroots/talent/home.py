"""The talent section's top-bar links and landing cards (every check asks the policy)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import allows

from .models import Application, ApplicationStatus


def nav(user, scope) -> list[dict]:
    items = []
    if allows(scope, "talent.pages"):
        items.append({"label": _("职称评审"), "url": "/talent/", "section": "talent"})
    if allows(scope, "talent.overview"):
        items.append({"label": _("科技副镇长与实训基地"), "url": "/talent/scitech/",
                      "section": "talent"})
    elif allows(scope, "talent.programme_pages"):  # town staff, base operators
        items.append({"label": _("科技副镇长与实训基地"), "url": "/talent/scitech/posts/",
                      "section": "talent"})
    if allows(scope, "talent.my_pages"):
        items.append({"label": _("我的职称申报"), "url": "/talent/my/", "section": "talent"})
    return items


# policy rule → (the status waiting for that body, the card's label)
WAITING = {
    "talent.waits_recommendation": (ApplicationStatus.SUBMITTED, _("待推荐的职称申报")),
    "talent.waits_check": (ApplicationStatus.RECOMMENDED, _("待资格审查的职称申报")),
    "talent.waits_payment": (ApplicationStatus.AWARDED, _("待发放的职称补助")),
}


def cards(user, scope) -> list[dict]:
    mine = [(status, label) for rule, (status, label) in WAITING.items() if allows(scope, rule)]
    if not mine:
        return []
    counts = Application.objects.restrict_scope(scope, "view").aggregate(**{
        status: Count("pk", filter=Q(status=status)) for status, _label in mine})
    return [{"label": label, "count": counts[status], "section": "talent", "kind": "waiting",
             "url": f"/talent/applications/?status={status}", "key": f"talent-{status}"}
            for status, label in mine]
