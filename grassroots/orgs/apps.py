from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "grassroots.orgs"
    verbose_name = _("组织机构")

    def ready(self):
        from grassroots.core.scope import register_scope_dimension, register_scope_provider

        from .scope import membership_scope

        register_scope_dimension("leader_unit")
        register_scope_provider(membership_scope)
