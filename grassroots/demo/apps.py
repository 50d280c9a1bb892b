from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "grassroots.demo"
    verbose_name = _("演示数据")

    def ready(self):
        from django.core import checks

        from .checks import demo_accounts_check

        checks.register(demo_accounts_check, checks.Tags.security)
