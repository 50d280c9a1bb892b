"""Outbound: reports to the city 12345 platform through a transactional outbox.

A lifecycle hook writes an OutboxMessage in the same transaction as the change; after the
commit a Celery task tries to send it at once, and the periodic ``outbox_flush`` job retries
with exponential backoff (the schedule lives in the row, so retries survive restarts and a
broker that is down). Delivery is at-least-once; the city de-duplicates on ``Idempotency-Key``.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from grassroots.core import clock
from grassroots.core.policy import require
from grassroots.demands.models import AssignmentRole, Channel

from ..models import OutboxMessage, OutboxStatus, report_kind
from . import signing

log = logging.getLogger(__name__)

# Lifecycle action → what the city is told. Assignment actions count for the lead unit only.
KIND_FOR_ACTION = {
    "acknowledge": "acknowledge",
    "return": "return",
    "request_extension": "extension_request",
    "approve_extension": "extension_approved",
    "refuse_extension": "extension_refused",
    "reply": "reply",
    "close": "close",
}
LEASE_SECONDS = 60  # a claimed message is not picked again for this long


def max_attempts() -> int:
    return int(getattr(settings, "GRASSROOTS_CITY12345_MAX_ATTEMPTS", 8))


def backoff_seconds(attempts: int) -> int:
    """30 s, 60 s, 2 min, 4 min … capped at one hour."""
    base = int(getattr(settings, "GRASSROOTS_CITY12345_BACKOFF_SECONDS", 30))
    return min(base * 2 ** max(attempts - 1, 0), 3600)


def callback_url() -> str:
    """Where reports go (settings read it from the environment), else the simulator on
    localhost."""
    return (getattr(settings, "GRASSROOTS_CITY12345_CALLBACK_URL", None)
            or "http://127.0.0.1:8765/callback")


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


def _payload(demand, kind, assignment, extra) -> dict:
    data = {
        "id": demand.external_id, "event": kind, "at": _iso(clock.now()),
        "county_number": demand.number, "county_status": demand.status,
    }
    if assignment is not None:
        data["unit"] = assignment.unit.name
        if kind == "acknowledge":
            data["reply_due_at"] = _iso(assignment.reply_due_at)
        elif kind == "return":
            data["reason"] = assignment.return_reason
        elif kind == "extension_request":
            data["reason"] = assignment.extension_reason
            data["until"] = _iso(assignment.extension_requested_until)
        elif kind in ("extension_approved", "extension_refused"):
            data["reply_due_at"] = _iso(assignment.reply_due_at)
        elif kind == "reply":
            data["outcome"] = assignment.outcome
            data["reply"] = assignment.reply_text
    if kind == "close":
        data["satisfaction"] = (extra or {}).get("satisfaction", demand.satisfaction)
        data["closed_at"] = _iso(demand.closed_at)
    return data


def on_lifecycle(*, demand, action, assignment=None, actor=None, extra=None):
    """Lifecycle hook (runs inside the service's transaction)."""
    if demand.channel != Channel.CITY_12345 or not demand.external_id:
        return None
    kind = KIND_FOR_ACTION.get(str(action))
    if kind is None:
        return None
    if assignment is not None and assignment.role != AssignmentRole.LEAD:
        return None
    at = clock.now()  # the moment of the change (the demo replays history through here)
    message = OutboxMessage.objects.create(
        demand=demand, external_id=demand.external_id, kind=kind, created_at=at,
        next_attempt_at=at, payload=_payload(demand, kind, assignment, extra))
    transaction.on_commit(lambda: deliver_soon(message.pk))
    return message


def deliver_soon(pk: int):
    """Try at once through Celery; if the broker is down the periodic flush sends it later."""
    from ..tasks import outbox_deliver_task

    try:
        outbox_deliver_task.delay(pk)
    except Exception:  # broker unreachable: the row is safe, outbox_flush retries it
        log.warning("outbox %s: could not queue the delivery task; left for outbox_flush", pk,
                    exc_info=True)


def send_http(url: str, body: bytes, headers: dict, timeout: float = 10) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - configured URL
        return response.status


# Tests and the simulator swap the sender; production uses HTTP.
SENDER = send_http


def outbox_deliver(pk: int) -> str:
    """Send one message if it is due and nothing earlier for the same item is still waiting."""
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=pk, status=OutboxStatus.PENDING, next_attempt_at__lte=now,
    ).update(next_attempt_at=now + timedelta(seconds=LEASE_SECONDS))
    if not claimed:
        return "not-due"
    message = OutboxMessage.objects.get(pk=pk)
    earlier = OutboxMessage.objects.filter(
        external_id=message.external_id, status=OutboxStatus.PENDING,
        id__lt=pk,
    ).exists()
    if earlier:
        # Keep the city's view in order: release the claim, the flush sends the earlier first.
        OutboxMessage.objects.filter(pk=pk).update(next_attempt_at=now)
        return "waiting"
    body = json.dumps(message.payload, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8",
               "Idempotency-Key": str(message.idempotency_key), **signing.signed_headers(body)}
    try:
        status = SENDER(callback_url(), body, headers)
        if status is not None and not 200 <= int(status) < 300:
            raise OSError(f"HTTP {status}")
    except (OSError, urllib.error.URLError, ValueError) as exc:
        return _failed(message, f"{type(exc).__name__}: {exc}"[:500])
    OutboxMessage.objects.filter(pk=pk).update(
        status=OutboxStatus.SENT, sent_at=timezone.now(), attempts=message.attempts + 1,
        last_error="")
    return "sent"


