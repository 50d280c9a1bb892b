"""Writes of the audit app: audit rows, PII reveal, TOTP enrolment, retention purge."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from grassroots.core.errors import ApplicationError, NotVisible
from grassroots.people.validators import visible_length

from .models import MIN_RETENTION_DAYS, AuditCategory, AuditLog, AuditOutcome

log = logging.getLogger(__name__)

# Labels are translated where shown (gettext_noop only marks them for the catalogue).
PII_FIELDS = {"phone": gettext_noop("手机号"), "id_number": gettext_noop("身份证号")}
REVEAL_SECONDS = 60


def client_ip(request) -> str | None:
    """The client address; behind a proxy set GRASSROOTS_CLIENT_IP_HEADER (e.g. HTTP_X_REAL_IP)."""
    if request is None:
        return None
    header = getattr(settings, "GRASSROOTS_CLIENT_IP_HEADER", "")
    value = (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR")
    value = (value or "").split(",")[0].strip()
    return value or None


def audit_record(*, category: str, action: str, actor=None, request=None,
                 outcome: str = AuditOutcome.SUCCESS, target=None, target_type: str = "",
                 target_id="", target_repr: str = "", reason: str = "", actor_name: str = "",
                 extra: dict | None = None) -> AuditLog:
    """Append one audit row (inside the caller's transaction, if any)."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_id = target_id or target.pk
        target_repr = target_repr or str(target)
    agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    return AuditLog.objects.create(
        actor=actor,
        actor_name=(actor.get_username() if actor is not None else actor_name)[:150],
        category=category, action=action[:48], outcome=outcome,
        target_type=target_type[:64], target_id=str(target_id or "")[:64],
        target_repr=target_repr[:200], reason=(reason or "")[:300],
        ip=client_ip(request), user_agent=agent[:200], extra=extra or {},
    )


# Why a reveal was refused, in the audit row's ``extra["refused"]`` (the auditor filters on it).
REFUSED_NOT_FOUND = "not_found_or_out_of_scope"
REFUSED_NOT_ALLOWED = "not_allowed"
REFUSED_REASON = "reason_invalid"


def _reveal_refused(*, actor, request, field: str, reason: str, why: str, message: str,
                    person=None, person_id=None) -> None:
    """The row of a refused reveal: written outside any transaction so it survives the refusal."""
    audit_record(category=AuditCategory.PII, action=f"reveal_{field}"[:48], actor=actor,
                 request=request, outcome=AuditOutcome.DENIED, target=person,
                 target_type="" if person is not None else "people.person",
                 target_id="" if person is not None else str(person_id or "")[:64],
                 reason=reason, extra={"field": field, "refused": why, "message": message})


def pii_reveal_refused_unknown(*, actor, person_id, field: str, reason: str,
                               request=None) -> None:
    """Log a reveal attempt on a person the actor may not even see (or who does not exist)."""
    _reveal_refused(actor=actor, request=request, field=field,
                    reason=" ".join(str(reason or "").split()), why=REFUSED_NOT_FOUND,
                    message="", person_id=person_id)


def pii_reveal(*, actor, person, field: str, reason: str, request=None) -> str:
    """Return one clear PII value of ``person`` and log who saw whose what, when and why.

    Who may reveal is decided by ``selectors.pii_reveal_allowed`` (docs/security.md). Every
    attempt leaves a row: a refused one (not allowed, or no acceptable reason) with the reason
    as given and why it was refused, outside any transaction so the refusal row survives.
    """
    from .selectors import pii_reveal_allowed

    if field not in PII_FIELDS:
        raise ApplicationError(_("只能查看手机号或身份证号。"), field="field")
    reason = " ".join(str(reason or "").split())
    if not pii_reveal_allowed(actor, person):
        _reveal_refused(actor=actor, request=request, field=field, reason=reason,
                        why=REFUSED_NOT_ALLOWED, message="", person=person)
        # The hidden audit.reveal_pii rule: the same 404 as for a missing person.
        raise NotVisible(_("您无权查看此人的完整个人信息。"))
    message = ""
    if visible_length(reason) < 4:
        message = _("请填写查看事由（至少4个字），例如“电话回访诉求人”。")
    elif len(reason) > 200:
        message = _("查看事由请控制在200字以内。")
    if message:
        _reveal_refused(actor=actor, request=request, field=field, reason=reason,
                        why=REFUSED_REASON, message=message, person=person)
        raise ApplicationError(message, field="reason")
    with transaction.atomic():
        audit_record(category=AuditCategory.PII, action=f"reveal_{field}", actor=actor,
                     request=request, target=person, reason=reason,
                     extra={"field": field, "person_kind": person.kind})
        return getattr(person, field) or ""


def retention_days() -> int:
    configured = int(getattr(settings, "GRASSROOTS_AUDIT_RETENTION_DAYS", MIN_RETENTION_DAYS))
    return max(configured, MIN_RETENTION_DAYS)


def audit_retention_purge() -> int:
    """Periodic job: delete rows older than the retention (never younger than 180 days).

    The only delete path. On PostgreSQL it calls the SECURITY DEFINER function installed by
    migration 0002, because the application role has no DELETE privilege on the table; the
    trigger would refuse younger rows anyway.
    """
    days = retention_days()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT grassroots_audit_purge(%s)", [days])
            deleted = cursor.fetchone()[0]
    else:
        cutoff = timezone.now() - timedelta(days=days)
        deleted, _ = AuditLog.objects.filter(at__lt=cutoff).delete()
    if deleted:
        log.info("audit retention: %s rows older than %s days deleted", deleted, days)
    return deleted


# --- TOTP second factor -------------------------------------------------------------------------

def totp_enrol_start(*, actor):
    """An unconfirmed TOTP device for the actor (reused until confirmed)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=actor, name="手机令牌", confirmed=False)
    return device


def totp_enrol_confirm(*, actor, token: str, request=None):
    """Confirm the actor's new device with its first code; the device then guards each login."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    token = (token or "").strip()
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("pk").first()
    if device is None:
        raise ApplicationError(_("没有待绑定的令牌，请刷新页面重新开始。"))
    # verify_token() saves the device's drift/last-used counter, so a code works only once.
    if not (token.isdigit() and device.verify_token(token)):
        audit_record(category=AuditCategory.AUTH, action="totp_enrol", actor=actor,
                     request=request, outcome=AuditOutcome.FAILURE)
        raise ApplicationError(_("验证码不正确，请核对手机时间后输入最新的6位数字。"), field="token")
    with transaction.atomic():
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
        audit_record(category=AuditCategory.AUTH, action="totp_enrol", actor=actor,
                     request=request, target_type="otp_totp.totpdevice", target_id=device.pk)
    device.confirmed = True
    return device


def totp_verify(*, actor, token: str, request=None):
    """Check a code against the actor's confirmed devices; returns the device or raises."""
    from django_otp import match_token

    token = (token or "").strip()
    device = match_token(actor, token) if token.isdigit() else None
    audit_record(category=AuditCategory.AUTH, action="totp_verify", actor=actor, request=request,
                 outcome=AuditOutcome.SUCCESS if device else AuditOutcome.FAILURE)
    if device is None:
        raise ApplicationError(_("验证码不正确或已使用，请输入手机令牌上最新的6位数字。"), field="token")
    return device
