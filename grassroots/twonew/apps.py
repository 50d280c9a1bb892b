from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwonewConfig(AppConfig):
    name = "grassroots.twonew"
    verbose_name = _("两新组织党建")
    url_prefix = "twonew/"  # mounted by config/urls.py
