"""Two people acting on the same assignment at once: exactly one wins (PostgreSQL row locks)."""

import pytest
from django.db import connection

from grassroots.core.errors import TransitionNotAllowed
from grassroots.demands.models import AssignmentStatus
from grassroots.demands.services import assignment_acknowledge, assignment_return
from grassroots.testing.factories import make_member
from grassroots.testing.race import race

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]



def test_two_acknowledge_at_once_one_wins(county, dispatched):
    _, lead, _ = dispatched
    colleague = make_member(username="t_handler2", organization=county.water, role="handler")
    outcomes = race(
        lambda: assignment_acknowledge(actor=county.handler, assignment=lead),
        lambda: assignment_acknowledge(actor=colleague, assignment=lead),
        refused=TransitionNotAllowed,
    )
    assert outcomes.count("ok") == 1
    loser = next(o for o in outcomes if o != "ok")
    assert "工单当前状态为“已签收”" in loser
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.ACKNOWLEDGED
    from grassroots.core.events import events_for

    assert [e.action for e in events_for(lead)].count("acknowledge") == 1


def test_acknowledge_and_return_race(county, dispatched):
    _, lead, _ = dispatched
    colleague = make_member(username="t_handler3", organization=county.water, role="handler")
    outcomes = race(
        lambda: assignment_acknowledge(actor=county.handler, assignment=lead),
        lambda: assignment_return(actor=colleague, assignment=lead, reason="不属于本单位职责范围"),
        refused=TransitionNotAllowed,
    )
    lead.refresh_from_db()
    # Both orders are legal (a return is allowed after acknowledging); the row lock serialises
    # them, so the final state is the return and both events are recorded in order.
    assert outcomes[1] == "ok"  # returning is allowed before and after acknowledging
    assert outcomes[0] == "ok" or "退单待审" in outcomes[0]
    assert lead.status == AssignmentStatus.RETURN_REQUESTED and lead.return_count == 1
