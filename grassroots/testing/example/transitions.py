from django.db import models

from grassroots.core.scope import get_scope
from grassroots.core.transitions import Transition, TransitionTable

from .models import Errand
from .models import ErrandStatus as S


class Action(models.TextChoices):
    FINISH = "errand_finish", "办结"
    DROP = "errand_drop", "撤销"


def errand_who(user, errand) -> list[str]:
    scope = get_scope(user)
    return ["unit"] if scope.is_admin or errand.unit_id in scope.unit_ids else []


ERRAND_TABLE = TransitionTable(
    [Transition(S.OPEN, Action.FINISH, "unit", S.DONE),
     Transition(S.OPEN, Action.DROP, "unit", S.DROPPED)],
    name="example.errand", model=Errand, states=S, actions=Action, who_of=errand_who)
