"""docs/new-app.md holds: an app of declarations is picked up by the kernel with no edit
elsewhere — its transition table by the generated transition tests, its event codes by the
registry, its pages by the access matrix (each check runs there too)."""

import pytest

from grassroots.core.errors import NotInScope, TransitionNotAllowed
from grassroots.core.events import event_codes, events_for
from grassroots.core.transitions import registered_tables
from grassroots.testing.access import collect
from grassroots.testing.refusals import refused

from ..models import Errand, ErrandStatus
from ..services import errand_create, errand_transition


def test_the_kernel_registries_know_the_example():
    assert "example.errand" in registered_tables()
    assert {"errand_created", "errand_finish", "errand_drop"} <= set(event_codes())
    routes = collect().routes
    assert routes["example/errands/<int:pk>/"].app == "example"
    assert routes["example/errands/<int:pk>/act/"].app == "example"


@pytest.mark.django_db
def test_an_errand_is_done_once_by_its_unit(county):
    errand = errand_create(actor=county.handler, unit=county.water, title="检查水表")
    with refused(NotInScope, "只有本单位可以办理此事项。", unchanged=[errand]):
        errand_transition(actor=county.outsider, errand=errand, action="errand_finish")
    assert errand_transition(actor=county.handler, errand=errand,
                             action="errand_finish").status == ErrandStatus.DONE
    with refused(TransitionNotAllowed, "当前状态为“已办”，不能执行“撤销”。", unchanged=[errand]):
        errand_transition(actor=county.handler, errand=errand, action="errand_drop")
    assert [e.action for e in events_for(errand)] == ["errand_created", "errand_finish"]
    assert Errand.objects.get(pk=errand.pk).status == ErrandStatus.DONE
