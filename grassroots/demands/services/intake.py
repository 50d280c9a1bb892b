"""一网受理: every channel creates a demand through ``demand_create``."""

import uuid

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import FieldErrors
from grassroots.core.events import event_record, events_batched
from grassroots.core.policy import require
from grassroots.core.scope import get_scope
from grassroots.core.text import clean_text
from grassroots.people.models import Person, PersonKind
from grassroots.people.pii import hash_phone, normalize_phone
from grassroots.people.validators import is_valid_mobile, visible_length
from grassroots.places.models import Division, Grid

from ..models import (
    ANONYMOUS_TYPES,
    Channel,
    Demand,
    DemandStatus,
    DemandType,
    Grade,
    Outcome,
)
from ..origins import origin_validate
from ..transitions import Action
from .anonymity import submitter_seal
from .attachments import photos_store, photos_validate
from .common import run_hooks
from .deadlines import dispatch_deadline
from .numbering import demand_assign_number

TITLE_MAX = 100
TEXT_MIN, TEXT_MAX = 5, 5000
# Channels where a demand may be recorded as solved on the spot (most visit demands end there).
ON_SPOT_CHANNELS = {Channel.VISIT, Channel.MEETING, Channel.PHONE}


def _validate(*, channel, type, title, text, grade, is_anonymous, solved_on_spot, on_spot_note,
              citizen_phone, grid, division, external_id):
    """Every rule a demand's fields break, at once (the first message per field)."""
    errors: dict[str, list[str]] = {}

    def refuse(message, *, field):
        errors.setdefault(field, [message])

    if channel not in Channel.values:
        refuse(_("未知的来源渠道。"), field="channel")
    if type not in DemandType.values:
        refuse(_("请选择诉求类型（咨询、求助、投诉、举报、建议或表扬）。"), field="type")
    if grade not in Grade.values:
        refuse(_("请选择紧急程度。"), field="grade")
    if visible_length(title) < 2:
        refuse(_("请填写诉求标题（至少2个字）。"), field="title")
    if len(title) > TITLE_MAX:
        refuse(_("标题不能超过%(max)s个字，目前%(n)s个字。")
               % {"max": TITLE_MAX, "n": len(title)}, field="title")
    if visible_length(text) < TEXT_MIN:
        refuse(_("请把诉求内容写清楚（至少%(min)s个字）。") % {"min": TEXT_MIN},
               field="text")
    if len(text) > TEXT_MAX:
        refuse(_("诉求内容不能超过%(max)s个字，目前%(n)s个字。")
               % {"max": TEXT_MAX, "n": len(text)}, field="text")
    if is_anonymous and type not in ANONYMOUS_TYPES:
        refuse(_("只有举报、建议和表扬可以匿名提交；其他诉求需要留下联系方式以便答复。"),
               field="is_anonymous")
    if solved_on_spot:
        if channel not in ON_SPOT_CHANNELS:
            refuse(_("只有走访、会议和电话受理的诉求可以登记为现场解决。"),
                   field="solved_on_spot")
        if visible_length(on_spot_note) < 5:
            refuse(_("登记现场解决时，请写明现场是怎么解决的。"), field="on_spot_note")
    if channel == Channel.VISIT and grid is None:
        refuse(_("走访收集的诉求请选择网格。"), field="grid")
    if channel in (Channel.PHONE,) and not is_anonymous and not citizen_phone:
        refuse(_("电话受理请填写来电人手机号。"), field="citizen_phone")
    if citizen_phone and not is_valid_mobile(citizen_phone):
        refuse(_("手机号格式不正确，应为11位手机号码。"), field="citizen_phone")
    if channel == Channel.CITY_12345 and not external_id:
        refuse(_("12345转办件必须带有市平台工单编号。"), field="external_id")
    if division is not None and not (division.is_village or division.is_town):
        refuse(_("所在地请选择镇街或村居。"), field="division")
    if grid is not None and division is not None and grid.division_id != division.pk:
        refuse(_("所选网格不属于所选村居。"), field="grid")
    if errors:
        raise FieldErrors(field_errors=errors)


