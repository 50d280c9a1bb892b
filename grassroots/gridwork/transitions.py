"""The pioneer round's life, in one table read by the services, the pages and the tests.

One row per allowed transition: (state, action, who) → new state; the round is moved by
``core.transitions.transition_apply`` like every other case.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import can
from grassroots.core.transitions import Transition, TransitionTable

from .models import PioneerRound, RoundStatus

S = RoundStatus


class Who(models.TextChoices):
    # The platform admin and the organisation department (the review committee).
    MANAGER = "manager", _("平台管理员或组织部")


class RoundAction:
    START_NOMINATING = "start_nominating"
    START_REVIEW = "start_review"
    PUBLICIZE = "publicize"
    PUBLISH = "publish"
    CANCEL = "cancel"


ACTION_LABELS = {
    RoundAction.START_NOMINATING: _("开始推荐"),
    RoundAction.START_REVIEW: _("结束推荐，开始评审"),
    RoundAction.PUBLICIZE: _("按评分排名并公示"),
    RoundAction.PUBLISH: _("公示期满，正式公布"),
    RoundAction.CANCEL: _("取消本轮选树"),
}

ALL_ACTIONS = (RoundAction.START_NOMINATING, RoundAction.START_REVIEW, RoundAction.PUBLICIZE,
               RoundAction.PUBLISH, RoundAction.CANCEL)

M = Who.MANAGER
ROUND_TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.OPEN, RoundAction.START_NOMINATING, M, S.NOMINATING),
    Transition(S.NOMINATING, RoundAction.START_REVIEW, M, S.REVIEWING),
    Transition(S.REVIEWING, RoundAction.PUBLICIZE, M, S.PUBLICITY),
    Transition(S.PUBLICITY, RoundAction.PUBLISH, M, S.PUBLISHED),
    Transition(S.OPEN, RoundAction.CANCEL, M, S.CANCELLED),
    Transition(S.NOMINATING, RoundAction.CANCEL, M, S.CANCELLED),
    Transition(S.REVIEWING, RoundAction.CANCEL, M, S.CANCELLED),
    Transition(S.PUBLICITY, RoundAction.CANCEL, M, S.CANCELLED),
)


def round_who(user, rnd) -> list[str]:
    """The parts ``user`` plays towards a round (the ``gridwork.manage`` rule)."""
    return [Who.MANAGER] if can(user, "gridwork.manage") else []


ROUND_TABLE = TransitionTable(
    ROUND_TRANSITIONS, name="gridwork.pioneer_round", model=PioneerRound, states=RoundStatus,
    actions=ACTION_LABELS, who_of=round_who,
    refusal=_("本轮选树当前为“%(state)s”，不能执行“%(action)s”。"))
