"""The points links in the party section: the branch's table and the statistics for officers,
"my points" for a member on the roll."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import allows


def points_nav(user, scope) -> list[dict]:
    items = []
    if allows(scope, "partymembers.points_view"):
        items.append({"label": _("党员积分"), "url": "/party/points/", "section": "party"})
    if allows(scope, "partymembers.points_stats"):
        items.append({"label": _("积分统计"), "url": "/party/points/stats/", "section": "party"})
    if scope.ids("party_org_own") and scope.person_id:
        items.append({"label": _("我的积分"), "url": "/party/points/mine/", "section": "party"})
    return items
