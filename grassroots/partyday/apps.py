from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartydayConfig(AppConfig):
    name = "grassroots.partyday"
    verbose_name = _("主题党日")
    url_prefix = "partyday/"  # mounted by config/urls.py
