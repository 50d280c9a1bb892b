"""Who may do what in the two-new system (see core/policy.py and roles.py). Rows are narrowed by
the models' ``restrict()``; these rules say who may open the pages and who may write."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule

from .models.scoping import county_wide


def _park_id(obj):
    """The park of an organisation, entry, room, booking, team, problem or matter."""
    if obj is None:
        return None
    if obj.__class__.__name__ == "Park":
        return obj.pk
    for path in ("park_id", "org.park_id", "entry.park_id", "zone.centre.park_id",
                 "room.zone.centre.park_id", "team.org.park_id", "centre.park_id"):
        value = obj
        try:
            for part in path.split("."):
                value = getattr(value, part)
        except AttributeError:
            continue
        return value
    return None


def manages(scope, obj=None) -> bool:
    if county_wide(scope):
        return True
    parks = scope.ids("twonew_park_manage")
    if obj is None:
        return bool(parks)
    return _park_id(obj) in parks


class TwonewPolicy(Policy):
    app_label = "twonew"

    @rule("未找到", hidden=True)
    def view(self, scope, obj=None):
        return county_wide(scope) or bool(
            scope.ids("twonew_park") or scope.ids("twonew_org")
            or scope.roles & {"twonew_instructor", "twonew_lecturer"})

    @rule(_("只有两新工委或本园区党委工作人员可以办理。"))
    def manage(self, scope, obj=None):
        return manages(scope, obj)

    @rule(_("只有两新工委或本园区党委工作人员可以办理。"), system=True)
    def sync(self, scope, obj=None):
        """The transfers check: the system (S2's transfer acceptance) or the officer."""
        return manages(scope, obj)

    @rule(_("只有两新工委可以办理全县两新组织的登记与统计设置。"))
    def county(self, scope, obj=None):
        return county_wide(scope)

    @rule(_("只能登记本人联系单位的走访记录。"))
    def visit(self, scope, obj=None):
        """``obj``: the organisation visited."""
        if manages(scope, obj):
            return True
        return obj is not None and obj.pk in scope.ids("twonew_org")

    @rule(_("只有本园区党群服务中心管理员或园区党委工作人员可以预约和登记活动。"))
    def centre(self, scope, obj=None):
        if manages(scope, obj):
            return True
        centres = scope.ids("twonew_centre")
        return bool(centres) if obj is None else _park_id(obj) in centres
