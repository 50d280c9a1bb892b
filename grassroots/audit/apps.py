from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "grassroots.audit"
    verbose_name = _("安全审计")

    def ready(self):
        from grassroots.core.dashboard import register_nav
        from grassroots.core.periodic import register_job

        from . import receivers
        from .selectors import can_read_audit

        receivers.connect()
        register_job("audit_retention", "grassroots.audit.services:audit_retention_purge", 86400)

        def nav(user, scope):
            if can_read_audit(user):
                return [{"label": _("审计日志"), "url": "/audit/"}]
            return []

        register_nav(nav)
        install_api_database_handler()


def install_api_database_handler():
    """The API turns every unexpected exception into a 500; a lost database is a 503 instead.

    Registered on the project's NinjaAPI from here so the API app needs no change; ninja picks
    the handler of the most specific exception class.
    """
    from django.apps import apps
    from django.db import InterfaceError, OperationalError

    if not apps.is_installed("grassroots.api"):
        return
    from grassroots.api.urls import api

    from .middleware import unavailable_response

    def database_unavailable(request, exc):
        return unavailable_response(request)

    for exc_class in (OperationalError, InterfaceError):
        api.add_exception_handler(exc_class, database_unavailable)
