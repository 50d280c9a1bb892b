"""The explicit transition tables of a supervision notice and of a bulletin.

One row per allowed transition: (state, action, who) → new state. Services look rows up here,
pages show only the actions the table allows, and tests are generated from it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import allows, can
from grassroots.core.scope import get_scope
from grassroots.core.transitions import Transition, TransitionTable

from .models import Bulletin, SupervisionNotice
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


def notice_who(user, notice) -> list[str]:
    """The parts ``user`` plays towards a notice (the services' ``_check`` rule)."""
    scope = get_scope(user)
    who = []
    if allows(scope, "supervision.office"):
        who.append(Who.OFFICE)
    if allows(scope, "supervision.respond", notice):
        who.append(Who.UNIT)
    return who


def bulletin_who(user, bulletin) -> list[str]:
    return [Who.OFFICE] if can(user, "supervision.office") else []


NOTICE_TABLE = TransitionTable(
    NOTICE_TRANSITIONS, name="supervision.notice", model=SupervisionNotice, states=N,
    actions=Action, who_of=notice_who,
    # Adding demands to a draft is the deadline watch's, not a button.
    hidden=[Action.ADD_DEMAND],
    refusal=_("督办通知单当前状态为“%(state)s”，不能执行“%(action)s”。如页面未刷新，请刷新后重试。"))
BULLETIN_TABLE = TransitionTable(
    BULLETIN_TRANSITIONS, name="supervision.bulletin", model=Bulletin, states=B, actions=Action,
    who_of=bulletin_who, refusal=_("通报当前状态为“%(state)s”，不能执行“%(action)s”。"))
