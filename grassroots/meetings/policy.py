"""Who may do what with meetings (see core/policy.py): a branch secretary his branch's meetings,
a committee's organisation officer his tree, the county organisation department and the
administrator all."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule

from .models import org_ids_in_scope


def _staff(scope) -> bool:
    return scope.is_staff_member and not scope.is_citizen


def _org_id(obj):
    if obj is None or isinstance(obj, int):
        return obj
    return getattr(obj, "org_id", None) or obj.pk


class MeetingsPolicy(Policy):
    app_label = "meetings"

    @rule("未找到", hidden=True)
    def view(self, scope, obj=None):
        # A party post opens the meeting pages even for a villager's (citizen's) account: most
        # village branch secretaries are not cadres.
        ids = org_ids_in_scope(scope)
        return _staff(scope) if ids is None else bool(ids)

    @rule(_("只能登记本党组织或所辖党组织的会议。"))
    def record(self, scope, obj=None):
        """``obj``: a party organisation, a meeting, or an organisation id."""
        ids = org_ids_in_scope(scope)
        if ids is None:
            return True
        return obj is not None and _org_id(obj) in ids

    @rule(_("只有平台管理员或组织部可以生成应开会议。"), system=True)
    def generate(self, scope, obj=None):
        return org_ids_in_scope(scope) is None
