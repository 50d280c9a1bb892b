"""The explicit transition tables of a supervision notice and of a bulletin.

One row per allowed transition: (state, action, who) → new state. Services look rows up here,
pages show only the actions the table allows, and tests are generated from it.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import BulletinStatus as B
from .models import NoticeStatus as N


class Who(models.TextChoices):
    OFFICE = "office", _("督查室")
    UNIT = "unit", _("被督办单位")
    SYSTEM = "system", _("系统")


class Action(models.TextChoices):
    DRAFT = "draft", _("草拟")
    ADD_DEMAND = "add_demand", _("追加督办事项")
    ISSUE = "issue", _("下发")
    CANCEL = "cancel", _("撤销")
    ACKNOWLEDGE = "acknowledge", _("签收")
    RESPOND = "respond", _("反馈办理情况")
    SEND_BACK = "send_back", _("退回重新反馈")
    CLOSE = "close", _("办结")
    ESCALATE = "escalate", _("提请县领导督办")
    COMPILE = "compile", _("编制")
    EDIT = "edit", _("修改")
    PUBLISH = "publish", _("发布")


@dataclass(frozen=True)
class Transition:
    state: str
    action: str
    who: str
    to: str


NOTICE_TRANSITIONS: tuple[Transition, ...] = (
    Transition(N.DRAFTED, Action.ADD_DEMAND, Who.SYSTEM, N.DRAFTED),
    Transition(N.DRAFTED, Action.EDIT, Who.OFFICE, N.DRAFTED),
    Transition(N.DRAFTED, Action.ISSUE, Who.OFFICE, N.ISSUED),
    Transition(N.DRAFTED, Action.CANCEL, Who.OFFICE, N.CANCELLED),
    Transition(N.ISSUED, Action.ACKNOWLEDGE, Who.UNIT, N.ACKNOWLEDGED),
    Transition(N.ACKNOWLEDGED, Action.RESPOND, Who.UNIT, N.RESPONDED),
    Transition(N.RESPONDED, Action.SEND_BACK, Who.OFFICE, N.ACKNOWLEDGED),
    Transition(N.RESPONDED, Action.CLOSE, Who.OFFICE, N.CLOSED),
    Transition(N.ISSUED, Action.ESCALATE, Who.OFFICE, N.ESCALATED),
    Transition(N.ACKNOWLEDGED, Action.ESCALATE, Who.OFFICE, N.ESCALATED),
    Transition(N.RESPONDED, Action.ESCALATE, Who.OFFICE, N.ESCALATED),
    Transition(N.ESCALATED, Action.CLOSE, Who.OFFICE, N.CLOSED),
)

BULLETIN_TRANSITIONS: tuple[Transition, ...] = (
    Transition(B.DRAFTED, Action.EDIT, Who.OFFICE, B.DRAFTED),
    Transition(B.DRAFTED, Action.COMPILE, Who.OFFICE, B.DRAFTED),  # refresh the figures
    Transition(B.DRAFTED, Action.PUBLISH, Who.OFFICE, B.PUBLISHED),
)

_NOTICE = {(t.state, t.action, t.who): t for t in NOTICE_TRANSITIONS}
_BULLETIN = {(t.state, t.action, t.who): t for t in BULLETIN_TRANSITIONS}


def find_notice_transition(state, action, who) -> Transition | None:
    return _NOTICE.get((state, action, who))


def find_bulletin_transition(state, action, who) -> Transition | None:
    return _BULLETIN.get((state, action, who))


def notice_actions(state: str, who: str) -> list[str]:
    return [t.action for t in NOTICE_TRANSITIONS
            if t.state == state and t.who == who and t.action != Action.ADD_DEMAND]


def bulletin_actions(state: str, who: str) -> list[str]:
    return [t.action for t in BULLETIN_TRANSITIONS if t.state == state and t.who == who]
