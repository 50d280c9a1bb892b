"""The lives of a sci-tech post and of a training base (S4 §6.2, §6.3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import allows
from grassroots.core.scope import get_scope
from grassroots.core.transitions import Transition, TransitionTable

from .models import BaseStatus, PostStatus, SciTechPost, TrainingBase


class PostAction(models.TextChoices):
    MATCH = "scitech_match", _("匹配岗位")
    APPOINT = "scitech_appoint", _("任命")
    START = "scitech_start", _("到岗")
    ROTATE = "scitech_rotate", _("轮岗交流")
    ASSESS = "scitech_assess", _("期满考核")
    END = "scitech_end", _("期满结束")
    EXTEND = "scitech_extend", _("延期一年")


class BaseAction(models.TextChoices):
    RECOGNISE = "base_recognise", _("认定")
    REVIEW = "base_review", _("年度复核")
    SUSPEND = "base_suspend", _("暂停")
    REINSTATE = "base_reinstate", _("恢复")
    REVOKE = "base_revoke", _("撤销")


OFFICE = "office"  # the science bureau (posts) or the talent office (bases)


def post_who(user, post) -> list[str]:
    return [OFFICE] if allows(get_scope(user), "talent.scitech") else []


def base_who(user, base) -> list[str]:
    return [OFFICE] if allows(get_scope(user), "talent.bases") else []


P, B = PostStatus, BaseStatus
POST_TABLE = TransitionTable(
    [Transition(P.NOMINATED, PostAction.MATCH, OFFICE, P.MATCHED),
     Transition(P.MATCHED, PostAction.APPOINT, OFFICE, P.APPOINTED),
     Transition(P.APPOINTED, PostAction.START, OFFICE, P.SERVING),
     Transition(P.SERVING, PostAction.ROTATE, OFFICE, P.ROTATED),
     Transition(P.SERVING, PostAction.ASSESS, OFFICE, P.ASSESSED),
     Transition(P.ROTATED, PostAction.ASSESS, OFFICE, P.ASSESSED),
     Transition(P.ASSESSED, PostAction.END, OFFICE, P.ENDED),
     Transition(P.ASSESSED, PostAction.EXTEND, OFFICE, P.SERVING)],
    name="talent.scitech_post", model=SciTechPost, states=P, actions=PostAction,
    who_of=post_who)

BASE_TABLE = TransitionTable(
    [Transition(B.CANDIDATE, BaseAction.RECOGNISE, OFFICE, B.RECOGNISED),
     Transition(B.RECOGNISED, BaseAction.REVIEW, OFFICE, B.RECOGNISED),
     Transition(B.RECOGNISED, BaseAction.SUSPEND, OFFICE, B.SUSPENDED),
     Transition(B.SUSPENDED, BaseAction.REINSTATE, OFFICE, B.RECOGNISED),
     Transition(B.RECOGNISED, BaseAction.REVOKE, OFFICE, B.REVOKED),
     Transition(B.SUSPENDED, BaseAction.REVOKE, OFFICE, B.REVOKED)],
    name="talent.training_base", model=TrainingBase, states=B, actions=BaseAction,
    who_of=base_who)
