"""Every write of publicity: create and publish, withdraw, end (the periodic job), objections.

Decision (documented in docs/publicity.md): an objection received during the period keeps the
publicity *published* until its end date — the list stays posted for its full period, further
objections may come — and the end job then moves it to ``ended_with_objection``; it becomes
``resolved`` once every objection is closed (at once if they were all closed in the period).
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, NotInScope, TransitionNotAllowed
from grassroots.core.events import event_record
from grassroots.core.numbering import series_next
from grassroots.core.policy import require
from grassroots.core.scope import get_scope
from grassroots.core.text import clean_text
from grassroots.core.transitions import transition_apply, transition_check
from grassroots.people.validators import visible_length
from grassroots.workcal.clock import SHANGHAI
from grassroots.workcal.services import add_working_days, year_is_known

from . import rules
from .models import (
    Objection,
    ObjectionChannel,
    ObjectionStatus,
    Publicity,
    PublicityKind,
    PublicityScope,
    PublicityStatus,
)
from .policy import may_own
from .subjects import clean_published_fields, subject_type
from .transitions import OBJECTION_TABLE, PUBLICITY_TABLE, Action, ObjectionAction, Who


def today() -> date:
    return timezone.localdate(clock.now())


def period_end(start_on: date, working_days: int) -> tuple[date, bool]:
    """The last day of a period of ``working_days`` working days that starts on ``start_on``
    (the start day counts when it is a working day), on the S1 work calendar; ``True`` when
    some day of it lies in a year the calendar does not know (Mon–Fri assumed: provisional)."""
    start = datetime.combine(start_on, time.min, tzinfo=SHANGHAI)  # before opening: day 1
    deadline = add_working_days(start, working_days)
    return deadline.due_at.astimezone(SHANGHAI).date(), deadline.estimated


def _clean_phone(value: str) -> str:
    value = clean_text(value)[:30]
    digits = sum(ch.isdigit() for ch in value)
    if digits < 7 or any(not (ch.isdigit() or ch in " -()（）转+") for ch in value):
        raise ApplicationError(_("请填写正确的监督电话。"), field="contact_phone")
    return value


def publicity_create(*, actor, subject, kind: str, scope: str, title: str, fields,
                     start_on: date, contact_phone: str, contact_address: str = "",
                     organization=None, town=None, owner=None,
                     min_working_days: int | None = None, end_on: date | None = None,
                     publish: bool = False) -> Publicity:
    """A publicity of ``subject`` (a draft, or published at once with ``publish``)."""
    require(actor, "publicity.publish")
    owner_app = owner._meta.app_label if owner is not None else ""
    if not may_own(get_scope(actor), organization_id=getattr(organization, "pk", None),
                   town_id=getattr(town, "pk", None), owner_app=owner_app,
                   owner_id=getattr(owner, "pk", None)):
        raise NotInScope(_("只能以本单位、本镇街或本党组织的名义发布公示。"))
    if kind not in PublicityKind.values:
        raise ApplicationError(_("请选择公示类别。"), field="kind")
    if scope not in PublicityScope.values:
        raise ApplicationError(_("请选择公示范围。"), field="scope")
    title = clean_text(title)[:120]
    if visible_length(title) < 4:
        raise ApplicationError(_("请填写公示标题（至少4个字）。"), field="title")
    published = clean_published_fields(subject, fields)
    if not isinstance(start_on, date):
        raise ApplicationError(_("请填写公示开始日期。"), field="start_on")
    if start_on < today():
        raise ApplicationError(_("公示开始日期不能早于今天。"), field="start_on")
    minimum = rules.min_working_days(start_on)  # the rule in force when the period starts
    days = minimum if min_working_days is None else min_working_days
    if not isinstance(days, int) or not minimum <= days <= rules.max_working_days():
        raise ApplicationError(_("公示期应为%(min)s至%(max)s个工作日。")
                               % {"min": minimum, "max": rules.max_working_days()},
                               field="min_working_days")
    computed_end, provisional = period_end(start_on, days)
    if end_on is not None and end_on < computed_end:
        raise ApplicationError(_("公示期不少于%(days)s个工作日，截止日期不能早于%(date)s。")
                               % {"days": days, "date": f"{computed_end:%Y-%m-%d}"},
                               field="end_on")
    if end_on is not None:
        provisional = provisional or not year_is_known(end_on.year)
    phone = _clean_phone(contact_phone)
    address = clean_text(contact_address)[:120]
    with transaction.atomic():
        publicity = Publicity.objects.create(
            subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk,
            kind=kind, scope=scope, organization=organization, town=town,
            owner_type=ContentType.objects.get_for_model(owner) if owner is not None else None,
            owner_id=getattr(owner, "pk", None), title=title, published_fields=published,
            start_on=start_on, min_working_days=days, end_on=end_on or computed_end,
            end_is_provisional=provisional, contact_phone=phone, contact_address=address,
            created_by=actor, created_at=clock.now())
        event_record(subject=publicity, actor=actor, action="publicity_created",
                     to_state=publicity.status,
                     extra={"end_on": f"{publicity.end_on:%Y-%m-%d}",
                            "provisional": provisional, "working_days": days})
        if publish:
            transition_apply_publish(publicity, actor)
    return publicity


def transition_apply_publish(publicity: Publicity, actor) -> None:
    transition_apply(PUBLICITY_TABLE, publicity, action=Action.PUBLISH, who=Who.OFFICER,
                     actor=actor, fields={"published_at": clock.now()})


def _locked_for_officer(actor, publicity) -> Publicity:
    require(actor, "publicity.run", publicity)
    return Publicity.objects.select_for_update().get(pk=publicity.pk)


def publicity_transition(*, actor, publicity: Publicity, action: str, note: str = "") -> Publicity:
    """An officer's action on the publicity: publish a draft, withdraw it."""
    note = clean_text(note)[:1000]
    with transaction.atomic():
        locked = _locked_for_officer(actor, publicity)
        transition_check(PUBLICITY_TABLE, locked.status, action, Who.OFFICER)
        fields = {}
        if action == Action.PUBLISH:
            if locked.start_on < today():
                raise ApplicationError(_("公示开始日期已过，请重新建立公示。"), field="start_on")
            fields["published_at"] = clock.now()
        elif action == Action.WITHDRAW and visible_length(note) < 4:
            raise ApplicationError(_("请填写撤回原因。"), field="note")
        transition_apply(PUBLICITY_TABLE, locked, action=action, who=Who.OFFICER, actor=actor,
                         fields=fields, note=note)
    return locked


