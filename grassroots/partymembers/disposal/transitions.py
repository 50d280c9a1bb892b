"""The disposal of an unqualified member as one transition table (S2 §4.8): the 6 steps, the
follow-up the decided measure sets (applied by the system in the notification's transaction),
correction in the 8th branch with quarterly reviews, and "steps 3–6 again" when correction
fails. The generated tests in core walk every row and non-row."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import get_scope
from grassroots.core.transitions import Transition, TransitionTable, actions_for
from grassroots.party.roles import PartyRole

from .models import OPEN_STATES, DisposalCase, State


class Action(models.TextChoices):
    IDENTIFY = "dsp_identify", _("支委会初步认定")
    INVESTIGATE = "dsp_investigate", _("调查核实（谈话）")
    TOWN_PRE_REVIEW = "dsp_town_pre_review", _("镇（街道）党（工）委预审")
    COUNTY_PRE_REVIEW = "dsp_county_pre_review", _("县委组织部预审")
    VOTE = "dsp_vote", _("支部党员大会讨论表决")
    APPROVE = "dsp_approve", _("党（工）委审批")
    NOTIFY = "dsp_notify", _("反馈本人并通报")
    ENTER_EDUCATION = "dsp_enter_education", _("编入第八党支部教育转化")
    END_PERSUADED = "dsp_end_persuaded", _("劝退出党")
    END_REMOVED = "dsp_end_removed", _("除名")
    END_SUSPENDED = "dsp_end_suspended", _("停止党籍")
    QUARTER_REVIEW = "dsp_quarter_review", _("季度转化评估")
    TRANSFORM = "dsp_transform", _("认定已转化")
    CORRECTION_FAILED = "dsp_correction_failed", _("限期改正期满无转变，重新处置")
    LAPSED_REMOVE = "dsp_lapsed_remove", _("停止党籍满两年除名")
    DROP = "dsp_drop", _("不予处置")


class Who(models.TextChoices):
    BRANCH = "branch", _("党支部")
    TOWN = "town", _("镇（街道）党（工）委")
    COUNTY = "county", _("县委组织部")
    EIGHTH = "eighth", _("第八党支部")
    SYSTEM = "system", _("系统")


S, A = State, Action
B, T, C, E, SYS = Who.BRANCH, Who.TOWN, Who.COUNTY, Who.EIGHTH, Who.SYSTEM

_LINE = [
    (S.CANDIDATE, A.IDENTIFY, B, S.IDENTIFIED),
    (S.IDENTIFIED, A.INVESTIGATE, B, S.INVESTIGATED),
    (S.INVESTIGATED, A.TOWN_PRE_REVIEW, T, S.PRE_REVIEWED),
    # For 劝退/除名 the county pre-reviews too; the vote waits for it.
    (S.PRE_REVIEWED, A.COUNTY_PRE_REVIEW, C, S.PRE_REVIEWED),
    (S.PRE_REVIEWED, A.VOTE, B, S.VOTED),
    (S.VOTED, A.APPROVE, T, S.APPROVED),
    (S.APPROVED, A.NOTIFY, B, S.NOTIFIED),
    (S.APPROVED, A.NOTIFY, T, S.NOTIFIED),
    # What the decided measure sets (the system, in the notification's transaction).
    (S.NOTIFIED, A.ENTER_EDUCATION, SYS, S.IN_EDUCATION),
    (S.NOTIFIED, A.END_PERSUADED, SYS, S.PERSUADED),
    (S.NOTIFIED, A.END_REMOVED, SYS, S.REMOVED),
    (S.NOTIFIED, A.END_SUSPENDED, SYS, S.SUSPENDED),
    # Correction in the 8th branch: its committee reviews and proposes, the town decides.
    (S.IN_EDUCATION, A.QUARTER_REVIEW, E, S.IN_EDUCATION),
    (S.IN_EDUCATION, A.QUARTER_REVIEW, T, S.IN_EDUCATION),
    (S.IN_EDUCATION, A.TRANSFORM, T, S.TRANSFORMED),
    (S.IN_EDUCATION, A.CORRECTION_FAILED, T, S.INVESTIGATED),
    (S.SUSPENDED, A.LAPSED_REMOVE, T, S.REMOVED),
]
_DROPPABLE = [s for s in OPEN_STATES if s not in (S.APPROVED, S.NOTIFIED)]

ROWS = ([Transition(*row) for row in _LINE]
        + [Transition(s, A.DROP, who, S.DROPPED) for s in _DROPPABLE for who in (B, T)])
SYSTEM_ACTIONS = (A.ENTER_EDUCATION, A.END_PERSUADED, A.END_REMOVED, A.END_SUSPENDED)


def case_who(user, case) -> list[str]:
    """The parts ``user`` plays towards ``case``: the branch (its secretary, or an officer
    above), the town (an organisation officer above), the county (organisation department),
    the 8th branch (its secretary, for the members assigned to it)."""
    scope = get_scope(user)
    if scope.sees_all_party:
        return [B, T, C, E]
    who = []
    manages = case.organisation_id in scope.ids("party_org_manage")
    secretary = PartyRole.BRANCH_SECRETARY in scope.roles
    if manages or (secretary and case.organisation_id in scope.ids("party_org")):
        who.append(B)
    if manages:
        who.append(T)
    if case.eighth_branch_id and (
            case.eighth_branch_id in scope.ids("party_org_manage")
            or (secretary and case.eighth_branch_id in scope.ids("party_org"))):
        who.append(E)
    return who


DISPOSAL_TABLE = TransitionTable(
    ROWS, name="partymembers.disposal", model=DisposalCase, state_field="state",
    states=State, actions=Action, who_of=case_who, hidden=SYSTEM_ACTIONS,
    refusal=_("该处置当前为“%(state)s”，不能执行“%(action)s”。"))


def case_actions(user, case: DisposalCase) -> list[str]:
    if not isinstance(case, DisposalCase):
        return []
    return actions_for(DISPOSAL_TABLE, user, case)
