"""Reads of the audit app. The log is readable by the security auditor only (三员分立)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from grassroots.core.policy import can
from grassroots.core.scope import get_scope

from .models import AuditLog


def can_read_audit(user) -> bool:
    return can(user, "audit.read_log")


def needs_second_factor(user) -> bool:
    """TOTP (in production) for whoever may reveal PII (asked of every registered record source:
    a new system's roles that reveal are covered the day it registers) or read the audit log,
    and for anyone who can open the admin site."""
    scope = get_scope(user)
    if scope.user_id is None:
        return False
    return (scope.is_admin or can(user, "audit.read_log")
            or any(may_reveal(scope) for _v, _r, may_reveal in _pii_sources.values())
            or bool(getattr(user, "is_staff", False) or getattr(user, "is_superuser", False)))


def audit_search(user, *, q: str = "", category: str = "", outcome: str = "",
                 date_from=None, date_to=None):
    """The auditor's search; anyone else gets no rows (pages answer 403 before this)."""
    if not can_read_audit(user):
        return AuditLog.objects.none()
    qs = AuditLog.objects.all()
    if category:
        qs = qs.filter(category=category)
    if outcome:
        qs = qs.filter(outcome=outcome)
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(at__gte=timezone.make_aware(datetime.combine(date_from, time.min), tz))
    if date_to:
        end = datetime.combine(date_to + timedelta(days=1), time.min)
        qs = qs.filter(at__lt=timezone.make_aware(end, tz))
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(actor_name__icontains=q) | Q(action__icontains=q)
                       | Q(target_repr__icontains=q) | Q(reason__icontains=q)
                       | Q(ip__startswith=q) | Q(target_id=q))
    return qs.order_by("-at", "-id")


# The apps that hold records about citizens (demands today) say whose personal data their
# records let a user see and reveal: ``visible(user)`` → a values() queryset of person ids whose
# masked data the user may see; ``revealable(scope, person)`` → may a user of that scope reveal
# that person's clear values (asked by the ``audit.reveal_pii`` rule); ``may_reveal(scope)`` →
# may a user of that scope reveal anyone at all through these records (so the sign-in asks for
# a second factor). Registered from the app's AppConfig (audit does not import them).
_pii_sources: dict = {}


def register_pii_source(name: str, *, visible, revealable, may_reveal) -> None:
    _pii_sources[name] = (visible, revealable, may_reveal)


def pii_reveal_allowed(actor, person) -> bool:
    """Who needs a citizen's clear phone or ID number: the ``audit.reveal_pii`` rule, which
    asks the registered record sources."""
    return can(actor, "audit.reveal_pii", person)


def persons_visible_to(user):
    """The persons whose masked phone / ID number the user may see: the same scope as the
    person's records. Oneself; the persons the registered record sources show the user (the
    citizens of the non-anonymous demands the user may view); the platform administrator anyone.
    Everyone else (another citizen, a unit that does not hold the citizen's demand, ids tried one
    by one) sees nobody."""
    from grassroots.people.models import Person

    scope = get_scope(user)
    if scope.user_id is None:
        return Person.objects.none()
    if scope.is_admin:
        return Person.objects.all()
    q = Q(pk__in=[])
    for visible, _r, _m in _pii_sources.values():
        q |= Q(pk__in=visible(user))
    if scope.person_id:
        q |= Q(pk=scope.person_id)
    return Person.objects.filter(q)


def person_for_reveal(user, pk):
    """The person whose masked data the user may see; the same 404 for missing and not
    allowed (whether the clear value may be revealed is ``pii_reveal_allowed``)."""
    try:
        person = persons_visible_to(user).filter(pk=int(pk)).first()
    except (TypeError, ValueError, OverflowError):
        person = None
    if person is None:
        raise Http404("未找到")
    return person
