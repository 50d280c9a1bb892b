"""The lives of a routine record (§7.3), a contact point and an annual assessment."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import get_scope
from grassroots.core.transitions import Transition, TransitionTable

from .models import AnnualAssessment, ContactPoint, RoutineRecord
from .models import AnnualStatus as A
from .models import ContactPointStatus as C
from .models import RoutineStatus as R
from .models.scopes import dim, is_authority


class Action(models.TextChoices):
    LOG = "routine_log", _("填写工作写实")
    ITEM = "routine_item", _("记录清单事项")
    SUBMIT_SUMMARY = "routine_submit_summary", _("提交个人小结")
    ASSESS = "routine_assess", _("领导评鉴")
    SEND_BACK = "routine_send_back", _("退回重新评鉴")
    APPROVE = "routine_approve", _("审核确定")
    FEEDBACK = "routine_feedback", _("反馈结果")
    ACKNOWLEDGE = "routine_acknowledge", _("确认结果")
    APPEAL = "routine_appeal", _("提出申诉")
    RULE_APPEAL = "routine_rule_appeal", _("处理申诉")
    FINALISE = "routine_finalise", _("归档")


class Who(models.TextChoices):
    SELF = "self", _("本人")
    LEADER = "leader", _("直接领导")
    HEAD = "head", _("单位负责人")
    COMMITTEE = "committee", _("考核委员会")
    SYSTEM = "system", _("系统")
    AUTHORITY = "authority", _("公务员主管部门")


def record_who(user, record) -> list[str]:
    """The parts ``user`` plays towards a routine record or an annual assessment."""
    if user is None:
        return [Who.SYSTEM]
    scope = get_scope(user)
    whos = []
    own = scope.person_id is not None and scope.person_id == record.person_id
    heads = dim(scope, "assess_head")
    if own:
        whos.append(Who.SELF)
    else:
        leader_id = record.section.leader_id if record.section_id else None
        if record.section_id in dim(scope, "assess_section") and leader_id != record.person_id:
            whos.append(Who.LEADER)
        elif record.unit_id in heads and (leader_id is None or leader_id == record.person_id):
            whos.append(Who.LEADER)  # no section leader: the unit head is the direct leader
    if not own and record.unit_id in heads:
        whos.append(Who.HEAD)
    if not own and record.unit_id in dim(scope, "assess_committee"):
        whos.append(Who.COMMITTEE)
    return whos


ROUTINE_TABLE = TransitionTable(
    [Transition(R.OPEN, Action.LOG, Who.SELF, R.LOGGING),
     Transition(R.LOGGING, Action.LOG, Who.SELF, R.LOGGING),
     Transition(R.OPEN, Action.ITEM, Who.LEADER, R.LOGGING),
     Transition(R.LOGGING, Action.ITEM, Who.LEADER, R.LOGGING),
     Transition(R.OPEN, Action.SUBMIT_SUMMARY, Who.SELF, R.SELF_SUMMARISED),
     Transition(R.LOGGING, Action.SUBMIT_SUMMARY, Who.SELF, R.SELF_SUMMARISED),
     Transition(R.SELF_SUMMARISED, Action.ASSESS, Who.LEADER, R.ASSESSED),
     Transition(R.ASSESSED, Action.SEND_BACK, Who.HEAD, R.SELF_SUMMARISED),
     Transition(R.ASSESSED, Action.APPROVE, Who.HEAD, R.APPROVED),
     Transition(R.ASSESSED, Action.APPROVE, Who.COMMITTEE, R.APPROVED),
     Transition(R.APPROVED, Action.FEEDBACK, Who.LEADER, R.FED_BACK),
     Transition(R.FED_BACK, Action.ACKNOWLEDGE, Who.SELF, R.ACKNOWLEDGED),
     Transition(R.FED_BACK, Action.APPEAL, Who.SELF, R.APPEALED),
     Transition(R.APPEALED, Action.RULE_APPEAL, Who.COMMITTEE, R.ACKNOWLEDGED),
     Transition(R.ACKNOWLEDGED, Action.FINALISE, Who.HEAD, R.FINAL),
     Transition(R.ACKNOWLEDGED, Action.FINALISE, Who.SYSTEM, R.FINAL)],
    name="assessment.routine", model=RoutineRecord, states=R, actions=Action, who_of=record_who,
    # Each has its own form on the record page (log, item, summary, score, talk, appeal, ruling).
    hidden=[Action.LOG, Action.ITEM, Action.SUBMIT_SUMMARY, Action.ASSESS, Action.FEEDBACK,
            Action.APPEAL, Action.RULE_APPEAL])


class ContactAction(models.TextChoices):
    ACTIVATE = "cp_activate", _("确定为联系点")
    START_EVALUATION = "cp_start_evaluation", _("开始年终评估")
    RETAIN = "cp_retain", _("保留联系点")
    REMOVE = "cp_remove", _("调整出列")


def contact_who(user, point) -> list[str]:
    return [Who.AUTHORITY] if user is not None and is_authority(get_scope(user)) else []


CONTACT_TABLE = TransitionTable(
    [Transition(C.NOMINATED, ContactAction.ACTIVATE, Who.AUTHORITY, C.ACTIVE),
     Transition(C.ACTIVE, ContactAction.START_EVALUATION, Who.AUTHORITY, C.UNDER_REVIEW),
     Transition(C.UNDER_REVIEW, ContactAction.RETAIN, Who.AUTHORITY, C.RETAINED),
     Transition(C.UNDER_REVIEW, ContactAction.REMOVE, Who.AUTHORITY, C.REMOVED)],
    name="assessment.contact_point", model=ContactPoint, states=C, actions=ContactAction,
    who_of=contact_who, hidden=[ContactAction.RETAIN, ContactAction.REMOVE])


class AnnualAction(models.TextChoices):
    SUBMIT_SUMMARY = "annual_submit_summary", _("提交年度总结")
    RECOMMEND = "annual_recommend", _("提出等次建议")
    REVIEW = "annual_review", _("考核委员会审核")
    DECIDE = "annual_decide", _("确定等次")
    NOTIFY = "annual_notify", _("书面告知")
    OBJECTION_UPHELD = "annual_objection_upheld", _("公示异议成立，重新提出等次建议")


ANNUAL_TABLE = TransitionTable(
    [Transition(A.COLLECTED, AnnualAction.SUBMIT_SUMMARY, Who.SELF, A.SUMMARISED),
     Transition(A.SUMMARISED, AnnualAction.RECOMMEND, Who.LEADER, A.RECOMMENDED),
     Transition(A.RECOMMENDED, AnnualAction.REVIEW, Who.COMMITTEE, A.REVIEWED),
     Transition(A.REVIEWED, AnnualAction.DECIDE, Who.HEAD, A.DECIDED),
     Transition(A.DECIDED, AnnualAction.NOTIFY, Who.HEAD, A.NOTIFIED),
     # An upheld objection to the excellent-list publicity naming the person (publicity's
     # on_upheld hook, in the objection's closing transaction).
     Transition(A.REVIEWED, AnnualAction.OBJECTION_UPHELD, Who.SYSTEM, A.SUMMARISED)],
    name="assessment.annual", model=AnnualAssessment, states=A, actions=AnnualAction,
    who_of=record_who, hidden=[AnnualAction.SUBMIT_SUMMARY, AnnualAction.RECOMMEND,
                               AnnualAction.REVIEW, AnnualAction.DECIDE])