def _failed(message: OutboxMessage, error: str) -> str:
    attempts = message.attempts + 1
    if attempts >= max_attempts():
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=OutboxStatus.FAILED, attempts=attempts, last_error=error)
        _notify_admins(message, error)
        return "failed"
    OutboxMessage.objects.filter(pk=message.pk).update(
        attempts=attempts, last_error=error,
        next_attempt_at=timezone.now() + timedelta(seconds=backoff_seconds(attempts)))
    return "retry"


def _notify_admins(message, error):
    from grassroots.core.i18n import Message
    from grassroots.core.notifications import notify
    from grassroots.people.models import User

    notify(recipients=list(User.objects.filter(is_superuser=True, is_active=True)),
           kind="outbox_failed",
           title=Message(gettext_noop("12345回传失败：%(number)s（%(kind)s）"),
                         number=message.external_id, kind=report_kind(message.kind)),
           body=error, url="/integrations/city12345/?show=failed",
           dedup_key=f"outbox_failed:{message.pk}")


def outbox_flush(limit: int = 200) -> dict:
    """Periodic job: send every due message in creation order; purge old replay signatures."""
    from .city12345 import signatures_purge

    results: dict[str, int] = {}
    due = (OutboxMessage.objects.filter(status=OutboxStatus.PENDING,
                                        next_attempt_at__lte=timezone.now())
           .order_by("created_at", "id").values_list("pk", flat=True)[:limit])
    for pk in list(due):
        outcome = outbox_deliver(pk)
        results[outcome] = results.get(outcome, 0) + 1
    signatures_purge()
    return results


def outbox_requeue(*, actor, ids) -> int:
    """An administrator sends failed messages again (after the city fixed its side)."""
    require(actor, "integrations.requeue")
    with transaction.atomic():
        pks = list(OutboxMessage.objects.select_for_update()
                   .filter(pk__in=list(ids), status=OutboxStatus.FAILED).values_list("pk", flat=True))
        OutboxMessage.objects.filter(pk__in=pks).update(
            status=OutboxStatus.PENDING, attempts=0, next_attempt_at=timezone.now())
        for pk in pks:
            transaction.on_commit(lambda pk=pk: deliver_soon(pk))
    return len(pks)
