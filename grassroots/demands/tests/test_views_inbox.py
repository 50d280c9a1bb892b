"""The handler's inbox: my unit's open assignments with working-time countdowns."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from grassroots.demands.models import Assignment
from grassroots.demands.services import demand_dispatch

from .pagekit import html

URL = "/inbox/"


@pytest.fixture
def give(county, make_demand):
    def make(n, unit=None, **kw):
        out = []
        for i in range(n):
            d = make_demand(title=f"工单{i}", **kw)
            out.append(demand_dispatch(actor=county.dispatcher, demand=d,
                                       lead_unit=unit or county.water)[0])
        return out
    return make


def test_inbox_lists_my_units_assignments(client, county, give):
    mine = give(2)
    other = give(1, unit=county.housing)
    client.force_login(county.handler)
    r = client.get(URL)
    assert r.status_code == 200
    body = html(r)
    assert all(f'data-testid="inbox-{a.pk}"' in body for a in mine)
    assert f'data-testid="inbox-{other[0].pk}"' not in body
    assert "主办" in body and "待签收" in body


def test_countdown_in_working_hours_and_colours(client, county, give):
    ok, over = give(2)
    Assignment.objects.filter(pk=over.pk).update(due_at=timezone.now() - timedelta(hours=30))
    client.force_login(county.handler)
    body = html(client.get(URL))
    row_over = body.split(f'data-testid="inbox-{over.pk}"')[1].split("</tr>")[0]
    assert 'class="due-over"' in row_over and "已超时" in row_over
    row_ok = body.split(f'data-testid="inbox-{ok.pk}"')[1].split("</tr>")[0]
    assert "剩余" in row_ok and "工作小时" in row_ok


def test_countdown_text_in_and_after_office_hours(db):
    from zoneinfo import ZoneInfo

    from grassroots.demands.views.common import countdown

    tz = ZoneInfo("Asia/Shanghai")
    due = timezone.datetime(2026, 11, 25, 17, 30, tzinfo=tz)  # a Wednesday, end of the day
    assert countdown(due, now=due - timedelta(hours=2))["text"] == "剩余2.0工作小时"
    late = countdown(due, now=timezone.datetime(2026, 11, 25, 22, 20, tzinfo=tz))
    assert late["text"] == "已超时（17:30到期）" and late["css"] == "due-over"
    next_day = countdown(due, now=timezone.datetime(2026, 11, 26, 10, 0, tzinfo=tz))
    assert "已超时" in next_day["text"] and "工作小时" in next_day["text"]
    assert "0.0" not in next_day["text"]


def test_paused_assignment_says_why_and_its_deadline(client, county, give):
    from grassroots.demands.services import assignment_acknowledge, assignment_request_extension

    (a,) = give(1)
    assignment_acknowledge(actor=county.handler, assignment=a)
    a.refresh_from_db()
    assignment_request_extension(actor=county.handler, assignment=a, reason="需要更换主管道",
                                 until=a.reply_due_at + timedelta(days=3))
    client.force_login(county.handler)
    row = html(client.get(URL)).split(f'data-testid="inbox-{a.pk}"')[1].split("</tr>")[0]
    due = timezone.localtime(a.reply_due_at)
    assert "暂停计时（延期待审）" in row and f"原答复时限 {due:%m-%d %H:%M}" in row


def test_viewer_sees_inbox_read_only(client, county, give):
    give(1)
    client.force_login(county.viewer)
    r = client.get(URL)
    assert r.status_code == 200 and "您是只读人员，只能查看。" in html(r)


@pytest.mark.parametrize("who", ["citizen", "secretary", "dispatcher"])
def test_inbox_for_units_only(client, county, who):
    client.force_login(getattr(county, who))
    assert client.get(URL).status_code == 403


def test_paginated_50_a_page(client, county, give):
    give(52)
    client.force_login(county.handler)
    body = html(client.get(URL))
    assert body.count('data-testid="inbox-') == 50 and "第1/2页，共52条" in body
    assert html(client.get(URL, {"page": 2})).count('data-testid="inbox-') == 2


def test_inbox_query_count_is_constant(client, county, give, django_assert_max_num_queries):
    give(5)
    client.force_login(county.handler)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    give(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        r = client.get(URL)
    assert html(r).count('data-testid="inbox-') == 20


def test_inbox_export_masks_phones(client, county, give):
    (a,) = give(1)
    client.force_login(county.handler)
    r = client.get(URL, {"format": "xlsx"})
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "编号" and rows[0][-1] == "联系电话（脱敏）"
    assert rows[1][0] == a.demand.number and rows[1][-1] == "139****5678"
    assert "13912345678" not in str(rows)


def test_inbox_export_says_the_clock_is_paused(client, county, give):
    from grassroots.demands.services import assignment_acknowledge, assignment_request_extension

    (a,) = give(1)
    assignment_acknowledge(actor=county.handler, assignment=a)
    a.refresh_from_db()
    until = a.reply_due_at + timedelta(days=7)
    assignment_request_extension(actor=county.handler, assignment=a, until=until,
                                 reason="需协调多个部门现场会商")
    client.force_login(county.handler)
    rows = list(load_workbook(BytesIO(client.get(URL, {"format": "xlsx"}).content))
                .active.iter_rows(values_only=True))
    assert rows[1][rows[0].index("当前时限")] == "暂停计时"
