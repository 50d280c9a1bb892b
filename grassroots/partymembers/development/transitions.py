"""The development pipeline as one transition table (S2 §4.2): every step a row with who may
do it. The services check each step's rules; the pages offer ``case_actions``; the generated
tests in core walk every row and non-row."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import get_scope
from grassroots.core.transitions import Transition, TransitionTable
from grassroots.party.roles import PartyRole

from .models import DevelopmentCase, Step
from .models.case import FINAL_STEPS


class Action(models.TextChoices):
    TALK = "dev_talk", _("登记谈话")
    ACTIVIST = "dev_activist", _("确定为入党积极分子")
    ACTIVIST_FILE = "dev_activist_file", _("积极分子备案")
    CONTACTS = "dev_contacts", _("指定培养联系人")
    CANDIDATE = "dev_candidate", _("确定为发展对象")
    CANDIDATE_PUBLICITY = "dev_candidate_publicity", _("发展对象公示期满")
    CANDIDATE_FILE = "dev_candidate_file", _("发展对象备案")
    INTRODUCERS = "dev_introducers", _("确定入党介绍人")
    REVIEW_CONCLUDE = "dev_review_conclude", _("作出政审结论")
    TRAINING = "dev_training", _("登记集中培训")
    COMMITTEE_REVIEW = "dev_committee_review", _("支部委员会审查")
    PRE_REVIEW = "dev_pre_review", _("上级党委预审")
    VOLUNTEER_BOOK = "dev_volunteer_book", _("登记入党志愿书")
    ADMISSION_PUBLICITY = "dev_admission_publicity", _("接收预备党员公示期满")
    ADMIT = "dev_admit", _("支部大会讨论接收")
    UPPER_TALK = "dev_upper_talk", _("上级党委派人谈话")
    APPROVE = "dev_approve", _("上级党委审批")
    COUNTY_FILE = "dev_county_file", _("报县委组织部备案")
    PLACE = "dev_place", _("编入党支部和党小组")
    OATH = "dev_oath", _("入党宣誓")
    CONVERSION_APPLY = "dev_conversion_apply", _("提出转正申请")
    CONVERSION_PUBLICITY = "dev_conversion_publicity", _("拟转正公示期满")
    CONVERSION_VOTE = "dev_conversion_vote", _("支部大会讨论转正")
    CONVERT = "dev_convert", _("批准转正")
    EXTEND = "dev_extend", _("批准延长预备期")
    CANCEL = "dev_cancel", _("批准取消预备党员资格")
    ARCHIVE = "dev_archive", _("材料归档")
    TERMINATE = "dev_terminate", _("终止发展")
    WITHDRAW = "dev_withdraw", _("本人撤回申请")
    BACK_TO_ACTIVIST = "dev_back_to_activist", _("联审不同意，退回继续培养考察")


class Who(models.TextChoices):
    APPLICANT = "applicant", _("申请人")
    BRANCH = "branch", _("党支部")
    TOWN = "town", _("上级党（工）委")


S, A, B, T, P = Step, Action, Who.BRANCH, Who.TOWN, Who.APPLICANT

# (from, action, who, to): the main line, in order.
_LINE = [
    (S.APPLIED, A.TALK, B, S.TALKED),
    (S.TALKED, A.ACTIVIST, B, S.ACTIVIST),
    (S.ACTIVIST, A.ACTIVIST_FILE, T, S.ACTIVIST_FILED),
    (S.ACTIVIST_FILED, A.CONTACTS, B, S.CONTACTS),
    (S.CONTACTS, A.CANDIDATE, B, S.CANDIDATE),
    (S.CANDIDATE, A.CANDIDATE_PUBLICITY, B, S.CANDIDATE_PUBLICISED),
    (S.CANDIDATE_PUBLICISED, A.CANDIDATE_FILE, T, S.CANDIDATE_FILED),
    (S.CANDIDATE_FILED, A.INTRODUCERS, B, S.INTRODUCERS),
    (S.INTRODUCERS, A.REVIEW_CONCLUDE, T, S.REVIEWED),
    (S.REVIEWED, A.TRAINING, T, S.TRAINED),
    (S.TRAINED, A.COMMITTEE_REVIEW, B, S.COMMITTEE_REVIEWED),
    (S.COMMITTEE_REVIEWED, A.PRE_REVIEW, T, S.PRE_REVIEWED),
    (S.PRE_REVIEWED, A.VOLUNTEER_BOOK, B, S.VOLUNTEER_BOOK),
    (S.VOLUNTEER_BOOK, A.ADMISSION_PUBLICITY, B, S.ADMISSION_PUBLICISED),
    (S.ADMISSION_PUBLICISED, A.ADMIT, B, S.ADMITTED),
    (S.ADMITTED, A.UPPER_TALK, T, S.UPPER_TALKED),
    (S.UPPER_TALKED, A.APPROVE, T, S.APPROVED),
    (S.APPROVED, A.COUNTY_FILE, T, S.COUNTY_FILED),
    (S.COUNTY_FILED, A.PLACE, B, S.PLACED),
    (S.PLACED, A.OATH, B, S.SWORN),
    (S.SWORN, A.CONVERSION_APPLY, P, S.CONVERSION_APPLIED),
    (S.SWORN, A.CONVERSION_APPLY, B, S.CONVERSION_APPLIED),
    (S.CONVERSION_APPLIED, A.CONVERSION_PUBLICITY, B, S.CONVERSION_PUBLICISED),
    (S.CONVERSION_PUBLICISED, A.CONVERSION_VOTE, B, S.CONVERSION_VOTED),
    (S.CONVERSION_VOTED, A.CONVERT, T, S.CONVERTED),
    (S.CONVERSION_VOTED, A.EXTEND, T, S.SWORN),
    (S.CONVERSION_VOTED, A.CANCEL, T, S.CANCELLED),
    (S.CONVERTED, A.ARCHIVE, T, S.COMPLETED),
]

_OPEN_STEPS = [s for s in Step if s not in FINAL_STEPS]
# Until the branch meeting admits him, an applicant may withdraw.
_WITHDRAWABLE = _OPEN_STEPS[:_OPEN_STEPS.index(S.ADMITTED)]

ROWS = ([Transition(*row) for row in _LINE]
        + [Transition(s, A.TERMINATE, who, S.TERMINATED) for s in _OPEN_STEPS for who in (B, T)]
        + [Transition(s, A.WITHDRAW, P, S.TERMINATED) for s in _WITHDRAWABLE]
        + [Transition(s, A.BACK_TO_ACTIVIST, T, S.CONTACTS)
           for s in (S.CANDIDATE, S.CANDIDATE_PUBLICISED)])

# Steps at which a recused official (close-relative report) takes no part (S2 §4.4).
RECUSAL_ACTIONS = frozenset({A.ACTIVIST, A.CONTACTS, A.CANDIDATE, A.INTRODUCERS, A.ADMIT,
                             A.CONVERSION_VOTE})
# Actions with a form of their own (the page links to it rather than posting a button).
FORM_ACTIONS = frozenset({A.TERMINATE, A.WITHDRAW})


def case_who(user, case) -> list[str]:
    """The parts ``user`` plays towards ``case``: the applicant himself; the branch (its
    secretary, or an officer above); the town (an organisation officer of a committee above,
    or the county organisation department)."""
    scope = get_scope(user)
    who = []
    if scope.person_id and scope.person_id == case.person_id:
        who.append(Who.APPLICANT)
    org_id = case.organisation_id
    if scope.sees_all_party:
        return [*who, Who.BRANCH, Who.TOWN]
    manages = org_id in scope.ids("party_org_manage")
    if manages or (PartyRole.BRANCH_SECRETARY in scope.roles
                   and org_id in scope.ids("party_org")):
        who.append(Who.BRANCH)
    if manages:
        who.append(Who.TOWN)
    return who


DEVELOPMENT_TABLE = TransitionTable(
    ROWS, name="partymembers.development", model=DevelopmentCase, state_field="step",
    states=Step, actions=Action, who_of=case_who, hidden=[A.BACK_TO_ACTIVIST],
    refusal=_("发展党员当前步骤为“%(state)s”，不能执行“%(action)s”。"))


def case_actions(user, case: DevelopmentCase) -> list[str]:
    """What the case page offers: the table's actions for the user's parts, none while the
    case is suspended, none of the recusal steps to the recused official."""
    from grassroots.core.transitions import actions_for

    if not isinstance(case, DevelopmentCase) or case.status != "active":
        return []
    actions = actions_for(DEVELOPMENT_TABLE, user, case)
    scope = get_scope(user)
    if case.recused_person_id and scope.person_id == case.recused_person_id:
        actions = [a for a in actions if a not in RECUSAL_ACTIONS]
    return actions
