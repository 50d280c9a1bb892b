from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    name = "grassroots.talent"
    verbose_name = _("乡村人才")
    url_prefix = "talent/"  # mounted by config/urls.py
