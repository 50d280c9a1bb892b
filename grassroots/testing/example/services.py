from django.db import transaction

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import event_record
from grassroots.core.scope import get_scope
from grassroots.core.text import clean_text
from grassroots.core.transitions import transition_apply
from grassroots.people.validators import visible_length

from .models import Errand
from .transitions import ERRAND_TABLE


def errand_create(*, actor, unit, title: str) -> Errand:
    scope = get_scope(actor)
    if not (scope.is_admin or unit.pk in scope.unit_ids):
        raise NotInScope("只能为本单位登记事项。")
    title = clean_text(title)
    if visible_length(title) < 2:
        raise ApplicationError("请填写事项名称（至少2个字）。", field="title")
    with transaction.atomic():
        errand = Errand.objects.create(unit=unit, title=title[:100])
        event_record(subject=errand, actor=actor, action="errand_created", to_state=errand.status)
    return errand


def errand_transition(*, actor, errand: Errand, action: str) -> Errand:
    if "unit" not in ERRAND_TABLE.who_of(actor, errand):
        raise NotInScope("只有本单位可以办理此事项。")
    with transaction.atomic():
        transition_apply(ERRAND_TABLE, errand.pk, action=action, who="unit", actor=actor)
    errand.refresh_from_db(fields=["status"])
    return errand
