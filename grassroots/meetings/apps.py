from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "grassroots.meetings"
    verbose_name = _("会议与表决")
    url_prefix = "meetings/"  # mounted by config/urls.py

    def ready(self):
        pass
