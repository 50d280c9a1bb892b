from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandsConfig(AppConfig):
    name = "grassroots.demands"
    verbose_name = _("民意诉求")
