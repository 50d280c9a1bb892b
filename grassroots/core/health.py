"""The operator's health check behind ``/healthz``: database, cache, broker, outbox, periodic jobs.

Database, cache and broker decide the HTTP status (200 healthy, 503 not); the outbox and the
periodic jobs are reported with ``warning`` when something waits too long, without failing the
check, so a monitoring system can alert on them separately.

Anonymous callers get the verdict only (``{"status": "ok"}`` / 503 ``{"status": "error"}``); the
details (database vendor, job names, outbox counts, error texts) go to a signed-in platform
administrator or a request with an administrator's API token (``details_allowed``).
"""

from __future__ import annotations

import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone


def _timed(func):
    started = time.monotonic()
    try:
        result = func() or {}
        result.setdefault("status", "ok")
    except Exception as exc:  # a health check reports failures, it never raises
        result = {"status": "error", "error": f"{type(exc).__name__}: {exc}"[:300]}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def check_cache():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def check_broker():
    url = getattr(settings, "CELERY_BROKER_URL", "")
    if not url:
        return {"status": "embedded"}
    from kombu import Connection

    with Connection(url, connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return {"transport": url.split(":", 1)[0]}


# Checks an app above core adds (the integrations outbox ...): name → function returning a dict
# with a "status"; run only while the database answers.
_probes: dict = {}


def register_health_probe(name: str, probe) -> None:
    _probes[name] = probe


def check_periodic():
    from .models import JobRun
    from .periodic import JOBS

    now = timezone.now()
    jobs, status = {}, "ok"
    runs = {r.name: r for r in JobRun.objects.all()}
    for name, job in JOBS.items():
        run = runs.get(name)
        if run is None:
            jobs[name] = {"last_run": None, "status": "never"}
            continue
        late = now - run.last_started > timedelta(seconds=3 * job.every_seconds + 300)
        state = "error" if run.last_status == "error" else ("late" if late else "ok")
        if state != "ok":
            status = "warning"
        jobs[name] = {"last_run": run.last_started.isoformat(), "status": state,
                      "age_seconds": int((now - run.last_started).total_seconds())}
    last = max((r.last_started for r in runs.values()), default=None)
    return {"status": status, "last_run": last.isoformat() if last else None, "jobs": jobs}


CRITICAL = ("database", "cache", "broker")


def health_report() -> tuple[bool, dict]:
    checks = {"database": _timed(check_database), "cache": _timed(check_cache),
              "broker": _timed(check_broker)}
    if checks["database"]["status"] == "ok":
        for name, probe in _probes.items():
            checks[name] = _timed(probe)
        checks["periodic"] = _timed(check_periodic)
    healthy = all(checks[name]["status"] in ("ok", "embedded") for name in CRITICAL)
    return healthy, {"status": "ok" if healthy else "error", "time": timezone.now().isoformat(),
                     "checks": checks}


def details_allowed(request) -> bool:
    """A platform administrator's session (past the second factor when it is required), or
    ``Authorization: Bearer <API token>`` of an administrator. Never raises: with the database
    down the answer is just "no details"."""
    from .policy import can

    try:
        header = request.headers.get("Authorization", "")
        if header[:7].lower() == "bearer ":
            from .tokens import token_lookup

            token = token_lookup(header[7:])
            return token is not None and can(token.user, "core.administer")
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not can(user, "core.administer"):
            return False
        if getattr(settings, "GRASSROOTS_REQUIRE_2FA", False):
            return bool(getattr(user, "is_verified", lambda: False)())
        return True
    except Exception:  # noqa: BLE001 - the health check must answer whatever is down
        return False


def public_report(report: dict) -> dict:
    return {"status": report["status"]}
