"""The gate a subject passes only after its publicity: the period elapsed and no objection
open (00-common §1.3: a hard rule). S2–S6 call ``publicity_require_clear(subject)`` inside the
service that moves the subject past the publicity (e.g. 发展对象 → 预备党员)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError

from .models import Objection, Publicity, PublicityStatus
from .services import today

CLOSED_STATES = (PublicityStatus.ENDED_CLEAN, PublicityStatus.ENDED_WITH_OBJECTION,
                 PublicityStatus.RESOLVED)


@dataclass(frozen=True)
class Gate:
    ok: bool
    message: str = ""
    publicity: Publicity | None = None


def publicity_of(subject) -> Publicity | None:
    """The subject's latest publicity that was published (a withdrawn or draft one does not
    count)."""
    return (Publicity.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)
        .exclude(status__in=(PublicityStatus.DRAFT, PublicityStatus.WITHDRAWN))
        .order_by("-start_on", "-pk").first())


def publicity_gate(subject) -> Gate:
    """Whether ``subject`` may pass: published, its period over, every objection closed."""
    publicity = publicity_of(subject)
    if publicity is None:
        return Gate(False, _("尚未公示，公示期满且无未处理异议后才能办理。"))
    if publicity.status not in CLOSED_STATES and today() <= publicity.end_on:
        return Gate(False, _("公示期至%(date)s（不少于%(days)s个工作日），期满后才能办理。")
                    % {"date": f"{publicity.end_on:%Y-%m-%d}",
                       "days": publicity.min_working_days}, publicity)
    open_count = Objection.objects.filter(publicity=publicity).open().count()
    if open_count:
        return Gate(False, _("还有%(n)s件未处理的公示异议，处理完毕后才能办理。")
                    % {"n": open_count}, publicity)
    return Gate(True, "", publicity)


def publicity_require_clear(subject) -> Publicity:
    """``publicity_gate`` as a hard refusal (``ApplicationError`` with the gate's message)."""
    gate = publicity_gate(subject)
    if not gate.ok:
        raise ApplicationError(gate.message, field="publicity")
    return gate.publicity
