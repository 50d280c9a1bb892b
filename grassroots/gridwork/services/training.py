"""Trainings for grid secretaries: sessions, materials and attendance."""

from __future__ import annotations

from datetime import date as date_type

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.people.models import Person, ServiceTeamMember
from grassroots.people.validators import visible_length

from ..models import Attendance, TrainingKind, TrainingMaterial, TrainingSession
from ..models.scoping import is_county_manager
from .common import clean_text


def _materials_validate(files, existing=0):
    """PDF, Word, PPT, Excel or pictures (by content; ``TrainingMaterial``'s limits)."""
    return TrainingMaterial.accept(files, field="materials", existing=existing,
                                   too_many=_("每次培训最多上传%(n)s个材料。"))


def _store_materials(session, checked, actor):
    for upload in checked:
        TrainingMaterial.store(upload, uploaded_by=actor, session=session)


def training_create(
    *, actor, title: str, kind: str, date: date_type, place: str, topics: str = "",
    trainers: str = "", organiser=None, materials=(),
) -> TrainingSession:
    require(actor, "gridwork.town_work")
    title = clean_text(title, limit=100)
    if visible_length(title) < 2:
        raise ApplicationError(_("请填写培训名称。"), field="title")
    if kind not in TrainingKind.values:
        raise ApplicationError(_("请选择培训类型（系统培训、政策培训或岗位实训）。"), field="kind")
    place = clean_text(place, limit=100)
    if not place:
        raise ApplicationError(_("请填写培训地点。"), field="place")
    if date is None:
        raise ApplicationError(_("请填写培训日期。"), field="date")
    checked = _materials_validate(materials)
    with transaction.atomic():
        session = TrainingSession.objects.create(
            title=title, kind=kind, date=date, place=place, topics=clean_text(topics, limit=4000),
            trainers=clean_text(trainers, limit=200), organiser=organiser,
            created_by=actor if getattr(actor, "pk", None) else None)
        _store_materials(session, checked, actor)
        event_record(subject=session, actor=actor, action="training_created", to_state=kind,
                     note=title)
    return session


def training_add_materials(*, actor, session: TrainingSession, materials) -> int:
    require(actor, "gridwork.town_work")
    checked = _materials_validate(materials, existing=session.materials.count())
    with transaction.atomic():
        _store_materials(session, checked, actor)
        event_record(subject=session, actor=actor, action="training_materials_added",
                     extra={"files": [c[0] for c in checked]})
    return len(checked)


def active_secretaries():
    """Every cadre with an active team seat (a "secretary"), one row each."""
    return Person.objects.filter(Exists(ServiceTeamMember.objects.filter(
        person=OuterRef("pk"), ended_at__isnull=True)))


def training_attendance_record(*, actor, session: TrainingSession, people) -> int:
    """Record who attended; re-recording someone is harmless. Town staff record their town's
    secretaries only. Returns how many new attendance rows."""
    scope = require(actor, "gridwork.town_work")
    ids = sorted({getattr(p, "pk", p) for p in people})
    if not ids:
        raise ApplicationError(_("请选择参训的民情书记。"), field="people")
    allowed = active_secretaries().filter(pk__in=ids)
    if not is_county_manager(scope):
        allowed = allowed.filter(team_seats__ended_at__isnull=True,
                                 team_seats__team__grid__division__town_id__in=scope.town_ids)
    allowed_ids = set(allowed.values_list("pk", flat=True))
    missing = [i for i in ids if i not in allowed_ids]
    if missing:
        names = list(Person.objects.filter(pk__in=missing[:5]).values_list("name", flat=True))
        raise ApplicationError(
            _("以下人员不是您管理范围内的在岗民情书记：%(names)s")
            % {"names": _("、").join(names or map(str, missing[:5]))}, field="people")
    with transaction.atomic():
        before = Attendance.objects.filter(session=session).count()
        Attendance.objects.bulk_create(
            [Attendance(session=session, person_id=i, recorded_by=actor) for i in ids],
            batch_size=1000, ignore_conflicts=True)
        added = Attendance.objects.filter(session=session).count() - before
        event_record(subject=session, actor=actor, action="attendance_recorded",
                     extra={"added": added, "submitted": len(ids)})
    return added
