"""The dispatch centre's queue: catalogue defaults, batch dispatch, disputes, export."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from grassroots.demands.models import AssignmentStatus, DemandStatus, DispatchRule
from grassroots.demands.services import (
    assignment_acknowledge,
    assignment_request_extension,
    assignment_return,
    demand_dispatch,
)

from .pagekit import events_of, html

URL = "/dispatch/"


@pytest.fixture
def catalogue(county, categories):
    rule = DispatchRule.objects.create(category=categories["water"], unit=county.water)
    rule.assisting_units.add(county.town_a_org)
    return rule


def test_queue_lists_received_demands_by_deadline_with_defaults(client, county, make_demand,
                                                                 catalogue, categories):
    first = make_demand(title="第一件")
    uncategorised = make_demand(title="未分类的一件", category=None)
    client.force_login(county.dispatcher)
    r = client.get(URL)
    assert r.status_code == 200
    body = html(r)
    assert body.index("第一件") < body.index("未分类的一件")
    assert f'data-testid="queue-{first.pk}"' in body
    assert "按目录派给：水务局" in body
    # the catalogue's demand is folded: its form comes when the dispatcher unfolds the row
    assert f'hx-get="/dispatch/{first.pk}/form/"' in body
    assert f'data-testid="dispatch-form-{first.pk}"' not in body
    form = html(client.get(f"/dispatch/{first.pk}/form/"))
    assert f'data-testid="dispatch-form-{first.pk}"' in form
    assert f'<option value="{county.water.pk}" selected>' in form
    assert f'value="{county.town_a_org.pk}" checked' in form
    assert 'name="next" value="/dispatch/"' in form
    assert "派单目录中没有该分类的默认单位。" in body  # the uncategorised one, shown open
    assert f'data-testid="dispatch-form-{uncategorised.pk}"' in body
    assert 'data-testid="suggestions"' in body
    assert "工作小时" in body
    assert uncategorised.number in body


@pytest.mark.parametrize("who", ["handler", "viewer", "secretary", "citizen", "supervisor"])
def test_queue_is_for_dispatchers_only(client, county, who):
    client.force_login(getattr(county, who))
    assert client.get(URL).status_code == 403


def test_anonymous_goes_to_login(client, county):
    r = client.get(URL)
    assert r.status_code == 302 and r["Location"].startswith("/login/")


def test_one_click_dispatch_from_queue_returns_to_queue(client, county, make_demand, catalogue):
    demand = make_demand()
    client.force_login(county.dispatcher)
    r = client.post(f"/demands/{demand.pk}/dispatch/", {
        "lead_unit": county.water.pk, "assisting_units": [county.town_a_org.pk],
        "next": URL})
    assert r.status_code == 302 and r["Location"] == URL
    demand.refresh_from_db()
    assert demand.status == DemandStatus.DISPATCHED
    assert events_of(demand, "dispatch").exists()


def test_batch_dispatch_reports_each_demand(client, county, make_demand, catalogue):
    ok = make_demand(title="有目录")
    missing = make_demand(title="无分类", category=None)
    client.force_login(county.dispatcher)
    r = client.post("/dispatch/batch/", {"demand": [ok.pk, missing.pk]})
    assert r.status_code == 200
    body = html(r)
    assert "成功 1 件，共 2 件。" in body
    assert "已派单：水务局、金乡街道" in body
    assert "派单目录中没有该分类的默认单位，请逐件派单。" in body
    ok.refresh_from_db()
    missing.refresh_from_db()
    assert ok.status == DemandStatus.DISPATCHED and missing.status == DemandStatus.RECEIVED


def test_batch_with_nothing_selected(client, county):
    client.force_login(county.dispatcher)
    r = client.post("/dispatch/batch/", {})
    assert r.status_code == 400 and "请先勾选要派单的诉求。" in html(r)


def test_batch_refused_to_handler(client, county, make_demand, catalogue):
    demand = make_demand()
    client.force_login(county.handler)
    assert client.post("/dispatch/batch/", {"demand": [demand.pk]}).status_code == 403
    demand.refresh_from_db()
    assert demand.status == DemandStatus.RECEIVED


def test_disputes_section_and_rulings(client, county, make_demand):
    d1, d2 = make_demand(title="退单件"), make_demand(title="延期件")
    (a1,) = demand_dispatch(actor=county.dispatcher, demand=d1, lead_unit=county.water)
    (a2,) = demand_dispatch(actor=county.dispatcher, demand=d2, lead_unit=county.water)
    assignment_return(actor=county.handler, assignment=a1, reason="不属于本单位职责范围。")
    assignment_acknowledge(actor=county.handler, assignment=a2)
    a2.refresh_from_db()
    from datetime import timedelta

    assignment_request_extension(actor=county.handler, assignment=a2, reason="施工需要一周时间",
                                 until=a2.reply_due_at + timedelta(days=5))
    client.force_login(county.dispatcher)
    body = html(client.get(URL))
    assert f'data-testid="dispute-{a1.pk}"' in body and f'data-testid="dispute-{a2.pk}"' in body
    assert "不属于本单位职责范围。" in body and "施工需要一周时间" in body
    r = client.post(f"/demands/{d1.pk}/assignments/{a1.pk}/decide_return/",
                    {"decision": "reject", "note": "属于水务职责", "next": URL + "#disputes"})
    assert r.status_code == 302 and r["Location"] == URL + "#disputes"
    a1.refresh_from_db()
    assert a1.ruling_forced and a1.status == AssignmentStatus.ACKNOWLEDGED
    r = client.post(f"/demands/{d2.pk}/assignments/{a2.pk}/decide_extension/",
                    {"decision": "refuse", "note": "", "next": URL})
    assert r.status_code == 302
    a2.refresh_from_db()
    assert a2.status == AssignmentStatus.HANDLING and a2.extension_count == 0
    assert events_of(a2, "refuse_extension").exists()


def test_ruling_error_goes_back_to_queue_with_message(client, county, make_demand):
    d = make_demand()
    (a,) = demand_dispatch(actor=county.dispatcher, demand=d, lead_unit=county.water)
    assignment_return(actor=county.handler, assignment=a, reason="不属于本单位职责范围。")
    client.force_login(county.dispatcher)
    r = client.post(f"/demands/{d.pk}/assignments/{a.pk}/decide_return/",
                    {"decision": "reject", "note": "", "next": URL}, follow=True)
    assert "裁定承办时请写明裁定意见。" in html(r)
    a.refresh_from_db()
    assert a.status == AssignmentStatus.RETURN_REQUESTED


@pytest.mark.parametrize("folded", [True, False], ids=["catalogue-folded", "forms-open"])
def test_queue_query_count_is_constant(client, county, make_demand, categories, folded):
    if folded:
        DispatchRule.objects.create(category=categories["water"], unit=county.water)
    client.force_login(county.dispatcher)
    for _ in range(5):
        make_demand()
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for _ in range(15):
        make_demand()
    with CaptureQueriesContext(connection) as many:
        r = client.get(URL)
    assert html(r).count('data-testid="queue-') == 20
    assert html(r).count('data-testid="dispatch-form-') == (0 if folded else 20)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_queue_export(client, county, make_demand):
    demand = make_demand()
    client.force_login(county.dispatcher)
    r = client.get(URL, {"format": "xlsx"})
    assert r.status_code == 200
    ws = load_workbook(BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("编号", "渠道", "类型", "标题")
    assert rows[1][0] == demand.number


def test_queue_asks_for_suggestions_once_per_page_even_when_there_are_none(
        client, county, make_demand, monkeypatch):
    # No model is active: the view's one batch call finds nothing, and the rows must not ask
    # again one by one (the template tag computes them only when the view passed nothing).
    from grassroots.demands.views import dispatch as dispatch_view
    from grassroots.triage import selectors as triage_selectors

    for i in range(3):
        make_demand(title=f"第{i}件")
    calls = []
    real = triage_selectors.dispatch_suggestions

    def counted(demands):
        calls.append(len(list(demands)))
        return real(demands)

    monkeypatch.setattr(dispatch_view, "dispatch_suggestions", counted)
    monkeypatch.setattr(triage_selectors, "dispatch_suggestions", counted)
    client.force_login(county.dispatcher)
    assert client.get(URL).status_code == 200
    assert calls == [3]


def test_queue_form_is_for_dispatchers_and_waiting_demands_only(client, county, make_demand,
                                                                catalogue):
    waiting, gone = make_demand(), make_demand(title="已派出")
    demand_dispatch(actor=county.dispatcher, demand=gone, lead_unit=county.water)
    client.force_login(county.handler)
    assert client.get(f"/dispatch/{waiting.pk}/form/").status_code == 403
    client.force_login(county.dispatcher)
    page = html(client.get(f"/dispatch/{gone.pk}/form/"))
    assert 'data-testid="queue-form-gone"' in page and "dispatch-form" not in page
    missing = html(client.get("/dispatch/999999/form/"))
    assert 'data-testid="queue-form-gone"' in missing


def test_queue_forms_fetch_the_assisting_units_when_unfolded(client, county, make_demand):
    demand = make_demand(category=None)
    client.force_login(county.dispatcher)
    body = html(client.get(URL))
    assert f'data-testid="dispatch-form-{demand.pk}"' in body
    assert 'hx-get="/dispatch/assisting-units/"' in body
    assert 'name="assisting_units"' not in body  # 60 checkboxes × 50 rows are not sent
    units = html(client.get("/dispatch/assisting-units/"))
    assert f'name="assisting_units" value="{county.water.pk}"' in units
    assert "checked" not in units
    client.force_login(county.handler)
    assert client.get("/dispatch/assisting-units/").status_code == 403
    # the demand page keeps its checkboxes inline
    client.force_login(county.dispatcher)
    assert 'name="assisting_units"' in html(client.get(f"/demands/{demand.pk}/"))


def test_queue_return_ruling_offers_the_units_when_every_demand_is_classified(
        client, county, make_demand, catalogue):
    """The re-dispatch choice lists the units even when no open dispatch form needs them."""
    make_demand(title="有目录的一件")  # folded: the page has no open form
    d = make_demand(title="退单件")
    (a,) = demand_dispatch(actor=county.dispatcher, demand=d, lead_unit=county.water)
    assignment_return(actor=county.handler, assignment=a, reason="不属于本单位职责范围。")
    client.force_login(county.dispatcher)
    body = html(client.get(URL))
    start = body.index(f'data-testid="dispute-{a.pk}"')
    dispute = body[start:body.index("</form>", start)]
    assert f'<option value="{county.housing.pk}">' in dispute
    assert f'<option value="{county.water.pk}">' not in dispute  # not back to the same unit
