from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartyMembersConfig(AppConfig):
    name = "grassroots.partymembers"
    verbose_name = _("党员全链条管理")
    url_prefix = "party/"  # mounted by config/urls.py beside the party tree's pages

    def ready(self):
        from . import policy  # noqa: F401 - registers PartyMembersPolicy
        from .development.setup import development_ready
        from .disposal.setup import disposal_ready
        from .points.setup import points_ready
        from .records import apps as records_apps

        records_apps.ready()
        development_ready()
        points_ready()
        disposal_ready()
