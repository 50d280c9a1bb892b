"""The title application's life (S4 §6.4), one table read by services, pages and tests."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import allows
from grassroots.core.scope import get_scope
from grassroots.core.transitions import Transition, TransitionTable

from .models import Application
from .models import ApplicationStatus as S


class Action(models.TextChoices):
    SUBMIT = "application_submit", _("提交申报")
    WITHDRAW = "application_withdraw", _("撤回申报")
    RECOMMEND = "application_recommend", _("镇街推荐")
    NOT_RECOMMEND = "application_not_recommend", _("镇街不予推荐")
    CHECK_PASS = "application_check_pass", _("资格审查通过")
    CHECK_FAIL = "application_check_fail", _("资格审查不通过")
    SHOWCASE_CLOSE = "showcase_close", _("业绩展示评分完成")
    INTERVIEW_CLOSE = "interview_close", _("面试答辩评分完成")
    VOTE_PASS = "committee_vote_pass", _("评审会表决通过")
    VOTE_FAIL = "committee_vote_fail", _("评审会表决未通过")
    PUBLICISE = "application_publicise", _("列入公示")
    OVER_QUOTA = "application_over_quota", _("超出名额")
    OBJECTION_UPHELD = "application_objection_upheld", _("公示异议成立")
    AWARD = "title_award", _("授予职称")
    SUBSIDY_PAY = "subsidy_pay", _("发放补助")


class Who(models.TextChoices):
    APPLICANT = "applicant", _("申报人")
    TOWN = "town", _("镇街")
    SECRETARIAT = "secretariat", _("职称评审办公室")
    HR = "hr", _("人社局")
    SYSTEM = "system", _("系统")


def application_who(user, application) -> list[str]:
    scope = get_scope(user)
    who = []
    if scope.person_id and application.talent.person_id == scope.person_id:
        who.append(Who.APPLICANT)
    if allows(scope, "talent.town_work", application.town_id):
        who.append(Who.TOWN)
    if allows(scope, "talent.manage"):
        who.append(Who.SECRETARIAT)
    if allows(scope, "talent.pay"):
        who.append(Who.HR)
    return who


T = Transition
APPLICATION_TABLE = TransitionTable(
    [T(S.DRAFT, Action.SUBMIT, Who.APPLICANT, S.SUBMITTED),
     T(S.DRAFT, Action.SUBMIT, Who.TOWN, S.SUBMITTED),
     T(S.DRAFT, Action.WITHDRAW, Who.APPLICANT, S.WITHDRAWN),
     T(S.SUBMITTED, Action.WITHDRAW, Who.APPLICANT, S.WITHDRAWN),
     T(S.SUBMITTED, Action.RECOMMEND, Who.TOWN, S.RECOMMENDED),
     T(S.SUBMITTED, Action.NOT_RECOMMEND, Who.TOWN, S.REJECTED),
     T(S.RECOMMENDED, Action.CHECK_PASS, Who.SECRETARIAT, S.ELIGIBLE),
     T(S.RECOMMENDED, Action.CHECK_FAIL, Who.SECRETARIAT, S.INELIGIBLE),
     T(S.ELIGIBLE, Action.SHOWCASE_CLOSE, Who.SECRETARIAT, S.SHOWCASED),
     T(S.SHOWCASED, Action.INTERVIEW_CLOSE, Who.SECRETARIAT, S.INTERVIEWED),
     T(S.INTERVIEWED, Action.VOTE_PASS, Who.SECRETARIAT, S.REVIEWED),
     T(S.INTERVIEWED, Action.VOTE_FAIL, Who.SECRETARIAT, S.REJECTED),
     T(S.REVIEWED, Action.PUBLICISE, Who.SECRETARIAT, S.PUBLICISED),
     T(S.REVIEWED, Action.OVER_QUOTA, Who.SECRETARIAT, S.REJECTED),
     T(S.PUBLICISED, Action.OBJECTION_UPHELD, Who.SYSTEM, S.REJECTED),
     T(S.PUBLICISED, Action.AWARD, Who.SECRETARIAT, S.AWARDED),
     T(S.PUBLICISED, Action.AWARD, Who.HR, S.AWARDED),
     T(S.AWARDED, Action.SUBSIDY_PAY, Who.HR, S.SUBSIDISED)],
    name="talent.application", model=Application, states=S, actions=Action,
    who_of=application_who,
    # Applied from their own forms or the round's page, not as a bare button.
    hidden=[Action.NOT_RECOMMEND, Action.CHECK_FAIL, Action.VOTE_PASS, Action.VOTE_FAIL,
            Action.PUBLICISE, Action.OVER_QUOTA, Action.OBJECTION_UPHELD, Action.AWARD,
            Action.SUBSIDY_PAY, Action.SHOWCASE_CLOSE, Action.INTERVIEW_CLOSE])
