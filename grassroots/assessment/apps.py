from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "grassroots.assessment"
    verbose_name = _("平时考核")
    url_prefix = "assessment/"  # mounted by config/urls.py
