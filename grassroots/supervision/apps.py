from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "grassroots.supervision"
    verbose_name = _("督办与统计")
