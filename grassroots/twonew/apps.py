from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwonewConfig(AppConfig):
    name = "grassroots.twonew"
    verbose_name = _("两新组织党建")
    url_prefix = "twonew/"  # mounted by config/urls.py

    def ready(self):
        from grassroots.core.dashboard import register_cards, register_nav
        from grassroots.core.scope import (
            register_role,
            register_scope_dimension,
            register_scope_provider,
        )
        from grassroots.demands.origins import OriginKind, register_origin_kind

        from . import transitions  # noqa: F401 - registers the entry and problem tables
        from .home import home_items, nav
        from .roles import TwoNewRole
        from .scope import DIMENSIONS, twonew_scope

        for code, label in TwoNewRole.choices:
            register_role(code, label)
        for name in DIMENSIONS:
            register_scope_dimension(name)
        register_scope_provider(twonew_scope)
        register_nav(nav)
        register_cards(home_items)
        # a worker matter raised in a two-new organisation may become an S1 demand
        register_origin_kind(OriginKind(
            code="twonew", label=_("两新组织"), model="twonew.TwoNewOrg",
            describe=lambda org: org.name, url_name="twonew:org_detail"))
        # S2's transfer acceptance completes an entry's "members transferred" task.
        from grassroots.partymembers.records.services import register_transfer_listener

        from .services.entry import entry_transfer_accepted

        register_transfer_listener(entry_transfer_accepted)
        # Problems solved by a red team give its party members S2 points (#19).
        from grassroots.partymembers.points.services import register_point_source

        from .selectors import red_team_point_rows

        register_point_source("s6_red_team", red_team_point_rows)
