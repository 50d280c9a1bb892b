"""The records' links in the party section: the transfers and lists for officers, a
member's own profile for him."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.dashboard import register_nav
from grassroots.core.policy import allows


def records_nav(user, scope) -> list[dict]:
    items = []
    if allows(scope, "partymembers.records_view"):
        items.append({"label": _("组织关系转接"), "url": "/party/transfers/", "section": "party"})
    if scope.ids("party_org_own") and scope.person_id:
        from grassroots.party.models import PartyMember

        pk = (PartyMember.objects.filter(person_id=scope.person_id, is_active=True)
              .values_list("pk", flat=True).first())
        if pk:
            items.append({"label": _("我的党员档案"), "url": f"/party/members/{pk}/profile/",
                          "section": "party"})
    return items


register_nav(records_nav)
