"""Who may see and run the 12345 reconciliation, the outbox and the API tokens
(see core/policy.py)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule


class IntegrationsPolicy(Policy):
    app_label = "integrations"

    @rule(_("只有管理员和派单中心可以查看12345对账。"))
    def reconcile(self, scope, obj=None):
        return scope.is_admin or scope.is_dispatcher

    @rule(_("只有管理员或派单中心可以重新发送。"))
    def requeue(self, scope, obj=None):
        return scope.is_admin or scope.is_dispatcher

    @rule(_("只有平台管理员可以管理接口令牌。"))
    def manage_tokens(self, scope, obj=None):
        return scope.is_admin
