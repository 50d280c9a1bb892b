"""A rule set's one transition: an administrator confirms a draft (the shipped 2026 draft, or a
local set) and from then on it is picked by date."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import get_scope
from grassroots.core.transitions import Transition, TransitionTable

from .models import RuleSet
from .models import RuleSetStatus as S


class Action(models.TextChoices):
    CONFIRM = "rule_set_confirm", _("确认施行")


def rule_set_who(user, rule_set) -> list[str]:
    return ["admin"] if get_scope(user).is_admin else []


RULE_SET_TABLE = TransitionTable(
    [Transition(S.DRAFT, Action.CONFIRM, "admin", S.CONFIRMED)],
    name="rulesets.rule_set", model=RuleSet, states=S, actions=Action, who_of=rule_set_who)
