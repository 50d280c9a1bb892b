"""Who may do what in routine assessment (see core/policy.py). The parts a user plays towards
one record (本人, 直接领导, 单位负责人, 考核委员会) come from ``transitions.record_who``."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule

from .models.scopes import dim, head_unit_ids, is_authority


def _involved(scope) -> bool:
    return bool(is_authority(scope) or head_unit_ids(scope) or dim(scope, "assess_section")
                or dim(scope, "assess_member_unit"))


class AssessmentPolicy(Policy):
    app_label = "assessment"

    @rule("未找到", hidden=True)
    def pages(self, scope, obj=None):
        return _involved(scope)

    @rule("未找到", hidden=True)
    def unit_pages(self, scope, obj=None):
        return bool(is_authority(scope) or head_unit_ids(scope) or dim(scope, "assess_section"))

    @rule(_("只有公务员主管部门可以管理平时考核联系点。"))
    def authority(self, scope, obj=None):
        return is_authority(scope)

    @rule(_("只有本单位负责人或考核委员会可以管理本单位的平时考核。"), system=True)
    def manage_unit(self, scope, unit=None):
        if scope.is_admin:
            return True
        return unit is not None and unit.pk in head_unit_ids(scope)

    @rule(_("只有公务员主管部门可以为全县计算诉求办理事项。"), system=True)
    def derive_county(self, scope, obj=None):
        return is_authority(scope)

    @rule(_("只有公务员主管部门可以核定优秀等次名额。"))
    def quota(self, scope, obj=None):
        return is_authority(scope)

    @rule(_("只有本单位负责人可以记录考核结果运用。"))
    def record_use(self, scope, annual=None):
        return scope.is_admin or (annual is not None and annual.unit_id in dim(scope, "assess_head"))

    @rule(_("只有本单位负责人可以公示优秀等次人选。"))
    def publicise(self, scope, unit=None):
        return scope.is_admin or (unit is not None and unit.pk in dim(scope, "assess_head"))
