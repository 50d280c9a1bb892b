from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandsConfig(AppConfig):
    name = "grassroots.demands"
    verbose_name = _("民意诉求")

    def ready(self):
        from grassroots.core.periodic import register_job
        from grassroots.core.timeline import register_action_labels

        from . import cards  # noqa: F401 - registers landing cards and nav links
        from .timeline import EXTRA_ACTION_LABELS
        from .transitions import Action

        register_action_labels(Action, EXTRA_ACTION_LABELS)

        register_job("followup_watch", "grassroots.demands.services.followup:followup_watch", 600)
