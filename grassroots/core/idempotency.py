"""Idempotent creates: a double-click, a reload after success or a client's retry must not
create a second demand or visit.

A form carries a random key issued when it is rendered (``issue_key``); an API create carries an
``Idempotency-Key`` header. ``run_once`` claims the key in the same transaction as the create,
and a repeat answers with what the first call stored.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .errors import ApplicationError
from .models import IdempotencyKey

FORM_FIELD = "idempotency_key"
_KEY = re.compile(r"^[A-Za-z0-9_\-]{8,64}$")


class IdempotencyConflict(ApplicationError):
    """The key was used before for another request (HTTP 422)."""

    status_code = 422


def issue_key() -> str:
    """A fresh key for one rendered form."""
    return secrets.token_urlsafe(24)


def form_key(request) -> str:
    """The posted form's key, or "" for a missing or malformed one (then nothing is deduplicated,
    as before keys existed: an old open tab still submits)."""
    value = (request.POST.get(FORM_FIELD) or "").strip()
    return value if _KEY.match(value) else ""


def header_key(value: str | None) -> str:
    """The API's ``Idempotency-Key`` header; "" when absent, an error when malformed."""
    value = (value or "").strip()
    if value and not _KEY.match(value):
        raise ApplicationError(
            _("Idempotency-Key 应为8至64位字母、数字、“-”或“_”。"), field="Idempotency-Key")
    return value


def fingerprint(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Outcome:
    result: dict  # what the first call stored
    value: Any  # the created object (None on a repeat)
    repeated: bool


def run_once(*, user, key: str, operation: str, create: Callable[[], Any],
             result: Callable[[Any], dict], request_fingerprint: str = "") -> Outcome:
    """Run ``create()`` once per (user, key); a repeat gets the first call's ``result``.

    The key row is inserted first in the create's transaction: a concurrent repeat blocks on the
    unique index until the first commits, then finds the row (or, if the first rolled back, a
    refused create leaves no key, the person corrects the form and sends again). The same key
    with another operation or another request fingerprint is an ``IdempotencyConflict``.
    """
    if not key or user is None or not getattr(user, "is_authenticated", False):
        value = create()
        return Outcome(result=result(value), value=value, repeated=False)
    try:
        with transaction.atomic():
            row = IdempotencyKey.objects.create(user=user, key=key, operation=operation,
                                                fingerprint=request_fingerprint)
            value = create()
            row.result = result(value)
            row.save(update_fields=["result"])
            return Outcome(result=row.result, value=value, repeated=False)
    except IntegrityError:
        row = IdempotencyKey.objects.filter(user=user, key=key).first()
        if row is None:
            raise  # not our key: the create itself broke a constraint
    if row.operation != operation or (request_fingerprint
                                      and row.fingerprint != request_fingerprint):
        raise IdempotencyConflict(
            _("此 Idempotency-Key 已用于另一个请求；重试请发送相同的内容，新的请求请使用新的键。"),
            field="Idempotency-Key")
    return Outcome(result=row.result, value=None, repeated=True)


def create_once(request, *, operation: str, create: Callable[[], Any]):
    """A create form's POST: ``create()`` once per rendered form (``{% idempotency_field %}``);
    returns the created object, or on a repeat the first one's primary key, with a message."""
    from django.contrib import messages

    outcome = run_once(user=request.user, key=form_key(request), operation=operation,
                       create=create, result=lambda obj: {"pk": obj.pk})
    if outcome.repeated:
        messages.info(request, _("已提交，未重复创建。"))
    return outcome.result["pk"]


KEEP_DAYS = 7  # a retry or a reload comes within minutes; a week covers a phone left offline


def idempotency_purge() -> int:
    """Periodic job: forget keys older than a week (the created objects stay, of course)."""
    from datetime import timedelta

    from django.utils import timezone

    deleted, _counts = IdempotencyKey.objects.filter(
        created_at__lt=timezone.now() - timedelta(days=KEEP_DAYS)).delete()
    return deleted
