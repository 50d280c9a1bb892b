from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import allows
from grassroots.core.scope import get_scope
from grassroots.core.transitions import Transition, TransitionTable

from .models import Meeting
from .models import MeetingStatus as S


class Action(models.TextChoices):
    HOLD = "meeting_hold", _("登记为已召开")
    RECORD_MINUTES = "meeting_record_minutes", _("录入会议纪要")
    CANCEL = "meeting_cancel", _("取消会议")


def meeting_who(user, meeting) -> list[str]:
    return ["recorder"] if allows(get_scope(user), "meetings.record", meeting) else []


MEETING_TABLE = TransitionTable(
    [Transition(S.PLANNED, Action.HOLD, "recorder", S.HELD),
     Transition(S.PLANNED, Action.CANCEL, "recorder", S.CANCELLED),
     Transition(S.HELD, Action.RECORD_MINUTES, "recorder", S.MINUTED)],
    name="meetings.meeting", model=Meeting, states=S, actions=Action, who_of=meeting_who,
    # minutes are entered on their own form, not by a bare button
    hidden=[Action.RECORD_MINUTES])
