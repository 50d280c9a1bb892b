from datetime import date, timedelta

import pytest

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.models import Event
from grassroots.demands.models import Demand, DemandStatus
from grassroots.gridwork import months
from grassroots.gridwork.models import MonthlyTheme, Visit, VisitPhoto
from grassroots.gridwork.services.visits import visit_record
from grassroots.testing.refusals import refused

pytestmark = pytest.mark.django_db

ON_SPOT = {"type": "help", "title": "路灯不亮", "text": "村东头路灯坏了三天，晚上出行不便。",
           "solved_on_spot": True, "on_spot_note": "现场联系电工更换了灯泡。"}
PASSED = {"type": "help", "title": "道路破损", "text": "村南主路有大坑，下雨积水严重。",
          "citizen_name": "赵大爷", "citizen_phone": "13912345678"}


def record(county, **kw):
    args = {"actor": county.secretary, "grid": county.grid_a, "date": months.today(),
            "form": "household", "people_met": 12, "households_met": 5, "notes": "走访了5户"}
    args.update(kw)
    return visit_record(**args)


def test_visit_creates_demands_in_one_transaction(gw, png):
    theme = MonthlyTheme.objects.create(month=months.month_of(months.today()), title="就业政策宣传")
    visit = record(gw, demands=[ON_SPOT, PASSED], photos=[png()])
    demands = list(visit.demands.order_by("id"))
    assert [d.solved_on_spot for d in demands] == [True, False]
    assert demands[0].status == DemandStatus.CLOSED
    assert demands[1].status == DemandStatus.RECEIVED  # passed on into the pipeline
    assert all(d.channel == "visit" and d.grid_id == gw.grid_a.pk for d in demands)
    assert visit.theme == theme
    assert visit.secretary.user == gw.secretary
    assert VisitPhoto.objects.filter(visit=visit).count() == 1
    assert Event.objects.filter(action="visit_recorded", object_id=visit.pk).count() == 1


def test_demand_rows_may_come_as_an_iterator(gw):
    # the checks walk the rows before the writes do: an iterator must not be used up by them
    visit = record(gw, demands=iter([ON_SPOT, PASSED]))
    assert visit.demands.count() == 2


def test_bad_demand_row_names_the_row_and_writes_nothing(gw):
    bad = dict(ON_SPOT, on_spot_note="")
    with refused(ApplicationError, "第2条诉求：登记现场解决时，请写明现场是怎么解决的。",
                 unchanged=[Visit, Demand]):
        record(gw, demands=[PASSED, bad])
    assert Visit.objects.count() == 0
    assert Demand.objects.count() == 0


def test_every_bad_row_is_reported_at_once(gw):
    bad_spot = dict(ON_SPOT, on_spot_note="")
    bad_phone = dict(PASSED, title="水", citizen_phone="12345")
    with refused(ApplicationError, "第1条诉求：请填写诉求标题（至少2个字）。"
                 "第1条诉求：手机号格式不正确，应为11位手机号码。"
                 "第3条诉求：登记现场解决时，请写明现场是怎么解决的。",
                 unchanged=[Visit, Demand]) as exc:
        record(gw, demands=[bad_phone, PASSED, bad_spot])
    errors = exc.value.field_errors
    assert errors["demand-1-title"] == ["第1条诉求：请填写诉求标题（至少2个字）。"]
    assert errors["demand-1-citizen_phone"] == ["第1条诉求：手机号格式不正确，应为11位手机号码。"]
    assert errors["demand-3-on_spot_note"] == ["第3条诉求：登记现场解决时，请写明现场是怎么解决的。"]
    assert Visit.objects.count() == 0 and Demand.objects.count() == 0


def visit_form(gw, **fields):
    """The visit page's POST for grid A today, with ``fields`` set."""
    return {"grid": gw.grid_a.pk, "date": months.today().isoformat(), "form": "field",
            "households_met": "3", "people_met": "7", "notes": "", **fields}


def test_visit_page_lists_every_refused_row(gw, client):
    client.force_login(gw.secretary)
    data = {**visit_form(gw),
            "demand-1-type": "help", "demand-1-title": "水", "demand-1-text": "村东头路灯坏了三天。",
            "demand-2-type": "help", "demand-2-title": "路灯不亮",
            "demand-2-text": "村东头路灯坏了三天。", "demand-2-solved_on_spot": "on",
            "demand-2-on_spot_note": ""}
    resp = client.post("/grid/visits/new/", data)
    page = resp.content.decode()
    assert resp.status_code == 400
    assert "第1条诉求：请填写诉求标题" in page and "第2条诉求：登记现场解决时" in page
    assert Visit.objects.count() == 0


