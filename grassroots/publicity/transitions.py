"""The publicity's and the objection's lives, one table each, read by the services, the pages
and the generated tests (core/tests/test_transition_tables.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.transitions import Transition, TransitionTable

from .models import Objection, ObjectionStatus, Publicity, PublicityStatus
from .policy import officer_of


class Who(models.TextChoices):
    OFFICER = "officer", _("发布单位工作人员")
    SYSTEM = "system", _("系统")


class Action(models.TextChoices):
    PUBLISH = "publicity_publish", _("发布公示")
    WITHDRAW = "publicity_withdraw", _("撤回公示")
    END_CLEAN = "publicity_end_clean", _("期满无异议")
    END_WITH_OBJECTION = "publicity_end_objected", _("期满有异议")
    RESOLVE = "publicity_resolve", _("异议全部办结")


class ObjectionAction(models.TextChoices):
    INVESTIGATE = "objection_investigate", _("调查核实")
    UPHOLD = "objection_uphold", _("办结：异议成立")
    DISMISS = "objection_dismiss", _("办结：异议不成立")


P, OS = PublicityStatus, ObjectionStatus
OFFICER, SYSTEM = Who.OFFICER, Who.SYSTEM

PUBLICITY_TABLE = TransitionTable(
    [Transition(P.DRAFT, Action.PUBLISH, OFFICER, P.PUBLISHED),
     Transition(P.DRAFT, Action.WITHDRAW, OFFICER, P.WITHDRAWN),
     Transition(P.PUBLISHED, Action.WITHDRAW, OFFICER, P.WITHDRAWN),
     Transition(P.PUBLISHED, Action.END_CLEAN, SYSTEM, P.ENDED_CLEAN),
     Transition(P.PUBLISHED, Action.END_WITH_OBJECTION, SYSTEM, P.ENDED_WITH_OBJECTION),
     Transition(P.ENDED_WITH_OBJECTION, Action.RESOLVE, SYSTEM, P.RESOLVED)],
    name="publicity.publicity", model=Publicity, states=PublicityStatus, actions=Action,
    who_of=lambda user, publicity: [OFFICER] if officer_of(user, publicity) else [],
    hidden=(Action.END_CLEAN, Action.END_WITH_OBJECTION, Action.RESOLVE),
    refusal=_("公示当前为“%(state)s”，不能执行“%(action)s”。"))

OBJECTION_TABLE = TransitionTable(
    [Transition(OS.RECEIVED, ObjectionAction.INVESTIGATE, OFFICER, OS.INVESTIGATING),
     Transition(OS.RECEIVED, ObjectionAction.UPHOLD, OFFICER, OS.UPHELD),
     Transition(OS.RECEIVED, ObjectionAction.DISMISS, OFFICER, OS.NOT_UPHELD),
     Transition(OS.INVESTIGATING, ObjectionAction.UPHOLD, OFFICER, OS.UPHELD),
     Transition(OS.INVESTIGATING, ObjectionAction.DISMISS, OFFICER, OS.NOT_UPHELD)],
    name="publicity.objection", model=Objection, states=ObjectionStatus, actions=ObjectionAction,
    who_of=lambda user, objection: [OFFICER] if officer_of(user, objection.publicity) else [],
    refusal=_("异议当前为“%(state)s”，不能执行“%(action)s”。"))
