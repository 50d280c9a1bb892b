from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    name = "grassroots.talent"
    verbose_name = _("乡村人才")
    url_prefix = "talent/"  # mounted by config/urls.py

    def ready(self):
        from grassroots.core.dashboard import register_cards, register_nav
        from grassroots.core.scope import register_role, register_scope_provider
        from grassroots.publicity.subjects import register_subject

        from . import transitions, transitions_more  # noqa: F401 - register the tables
        from .home import cards, nav
        from .roles import TalentRole
        from .scope import talent_scope
        from .services.award import PUBLISHED_LABEL, on_objection_upheld, round_pii

        for code, label in TalentRole.choices:
            register_role(code, label)
        register_scope_provider(talent_scope)
        register_subject("talent.evaluationround", labels=[PUBLISHED_LABEL], pii=round_pii,
                         on_upheld=on_objection_upheld, url_name="talent:round_detail")
        register_nav(nav)
        register_cards(cards)
