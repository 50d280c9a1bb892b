"""The pages and downloads: each page renders for park A's officer with its rows, an instructor
sees only his organisations, the entry's steps through the page, the ledgers and documents, the
import refusing a file with a bad row (nothing written)."""

import io
from datetime import timedelta

import pytest
from django.test import Client
from docx import Document
from openpyxl import Workbook, load_workbook

from grassroots.core import xlsx

from ..ledgers import LEDGERS, SURVEY_COLUMNS
from ..models import ParkEntry, TwoNewOrg
from ..models.entry import EntryStatus
from ..services import entry_register
from ..services.common import today
from .world import credit_code

pytestmark = pytest.mark.django_db


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_every_page_renders_for_the_park_officer(w):
    c = _client(w.officer_a)
    entry = entry_register(actor=w.officer_a, org=w.orgs["a1"], park=w.park_a,
                           entered_on=today() - timedelta(days=120))
    for url in ("/twonew/", "/twonew/coverage/", "/twonew/orgs/", "/twonew/orgs/new/",
                "/twonew/entries/", "/twonew/entries/?overdue=1", "/twonew/entries/new/",
                f"/twonew/entries/{entry.pk}/", f"/twonew/orgs/{w.orgs['a1'].pk}/",
                "/twonew/people/", "/twonew/centre/", "/twonew/teams/"):
        response = c.get(url)
        assert response.status_code == 200, url
    home = c.get("/twonew/").content.decode()
    assert "测试蒜都食品有限公司" in home  # its four tasks are overdue
    orgs = c.get("/twonew/orgs/").content.decode()
    assert "测试蒜都食品有限公司" in orgs and "测试金正大蒜制品有限公司" not in orgs  # park B's


def test_an_instructor_sees_his_organisations_only(w):
    c = _client(w.instructor_user)
    page = c.get("/twonew/orgs/").content.decode()
    assert "测试华光农业科技有限公司" in page and "测试蒜都食品有限公司" not in page
    assert c.get(f"/twonew/orgs/{w.orgs['a3'].pk}/").status_code == 200
    assert c.get(f"/twonew/orgs/{w.orgs['a1'].pk}/").status_code == 404
    api = c.get("/api/v1/twonew/orgs").json()
    assert [o["id"] for o in api["items"]] == [w.orgs["a3"].pk]
    assert c.get(f"/api/v1/twonew/orgs/{w.orgs['a1'].pk}").status_code == 404
    response = c.post("/twonew/visits/new/", {"org": w.orgs["a3"].pk, "purpose": "policy",
                                              "visited_on": today().isoformat(),
                                              "visitor_kind": "instructor"})
    assert response.status_code == 302 and w.orgs["a3"].visits.count() == 1
    # the outsider of S1 sees nothing of S6
    assert _client(w.county.handler).get("/twonew/").status_code == 404


def test_the_entry_steps_through_the_page(w):
    c = _client(w.officer_a)
    entry = entry_register(actor=w.officer_a, org=w.orgs["a2"], park=w.park_a,
                           entered_on=today() - timedelta(days=3))
    url = f"/twonew/entries/{entry.pk}/step/"
    lines = "\n".join(f"{m.person.name},{m.person.id_number},正式,测试社区" for m in w.elsewhere[:2])
    c.post(url, {"action": "park_entry_survey", "procedures_done_on": today().isoformat(),
                 "members": lines})
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SURVEYED and entry.full_found == 2
    assert {m.person_id for m in entry.members.all()} == {m.person_id for m in w.elsewhere[:2]}
    response = c.post(url, {"action": "park_entry_plan_coverage", "plan": "own"}, follow=True)
    assert "不能单独成立党支部" in response.content.decode()
    c.post(url, {"action": "park_entry_plan_coverage", "plan": "joint"})
    c.post(url, {"action": "park_entry_join_branch", "branch": w.joint_branch.pk,
                 "on": today().isoformat()})
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ORG_FOUNDED and entry.party_org_id == w.joint_branch.pk
    sheet = c.get(f"/twonew/entries/{entry.pk}/sheet/")
    text = "\n".join(p.text for p in Document(io.BytesIO(sheet.content)).paragraphs)
    assert "入园“四同步”工作单" in text
    approval = c.get(f"/twonew/entries/{entry.pk}/approval/")
    text = "\n".join(p.text for p in Document(io.BytesIO(approval.content)).paragraphs)
    assert f"加入{w.joint_branch.name}" in text


def test_the_ledgers_download(w):
    c = _client(w.committee_user)
    for kind in LEDGERS:
        response = c.get(f"/twonew/export/{kind}/")
        assert response.status_code == 200, kind
        load_workbook(io.BytesIO(response.content))
    survey = load_workbook(io.BytesIO(c.get("/twonew/export/survey/").content)).active
    names = [row[0].value for row in survey.iter_rows(min_row=2)]
    assert sorted(names) == sorted(o.name for o in w.orgs.values())
    assert c.get("/twonew/export/nothing/").status_code == 404


def _upload(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(list(SURVEY_COLUMNS))
    for row in rows:
        ws.append([row.get(col, "") for col in SURVEY_COLUMNS])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "survey.xlsx"
    return buf


def test_the_import_is_all_rows_or_none(w):
    c = _client(w.committee_user)
    good = {"单位名称": "导入企业甲", "统一社会信用代码": credit_code(301), "所在镇街": "金乡街道",
            "职工人数": 40, "经营状态": "正常经营", "所在园区": w.park_a.name}
    bad = {**good, "单位名称": "导入企业乙", "统一社会信用代码": "123", "经营状态": "倒闭"}
    before = TwoNewOrg.objects.count()
    response = c.post("/twonew/orgs/import/", {"file": _upload([good, bad])})
    assert response.status_code == 400
    page = response.content.decode()
    assert "第3行" in page and "统一社会信用代码应为18位" in page and "经营状态" in page
    assert TwoNewOrg.objects.count() == before
    response = c.post("/twonew/orgs/import/", {"file": _upload([good])})
    assert response.status_code == 302
    assert TwoNewOrg.objects.get(name="导入企业甲").park_id == w.park_a.pk
    assert xlsx  # the exports are written through core.xlsx


def test_the_api_lists_entries_and_coverage(w):
    entry_register(actor=w.officer_a, org=w.orgs["a1"], park=w.park_a,
                   entered_on=today() - timedelta(days=100))
    c = _client(w.committee_user)
    items = c.get("/api/v1/twonew/entries?overdue=true").json()["items"]
    assert len(items) == 1 and len(items[0]["tasks"]) == 4
    cov = c.get("/api/v1/twonew/coverage").json()
    assert cov["organisational"][0]["total"] == 4
    assert ParkEntry.objects.count() == 1
