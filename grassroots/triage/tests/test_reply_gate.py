"""Reply quality gates the close (issue #24): a flagged reply shows its flag at follow-up, and
closing it needs a recorded reason, or it goes back to the unit."""

from django.urls import reverse

from grassroots.core.errors import ApplicationError
from grassroots.demands.models import DemandStatus, FollowUp
from grassroots.demands.services import (
    assignment_acknowledge,
    assignment_reply,
    demand_dispatch,
    demand_follow_up,
)
from grassroots.testing.refusals import refused
from grassroots.triage.models import TriageSettings
from grassroots.triage.selectors import reply_flag_reasons

from .test_reply_quality_hook import GOOD, NON_ANSWER


def _replied(county, make_demand, text):
    row = TriageSettings.load()
    row.reply_gate_enabled = True  # the county's setting (off by default)
    row.save()
    demand = make_demand()
    (lead,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    assignment_acknowledge(actor=county.handler, assignment=lead)
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved", text=text)
    demand.refresh_from_db()
    assert demand.status == DemandStatus.REPLIED
    return demand


def test_closing_a_flagged_reply_needs_a_reason(county, make_demand):
    demand = _replied(county, make_demand, NON_ANSWER)
    flags = reply_flag_reasons(demand)
    assert flags[0].startswith("综合得分")
    message = (f"答复被标记为需核查（{'；'.join(flags)}）：请写明仍予办结的理由（至少4个字），"
               "或选择“不满意”退回承办单位重新办理。")
    with refused(ApplicationError, message, unchanged=[FollowUp]) as info:
        demand_follow_up(actor=county.dispatcher, demand=demand, satisfaction="satisfied",
                         close_reason="好")
    assert info.value.field == "close_reason"
    demand.refresh_from_db()
    assert demand.status == DemandStatus.REPLIED
    demand_follow_up(actor=county.dispatcher, demand=demand, satisfaction="satisfied",
                     close_reason="群众电话确认已恢复供水")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.CLOSED
    assert "理由：群众电话确认已恢复供水" in FollowUp.objects.get(demand=demand).comment


def test_or_it_goes_back_to_the_unit(county, make_demand):
    demand = _replied(county, make_demand, NON_ANSWER)
    demand_follow_up(actor=county.dispatcher, demand=demand, satisfaction="unsatisfied",
                     comment="答复没有说明如何处理")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.HANDLING and demand.reopen_count == 1


def test_a_substantive_reply_closes_without_a_reason(county, make_demand):
    demand = _replied(county, make_demand, GOOD)
    demand_follow_up(actor=county.dispatcher, demand=demand, satisfaction="satisfied")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.CLOSED


def test_the_flag_shows_on_the_follow_up_form(client, county, make_demand):
    demand = _replied(county, make_demand, NON_ANSWER)
    client.force_login(county.dispatcher)
    html = client.get(reverse("demands:detail", args=[demand.pk])).content.decode()
    assert 'data-testid="reply-flag"' in html and 'name="close_reason"' in html
    good = _replied(county, make_demand, GOOD)
    assert 'data-testid="reply-flag"' not in client.get(
        reverse("demands:detail", args=[good.pk])).content.decode()
