from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartyConfig(AppConfig):
    name = "grassroots.party"
    verbose_name = _("党组织")
    url_prefix = "party/"

    def ready(self):
        from grassroots.core.scope import (
            register_role,
            register_scope_dimension,
            register_scope_provider,
        )

        from .roles import PartyRole
        from .scope import party_scope

        for code, label in PartyRole.choices:
            register_role(code, label)
        # party_org: organisations seen with their members (an officer's or secretary's subtree);
        # party_org_own: the member's own organisation (its name, not its roll);
        # party_org_manage: organisations the user may change.
        for name in ("party_org", "party_org_own", "party_org_manage"):
            register_scope_dimension(name)
        register_scope_provider(party_scope)

        from grassroots.audit.selectors import register_pii_source
        from grassroots.core.dashboard import register_cards

        from . import nav  # noqa: F401 - registers the party section's links
        from .home import home_items

        register_cards(home_items)
        from .pii import member_reveal_possible, member_revealable, members_visible

        register_pii_source("party", visible=members_visible, revealable=member_revealable,
                            may_reveal=member_reveal_possible)
