"""Who may change the work calendar (see core/policy.py)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule


class WorkcalPolicy(Policy):
    app_label = "workcal"

    @rule(_("只有平台管理员可以修改工作日历。"))
    def edit(self, scope, obj=None):
        return scope.is_admin

    @rule(_("只有平台管理员可以管理工作日历。"))
    def manage(self, scope, obj=None):
        """The calendar pages (the service refuses with ``edit``)."""
        return scope.is_admin
