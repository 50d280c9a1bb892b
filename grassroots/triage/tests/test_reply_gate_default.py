"""The reply-quality gate is on by default (issue #24, migration 0006_reply_gate_on): with no
change to the county's settings, a flagged reply needs a recorded reason to close or goes back
to the unit, and the dispatcher's follow-up form shows the flag and the reason field."""

import importlib

from django.apps import apps as django_apps

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

from .test_reply_quality_hook import NON_ANSWER


def _replied(county, make_demand):
    demand = make_demand()
    (lead,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    assignment_acknowledge(actor=county.handler, assignment=lead)
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved", text=NON_ANSWER)
    demand.refresh_from_db()
    return demand


def test_gate_is_on_without_any_setting(county, make_demand, client):
    TriageSettings.objects.all().delete()
    TriageSettings.forget()
    assert TriageSettings.load().reply_gate_enabled is True
    demand = _replied(county, make_demand)
    client.force_login(county.dispatcher)
    page = client.get(f"/demands/{demand.pk}/").content.decode()
    assert 'data-testid="reply-flag"' in page and 'data-testid="close-reason"' in page
    flags = reply_flag_reasons(demand)
    message = (f"答复被标记为需核查（{'；'.join(flags)}）：请写明仍予办结的理由（至少4个字），"
               "或选择“不满意”退回承办单位重新办理。")
    with refused(ApplicationError, message, unchanged=[FollowUp]):
        demand_follow_up(actor=county.dispatcher, demand=demand, satisfaction="satisfied")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.REPLIED


def test_migration_turns_it_on_for_a_stored_row(db):
    TriageSettings.objects.update_or_create(pk=1, defaults={"reply_gate_enabled": False})
    module = importlib.import_module("grassroots.triage.migrations.0006_reply_gate_on")
    module.gate_on(django_apps, None)
    assert TriageSettings.objects.get(pk=1).reply_gate_enabled is True


def test_the_api_follow_up_takes_the_close_reason(county, make_demand, client):
    from grassroots.integrations.services.tokens import api_token_create

    demand = _replied(county, make_demand)
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
