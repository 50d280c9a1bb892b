"""Anonymity of demands (docs/security.md, "Anonymity").

A citizen's anonymous submission records its account nowhere that demands are read from: the
demand has no citizen and no ``created_by``, its events and photos no actor. The account is kept
in ``AnonymousSubmitter`` (sealed) so the submitter can still follow their own report, and so
that the security auditor — and nobody else — can find out who it was, each look logged.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError, NotVisible
from grassroots.core.policy import can

from ..models import AnonymousSubmitter, Demand

REVEAL_ACTION = "reveal_anonymous_submitter"


class SubmitterNotFound(ApplicationError):
    status_code = 404


def submitter_seal(*, demand: Demand, user, person) -> AnonymousSubmitter:
    """Keep who submitted ``demand`` anonymously (called by the intake, in its transaction)."""
    return AnonymousSubmitter.objects.create(
        demand=demand, user=user if getattr(user, "pk", None) else None, person=person)


def anonymous_submitter_reveal(*, actor, number: str, reason: str, request=None) -> dict:
    """Who submitted the anonymous demand ``number``: the security auditor only.

    Every attempt is written to the audit log (refusals too, outside any transaction so they
    survive). A demand that is missing, not anonymous or has no sealed submitter gives the same
    answer as a refusal, so the form cannot be used to test which demands are anonymous.
    Returns the submitter's name, masked phone and account id — never the clear phone."""
    from grassroots.audit.models import AuditCategory, AuditOutcome
    from grassroots.audit.services import audit_record

    number = (number or "").strip().upper()[:24]
    reason = " ".join((reason or "").split())
    if not number:
        raise ApplicationError(_("请填写诉求编号。"), field="number")
    if len(reason) < 4:
        raise ApplicationError(_("请填写查看事由（至少4个字），例如“依法协查举报线索”。"),
                               field="reason")
    if len(reason) > 200:
        raise ApplicationError(_("查看事由请控制在200字以内。"), field="reason")
    sealed = (AnonymousSubmitter.objects.select_related("demand", "person", "user")
              .filter(demand__number=number, demand__is_anonymous=True).first())
    allowed = can(actor, "demands.reveal_anonymous")
    if not allowed or sealed is None:
        audit_record(category=AuditCategory.PII, action=REVEAL_ACTION, actor=actor,
                     request=request, outcome=AuditOutcome.DENIED, target_type="demands.demand",
                     target_id=sealed.demand_id if sealed else "", target_repr=number,
                     reason=reason)
        if not allowed:
            # The hidden demands.reveal_anonymous rule: the page is as missing as any other.
            raise NotVisible(_("只有安全审计员可以查看匿名诉求的提交人。"))
        raise SubmitterNotFound(_("未找到编号为%(number)s的匿名诉求。") % {"number": number},
                                field="number")
    with transaction.atomic():
        # The row names the demand, not the person: the audit log must not become a second
        # place where the submitter can be read.
        audit_record(category=AuditCategory.PII, action=REVEAL_ACTION, actor=actor,
                     request=request, target_type="demands.demand", target_id=sealed.demand_id,
                     target_repr=number, reason=reason)
    person = sealed.person
    return {
        "number": sealed.demand.number,
        "name": person.name if person else "",
        "phone_masked": person.phone_masked if person else "",
        "user_id": sealed.user_id,
        "recorded_at": sealed.recorded_at,
    }
