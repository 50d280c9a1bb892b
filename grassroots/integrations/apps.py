from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "grassroots.integrations"
    verbose_name = _("系统对接")

    def ready(self):
        from grassroots.core.dashboard import register_nav
        from grassroots.core.health import register_health_probe
        from grassroots.core.periodic import register_job
        from grassroots.core.tokens import register_token_lookup
        from grassroots.demands.services.common import LIFECYCLE_HOOKS, register_lifecycle_hook

        from .health import check_outbox
        from .services import outbox
        from .services.tokens import api_token_lookup

        if outbox.on_lifecycle not in LIFECYCLE_HOOKS:
            register_lifecycle_hook(outbox.on_lifecycle)
        register_token_lookup(api_token_lookup)
        register_health_probe("outbox", check_outbox)
        register_job("outbox_flush", "grassroots.integrations.services.outbox:outbox_flush", 30)

        def nav(user, scope):
            from grassroots.core.policy import allows

            if allows(scope, "integrations.reconcile"):
                return [{"label": _("12345对账"), "url": "/integrations/city12345/", "section": "demands"}]
            return []

        register_nav(nav)