def _end(publicity: Publicity) -> str:
    """End one published publicity whose period is over (caller holds the lock)."""
    objections = publicity.objections.all()
    fields = {"ended_at": clock.now()}
    if not objections.exists():
        transition_apply(PUBLICITY_TABLE, publicity, action=Action.END_CLEAN, who=Who.SYSTEM,
                         actor=None, fields=fields)
        return PublicityStatus.ENDED_CLEAN
    transition_apply(PUBLICITY_TABLE, publicity, action=Action.END_WITH_OBJECTION,
                     who=Who.SYSTEM, actor=None, fields=fields,
                     extra={"objections": objections.count()})
    if not objections.open().exists():
        transition_apply(PUBLICITY_TABLE, publicity, action=Action.RESOLVE, who=Who.SYSTEM,
                         actor=None)
        return PublicityStatus.RESOLVED
    return PublicityStatus.ENDED_WITH_OBJECTION


def publicity_end_due() -> int:
    """Periodic job: end every published publicity whose last day has passed. Idempotent: each
    row is claimed under its lock and ended only while still published."""
    ended = 0
    due = Publicity.objects.filter(status=PublicityStatus.PUBLISHED, end_on__lt=today())
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            publicity = Publicity.objects.select_for_update().filter(
                pk=pk, status=PublicityStatus.PUBLISHED, end_on__lt=today()).first()
            if publicity is not None:
                _end(publicity)
                ended += 1
    return ended


# --- objections -------------------------------------------------------------------------------

def _receipt_year() -> int:
    return timezone.localdate(clock.now()).year


