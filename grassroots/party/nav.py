"""The party section's links (section ``party`` 党员管理, shared contract)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.dashboard import register_nav

from .policy import PartyPolicy


def party_nav(user, scope) -> list[dict]:
    policy = PartyPolicy()
    if not policy.allows(scope, "view"):
        return []
    items = [{"label": _("党组织"), "url": "/party/", "section": "party"}]
    if policy.allows(scope, "manage"):
        items.append({"label": _("设立党组织"), "url": "/party/orgs/new/", "section": "party"})
    return items


register_nav(party_nav)
