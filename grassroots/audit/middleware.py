"""Request-level guards owned by the security baseline.

``SecondFactorMiddleware`` (after AuthenticationMiddleware) replaces django-otp's OTPMiddleware
(it installs the same ``user.otp_device`` / ``user.is_verified()``) and, when
``GRASSROOTS_REQUIRE_2FA`` is on, sends everyone who may reveal PII or read the audit log
(``selectors.needs_second_factor``: administrators, supervisors, dispatchers, handlers, unit
leaders, grid secretaries, auditors, admin-site staff) who signed in with a password only to
enrol or verify a TOTP device before any other page.

``DatabaseUnavailableMiddleware`` turns a lost database connection (and an unreachable Redis or
broker) in a view into a 503 with a message instead of a 500, and a stored file missing on disk
into a 404; ``views.server_error`` does the same for errors outside views.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.middleware import OTPMiddleware

log = logging.getLogger("grassroots.unavailable")
EXEMPT_PREFIXES = ("/login/", "/logout/", "/account/2fa/", "/static/", "/healthz", "/i18n/",
                   "/favicon.ico")
UNAVAILABLE_MESSAGE = gettext_lazy("系统暂时无法访问数据库，请稍后重试；您刚才的操作没有保存。")
SERVICE_UNAVAILABLE_MESSAGE = gettext_lazy("系统的缓存或消息服务暂时不可用，请稍后重试。")


def require_2fa() -> bool:
    return bool(getattr(settings, "GRASSROOTS_REQUIRE_2FA", False))


class SecondFactorMiddleware(OTPMiddleware):
    def __call__(self, request):
        self._install_lazy_accessors(request)
        if require_2fa() and not request.path.startswith(EXEMPT_PREFIXES):
            user = request.user
            if user.is_authenticated and not user.is_verified():
                from .selectors import needs_second_factor

                if needs_second_factor(user):
                    if request.path.startswith("/api/"):
                        return JsonResponse(
                            {"error": {"code": "second_factor_required",
                                       "message": _("请先在网页上完成双因素认证。"),
                                       "fields": {}}},
                            status=403, json_dumps_params={"ensure_ascii": False})
                    return redirect(f"/account/2fa/?next={request.get_full_path()}")
        return self.get_response(request)


def unavailable_response(request, message=UNAVAILABLE_MESSAGE):
    """A 503 that needs nothing from the database (no user, no session, no context processors)."""
    wants_json = request.path.startswith("/api/") or "json" in request.headers.get("Accept", "")
    if wants_json:
        response = JsonResponse({"error": {"code": "unavailable",
                                           "message": str(message), "fields": {}}},
                                status=503,
                                json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(render_to_string("audit/unavailable.html",
                                                 {"message": message}), status=503)
    response["Retry-After"] = "30"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return unavailable_response(request)
        if isinstance(exception, FileNotFoundError):
            # A stored upload (visit photo, training material, …) missing on disk: the row
            # outlived its file (restore without media, manual clean-up). Not found, not a 500.
            log.warning("404 for %s: stored file missing: %s", request.path, exception)
            from django.http import Http404
            from django.views.defaults import page_not_found

            return page_not_found(request, Http404(str(exception)))
        if isinstance(exception, service_outage_errors()):
            log.warning("503 for %s: %s: %s", request.path, type(exception).__name__, exception)
            return unavailable_response(request, SERVICE_UNAVAILABLE_MESSAGE)
        return None


def service_outage_errors() -> tuple[type[BaseException], ...]:
    """Redis (cache) and the Celery broker unreachable: what is left after the cache degrades
    by itself (grassroots/core/cache.py), e.g. a task queued from a view."""
    from grassroots.core.cache import outage_errors

    errors = outage_errors()
    try:
        from kombu.exceptions import OperationalError as BrokerError

        errors += (BrokerError,)
    except ImportError:  # pragma: no cover
        pass
    return errors
