"""Writes on memberships: who holds which role in which organisation (the basis of scope).

Every grant and end appends an event on the membership, so the history of a person's roles is
the timeline of their memberships.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.scope import role_choices

from .models import Membership, Organization


def membership_grant(*, actor, person, organization, role: str, title: str = "") -> Membership:
    """Give ``person`` the ``role`` in ``organization``; refused if already held."""
    require(actor, "orgs.manage_memberships")
    if role not in dict(role_choices()):
        raise ApplicationError(_("未知的角色：%(role)s。") % {"role": role}, field="role")
    with transaction.atomic():
        if Membership.objects.filter(person=person, organization=organization, role=role,
                                     is_active=True).exists():
            raise ApplicationError(
                _("%(person)s 已在 %(org)s 担任该角色。") % {"person": person.name,
                                                          "org": organization},
                field="role")
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    person=person, organization=organization, role=role, title=title,
                    started_at=clock.now())
        except IntegrityError:  # a concurrent grant of the same role won the race
            raise ApplicationError(
                _("%(person)s 已在 %(org)s 担任该角色。") % {"person": person.name,
                                                          "org": organization},
                field="role")
        event_record(subject=membership, actor=actor, action="membership_granted",
                     to_state="active",
                     extra={"person": person.pk, "organization": organization.pk, "role": role})
    return membership


def membership_end(*, actor, membership: Membership, note: str = "") -> Membership:
    """End an active membership (the person leaves the role); its row stays for the history."""
    require(actor, "orgs.manage_memberships")
    with transaction.atomic():
        changed = Membership.objects.filter(pk=membership.pk, is_active=True).update(
            is_active=False, ended_at=clock.now())
        if changed != 1:
            raise ApplicationError(_("该任职已经结束。"))
        membership.refresh_from_db(fields=["is_active", "ended_at"])
        event_record(subject=membership, actor=actor, action="membership_ended",
                     from_state="active", to_state="ended", note=note)
    return membership


def unit_signoff_set(*, actor, unit: Organization, replies: bool,
                     extensions: bool) -> Organization:
    """Turn the unit leader's sign-off of replies / extension requests on or off."""
    require(actor, "orgs.signoff_settings", unit)
    with transaction.atomic():
        row = Organization.objects.select_for_update().get(pk=unit.pk)
        before = {"replies": row.signoff_replies, "extensions": row.signoff_extensions}
        after = {"replies": bool(replies), "extensions": bool(extensions)}
        if before != after:
            row.signoff_replies, row.signoff_extensions = after["replies"], after["extensions"]
            row.save(update_fields=["signoff_replies", "signoff_extensions"])
            event_record(subject=row, actor=actor, action="signoff_settings",
                         extra={"before": before, "after": after})
    unit.signoff_replies, unit.signoff_extensions = row.signoff_replies, row.signoff_extensions
    return unit