def test_secretary_only_for_own_grid(gw):
    with refused(NotInScope, "只能为自己负责的网格登记走访。", unchanged=[Visit]):
        record(gw, grid=gw.grid_b)
    assert Visit.objects.count() == 0


def test_town_staff_records_for_a_secretary_of_their_town(gw):
    sec = gw.secretary.person
    visit = record(gw, actor=gw.town_staff, secretary=sec)
    assert visit.secretary == sec
    with refused(NotInScope, "只能为自己负责的网格登记走访。", unchanged=[Visit]):
        record(gw, actor=gw.town_staff, grid=gw.grid_b, secretary=gw.secretary_b.person)


def test_visit_checks(gw):
    with refused(ApplicationError, "走访日期不能晚于今天。", unchanged=[Visit]):
        record(gw, date=months.today() + timedelta(days=1))
    with refused(ApplicationError, "请选择走访形式（入户走访、田间地头、街头巷尾或座谈会）。",
                 unchanged=[Visit]):
        record(gw, form="party")
    with refused(ApplicationError, "请填写走访户数或接触群众人数。", unchanged=[Visit]):
        record(gw, people_met=0, households_met=0)


def test_my_grid_page(gw, client):
    record(gw, demands=[ON_SPOT, PASSED])
    client.force_login(gw.secretary)
    html = client.get("/grid/mine/").content.decode()
    assert 'data-testid="collected">2<' in html
    assert 'data-testid="on-spot">1<' in html
    assert 'data-testid="passed-on">1<' in html
    assert "道路破损" in html  # pending, passed on


def test_visit_form_post(gw, client):
    client.force_login(gw.secretary)
    assert client.get("/grid/visits/new/").status_code == 200
    frag = client.get("/grid/visits/new/demand-row/?i=3")
    assert 'name="demand-3-title"' in frag.content.decode()
    assert "i=4" in frag.content.decode()
    data = {"grid": gw.grid_a.pk, "date": months.today().isoformat(), "form": "field",
            "households_met": "3", "people_met": "7", "notes": "",
            "demand-1-type": "help", "demand-1-title": "路灯不亮",
            "demand-1-text": "村东头路灯坏了三天。", "demand-1-solved_on_spot": "on",
            "demand-1-on_spot_note": "现场联系电工修好了。",
            "demand-2-type": "help", "demand-2-title": "", "demand-2-text": ""}
    resp = client.post("/grid/visits/new/", data)
    assert resp.status_code == 302
    visit = Visit.objects.get()
    assert visit.demands.get().solved_on_spot
    data["demand-1-on_spot_note"] = ""
    resp = client.post("/grid/visits/new/", data)
    assert resp.status_code == 400
    assert "第1条诉求：登记现场解决时" in resp.content.decode()
    assert Visit.objects.count() == 1


def test_visit_pages_scope(gw, client):
    visit = record(gw)
    other = record(gw, actor=gw.secretary_b, grid=gw.grid_b)
    client.force_login(gw.secretary)
    assert client.get(f"/grid/visits/{visit.pk}/").status_code == 200
    assert client.get(f"/grid/visits/{other.pk}/").status_code == 404
    assert client.get("/grid/visits/999999/").status_code == 404
    client.force_login(gw.town_staff)  # town_a: sees grid_a, not grid_b
    assert client.get(f"/grid/visits/{visit.pk}/").status_code == 200
    assert client.get(f"/grid/visits/{other.pk}/").status_code == 404
    client.force_login(gw.outsider)
    assert client.get(f"/grid/visits/{visit.pk}/").status_code == 404
    assert client.get("/grid/mine/").status_code == 404
    client.force_login(gw.citizen)
    assert client.get("/grid/visits/new/").status_code == 404
    assert client.get("/grid/coverage/").status_code == 404


