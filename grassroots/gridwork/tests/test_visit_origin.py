"""A demand raised on a visit links to it through the typed origin (Demand.origin_type / _id),
not a free ``extra`` key; pages and the API show "来源：走访 …" to whoever may see the visit."""

import importlib

import pytest
from django.apps import apps

from grassroots.core.errors import ApplicationError
from grassroots.demands.models import Demand
from grassroots.demands.origins import ORIGIN_KINDS
from grassroots.demands.services import demand_create, demand_dispatch
from grassroots.gridwork import months
from grassroots.gridwork.models import Visit
from grassroots.gridwork.services.visits import visit_record, visits_record_history
from grassroots.integrations.services.tokens import api_token_create

from .test_visits import ON_SPOT, PASSED, record

pytestmark = pytest.mark.django_db

PHONE = {"channel": "phone", "type": "help", "title": "小区水压低",
         "text": "金城社区3号楼最近一周水压很低，楼上用不上水。", "citizen_name": "赵先生",
         "citizen_phone": "13912345678"}


def test_demands_of_a_visit_name_it_as_their_origin(gw):
    visit = record(gw, demands=[ON_SPOT, PASSED])
    rows = list(Demand.objects.order_by("id").values_list("origin_type", "origin_id", "extra"))
    assert rows == [("visit", visit.pk, {}), ("visit", visit.pk, {})]


def test_the_demand_page_shows_the_visit_to_whoever_may_see_it(gw, client):
    visit = record(gw, demands=[PASSED])
    demand = visit.demands.get()
    client.force_login(gw.secretary)  # the grid's secretary sees the visit
    html = client.get(f"/demands/{demand.pk}/").content.decode()
    label = f"{visit.date:%Y-%m-%d} {gw.grid_a.name}"
    assert (f'<dd data-testid="origin">走访 · <a href="/grid/visits/{visit.pk}/">{label}</a></dd>'
            in html)
    # The handling unit sees the demand but not the visit: the kind only, no name, no link.
    demand_dispatch(actor=gw.dispatcher, demand=demand, lead_unit=gw.water)
    client.force_login(gw.handler)
    html = client.get(f"/demands/{demand.pk}/").content.decode()
    assert '<dd data-testid="origin">走访</dd>' in html
    assert f"/grid/visits/{visit.pk}/" not in html


def test_a_demand_without_an_origin_shows_none(gw, client):
    demand = demand_create(actor=gw.dispatcher, division=gw.village_a, **PHONE)
    client.force_login(gw.dispatcher)
    html = client.get(f"/demands/{demand.pk}/").content.decode()
    assert 'data-testid="origin"' not in html


def test_the_api_detail_carries_the_origin(gw, client):
    visit = record(gw, demands=[PASSED])
    demand = visit.demands.get()
    token = api_token_create(actor=gw.admin, name="测试", user=gw.secretary,
                             scopes=("read",))[1]
    body = client.get(f"/api/v1/demands/{demand.pk}",
                      HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert body["origin"] == {"type": "visit", "type_label": "走访", "id": visit.pk,
                              "label": f"{visit.date:%Y-%m-%d} {gw.grid_a.name}",
                              "url": f"/grid/visits/{visit.pk}/"}
    other = demand_create(actor=gw.dispatcher, division=gw.village_a, **PHONE)
    token = api_token_create(actor=gw.admin, name="测试2", user=gw.dispatcher,
                             scopes=("read",))[1]
    body = client.get(f"/api/v1/demands/{other.pk}",
                      HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert body["origin"] is None


@pytest.mark.parametrize(("origin", "message"), [
    (("party_day", 1), "未知的诉求来源类型：party_day。"),
    (("visit", 999999), "诉求来源记录不存在：走访 999999。"),
    (("visit",), "诉求来源应为（类型，编号）。"),
    (("visit", "twelve"), "诉求来源应为（类型，编号）。"),
])
def test_a_bad_origin_is_refused_and_nothing_is_written(gw, origin, message):
    with pytest.raises(ApplicationError) as exc:
        demand_create(actor=gw.dispatcher, division=gw.village_a, origin=origin, **PHONE)
    assert exc.value.message == message and exc.value.field == "origin"
    assert not Demand.objects.exists()


def test_registered_origin_kinds():
    assert ORIGIN_KINDS["visit"].model == "gridwork.Visit"
    assert ORIGIN_KINDS["meeting"].model == "supervision.Meeting"


def test_history_import_links_the_visit_demands_to_their_visit(gw):
    demand = demand_create(actor=gw.secretary, channel="visit", grid=gw.grid_a,
                           **ON_SPOT)
    phone = demand_create(actor=gw.dispatcher, division=gw.village_a, **PHONE)
    secretary = gw.secretary.person
    visits_record_history(actor=gw.admin, rows=[
        {"grid_id": gw.grid_a.pk, "secretary_id": secretary.pk, "date": months.today(),
         "form": "household", "demand_ids": [demand.pk, phone.pk]}])
    visit = Visit.objects.get()
    demand.refresh_from_db()
    phone.refresh_from_db()
    assert (demand.origin_type, demand.origin_id) == ("visit", visit.pk)
    assert (phone.origin_type, phone.origin_id) == ("", None)  # not raised on the visit


def test_migrations_fill_the_origin_from_extra_and_from_visit_links(gw):
    visit = record(gw, demands=[PASSED, ON_SPOT])
    first, second = visit.demands.order_by("id")
    bad = demand_create(actor=gw.dispatcher, division=gw.village_a, **PHONE)
    # As written before the typed link: the key in extra only, or the visit's list only.
    Demand.objects.filter(pk=first.pk).update(origin_type="", origin_id=None,
                                              extra={"visit": visit.pk, "x": 1})
    Demand.objects.filter(pk=second.pk).update(origin_type="", origin_id=None)
    Demand.objects.filter(pk=bad.pk).update(extra={"visit": True, "meeting": "3月主题党日"})
    importlib.import_module("grassroots.demands.migrations.0014_demand_origin") \
        .fill_from_extra(apps, None)
    rows = dict(Demand.objects.values_list("pk", "origin_type"))
    assert rows == {first.pk: "visit", second.pk: "", bad.pk: ""}
    importlib.import_module("grassroots.gridwork.migrations.0002_demand_origin_from_visits") \
        .fill_from_visits(apps, None)
    assert set(Demand.objects.values_list("pk", "origin_type", "origin_id")) == {
        (first.pk, "visit", visit.pk), (second.pk, "visit", visit.pk), (bad.pk, "", None)}
    assert Demand.objects.get(pk=first.pk).extra == {"visit": visit.pk, "x": 1}  # kept


def test_visit_record_is_unchanged_for_its_caller(gw):
    # visit_record keeps its signature: the origin is set inside, not by the caller.
    visit = visit_record(actor=gw.secretary, grid=gw.grid_a, date=months.today(),
                         form="household", people_met=1, households_met=1, notes="",
                         demands=[PASSED])
    assert visit.demands.get().origin_id == visit.pk
