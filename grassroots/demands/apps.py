from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandsConfig(AppConfig):
    name = "grassroots.demands"
    verbose_name = _("民意诉求")

    def ready(self):
        from grassroots.audit.selectors import register_pii_source
        from grassroots.core.periodic import register_job
        from grassroots.core.timeline import register_action_labels
        from grassroots.people.verification import register_record_adopter

        from . import cards  # noqa: F401 - registers landing cards and nav links
        from .pii import (
            adopt_recorded_demands,
            citizen_reveal_possible,
            citizen_revealable,
            citizens_visible,
        )
        from .timeline import EXTRA_ACTION_LABELS
        from .transitions import Action

        register_action_labels(Action, EXTRA_ACTION_LABELS)

        register_record_adopter(adopt_recorded_demands)
        register_pii_source("demands", visible=citizens_visible, revealable=citizen_revealable,
                            may_reveal=citizen_reveal_possible)
        register_job("followup_watch", "grassroots.demands.services.followup:followup_watch", 600)
