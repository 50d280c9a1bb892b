from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartydayConfig(AppConfig):
    name = "grassroots.partyday"
    verbose_name = _("主题党日")
    url_prefix = "partyday/"  # mounted by config/urls.py

    def ready(self):
        from grassroots.core.dashboard import register_cards, register_nav
        from grassroots.core.scope import (
            register_role,
            register_scope_dimension,
            register_scope_provider,
        )
        from grassroots.demands.origins import OriginKind, register_origin_kind

        from . import transitions  # noqa: F401 - registers the tables
        from .home import home_items, nav
        from .scope import MASS_REP, rep_scope
        from .watch import register_suggestion_watch

        register_role(MASS_REP, _("群众代表"))
        register_scope_dimension("partyday_rep")
        register_scope_provider(rep_scope)
        register_origin_kind(OriginKind(
            code="partyday", label=_("主题党日"), model="partyday.ThemePartyDay",
            describe=lambda d: f"{d.month:%Y年%m月} {d.theme}",
            url_name="partyday:day_detail"))
        register_nav(nav)
        register_cards(home_items)
        register_suggestion_watch()
        # The guide's comments are an input to S2's organisation rating (#19).
        from grassroots.partymembers.points.services import register_guide_comments

        from .selectors import guide_comments_by_member

        register_guide_comments(guide_comments_by_member)
