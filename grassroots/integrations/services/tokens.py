"""API tokens: created by an administrator, stored hashed, shown once, revocable."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.audit.services import audit_record
from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.scope import Role
from grassroots.orgs.models import Membership, Organization, OrganizationKind
from grassroots.people.models import Person, PersonKind, User
from grassroots.people.validators import visible_length

from ..models import ApiToken, TokenScope

PREFIX_BYTES = 6  # 12 hex characters, shown in lists
SECRET_BYTES = 32

# The role an organisation's service user holds, so its token sees what the unit's staff see.
ROLE_FOR_KIND = {
    OrganizationKind.DISPATCH_CENTRE: Role.DISPATCHER,
    OrganizationKind.SUPERVISION_OFFICE: Role.SUPERVISOR,
    OrganizationKind.TOWN: Role.TOWN_STAFF,
}


def token_digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def organization_service_user(organization: Organization, role: str | None = None) -> User:
    """The login an organisation's tokens act as: a member of that organisation, no password."""
    role = role or ROLE_FOR_KIND.get(organization.kind) or (
        Role.HANDLER if organization.is_handling_unit else Role.VIEWER)
    username = f"api-{organization.code}".lower()[:150]
    user, created = User.objects.get_or_create(username=username, defaults={"is_active": True})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Person.objects.create(name=f"{organization}（接口）", kind=PersonKind.CADRE, user=user)
    person = user.person
    Membership.objects.get_or_create(person=person, organization=organization, role=role,
                                     is_active=True)
    return user


def api_token_create(*, actor, name: str, user: User | None = None,
                     organization: Organization | None = None,
                     scopes: Iterable[str] = (TokenScope.READ,), expires_at=None,
                     role: str | None = None) -> tuple[ApiToken, str]:
    """Create a token for a user or an organisation; returns (token, plaintext shown once)."""
    require(actor, "integrations.manage_tokens")
    name = (name or "").strip()
    if visible_length(name) < 2:
        raise ApplicationError(_("请填写令牌名称（用途），以便日后识别。"), field="name")
    if (user is None) == (organization is None):
        raise ApplicationError(_("令牌须属于一个用户或一个单位（二选一）。"), field="user")
    scopes = sorted(set(scopes))
    if not scopes or any(s not in TokenScope.values for s in scopes):
        raise ApplicationError(_("权限只能是 read（只读）或 write（读写）。"), field="scopes")
    if TokenScope.WRITE in scopes and TokenScope.READ not in scopes:
        scopes = sorted({*scopes, TokenScope.READ})
    if expires_at is not None and expires_at <= timezone.now():
        raise ApplicationError(_("过期时间应晚于现在。"), field="expires_at")
    prefix = secrets.token_hex(PREFIX_BYTES)
    plaintext = f"{prefix}.{secrets.token_urlsafe(SECRET_BYTES)}"
    with transaction.atomic():
        acting_user = user if user is not None else organization_service_user(organization, role)
        token = ApiToken.objects.create(
            name=name[:80], prefix=prefix, digest=token_digest(plaintext), user=acting_user,
            organization=organization, scopes=scopes, expires_at=expires_at,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        event_record(subject=token, actor=actor, action="api_token_created", note=name,
                     extra={"scopes": scopes, "prefix": prefix})
        audit_record(category="permission", action="api_token_create", actor=actor,
                     target=token, extra={"scopes": list(scopes)})
    return token, plaintext


def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    require(actor, "integrations.manage_tokens")
    with transaction.atomic():
        updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now())
        token.refresh_from_db()
        if updated:
            event_record(subject=token, actor=actor, action="revoke", note=token.name)
            audit_record(category="permission", action="api_token_revoke", actor=actor,
                         target=token)
    return token


def api_token_lookup(plaintext: str) -> ApiToken | None:
    """The valid token for a presented secret, or None (unknown, revoked or expired)."""
    plaintext = (plaintext or "").strip()
    if "." not in plaintext or len(plaintext) > 200:
        return None
    # with the user's person (the scope of every request starts from it)
    token = (ApiToken.objects.select_related("user__person")
             .filter(digest=token_digest(plaintext)).first())
    if token is None or not token.is_valid() or not token.user.is_active:
        return None
    now = timezone.now()
    # At most one write per token per minute: the "last used" column is for administrators.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
