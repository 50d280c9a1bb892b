"""A small fixed-window rate limiter on the shared cache (Redis in production).

Rates are "count/period" (period s, min, h, day); defaults below, overridable by the
``GRASSROOTS_RATE_LIMITS`` setting (a dict) or ``GRASSROOTS_RATE_<NAME>`` environment variables.
The API has its own per-token throttle (grassroots/api/throttle.py) built the same way.
"""

from __future__ import annotations

import functools
import logging
import os
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .cache import outage_errors

log = logging.getLogger("grassroots.ratelimit")
DEFAULT_RATES = {
    "login": "20/min",  # per address, on top of the per-account lockout (django-axes)
    "citizen_submit": "10/h",  # per address: citizen registration and submission
    "track": "30/min",  # public tracking page (number + phone)
    "pii_reveal": "30/h",  # per user
    "otp_verify": "10/h",  # per user: a six-digit code must not be guessable
    "sms_phone": "5/h",  # SMS codes texted to one phone
    "sms_ip": "20/h",  # SMS codes asked for from one address
}
PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}
MESSAGE = gettext_lazy("操作过于频繁，请稍后再试。")


def parse_rate(rate: str) -> tuple[int, int]:
    count, _, period = rate.partition("/")
    return int(count), PERIODS[(period or "min").strip()]


def rate_for(name: str) -> str:
    configured = getattr(settings, "GRASSROOTS_RATE_LIMITS", None) or {}
    return (configured.get(name) or os.environ.get(f"GRASSROOTS_RATE_{name.upper()}")
            or DEFAULT_RATES[name])


def client_address(request) -> str:
    header = getattr(settings, "GRASSROOTS_CLIENT_IP_HEADER", "")
    value = (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR", "")
    return (value or "").split(",")[0].strip() or "unknown"


def hit(name: str, ident: str) -> tuple[bool, int]:
    """Count one hit; returns (allowed, seconds until the window resets)."""
    return count_hit(f"rl:{name}", ident, rate_for(name))


def count_hit(prefix: str, ident: str, rate: str) -> tuple[bool, int]:
    """One hit of ``ident`` against ``rate`` in the current fixed window (shared cache; add()
    then incr() is atomic on Redis); returns (allowed, seconds until the window resets).

    When the cache cannot be reached the hit is allowed (fail open) with a logged warning: a
    Redis outage must not lock every citizen and official out (the per-account login lockout of
    django-axes lives in the database and keeps working)."""
    limit, period = parse_rate(rate)
    now = time.time()
    key = f"{prefix}:{ident}:{int(now // period)}"
    retry_after = int(period - now % period) + 1
    try:
        cache.add(key, 0, timeout=period + 1)
        try:
            used = cache.incr(key)
        except ValueError:  # evicted between add and incr (or add() could not store it)
            cache.set(key, 1, timeout=period + 1)
            used = 1
    except outage_errors() as exc:
        _warn_unlimited(prefix, exc)
        return True, retry_after
    return used <= limit, retry_after


_last_warning = [0.0]


def _warn_unlimited(prefix: str, exc: BaseException) -> None:
    """One warning a minute per process, not one per request."""
    if time.monotonic() - _last_warning[0] >= 60:
        _last_warning[0] = time.monotonic()
        log.warning("rate limit %s not enforced: cache unavailable (%s: %s)", prefix,
                    type(exc).__name__, exc)


def limited_response(request, retry_after: int):
    if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
        response = JsonResponse({"error": {"code": "rate_limited", "message": str(MESSAGE),
                                           "fields": {}}}, status=429,
                                json_dumps_params={"ensure_ascii": False})
    else:
        retry = _("%(message)s（约 %(seconds)s 秒后可再试）") % {"message": MESSAGE,
                                                             "seconds": retry_after}
        response = HttpResponse(
            f'<!DOCTYPE html><html lang="zh-hans"><meta charset="utf-8"><title>{MESSAGE}</title>'
            f"<p>{retry}</p></html>", status=429)
    response["Retry-After"] = str(retry_after)
    return response


def ratelimit(name: str, *, methods=("POST",), per_user: bool = False):
    """View decorator: at most the named rate per client address (or per user) for ``methods``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                user = getattr(request, "user", None)
                ident = (f"u{user.pk}" if per_user and user is not None and user.is_authenticated
                         else client_address(request))
                allowed, retry_after = hit(name, ident)
                if not allowed:
                    return limited_response(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
