"""With the reply-quality gate on, the API's follow-up takes the close reason as the page does."""

from grassroots.demands.models import DemandStatus, FollowUp
from grassroots.demands.services import (
    assignment_acknowledge,
    assignment_reply,
    demand_dispatch,
)
from grassroots.integrations.services.tokens import api_token_create
from grassroots.triage.models import TriageSettings

from .test_reply_quality_hook import NON_ANSWER


def test_the_api_follow_up_takes_the_close_reason(county, make_demand, client):
    TriageSettings.objects.update_or_create(pk=1, defaults={"reply_gate_enabled": True})
    TriageSettings.forget()
    demand = make_demand()
    (lead,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    assignment_acknowledge(actor=county.handler, assignment=lead)
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved", text=NON_ANSWER)
    token = api_token_create(actor=county.admin, name="测试", user=county.dispatcher,
                             scopes=("read", "write"))[1]
    url = f"/api/v1/demands/{demand.pk}/follow-up"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}", "content_type": "application/json"}
    refused_answer = client.post(url, {"satisfaction": "satisfied"}, **auth)
    assert refused_answer.status_code == 400
    assert "close_reason" in refused_answer.json()["error"]["fields"]
    assert not FollowUp.objects.filter(demand=demand).exists()
    ok = client.post(url, {"satisfaction": "satisfied", "close_reason": "电话核实已解决"}, **auth)
    assert ok.status_code == 200, ok.content
    demand.refresh_from_db()
    assert demand.status == DemandStatus.CLOSED
    assert "电话核实已解决" in FollowUp.objects.get(demand=demand).comment
