"""Who may do what with bulletins, notices, reports and meetings (see core/policy.py)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule
from grassroots.core.scope import Role


class SupervisionPolicy(Policy):
    app_label = "supervision"

    @rule(_("只有督查室工作人员可以执行此操作。"))
    def office(self, scope, obj=None):
        return scope.is_supervisor

    @rule(_("只有被督办单位的办理人员可以执行此操作。"))
    def respond(self, scope, notice=None):
        return notice is None or notice.unit_id in scope.unit_ids or scope.is_admin

    @rule(_("只有责任单位或督查室可以登记完成情况。"))
    def complete_item(self, scope, item=None):
        return item is None or item.owner_id in scope.unit_ids or scope.is_supervisor

    # Special reports (专报) are read county-wide and by unit leaders (``SpecialReport.objects
    # .restrict()`` asks this rule).
    @rule("未找到", hidden=True)
    def read_reports(self, scope, obj=None):
        return scope.county_wide_view or Role.UNIT_LEADER in scope.roles

    # The top-bar entries ask these (a page itself asks ``core.staff``).
    @rule("未找到", hidden=True)
    def stats_menu(self, scope, obj=None):
        return scope.county_wide_view or bool(scope.unit_ids or scope.viewer_unit_ids
                                              or scope.town_ids)

    @rule("未找到", hidden=True)
    def notices_menu(self, scope, obj=None):
        return scope.is_supervisor or bool(scope.unit_ids or scope.viewer_unit_ids)

    # Whose figures are the county's: they may read the stored monthly volumes.
    @rule("未找到", hidden=True)
    def county_figures(self, scope, obj=None):
        return scope.is_admin or scope.county_wide_view
