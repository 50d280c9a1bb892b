"""The detail page and its action forms (htmx posts that swap the panel)."""

from datetime import timedelta

import pytest

from grassroots.core.models import Event
from grassroots.demands.models import (
    Assignment,
    AssignmentStatus,
    DemandStatus,
    DispatchRule,
)
from grassroots.demands.services import (
    assignment_acknowledge,
    assignment_add_note,
    assignment_reply,
    assignment_return,
    demand_dispatch,
)

from .pagekit import HTMX, events_of, html, photo


@pytest.fixture
def water_only(county, make_demand):
    """A demand dispatched to the water bureau alone (the housing handler must not see it)."""
    demand = make_demand()
    (lead,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    return demand, lead


def url(demand, *parts):
    return "/".join([f"/demands/{demand.pk}", *[str(p) for p in parts]]) + "/"


def test_handler_sees_detail_with_masked_phone_and_actions(client, county, water_only):
    demand, lead = water_only
    client.force_login(county.handler)
    r = client.get(url(demand))
    assert r.status_code == 200
    body = html(r)
    assert demand.number in body and "小区水压低" in body
    assert "139****5678" in body and "13912345678" not in body
    assert f'data-testid="form-acknowledge-{lead.pk}"' in body
    assert f'data-testid="form-return-{lead.pk}"' in body
    assert "受理登记" in body and "【水务局】派单" in body  # timeline labels in Chinese
    assert "剩余" in body and "工作小时" in body


def test_outsider_gets_404(client, county, water_only):
    demand, lead = water_only
    client.force_login(county.outsider)
    assert client.get(url(demand)).status_code == 404
    r = client.post(url(demand, "assignments", lead.pk, "acknowledge"), **HTMX)
    assert r.status_code == 404
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.DISPATCHED


def test_missing_demand_is_404(client, county):
    client.force_login(county.dispatcher)
    assert client.get("/demands/999999/").status_code == 404


def test_anonymous_is_sent_to_login(client, county, water_only):
    demand, _ = water_only
    r = client.get(url(demand))
    assert r.status_code == 302 and r["Location"].startswith("/login/")


def test_read_only_viewer_sees_but_gets_403_on_action(client, county, water_only):
    demand, lead = water_only
    client.force_login(county.viewer)
    r = client.get(url(demand))
    assert r.status_code == 200
    assert "form-acknowledge" not in html(r)
    before = Event.objects.count()
    r = client.post(url(demand, "assignments", lead.pk, "acknowledge"), **HTMX)
    assert r.status_code == 403
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.DISPATCHED
    assert Event.objects.count() == before


def test_citizen_is_redirected_to_their_page(client, county, make_demand):
    demand = make_demand(channel="citizen", actor=county.citizen, citizen_phone="")
    client.force_login(county.citizen)
    r = client.get(url(demand))
    assert r.status_code == 302 and r["Location"] == f"/my/demands/{demand.pk}/"


def test_acknowledge_via_htmx_swaps_panel(client, county, water_only):
    demand, lead = water_only
    client.force_login(county.handler)
    r = client.post(url(demand, "assignments", lead.pk, "acknowledge"), **HTMX)
    assert r.status_code == 200
    body = html(r)
    assert body.startswith('<div id="demand-panel"')
    assert "已签收，请尽快办理。" in body
    lead.refresh_from_db()
    demand.refresh_from_db()
    assert lead.status == AssignmentStatus.ACKNOWLEDGED
    assert demand.status == DemandStatus.HANDLING
    assert events_of(lead, "acknowledge").filter(actor=county.handler).exists()


def test_acknowledge_without_htmx_redirects(client, county, water_only):
    demand, lead = water_only
    client.force_login(county.handler)
    r = client.post(url(demand, "assignments", lead.pk, "acknowledge"))
    assert r.status_code == 302 and r["Location"] == url(demand)


def test_acknowledge_twice_is_409_with_message(client, county, water_only):
    demand, lead = water_only
    assignment_acknowledge(actor=county.handler, assignment=lead)
    client.force_login(county.leader)
    before = Event.objects.count()
    r = client.post(url(demand, "assignments", lead.pk, "acknowledge"), **HTMX)
    assert r.status_code == 409
    assert "工单当前状态为“已签收”，不能执行“签收”。如页面未刷新，请刷新后重试。" in html(r)
    assert Event.objects.count() == before


def test_return_with_short_reason_shows_message_and_writes_nothing(client, county, water_only):
    demand, lead = water_only
    client.force_login(county.handler)
    before = Event.objects.count()
    r = client.post(url(demand, "assignments", lead.pk, "return"), {"reason": "不是"}, **HTMX)
    assert r.status_code == 400
    body = html(r)
    assert "请写明退单理由（至少5个字），说明为何不属于本单位职责。" in body
    assert 'data-field="reason"' in body
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.DISPATCHED and lead.return_reason == ""
    assert Event.objects.count() == before


def test_return_error_without_htmx_redirects_to_the_page_with_the_message(client, county,
                                                                          water_only):
    demand, lead = water_only
    client.force_login(county.handler)
    r = client.post(url(demand, "assignments", lead.pk, "return"), {"reason": "不是"})
    assert r.status_code == 302 and r["Location"] == url(demand)
    page = html(client.get(url(demand)))
    assert "<html" in page and "请写明退单理由" in page
    assert ">不是</textarea>" in page  # what was typed


def test_refused_ruling_without_htmx_survives_a_reload(client, county, water_only):
    """Post/redirect/get: the refusal is shown on the page the browser was sent to, so reloading
    it repeats a GET (the message once, then the plain page), never the ruling's POST."""
    demand, lead = water_only
    assignment_return(actor=county.handler, assignment=lead, reason="不属于本单位职责范围。")
    client.force_login(county.dispatcher)
    before = Event.objects.count()
    r = client.post(url(demand, "assignments", lead.pk, "decide_return"),
                    {"decision": "reject", "note": "  "})
    assert r.status_code == 302 and r["Location"] == url(demand)
    page = client.get(r["Location"])
    assert page.status_code == 200
    body = html(page)
    assert "裁定承办时请写明裁定意见。" in body
    assert 'data-field="note"' in body
    assert 'value="reject" checked' in body  # the choice made is kept
    assert '<details class="action" open>' in body
    reload = html(client.get(url(demand)))
    assert "裁定承办时请写明裁定意见。" not in reload
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.RETURN_REQUESTED
    assert Event.objects.count() == before


@pytest.mark.parametrize("form", ["dispatch", "merge", "follow_up"])
def test_other_refused_forms_without_htmx_redirect_too(client, county, make_demand, form):
    demand = make_demand()
    if form == "follow_up":
        (lead,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
        _replied(county, lead)
    client.force_login(county.dispatcher)
    path, data, message = {
        "dispatch": ("dispatch", {"lead_unit": "", "note": "请先核实"}, "请选择主办单位。"),
        "merge": ("merge", {"into": "JX-NOPE"}, "未找到编号为“JX-NOPE”的诉求。"),
        "follow_up": ("follow-up", {"satisfaction": "unsatisfied", "comment": ""},
                      "不满意时请简要说明原因，以便承办单位重新办理。"),
    }[form]
    demand.refresh_from_db()
    status = demand.status
    r = client.post(url(demand, path), data)
    assert r.status_code == 302 and r["Location"] == url(demand)
    assert message in html(client.get(url(demand)))
    assert message not in html(client.get(url(demand)))
    demand.refresh_from_db()
    assert demand.status == status


def test_a_refusal_kept_for_one_demand_is_not_shown_on_another(client, county, make_demand):
    first, second = make_demand(), make_demand(title="另一件")
    client.force_login(county.dispatcher)
    client.post(url(first, "merge"), {"into": "JX-NOPE"})
    assert "JX-NOPE" not in html(client.get(url(second)))
    assert "未找到编号为“JX-NOPE”的诉求。" in html(client.get(url(first)))


def test_return_then_dispatcher_approves_and_redispatches(client, county, water_only):
    demand, lead = water_only
    client.force_login(county.handler)
    r = client.post(url(demand, "assignments", lead.pk, "return"),
                    {"reason": "该小区供水属于物业自管设施，由住建部门监管。"}, **HTMX)
    assert r.status_code == 200
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.RETURN_REQUESTED
    assert events_of(lead, "return").exists()
    client.force_login(county.dispatcher)
    page = html(client.get(url(demand)))
    assert f'data-testid="form-decide_return-{lead.pk}"' in page
    r = client.post(url(demand, "assignments", lead.pk, "decide_return"),
                    {"decision": "approve", "new_lead_unit": county.housing.pk,
                     "note": "改派住建局"}, **HTMX)
    assert r.status_code == 200
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.RETURNED
    new = Assignment.objects.get(demand=demand, unit=county.housing)
    assert new.role == "lead" and new.status == AssignmentStatus.DISPATCHED
    assert events_of(lead, "approve_return").exists()


def test_dispatcher_rules_unit_must_take_it_then_escalation(client, county, water_only):
    demand, lead = water_only
    assignment_return(actor=county.handler, assignment=lead, reason="不属于本单位职责范围。")
    client.force_login(county.dispatcher)
    r = client.post(url(demand, "assignments", lead.pk, "decide_return"),
                    {"decision": "reject", "note": ""}, **HTMX)
    assert r.status_code == 400 and "裁定承办时请写明裁定意见。" in html(r)
    r = client.post(url(demand, "assignments", lead.pk, "decide_return"),
                    {"decision": "reject", "note": "供水管网属水务局职责"}, **HTMX)
    assert r.status_code == 200
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.ACKNOWLEDGED and lead.ruling_forced
    client.force_login(county.handler)
    page = html(client.get(url(demand)))
    assert f"form-escalate_return-{lead.pk}" in page and f"form-return-{lead.pk}" not in page
    r = client.post(url(demand, "assignments", lead.pk, "escalate_return"),
                    {"reason": "小区二次供水设施产权属于开发商，请县里协调。"}, **HTMX)
    assert r.status_code == 200
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.RETURN_REQUESTED
    assert events_of(lead, "escalate_return").exists()


def test_handler_cannot_decide_return(client, county, water_only):
    demand, lead = water_only
    assignment_return(actor=county.handler, assignment=lead, reason="不属于本单位职责范围。")
    client.force_login(county.handler)
    r = client.post(url(demand, "assignments", lead.pk, "decide_return"),
                    {"decision": "reject", "note": "自己裁定"}, **HTMX)
    assert r.status_code == 403
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.RETURN_REQUESTED


def test_note_with_photo(client, county, water_only):
    demand, lead = water_only
    assignment_acknowledge(actor=county.handler, assignment=lead)
    client.force_login(county.handler)
    r = client.post(url(demand, "assignments", lead.pk, "note"),
                    {"kind": "verification", "text": "已到现场核实，加压泵故障。",
                     "photos": [photo()]}, **HTMX)
    assert r.status_code == 200
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.HANDLING
    assert lead.attachments.count() == 1
    assert events_of(lead, "note").get().extra["kind"] == "verification"


def test_note_with_bad_kind_writes_nothing(client, county, water_only):
    demand, lead = water_only
    assignment_acknowledge(actor=county.handler, assignment=lead)
    client.force_login(county.handler)
    before = Event.objects.count()
    r = client.post(url(demand, "assignments", lead.pk, "note"),
                    {"kind": "gossip", "text": "随便写写", "photos": [photo()]}, **HTMX)
    assert r.status_code == 400 and "请选择办理记录的类型。" in html(r)
    assert Event.objects.count() == before and demand.attachments.count() == 0


def test_extension_request_and_decision(client, county, water_only):
    demand, lead = water_only
    assignment_acknowledge(actor=county.handler, assignment=lead)
    lead.refresh_from_db()
    client.force_login(county.handler)
    r = client.post(url(demand, "assignments", lead.pk, "request_extension"),
                    {"reason": "需要更换主管道", "until": ""}, **HTMX)
    assert r.status_code == 400 and "请选择申请延期到的日期。" in html(r)
    until = (lead.reply_due_at.date().toordinal() + 5)
    from datetime import date

    r = client.post(url(demand, "assignments", lead.pk, "request_extension"),
                    {"reason": "需要更换主管道，施工需一周。",
                     "until": date.fromordinal(until).isoformat()}, **HTMX)
    assert r.status_code == 200, html(r)
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.EXTENSION_REQUESTED
    # "extend to that date" means to the end of office hours that day (17:30), not 18:00
    from django.utils.timezone import localtime

    assert localtime(lead.extension_requested_until).strftime("%H:%M") == "17:30"
    client.force_login(county.dispatcher)
    r = client.post(url(demand, "assignments", lead.pk, "decide_extension"),
                    {"decision": "approve", "note": "同意"}, **HTMX)
    assert r.status_code == 200
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.HANDLING and lead.extension_count == 1
    assert events_of(lead, "approve_extension").exists()


def test_reply_errors_and_success(client, county, water_only):
    demand, lead = water_only
    assignment_acknowledge(actor=county.handler, assignment=lead)
    client.force_login(county.handler)
    before = Event.objects.count()
    r = client.post(url(demand, "assignments", lead.pk, "reply"),
                    {"outcome": "resolved", "text": "修好了"}, **HTMX)
    assert r.status_code == 400
    assert "请填写答复内容（至少10个字），写明办理情况和结果。" in html(r)
    assert Event.objects.count() == before
    r = client.post(url(demand, "assignments", lead.pk, "reply"),
                    {"outcome": "resolved", "text": "已更换加压泵，水压恢复正常，感谢反映。",
                     "photos": [photo()]}, **HTMX)
    assert r.status_code == 200
    demand.refresh_from_db()
    assert demand.status == DemandStatus.REPLIED and demand.outcome == "resolved"
    assert events_of(lead, "reply").exists()


def _replied(county, lead):
    assignment_acknowledge(actor=county.handler, assignment=lead)
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                     text="已更换加压泵，水压恢复正常，感谢反映。")


def test_follow_up_by_dispatcher_closes(client, county, water_only):
    demand, lead = water_only
    _replied(county, lead)
    client.force_login(county.dispatcher)
    assert 'data-testid="form-follow_up"' in html(client.get(url(demand)))
    r = client.post(url(demand, "follow-up"), {"satisfaction": "unsatisfied"}, **HTMX)
    assert r.status_code == 400 and "不满意时请简要说明原因，以便承办单位重新办理。" in html(r)
    r = client.post(url(demand, "follow-up"), {"satisfaction": "satisfied",
                                               "comment": "电话回访，群众满意"}, **HTMX)
    assert r.status_code == 200
    demand.refresh_from_db()
    assert demand.status == DemandStatus.CLOSED and demand.satisfaction == "satisfied"
    assert events_of(demand, "follow_up").exists()
    r = client.post(url(demand, "follow-up"), {"satisfaction": "satisfied"}, **HTMX)
    assert r.status_code == 409 and "该诉求已办结，不能重复评价。" in html(r)


def test_supervisor_records_phone_follow_up(client, county, water_only):
    demand, lead = water_only
    _replied(county, lead)
    client.force_login(county.supervisor)
    r = client.post(url(demand, "follow-up"), {"satisfaction": "basically"}, **HTMX)
    assert r.status_code == 200
    demand.refresh_from_db()
    assert demand.status == DemandStatus.CLOSED


def test_handler_cannot_record_follow_up(client, county, water_only):
    demand, lead = water_only
    _replied(county, lead)
    client.force_login(county.handler)
    r = client.post(url(demand, "follow-up"), {"satisfaction": "satisfied"}, **HTMX)
    assert r.status_code == 403
    assert "只有诉求人本人或回访人员可以评价。" in html(r)
    demand.refresh_from_db()
    assert demand.status == DemandStatus.REPLIED


def test_refused_dispatch_from_the_queue_keeps_what_was_typed(client, county, make_demand):
    demand = make_demand()
    client.force_login(county.dispatcher)
    r = client.post(url(demand, "dispatch"), {"lead_unit": "", "note": "请先联系社区核实",
                                              "next": "/dispatch/"})
    assert r.status_code == 302 and r["Location"] == url(demand)
    page = html(client.get(url(demand)))
    assert "请选择主办单位。" in page and 'value="请先联系社区核实"' in page
    assert '<input type="hidden" name="next" value="/dispatch/">' in page
    assert not demand.assignments.exists()


def test_dispatch_from_detail_prefilled_from_catalogue(client, county, make_demand, categories):
    DispatchRule.objects.create(category=categories["water"], unit=county.water)
    demand = make_demand()
    client.force_login(county.dispatcher)
    page = html(client.get(url(demand)))
    assert f'<option value="{county.water.pk}" selected>' in page
    assert 'data-testid="suggestions"' in page
    r = client.post(url(demand, "dispatch"), {"lead_unit": "", "note": ""}, **HTMX)
    assert r.status_code == 400 and "请选择主办单位。" in html(r)
    assert not demand.assignments.exists()
    r = client.post(url(demand, "dispatch"), {"lead_unit": county.water.pk,
                                              "assisting_units": [county.housing.pk]}, **HTMX)
    assert r.status_code == 200
    demand.refresh_from_db()
    assert demand.status == DemandStatus.DISPATCHED
    assert set(demand.assignments.values_list("unit_id", "role")) == {
        (county.water.pk, "lead"), (county.housing.pk, "assist")}
    assert events_of(demand, "dispatch").exists()


def test_handler_cannot_dispatch(client, county, make_demand):
    demand = make_demand(actor=county.dispatcher)
    client.force_login(county.viewer)
    r = client.post(url(demand, "dispatch"), {"lead_unit": county.water.pk})
    assert r.status_code in (403, 404)
    demand.refresh_from_db()
    assert demand.status == DemandStatus.RECEIVED


def test_merge(client, county, make_demand):
    target = make_demand(title="小区水压低（另一户）")
    demand = make_demand()
    client.force_login(county.dispatcher)
    r = client.post(url(demand, "merge"), {"into": "JX-NOPE"}, **HTMX)
    assert r.status_code == 400 and "未找到编号为“JX-NOPE”的诉求。" in html(r)
    r = client.post(url(demand, "merge"), {"into": target.number.lower()}, **HTMX)
    assert r.status_code == 200
    demand.refresh_from_db()
    assert demand.status == DemandStatus.MERGED and demand.merged_into_id == target.pk


def test_attachment_is_served_to_staff_and_hidden_from_outsiders(client, county, make_demand):
    demand = make_demand(photos=[photo()])
    demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    att = demand.attachments.get()
    client.force_login(county.handler)
    r = client.get(url(demand, "attachments", att.pk))
    assert r.status_code == 200 and r["Content-Type"] == "image/png"
    assert b"".join(r.streaming_content).startswith(b"\x89PNG")
    client.force_login(county.outsider)
    assert client.get(url(demand, "attachments", att.pk)).status_code == 404
    other = make_demand()
    client.force_login(county.dispatcher)
    assert client.get(url(other, "attachments", att.pk)).status_code == 404


def test_detail_query_count_is_constant(client, county, water_only, django_assert_max_num_queries):
    demand, lead = water_only
    assignment_acknowledge(actor=county.handler, assignment=lead)
    client.force_login(county.handler)

    def add_notes(n):
        for i in range(n):
            assignment_add_note(actor=county.handler, assignment=lead, kind="analysis",
                                text=f"第{i}次分析研判")

    add_notes(5)
    client.get(url(demand))  # warm caches (calendar, content types)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url(demand)).status_code == 200
    add_notes(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        r = client.get(url(demand))
    assert html(r).count("分析研判") >= 20


def test_staff_timeline_tells_each_step_once(client, county, make_demand):
    demand = make_demand()
    lead, assist = demand_dispatch(actor=county.dispatcher, demand=demand,
                                   lead_unit=county.water, assisting_units=[county.housing],
                                   note="请尽快检测水质")
    assignment_acknowledge(actor=county.handler, assignment=lead)
    client.force_login(county.dispatcher)
    body = html(client.get(url(demand)))
    timeline = body.split('<ol class="timeline">')[1].split("</ol>")[0]
    steps = [li.split("<strong>")[1].split("</strong>")[0] for li in timeline.split("<li>")[1:]]
    # created; each unit's dispatch; the lead's acknowledge — no demand-level copies
    assert steps.count("派单") == 0 and "状态变更" not in steps, steps
    assert sum("派单" in s for s in steps) == 2 and sum("签收" in s for s in steps) == 1, steps


def test_detail_shows_a_returned_order_as_paused_not_overdue(client, county, water_only):
    from grassroots.core import clock

    demand, lead = water_only
    with clock.travel(lead.acknowledge_due_at - timedelta(minutes=5)):
        assignment_return(actor=county.handler, assignment=lead, reason="不属于本单位职责范围。")
    client.force_login(county.handler)
    with clock.travel(lead.reply_due_at + timedelta(days=1)):
        page = html(client.get(url(demand)))
    assert "暂停计时（退单待裁定）" in page
    assert "已超时" not in page
