from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "grassroots.people"
    verbose_name = _("人员")

    def ready(self):
        from django.core import checks

        from grassroots.core.periodic import register_job
        from grassroots.core.scope import register_scope_provider

        from .scope import team_seat_scope

        register_scope_provider(team_seat_scope)
        register_job("phone_code_purge", "grassroots.people.verification:phone_code_purge", 86400)

        checks.register(sms_gateway_check, checks.Tags.security, deploy=True)


def sms_gateway_check(app_configs, **kwargs):
    from django.conf import settings
    from django.core import checks

    backend = getattr(settings, "GRASSROOTS_SMS_BACKEND", "")
    url = getattr(settings, "GRASSROOTS_SMS_GATEWAY_URL", "")
    if backend.endswith(".HttpGatewaySender") and not url.startswith(("https://", "http://")):
        return [checks.Warning(
            "GRASSROOTS_SMS_GATEWAY_URL is not set: citizens cannot get SMS codes, so nobody "
            "can register or prove a phone.", id="grassroots.W101")]
    return []
