"""志愿服务 activities."""

from __future__ import annotations

from datetime import date as date_type

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.people.validators import visible_length

from .. import months
from ..models import VolunteerActivity, VolunteerKind
from .common import clean_text

MAX_PARTICIPANTS = 100000


def volunteer_activity_record(
    *, actor, title: str, kind: str, date: date_type, participants_count: int,
    people_served: int = 0, grid=None, division=None, organiser=None, participants=(),
    notes: str = "",
) -> VolunteerActivity:
    """Record one activity in a grid or a village/community the actor is responsible for."""
    if grid is not None:
        division = grid.division
    if division is None:
        raise ApplicationError(_("请选择活动所在的网格或村居。"), field="division")
    if not division.is_village:
        raise ApplicationError(_("活动地点请选择村或社区。"), field="division")
    require(actor, "gridwork.record_volunteering", (grid, division))
    title = clean_text(title, limit=100)
    if visible_length(title) < 2:
        raise ApplicationError(_("请填写活动名称。"), field="title")
    if kind not in VolunteerKind.values:
        raise ApplicationError(_("请选择活动类型。"), field="kind")
    if date is None or date > months.today():
        raise ApplicationError(_("活动日期不能晚于今天。"), field="date")
    participants = list(participants or [])
    if not isinstance(participants_count, int) or not 1 <= participants_count <= MAX_PARTICIPANTS:
        raise ApplicationError(_("参与人次应为1到%(max)s之间的整数。") % {"max": MAX_PARTICIPANTS},
                               field="participants_count")
    if participants_count < len(participants):
        raise ApplicationError(_("参与人次不能少于列出的参与人员人数。"), field="participants_count")
    if not isinstance(people_served, int) or people_served < 0:
        raise ApplicationError(_("服务群众人数不能为负数。"), field="people_served")
    with transaction.atomic():
        activity = VolunteerActivity.objects.create(
            title=title, kind=kind, date=date, participants_count=participants_count,
            people_served=people_served, grid=grid, division=division, organiser=organiser,
            notes=clean_text(notes, limit=2000),
            created_by=actor if getattr(actor, "pk", None) else None)
        if participants:
            activity.participants.add(*participants)
        event_record(subject=activity, actor=actor, action="volunteer_recorded", to_state=kind,
                     extra={"participants": participants_count, "served": people_served})
    return activity