def objection_receive(*, actor, publicity: Publicity, content: str, channel: str = "online",
                      entry_key: str = "", submitter_name: str = "", submitter_contact: str = "",
                      submit_key: str = "") -> tuple[Objection, bool]:
    """An objection to a publicity in force: from the public form (anyone, anonymous allowed,
    ``channel`` online) or recorded by an officer from a letter, a call or a visit.

    Returns (objection, created); a repeat of the same form (``submit_key``) answers with the
    first objection and its receipt."""
    staff_record = channel != ObjectionChannel.ONLINE
    if channel not in ObjectionChannel.values:
        raise ApplicationError(_("请选择异议渠道。"), field="channel")
    if staff_record:
        require(actor, "publicity.run", publicity,
                message=_("来信、来电、来访的异议由发布单位工作人员登记。"))
    if submit_key:
        first = Objection.objects.filter(submit_key=submit_key).first()
        if first is not None:
            return first, False
    content = clean_text(content)[:2000]
    if visible_length(content) < 10:
        raise ApplicationError(_("请写明异议的具体事实（至少10个字）。"), field="content")
    submitter_name = clean_text(submitter_name)[:40]
    submitter_contact = clean_text(submitter_contact)[:40]
    if submitter_contact and sum(ch.isdigit() for ch in submitter_contact) < 7:
        raise ApplicationError(_("请填写正确的联系电话，或留空。"), field="submitter_contact")
    entry_key = clean_text(entry_key)[:40]
    user = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            locked = Publicity.objects.select_for_update().get(pk=publicity.pk)
            now = today()
            if locked.status != PublicityStatus.PUBLISHED or not (
                    locked.start_on <= now <= locked.end_on):
                raise TransitionNotAllowed(_("不在公示期内，不能提出异议。"))
            if entry_key and entry_key not in {e.get("key") for e in locked.published_fields}:
                raise ApplicationError(_("只能对公示名单中的人选提出异议。"), field="entry_key")
            year = _receipt_year()
            objection = Objection.objects.create(
                publicity=locked, year=year, seq=series_next("publicity.objection", str(year)),
                received_at=clock.now(), channel=channel, entry_key=entry_key, content=content,
                submitter_name=submitter_name, submitter_contact=submitter_contact or None,
                submitted_by=None if staff_record else user,
                recorded_by=user if staff_record else None, submit_key=submit_key or None)
            event_record(subject=objection, actor=user, action="objection_received",
                         to_state=objection.status,
                         extra={"publicity_id": locked.pk, "channel": channel,
                                **({"anonymous": True} if user is None else {})})
            event_record(subject=locked, actor=user, action="objection_received",
                         extra={"objection_id": objection.pk, "receipt": objection.receipt,
                                **({"anonymous": True} if user is None else {})})
    except IntegrityError:
        first = Objection.objects.filter(submit_key=submit_key).first() if submit_key else None
        if first is None:
            raise
        return first, False
    return objection, True


def objection_transition(*, actor, objection: Objection, action: str,
                         finding: str = "") -> Objection:
    """Investigate, or close upheld / not upheld with a finding. Upheld: the subject's app is
    told (``subjects.register_subject(on_upheld=...)``), e.g. the nominee leaves the list."""
    finding = clean_text(finding)[:2000]
    closing = action in (ObjectionAction.UPHOLD, ObjectionAction.DISMISS)
    with transaction.atomic():
        publicity = _locked_for_officer(actor, objection.publicity)
        locked = Objection.objects.select_for_update().get(pk=objection.pk)
        transition_check(OBJECTION_TABLE, locked.status, action, Who.OFFICER)
        fields = {"handled_by": actor}
        if closing:
            if visible_length(finding) < 4:
                raise ApplicationError(_("请填写核实结论。"), field="finding")
            fields.update(finding=finding, closed_at=clock.now())
        transition_apply(OBJECTION_TABLE, locked, action=action, who=Who.OFFICER, actor=actor,
                         fields=fields, note=finding)
        if closing:
            event_record(subject=publicity, actor=actor, action="objection_closed",
                         to_state=locked.status, note=finding,
                         extra={"objection_id": locked.pk, "entry_key": locked.entry_key})
            kind = subject_type(publicity.subject_type.model_class()._meta.label_lower)
            if action == ObjectionAction.UPHOLD and kind and kind.on_upheld:
                kind.on_upheld(locked, actor)
            if (publicity.status == PublicityStatus.ENDED_WITH_OBJECTION
                    and not publicity.objections.open().exists()):
                transition_apply(PUBLICITY_TABLE, publicity, action=Action.RESOLVE,
                                 who=Who.SYSTEM, actor=actor)
    return locked


def objection_status_label(status: str) -> str:
    return str(ObjectionStatus(status).label)
