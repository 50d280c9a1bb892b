from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandsConfig(AppConfig):
    name = "grassroots.demands"
    verbose_name = _("民意诉求")

    def ready(self):
        from grassroots.core.periodic import register_job

        from . import cards  # noqa: F401 - registers landing cards and nav links

        register_job("followup_watch", "grassroots.demands.services.followup:followup_watch", 600)
