from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "grassroots.core"
    verbose_name = _("基础")

    def ready(self):
        from .dashboard import register_nav
        from .periodic import register_job

        register_nav(_admin_site_nav)

        register_job("idempotency_purge", "grassroots.core.idempotency:idempotency_purge", 86400)

        from django.utils.module_loading import autodiscover_modules

        from . import checks  # noqa: F401 - registers the start-up checks

        # Each app's events.py declares its event codes (core.events.register_event_codes);
        # importing them here, once every model is loaded, fills the registry before any write.
        autodiscover_modules("events")


def _admin_site_nav(user, scope):
    # Django's admin site keeps its own is_staff gate; this only offers the link.
    if not user.is_staff:
        return []
    from django.urls import reverse

    return [{"label": _("后台管理"), "url": reverse("admin:index"), "section": "admin"}]