def _cleaned(title, text, on_spot_note, citizen_phone) -> tuple[str, str, str, str]:
    return (clean_text(title), clean_text(text), clean_text(on_spot_note),
            normalize_phone(clean_text(citizen_phone)))


def demand_check(*, channel: str, type: str, title: str = "", text: str = "",
                 grade: str = Grade.NORMAL, is_anonymous: bool = False,
                 solved_on_spot: bool = False, on_spot_note: str = "",
                 citizen_phone: str = "", grid: Grid | None = None) -> None:
    """The intake's field rules alone (nothing read or written): a page whose own form already
    refused a field calls it to list the rest in the same answer. Raises ``FieldErrors``."""
    title, text, on_spot_note, citizen_phone = _cleaned(title, text, on_spot_note, citizen_phone)
    _validate(channel=channel, type=type, title=title, text=text, grade=grade,
              is_anonymous=is_anonymous, solved_on_spot=solved_on_spot, on_spot_note=on_spot_note,
              citizen_phone=citizen_phone, grid=grid, division=None, external_id="")


def _check_channel_scope(actor, channel, grid):
    if channel == Channel.VISIT:
        require(actor, "demands.intake_visit", grid)
    elif channel == Channel.PHONE:
        require(actor, "demands.intake_phone")
    elif channel == Channel.MEETING:
        require(actor, "demands.intake_meeting")
    elif channel == Channel.CITIZEN:
        require(actor, "demands.intake_citizen")


def citizen_for_phone(*, name: str, phone: str) -> Person:
    """Whom a demand recorded under ``phone`` (by staff or an integration) belongs to: the
    citizen account that proved the phone by SMS code, else the phone's real-name profile
    without a login (made here if missing). An account that only claims the phone never gets
    it; when it proves the phone, the profile's demands join it (people.verification)."""
    candidates = list(Person.objects.filter(
        Q(user__isnull=False, phone_verified_at__isnull=False) | Q(user__isnull=True),
        phone_hash=hash_phone(phone), kind=PersonKind.CITIZEN).order_by("pk")[:20])
    person = (next((p for p in candidates if p.user_id), None)
              or next(iter(candidates), None))
    if person is None:
        person = Person(name=name or "来电群众", kind=PersonKind.CITIZEN)
        person.set_phone(phone)
        person.save()
    return person


def _citizen_name(typed: str, citizen: Person | None, channel: str) -> str:
    # The name as typed by the caller, never an account's; a citizen's own submission carries
    # their account's name, and a login-less profile's name is what a caller typed before.
    typed = clean_text(typed)[:40]
    if typed or citizen is None:
        return typed
    return citizen.name if channel == Channel.CITIZEN or citizen.user_id is None else ""


