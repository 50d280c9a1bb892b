"""Who may do what with theme party days (see core/policy.py): a branch secretary his branch's,
a committee's organisation officer his tree's, the county organisation department and the
administrator all; a mass representative his own contact log and suggestions."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule


def _branch_id(obj):
    if obj is None or isinstance(obj, int):
        return obj
    for attr in ("branch_id", "owner_org_id", "org_id"):
        value = getattr(obj, attr, None)
        if value:
            return value
    theme_day = getattr(obj, "theme_day", None)
    if theme_day is not None:
        return theme_day.branch_id
    return obj.pk


class PartydayPolicy(Policy):
    app_label = "partyday"

    @rule("未找到", hidden=True)
    def view(self, scope, obj=None):
        return bool(scope.sees_all_party or scope.ids("party_org") or scope.ids("partyday_rep"))

    @rule(_("只能管理本党组织或所辖党组织的主题党日。"))
    def record(self, scope, obj=None):
        if scope.sees_all_party:
            return True
        return obj is not None and _branch_id(obj) in scope.ids("party_org")

    @rule(_("只有受邀人本人或本支部可以答复列席邀请。"))
    def reply(self, scope, obj=None):
        """The invitee answers his invitation; the branch records an answer given by phone."""
        if scope.sees_all_party or obj is None:
            return scope.sees_all_party
        return (obj.person_id == scope.person_id
                or obj.theme_day.branch_id in scope.ids("party_org"))

    @rule(_("只有组织部可以制定县级基础菜单。"))
    def menu_county(self, scope, obj=None):
        return scope.sees_all_party

    @rule(_("只能管理本党组织的活动菜单。"))
    def menu_manage(self, scope, obj=None):
        if scope.sees_all_party:
            return True
        return obj is not None and _branch_id(obj) in scope.ids("party_org")

    @rule(_("只有组织部可以管理示范区（点）名录。"))
    def manage_sites(self, scope, obj=None):
        return scope.sees_all_party

    @rule(_("只有本人或所联系党支部可以登记联系群众情况。"))
    def rep_log(self, scope, obj=None):
        if scope.sees_all_party:
            return True
        return obj is not None and (obj.pk in scope.ids("partyday_rep")
                                    or obj.branch_id in scope.ids("party_org"))

    @rule("未找到", hidden=True)
    def stats(self, scope, obj=None):
        return bool(scope.sees_all_party or scope.ids("party_org"))
