from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "grassroots.meetings"
    verbose_name = _("会议与表决")
    url_prefix = "meetings/"  # mounted by config/urls.py

    def ready(self):
        from grassroots.core.dashboard import register_cards, register_nav
        from grassroots.core.periodic import register_job

        from . import transitions  # noqa: F401 - registers the meeting table
        from .home import home_items, nav

        register_nav(nav)
        register_cards(home_items)
        # the expected meetings of the current periods, for every branch (idempotent)
        register_job("meeting_calendar", "grassroots.meetings.services.calendar:run_generate",
                     6 * 3600)