def demand_create(
    *, actor, channel: str, type: str, title: str, text: str, grade: str = Grade.NORMAL,
    category=None, division: Division | None = None, grid: Grid | None = None,
    address: str = "", latitude=None, longitude=None, citizen: Person | None = None,
    citizen_name: str = "", citizen_phone: str = "", is_anonymous: bool = False, photos=(),
    solved_on_spot: bool = False, on_spot_note: str = "", external_id: str = "",
    received_at=None, extra: dict | None = None, check_scope: bool = True, origin=None,
) -> Demand:
    """``origin``: (kind, record id) of what it was raised at, a kind registered in
    ``demands/origins.py`` (e.g. ``("visit", visit.pk)``)."""
    title, text, on_spot_note, citizen_phone = _cleaned(title, text, on_spot_note, citizen_phone)
    citizen_name, external_id = clean_text(citizen_name)[:40], clean_text(external_id)
    if grid is not None and division is None:
        division = grid.division
    _validate(channel=channel, type=type, title=title, text=text, grade=grade,
              is_anonymous=is_anonymous, solved_on_spot=solved_on_spot, on_spot_note=on_spot_note,
              citizen_phone=citizen_phone, grid=grid, division=division, external_id=external_id)
    if check_scope:
        _check_channel_scope(actor, channel, grid)
    origin_type, origin_id = origin_validate(origin) or ("", None)
    checked_photos = photos_validate(photos)  # read and checked before anything is written
    now = received_at or clock.now()
    # A citizen submitting anonymously is the actor: their account goes to the sealed
    # AnonymousSubmitter row only, never into the rows every page reads (events, created_by,
    # photos' uploader, hooks). Staff recording an anonymous call stay named: they are not the
    # person who made it.
    sealed = is_anonymous and channel == Channel.CITIZEN
    recorded_actor = None if sealed else actor
    with transaction.atomic():
        with events_batched():  # inserted before the number is allocated
            if citizen is None and channel == Channel.CITIZEN:
                citizen = Person.objects.get(pk=get_scope(actor).person_id)
            if citizen is None and citizen_phone and not is_anonymous:
                citizen = citizen_for_phone(name=citizen_name, phone=citizen_phone)
            demand = Demand(
                # A provisional number; the readable one is allocated last (see below).
                number=f"TMP-{uuid.uuid4().hex[:20]}", channel=channel, type=type, grade=grade,
                category=category, title=title, text=text, division=division,
                town_id=(division.town_id if division is not None else None), grid=grid,
                address=clean_text(address)[:200], latitude=latitude, longitude=longitude,
                citizen=None if is_anonymous else citizen, is_anonymous=is_anonymous,
                citizen_name="" if is_anonymous else _citizen_name(citizen_name, citizen, channel),
                received_at=now, external_id=external_id or "", extra=extra or {},
                origin_type=origin_type, origin_id=origin_id,
                created_by=recorded_actor if getattr(recorded_actor, "pk", None) else None,
            )
            if division is not None and Division.town.is_cached(division):
                demand.town = division.town  # loaded with the place: no read to show it
            if solved_on_spot:
                demand.status = DemandStatus.CLOSED
                demand.solved_on_spot = True
                demand.on_spot_note = on_spot_note
                demand.outcome = Outcome.RESOLVED
                demand.closed_at = now
                demand.replied_at = now
                demand.reply_text = on_spot_note
            else:
                demand.dispatch_due_at = dispatch_deadline(now).due_at
            demand.save()
            photos_store(checked_photos, demand=demand, actor=recorded_actor,
                         neutral_names=is_anonymous)
            if sealed:
                submitter_seal(demand=demand, user=actor, person=citizen)
            event_record(subject=demand, actor=recorded_actor, action="create",
                         to_state=DemandStatus.RECEIVED, note=title,
                         extra={"channel": channel, **({"anonymous": True} if is_anonymous else {})},
                         at=now)
            if solved_on_spot:
                event_record(subject=demand, actor=actor, action=Action.SOLVE_ON_SPOT,
                             from_state=DemandStatus.RECEIVED, to_state=DemandStatus.CLOSED,
                             note=on_spot_note, at=now)
            run_hooks(demand=demand, action="create", actor=recorded_actor)
        # The daily counter row is locked from this update until commit: allocating the number
        # last keeps that window short, so concurrent intakes do not queue behind each other.
        demand_assign_number(demand, now)
    return demand


def demand_submit_by_citizen(*, actor, **fields) -> Demand:
    return demand_create(actor=actor, channel=Channel.CITIZEN, **fields)


def demand_record_from_visit(*, actor, grid, **fields) -> Demand:
    return demand_create(actor=actor, channel=Channel.VISIT, grid=grid, **fields)


def demand_record_from_phone(*, actor, **fields) -> Demand:
    return demand_create(actor=actor, channel=Channel.PHONE, **fields)


def demand_record_from_meeting(*, actor, meeting_ref: str, **fields) -> Demand:
    """Demands raised at theme party days, special-topic meetings and other meetings."""
    extra = dict(fields.pop("extra", None) or {}, meeting=meeting_ref)
    return demand_create(actor=actor, channel=Channel.MEETING, extra=extra, **fields)


def demand_receive_from_city(*, actor, external_id: str, **fields) -> tuple[Demand, bool]:
    """A demand passed down by the city 12345 platform; idempotent on the external id."""
    existing = Demand.objects.filter(channel=Channel.CITY_12345, external_id=external_id).first()
    if existing is not None:
        return existing, False
    fields.setdefault("type", DemandType.HELP)
    return demand_create(actor=actor, channel=Channel.CITY_12345, external_id=external_id,
                         check_scope=False, **fields), True

