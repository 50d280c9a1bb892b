"""Who may read and change rule sets (see core/policy.py)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule


class RulesetsPolicy(Policy):
    app_label = "rulesets"

    @rule(_("未找到"), hidden=True)
    def view(self, scope, obj=None):
        """Rules are public texts: every staff member may read them (citizens get a 404)."""
        return scope.is_staff_member and not scope.is_citizen

    @rule(_("只有平台管理员可以新增或确认规则。"))
    def manage(self, scope, obj=None):
        return scope.is_admin
