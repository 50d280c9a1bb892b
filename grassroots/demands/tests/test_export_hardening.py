"""Exports of citizen text: a formula stays text, and a character XML cannot hold in an old row
(inserted raw, as before intake cleaned text) does not break the export."""

import zipfile
from io import BytesIO

from openpyxl import load_workbook

from grassroots.demands.models import Demand
from grassroots.demands.services import demand_dispatch

FORMULA = '=HYPERLINK("http://x","y")'
# What PostgreSQL and SQLite store (no NUL, no lone surrogates) but XML cannot hold.
RAW_BAD = "\x01\x0b\x1f\ufffe\uffff\U0001fffe"


def _cells(response):
    assert response.status_code == 200
    with zipfile.ZipFile(BytesIO(response.content)) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")
    return list(load_workbook(BytesIO(response.content)).active.iter_rows())


def test_formula_title_exports_as_a_string(client, county, make_demand):
    demand = make_demand(title=FORMULA)
    demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    client.force_login(county.dispatcher)
    [_, row] = _cells(client.get("/demands/", {"format": "xlsx"}))
    assert row[3].value == FORMULA and row[3].data_type == "s"
    client.force_login(county.handler)
    [_, row] = _cells(client.get("/inbox/", {"format": "xlsx"}))
    assert row[1].value == FORMULA and row[1].data_type == "s"


def test_intake_cleans_and_export_survives_old_rows(client, county, make_demand):
    demand = make_demand(title=f"水压{RAW_BAD}低", text=f"三号楼{RAW_BAD}水压低很久了")
    assert (demand.title, demand.text) == ("水压低", "三号楼水压低很久了")
    Demand.objects.filter(pk=demand.pk).update(title=f"旧{RAW_BAD}数据")
    client.force_login(county.dispatcher)
    [_, row] = _cells(client.get("/demands/", {"format": "xlsx"}))
    assert row[3].value == "旧数据"
