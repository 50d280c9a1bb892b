"""Unit leader sign-off (办结把关): a unit's setting sends the handler's reply / extension
request to the leader's queue with its own working-time deadline; approve proceeds as without
sign-off, return goes back to the handler with the reason."""

from datetime import timedelta

import pytest

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.models import Event, Notification
from grassroots.demands.cards import demand_cards
from grassroots.demands.models import AssignmentStatus, Demand, DemandStatus
from grassroots.demands.rules import FAMILY
from grassroots.demands.selectors import signoff_queue
from grassroots.demands.services import (
    assignment_acknowledge,
    assignment_reply,
    assignment_request_extension,
    assignment_sign_off,
    demand_dispatch,
)
from grassroots.orgs.models import Organization
from grassroots.orgs.services import unit_signoff_set
from grassroots.rulesets.models import RuleParam
from grassroots.testing.refusals import refused
from grassroots.workcal.services import add_working_hours

REPLY = "已更换加压泵，楼内水压恢复正常，已电话告知诉求人。"


@pytest.fixture
def lead(county, make_demand):
    unit_signoff_set(actor=county.leader, unit=county.water, replies=True, extensions=True)
    demand = make_demand()
    (a,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    assignment_acknowledge(actor=county.handler, assignment=a)
    a.refresh_from_db()
    return a


def _reply(county, a, text=REPLY):
    return assignment_reply(actor=county.handler, assignment=a, outcome="resolved", text=text)


def test_reply_waits_for_the_leader_with_its_own_working_time_deadline(county, lead):
    _reply(county, lead)
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.REPLY_SIGNOFF
    submitted = Event.objects.get(action="submit_reply", object_id=lead.pk)
    # the shipped 4 hours, from the reply (the event's time is read a few ms after the service's)
    assert abs(lead.due_at - add_working_hours(submitted.at, 4).due_at) < timedelta(seconds=1)
    demand = Demand.objects.get(pk=lead.demand_id)
    assert demand.status == DemandStatus.HANDLING and demand.replied_at is None
    assert list(signoff_queue(county.leader)) == [lead]
    assert list(signoff_queue(county.handler)) == []
    card = next(c for c in demand_cards(county.leader) if c["key"] == "signoff-waiting")
    assert card["count"] == 1 and card["url"] == "/signoff/"
    assert Notification.objects.filter(recipient=county.leader, kind="signoff_reply").exists()


def test_the_county_sets_the_signoff_deadline_in_the_rule_set(county, lead):
    RuleParam.objects.filter(rule_set__family=FAMILY, key="signoff.reply.working_hours") \
        .update(numerator=1, denominator=1)
    _reply(county, lead)
    lead.refresh_from_db()
    at = Event.objects.get(action="submit_reply", object_id=lead.pk).at
    assert abs(lead.due_at - add_working_hours(at, 1).due_at) < timedelta(seconds=1)


def test_approved_reply_goes_out_as_without_signoff(county, lead):
    _reply(county, lead)
    assignment_sign_off(actor=county.leader, assignment=lead, approve=True)
    lead.refresh_from_db()
    demand = Demand.objects.get(pk=lead.demand_id)
    assert lead.status == AssignmentStatus.REPLIED and lead.replied_at is not None
    assert lead.due_at is None
    assert demand.status == DemandStatus.REPLIED and demand.reply_text == REPLY
    assert Event.objects.filter(action="signoff_approve", object_id=lead.pk).exists()


def test_returned_reply_goes_back_to_the_handler_with_the_reason(county, lead):
    _reply(county, lead)
    with refused(ApplicationError, "退回时请写明理由，承办人据此修改。", unchanged=[lead]):
        assignment_sign_off(actor=county.leader, assignment=lead, approve=False, note="")
    assignment_sign_off(actor=county.leader, assignment=lead, approve=False,
                        note="请写明更换加压泵的时间")
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.HANDLING and lead.due_at == lead.reply_due_at
    assert Event.objects.get(action="signoff_return", object_id=lead.pk).note == \
        "请写明更换加压泵的时间"
    assert Notification.objects.filter(recipient=county.handler, kind="signoff_return").exists()
    assert Demand.objects.get(pk=lead.demand_id).replied_at is None
    # The handler replies again: back in the queue.
    _reply(county, lead)
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.REPLY_SIGNOFF


def test_only_the_units_leader_signs_off(county, lead):
    _reply(county, lead)
    for actor in (county.handler, county.dispatcher, county.outsider):
        with refused(NotInScope, "只有本单位负责人可以审核。", unchanged=[lead]):
            assignment_sign_off(actor=actor, assignment=lead, approve=True)


def test_extension_request_reaches_the_dispatch_centre_only_when_approved(county, lead):
    assignment_request_extension(actor=county.handler, assignment=lead, reason="需要更换主管道，工期较长",
                                 until=lead.reply_due_at + timedelta(days=5))
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.EXTENSION_SIGNOFF
    assert lead.due_at is not None and lead.paused_since is None  # the reply clock runs
    assert not Notification.objects.filter(kind="extension").exists()
    assignment_sign_off(actor=county.leader, assignment=lead, approve=True)
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.EXTENSION_REQUESTED and lead.paused_since is not None
    assert Notification.objects.filter(recipient=county.dispatcher, kind="extension").exists()


def test_returned_extension_request_keeps_the_reply_deadline(county, lead):
    assignment_request_extension(actor=county.handler, assignment=lead, reason="需要更换主管道，工期较长",
                                 until=lead.reply_due_at + timedelta(days=5))
    assignment_sign_off(actor=county.leader, assignment=lead, approve=False, note="先按期答复")
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.HANDLING
    assert lead.due_at == lead.reply_due_at and lead.extension_requested_until is None
    assert not Notification.objects.filter(kind="extension").exists()


def test_without_the_setting_the_reply_goes_out_at_once(county, make_demand):
    demand = make_demand()
    (a,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    assignment_acknowledge(actor=county.handler, assignment=a)
    _reply(county, a)
    a.refresh_from_db()
    assert a.status == AssignmentStatus.REPLIED


def test_settings_are_the_units_leaders_or_the_dispatch_centres(county):
    with refused(NotInScope, "只有本单位负责人、派单中心或平台管理员可以修改审核设置。"):
        unit_signoff_set(actor=county.handler, unit=county.water, replies=True, extensions=False)
    with refused(NotInScope, "只有本单位负责人、派单中心或平台管理员可以修改审核设置。"):
        unit_signoff_set(actor=county.leader, unit=county.housing, replies=True, extensions=False)
    unit_signoff_set(actor=county.dispatcher, unit=county.housing, replies=True, extensions=False)
    housing = Organization.objects.get(pk=county.housing.pk)
    assert housing.signoff_replies and not housing.signoff_extensions
    assert Event.objects.filter(action="signoff_settings", object_id=housing.pk).exists()


# ---------------------------------------------------------------- pages
def test_leader_sees_the_queue_and_the_reply_quality_flag(county, lead, client):
    _reply(county, lead, text="已收到，已转交相关部门处理。")
    client.force_login(county.leader)
    page = client.get("/signoff/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-testid="signoff-{lead.pk}"' in html
    assert f'data-testid="signoff-flag-{lead.pk}"' in html
    detail = client.get(f"/demands/{lead.demand_id}/").content.decode()
    assert f'data-testid="form-sign_off-{lead.pk}"' in detail
    assert f'data-testid="signoff-flags-{lead.pk}"' in detail
    # The handler is offered no sign-off, and the queue is not theirs.
    client.force_login(county.handler)
    assert f'form-sign_off-{lead.pk}' not in client.get(f"/demands/{lead.demand_id}/") \
        .content.decode()
    assert client.get("/signoff/").status_code == 403


def test_leader_approves_on_the_demand_page(county, lead, client):
    _reply(county, lead)
    client.force_login(county.leader)
    response = client.post(f"/demands/{lead.demand_id}/assignments/{lead.pk}/sign_off/",
                           {"decision": "approve"})
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.REPLIED


def test_settings_page_saves_the_units_setting(county, client):
    client.force_login(county.leader)
    page = client.get("/signoff/settings/").content.decode()
    assert f'signoff-save-{county.water.pk}' in page
    assert f'signoff-save-{county.housing.pk}' not in page
    client.post(f"/signoff/settings/{county.water.pk}/", {"replies": "on"})
    water = Organization.objects.get(pk=county.water.pk)
    assert water.signoff_replies and not water.signoff_extensions
    assert client.post(f"/signoff/settings/{county.housing.pk}/", {"replies": "on"}) \
        .status_code == 404
