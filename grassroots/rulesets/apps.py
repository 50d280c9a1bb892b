from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesetsConfig(AppConfig):
    name = "grassroots.rulesets"
    verbose_name = _("规则库")
    url_prefix = "rulesets/"  # mounted by config/urls.py

    def ready(self):
        from grassroots.core.dashboard import register_cards, register_nav

        from . import transitions  # noqa: F401 - registers the rule set's table
        from .home import home_items

        register_nav(_nav)
        register_cards(home_items)


def _nav(user, scope):
    """Rule sets sit in the administration section (contract #17); staff may read them."""
    from django.urls import reverse

    if not scope.is_admin:
        return []
    return [{"label": _("规则库"), "url": reverse("rulesets:list"), "section": "admin"}]
