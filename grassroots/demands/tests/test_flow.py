from grassroots.core.events import events_for
from grassroots.demands.models import AssignmentStatus, Demand, DemandStatus
from grassroots.demands.services import (
    assignment_acknowledge,
    assignment_reply,
    demand_follow_up,
)


def test_full_cycle_intake_to_close(county, dispatched):
    demand, lead, assist = dispatched
    demand.refresh_from_db()
    assert demand.status == DemandStatus.DISPATCHED
    assert demand.number.startswith("JX")
    assignment_acknowledge(actor=county.handler, assignment=lead)
    demand.refresh_from_db()
    assert demand.status == DemandStatus.HANDLING
    assignment_acknowledge(actor=county.outsider, assignment=assist)  # the assisting unit
    assignment_reply(actor=county.outsider, assignment=assist, outcome="resolved",
                     text="已配合检查楼内管道，未发现渗漏。")
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                     text="已更换加压泵，水压恢复正常，感谢您的反映。")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.REPLIED
    assert demand.followup_due_at is not None
    demand_follow_up(actor=county.dispatcher, demand=demand, satisfaction="satisfied")
    demand.refresh_from_db()
    lead.refresh_from_db()
    assist.refresh_from_db()
    assert demand.status == DemandStatus.CLOSED
    assert lead.status == AssignmentStatus.CLOSED
    assert assist.status == AssignmentStatus.CLOSED
    actions = [e.action for e in events_for(Demand.objects.get(pk=demand.pk))]
    assert actions[0] == "create" and "follow_up" in actions
