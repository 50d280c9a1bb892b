import contextlib

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "grassroots.audit"
    verbose_name = _("安全审计")

    def ready(self):
        from grassroots.core.dashboard import register_nav
        from grassroots.core.periodic import register_job

        from . import checks, receivers  # noqa: F401  (checks registers the deploy check)
        from .selectors import can_read_audit

        receivers.connect()
        register_job("audit_retention", "grassroots.audit.services:audit_retention_purge", 86400)

        def nav(user, scope):
            if can_read_audit(user):
                return [{"label": _("审计日志"), "url": "/audit/", "section": "admin"}]
            return []

        register_nav(nav)
        install_api_database_handler()
        post_migrate.connect(grant_serving_role_after_migrate, sender=self)


def grant_serving_role_after_migrate(sender, using="default", **kwargs):
    """Two-role set-up: after the owner's `migrate`, give the serving role its grants on every
    table (GRASSROOTS_DB_APP_ROLE; docs/operations.md). Nothing on SQLite or with one role."""
    from django.conf import settings
    from django.db import connections

    from . import dbsecurity

    role = getattr(settings, "GRASSROOTS_DB_APP_ROLE", "")
    connection = connections[using]
    if role and connection.vendor == "postgresql":
        # `migrate` run as the serving role itself has nothing it may grant (ValueError).
        with contextlib.suppress(ValueError):
            dbsecurity.grant_serving_role(role, connection)


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

    from .middleware import SERVICE_UNAVAILABLE_MESSAGE, service_outage_errors, unavailable_response

    def database_unavailable(request, exc):
        return unavailable_response(request)

    def service_unavailable(request, exc):
        return unavailable_response(request, SERVICE_UNAVAILABLE_MESSAGE)

    for exc_class in (OperationalError, InterfaceError):
        api.add_exception_handler(exc_class, database_unavailable)
    for exc_class in service_outage_errors():
        api.add_exception_handler(exc_class, service_unavailable)
