"""The staff demand list: filters, scope, pagination and the .xlsx export."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from grassroots.demands.exports import DEMAND_COLUMNS
from grassroots.demands.services import demand_dispatch

from .pagekit import html

URL = "/demands/"


@pytest.fixture
def two(county, make_demand):
    water = make_demand(title="水压低的诉求")
    demand_dispatch(actor=county.dispatcher, demand=water, lead_unit=county.water)
    housing = make_demand(title="楼道漏水的诉求", division=county.village_b)
    demand_dispatch(actor=county.dispatcher, demand=housing, lead_unit=county.housing)
    return water, housing


def test_dispatcher_sees_all_and_filters(client, county, two):
    water, housing = two
    client.force_login(county.dispatcher)
    body = html(client.get(URL))
    assert water.number in body and housing.number in body
    body = html(client.get(URL, {"unit": county.housing.pk}))
    assert housing.number in body and water.number not in body
    body = html(client.get(URL, {"q": "水压"}))
    assert water.number in body and housing.number not in body
    body = html(client.get(URL, {"division": county.town_b.pk}))
    assert housing.number in body and water.number not in body


def test_filter_errors_are_shown(client, county, two):
    client.force_login(county.dispatcher)
    r = client.get(URL, {"date_from": "2026-13-01", "status": "bogus"})
    assert r.status_code == 200
    body = html(r)
    assert "日期格式应为 YYYY-MM-DD。" in body and "未知的状态。" in body
    assert "筛选条件有误，请修改后再试。" in body


def test_handler_sees_only_own_units_demands(client, county, two):
    water, housing = two
    client.force_login(county.outsider)
    body = html(client.get(URL))
    assert housing.number in body and water.number not in body


def test_citizen_and_anonymous_are_refused(client, county):
    assert client.get(URL).status_code == 302
    client.force_login(county.citizen)
    assert client.get(URL).status_code == 403


def test_export_has_header_and_masked_phone(client, county, two, make_demand):
    anon = make_demand(type="report", is_anonymous=True, citizen_phone="", title="匿名举报")
    client.force_login(county.dispatcher)
    r = client.get(URL, {"format": "xlsx", "unit": county.water.pk})
    assert r.status_code == 200
    rows = list(load_workbook(BytesIO(r.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == DEMAND_COLUMNS
    assert rows[0][:13] == ("编号", "渠道", "类型", "标题", "分类", "镇街", "村居", "状态",
                            "受理时间", "主办单位", "答复时间", "办理结果", "满意度")
    assert len(rows) == 2  # the same filter as the page
    assert rows[1][0] == two[0].number and rows[1][9] == "水务局" and rows[1][13] == "139****5678"
    assert "13912345678" not in str(rows)
    r = client.get(URL, {"format": "xlsx", "q": "匿名举报"})
    rows = list(load_workbook(BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == anon.number and rows[1][13] == "匿名"


def test_export_respects_scope(client, county, two):
    client.force_login(county.outsider)
    r = client.get(URL, {"format": "xlsx"})
    rows = list(load_workbook(BytesIO(r.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [two[1].number]


def test_late_filter_includes_late_replies_overdue_filter_only_open_ones(client, county,
                                                                          make_demand):
    from datetime import timedelta

    from grassroots.core import clock
    from grassroots.demands.models import Assignment
    from grassroots.demands.services import assignment_acknowledge, assignment_reply

    late_reply = make_demand(title="答复超时的诉求")
    (a,) = demand_dispatch(actor=county.dispatcher, demand=late_reply, lead_unit=county.water)
    assignment_acknowledge(actor=county.handler, assignment=a)
    a.refresh_from_db()
    with clock.travel(a.reply_due_at + timedelta(hours=1)):
        assignment_reply(actor=county.handler, assignment=a, outcome="resolved",
                         text="已更换加压泵，水压恢复正常，感谢反映。")
    overdue_now = make_demand(title="目前超期的诉求")
    (b,) = demand_dispatch(actor=county.dispatcher, demand=overdue_now, lead_unit=county.water)
    Assignment.objects.filter(pk=b.pk).update(due_at=clock.now() - timedelta(hours=1))
    on_time = make_demand(title="按时办理的诉求")
    demand_dispatch(actor=county.dispatcher, demand=on_time, lead_unit=county.water)
    client.force_login(county.dispatcher)
    late = html(client.get("/demands/", {"late": "1"}))
    assert "答复超时的诉求" in late and "目前超期的诉求" in late and "按时办理的诉求" not in late
    assert 'name="late" value="1" checked' in late
    overdue = html(client.get("/demands/", {"overdue": "1"}))
    assert "目前超期的诉求" in overdue and "答复超时的诉求" not in overdue
    spot = html(client.get("/demands/", {"on_spot": "0"}))
    assert '<option value="0" selected>' in spot


def test_an_unreadable_yes_no_filter_is_an_error_not_an_unfiltered_list(client, county, two):
    client.force_login(county.dispatcher)
    body = html(client.get(URL, {"overdue": "maybe", "late": "0"}))
    assert "应为 1（是）或 0（否）。" in body and "筛选条件有误，请修改后再试。" in body
    assert "应为 1（是）或 0（否）。" not in html(client.get(URL, {"overdue": "1", "late": "0"}))


def test_dispatched_filter_lists_demands_a_unit_has(client, county, two, make_demand):
    """已派单 (the dashboard's 派单 card opens it): not a demand still waiting for dispatch, nor
    one whose only assignment was returned and is waiting to be dispatched again."""
    from grassroots.demands.services import assignment_decide_return, assignment_return

    water, housing = two
    waiting = make_demand(title="等待派单的诉求")
    returned = make_demand(title="退回重派的诉求")
    (lead,) = demand_dispatch(actor=county.dispatcher, demand=returned, lead_unit=county.water)
    assignment_return(actor=county.handler, assignment=lead, reason="不属于本单位职责范围。")
    assignment_decide_return(actor=county.dispatcher, assignment=lead, approve=True,
                             note="同意退回")
    client.force_login(county.dispatcher)
    body = html(client.get(URL, {"dispatched": "1"}))
    assert water.number in body and housing.number in body
    assert waiting.number not in body and returned.number not in body
    assert 'name="dispatched" value="1" checked' in body
    assert "应为 1（是）或 0（否）。" in html(client.get(URL, {"dispatched": "maybe"}))
    api = client.get("/api/v1/demands", {"dispatched": "1"}).json()
    assert sorted(d["number"] for d in api["items"]) == sorted([water.number, housing.number])


def test_overdue_watch_says_who_the_deadline_and_how_late_and_includes_dispatch(
        client, county, make_demand):
    from datetime import timedelta

    from grassroots.core import clock
    from grassroots.demands.cards import demand_cards
    from grassroots.demands.models import Assignment, Demand

    late_order = make_demand(title="承办超期的诉求")
    (a,) = demand_dispatch(actor=county.dispatcher, demand=late_order, lead_unit=county.water)
    Assignment.objects.filter(pk=a.pk).update(due_at=clock.now() - timedelta(days=3))
    waiting = make_demand(title="派单超期的诉求")
    Demand.objects.filter(pk=waiting.pk).update(dispatch_due_at=clock.now() - timedelta(days=3))
    make_demand(title="按时待派的诉求")
    client.force_login(county.supervisor)
    body = html(client.get("/demands/", {"overdue": "1", "status": "open"}))
    assert "承办超期的诉求" in body and "派单超期的诉求" in body and "按时待派的诉求" not in body
    assert "水务局（主办）" in body and "派单中心（待派单）" in body
    assert "工作小时" in body and "时限" in body
    card = {c["key"]: c for c in demand_cards(county.supervisor)}["county-overdue"]
    assert card["count"] == 2
    # a unit's overdue list has its own late orders only
    by_unit = html(client.get("/demands/", {"overdue": "1", "unit": county.water.pk}))
    assert "承办超期的诉求" in by_unit and "派单超期的诉求" not in by_unit


def test_dispatcher_has_a_follow_up_queue_card(client, county, make_demand):
    from grassroots.demands.cards import demand_cards
    from grassroots.demands.services import assignment_acknowledge, assignment_reply

    d = make_demand(title="待回访的诉求")
    (a,) = demand_dispatch(actor=county.dispatcher, demand=d, lead_unit=county.water)
    assignment_acknowledge(actor=county.handler, assignment=a)
    assignment_reply(actor=county.handler, assignment=a, outcome="resolved",
                     text="已更换加压泵，水压恢复正常，感谢反映。")
    make_demand(title="未答复的诉求")
    card = {c["key"]: c for c in demand_cards(county.dispatcher)}["dispatch-followup"]
    assert card["count"] == 1
    client.force_login(county.dispatcher)
    body = html(client.get(card["url"]))
    assert "待回访的诉求" in body and "未答复的诉求" not in body