def test_coverage_figures(gw, client):
    from grassroots.gridwork.selectors.visits import coverage
    from grassroots.testing.factories import GridFactory

    GridFactory(division=gw.village_b)  # a third grid, in town_b, never visited
    record(gw)
    record(gw)  # two visits, one grid
    last_month = months.first_day(months.month_of(months.today())) - timedelta(days=1)
    if (months.today() - last_month).days <= 62:
        record(gw, actor=gw.secretary_b, grid=gw.grid_b, date=last_month)
    month = months.month_of(months.today())
    data = coverage(gw.admin, month)
    assert data["county"] == {"total": 3, "visited": 1, "visits": 2, "unvisited": 2,
                              "rate": 33.3}
    by_town = {t["town"]: (t["total"], t["visited"], t["visits"]) for t in data["towns"]}
    assert by_town == {"金乡街道": (1, 1, 2), "胡集镇": (2, 0, 0)}
    codes = {gw.town_a.name: gw.town_a.code, gw.town_b.name: gw.town_b.code}
    names = [t["town"] for t in data["towns"]]
    assert names == sorted(names, key=codes.get)  # administrative order, not by name
    assert sorted(g.code for g in data["unvisited"]) == sorted(
        [gw.grid_b.code, *[g.code for g in data["teams"] if g.pk not in (gw.grid_a.pk, gw.grid_b.pk)]])
    # town staff see their town only
    data = coverage(gw.town_staff, month)
    assert data["county"]["total"] == 1 and data["county"]["visited"] == 1
    client.force_login(gw.supervisor)
    resp = client.get(f"/grid/coverage/?month={month}")
    assert resp.status_code == 200
    assert 'data-testid="cov-unvisited">2<' in resp.content.decode()


def test_month_helpers():
    assert months.next_month("2026-12") == "2027-01"
    assert months.previous_month("2026-01") == "2025-12"
    assert months.date_bounds("2026-11") == (date(2026, 11, 1), date(2026, 12, 1))
    assert months.parse_month("2026-13", "2026-01") == "2026-01"


def test_one_visit_path_and_it_counts_for_coverage(gw, client):
    """The secretary's nav has one visit form; the old /visit/new/ address leads to it, and a
    visit recorded there is what the grid's coverage counts."""
    from grassroots.core.dashboard import nav_items
    from grassroots.gridwork.selectors.visits import coverage

    for user in (gw.secretary, gw.town_staff):
        labels = [i["label"] for i in nav_items(user)]
        urls = [i["url"] for i in nav_items(user)]
        assert labels.count("记录走访") == 1 and "走访登记" not in labels
        assert "/grid/visits/new/" in urls and "/visit/new/" not in urls
    client.force_login(gw.secretary)
    resp = client.get(f"/visit/new/?grid={gw.grid_a.pk}")
    assert resp.status_code == 302
    assert resp["Location"] == f"/grid/visits/new/?grid={gw.grid_a.pk}"
    month = months.month_of(months.today())
    assert coverage(gw.admin, month)["county"]["visited"] == 0
    resp = client.post(client.get("/visit/new/", follow=True).request["PATH_INFO"], {
        "grid": gw.grid_a.pk, "date": months.today().isoformat(), "form": "household",
        "households_met": "2", "people_met": "3", "notes": "",
        "demand-1-type": "help", "demand-1-title": "路灯不亮",
        "demand-1-text": "村东头路灯坏了三天。"})
    assert resp.status_code == 302
    assert Visit.objects.get().demands.get().channel == "visit"
    assert coverage(gw.admin, month)["county"]["visited"] == 1


def test_refused_visit_form_says_the_chosen_photos_must_be_chosen_again(gw, client):
    from grassroots.demands.tests.pagekit import photo

    client.force_login(gw.secretary)
    data = {"grid": gw.grid_a.pk, "date": months.today().isoformat(), "form": "field",
            "households_met": "0", "people_met": "0", "notes": "村口走访",
            "photos": [photo("a.png"), photo("b.png")]}
    resp = client.post("/grid/visits/new/", data)
    assert resp.status_code == 400
    assert "刚才选择的2张照片未保存，请重新选择。" in resp.content.decode()
    assert "照片未保存" not in client.get("/grid/visits/new/").content.decode()


def test_one_submit_lists_the_visit_and_the_demand_rows_mistakes(gw, client):
    client.force_login(gw.secretary)
    data = visit_form(gw, form="household", households_met="0", people_met="0",
                      notes="入户走访", **{
                          "demand-1-type": "help", "demand-1-title": "村口路灯不亮",
                          "demand-1-text": "村口的两盏路灯坏了一周。",
                          "demand-1-solved_on_spot": "on", "demand-1-on_spot_note": ""})
    resp = client.post("/grid/visits/new/", data)
    page = resp.content.decode()
    assert resp.status_code == 400
    assert "请填写走访户数或接触群众人数。" in page
    assert "第1条诉求：登记现场解决时，请写明现场是怎么解决的。" in page
    assert Visit.objects.count() == 0 and Demand.objects.count() == 0
