"""The case lives of S6: the park entry (§8.3, the four synchronisations) and a red team's
problem (open → in progress → solved / abandoned)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import allows
from grassroots.core.scope import get_scope
from grassroots.core.transitions import Transition, TransitionTable

from .models import ParkEntry, TeamProblem
from .models import ProblemStatus as P
from .models.entry import EntryStatus as S


class EntryAction(models.TextChoices):
    SURVEY = "park_entry_survey", _("摸排党员")
    PLAN = "park_entry_plan_coverage", _("确定覆盖方式")
    APPLY = "party_org_apply", _("提出成立申请")
    APPROVE = "party_org_approve", _("批复成立")
    FIRST_MEETING = "party_org_first_meeting", _("召开首次党员大会")
    JOIN = "park_entry_join_branch", _("加入联合党支部")
    INSTRUCTOR = "park_entry_assign_instructor", _("选派党建指导员")
    TRANSFERS = "park_entry_transfers_done", _("组织关系转接完成")
    SECRETARY = "secretary_select", _("选配书记")
    COMPLETE = "park_entry_complete", _("四同步完成")
    WITHDRAW = "park_entry_withdraw", _("撤销")


def entry_who(user, entry) -> list[str]:
    return ["officer"] if allows(get_scope(user), "twonew.manage", entry) else []


_OPEN = (S.REGISTERED, S.SURVEYED, S.PLANNED, S.APPLIED, S.APPROVED, S.ORG_FOUNDED,
         S.TRANSFERRED, S.SECRETARY_SELECTED)

ENTRY_TABLE = TransitionTable(
    [Transition(S.REGISTERED, EntryAction.SURVEY, "officer", S.SURVEYED),
     Transition(S.SURVEYED, EntryAction.PLAN, "officer", S.PLANNED),
     # own organisation: application → approval document → first meeting
     Transition(S.PLANNED, EntryAction.APPLY, "officer", S.APPLIED),
     Transition(S.APPLIED, EntryAction.APPROVE, "officer", S.APPROVED),
     Transition(S.APPROVED, EntryAction.FIRST_MEETING, "officer", S.ORG_FOUNDED),
     # fewer than 3 full members: a joint branch (≤ 5 units) …
     Transition(S.PLANNED, EntryAction.JOIN, "officer", S.ORG_FOUNDED),
     # … or an instructor: founding, transfers and secretary are not applicable
     Transition(S.PLANNED, EntryAction.INSTRUCTOR, "officer", S.COMPLETE),
     Transition(S.ORG_FOUNDED, EntryAction.TRANSFERS, "officer", S.TRANSFERRED),
     Transition(S.TRANSFERRED, EntryAction.SECRETARY, "officer", S.SECRETARY_SELECTED),
     # a joint branch's secretary is already there: complete once the transfers are done
     Transition(S.TRANSFERRED, EntryAction.COMPLETE, "officer", S.COMPLETE),
     Transition(S.SECRETARY_SELECTED, EntryAction.COMPLETE, "officer", S.COMPLETE),
     *[Transition(state, EntryAction.WITHDRAW, "officer", S.WITHDRAWN) for state in _OPEN]],
    name="twonew.park_entry", model=ParkEntry, states=S, actions=EntryAction,
    who_of=entry_who,
    # each of these has its own form on the entry's page (fields to fill), or is applied by
    # the system once its tasks are done
    hidden=[EntryAction.SURVEY, EntryAction.PLAN, EntryAction.APPLY, EntryAction.APPROVE,
            EntryAction.FIRST_MEETING, EntryAction.JOIN, EntryAction.INSTRUCTOR, EntryAction.TRANSFERS,
            EntryAction.SECRETARY, EntryAction.COMPLETE])


class ProblemAction(models.TextChoices):
    START = "problem_start", _("开始攻关")
    SOLVE = "problem_solve", _("攻关完成")
    ABANDON = "problem_abandon", _("放弃攻关")


def problem_who(user, problem) -> list[str]:
    return ["officer"] if allows(get_scope(user), "twonew.manage", problem) else []


PROBLEM_TABLE = TransitionTable(
    [Transition(P.OPEN, ProblemAction.START, "officer", P.IN_PROGRESS),
     Transition(P.OPEN, ProblemAction.SOLVE, "officer", P.SOLVED),
     Transition(P.IN_PROGRESS, ProblemAction.SOLVE, "officer", P.SOLVED),
     Transition(P.OPEN, ProblemAction.ABANDON, "officer", P.ABANDONED),
     Transition(P.IN_PROGRESS, ProblemAction.ABANDON, "officer", P.ABANDONED)],
    name="twonew.team_problem", model=TeamProblem, states=P, actions=ProblemAction,
    who_of=problem_who, hidden=[ProblemAction.SOLVE])
