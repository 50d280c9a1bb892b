from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "grassroots.people"
    verbose_name = _("人员")

    def ready(self):
        from grassroots.core.scope import register_scope_provider

        from .scope import team_seat_scope

        register_scope_provider(team_seat_scope)
