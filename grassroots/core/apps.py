from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "grassroots.core"
    verbose_name = _("基础")

    def ready(self):
        from .periodic import register_job

        register_job("idempotency_purge", "grassroots.core.idempotency:idempotency_purge", 86400)
