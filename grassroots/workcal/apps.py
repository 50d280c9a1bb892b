from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkcalConfig(AppConfig):
    name = "grassroots.workcal"
    verbose_name = _("工作日历")

    def ready(self):
        from django.db.models.signals import post_migrate

        from grassroots.core.dashboard import register_nav
        from grassroots.core.periodic import register_job

        from . import cache

        # A flush or migrate (transactional tests, fresh installs) changes the rows under the cache.
        post_migrate.connect(cache.invalidate, dispatch_uid="workcal-cache-invalidate")
        register_nav(_calendar_nav)
        # Every registered case type's deadlines (see watch.py; apps register their case types).
        register_job("deadline_watch", "grassroots.workcal.watch:deadline_watch", 300)


def _calendar_nav(user, scope):
    from django.urls import reverse

    from grassroots.core.policy import allows

    if not allows(scope, "workcal.manage"):
        return []
    return [{"label": _("工作日历"), "url": reverse("workcal:calendar"), "section": "admin"}]
