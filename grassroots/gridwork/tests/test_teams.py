import re
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from grassroots.core.errors import ApplicationError
from grassroots.demands.models import Demand
from grassroots.gridwork.selectors.teams import cadre_load, teams_for
from grassroots.gridwork.services.teams import ImportRejected, teams_import
from grassroots.people.models import Person, ServiceTeam, ServiceTeamMember, TeamSeat
from grassroots.testing.factories import PersonFactory
from grassroots.testing.refusals import refused

pytestmark = pytest.mark.django_db


def sheet(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["网格编码", "席位", "姓名", "手机号", "派出单位编码"])
    for r in rows:
        ws.append(r)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def test_completeness_and_filter(gw):
    team = ServiceTeam.objects.get(grid=gw.grid_a)
    assert not teams_for(gw.admin).get(pk=team.pk).is_complete
    for seat, n in ((TeamSeat.DEPARTMENT_LEADER, 1), (TeamSeat.COUNTY_CADRE, 2),
                    (TeamSeat.TOWN_CADRE, 2)):
        for _ in range(n):
            ServiceTeamMember.objects.create(team=team, person=PersonFactory(), seat=seat)
    assert teams_for(gw.admin).get(pk=team.pk).is_complete
    assert team.pk not in set(teams_for(gw.admin, incomplete=True).values_list("pk", flat=True))


def test_cadre_load(gw):
    Demand.objects.create(number="X1", channel="visit", type="help", title="t", text="text1",
                          grid=gw.grid_a)
    Demand.objects.create(number="X2", channel="visit", type="help", title="t", text="text2",
                          grid=gw.grid_a, status="closed")
    row = cadre_load(gw.admin).get(pk=gw.secretary.person.pk)
    assert (row.grids, row.households, row.open_demands) == (1, 300, 1)


def test_import_all_or_nothing(gw):
    good = ["G-A-01", "镇街干部", "新干部", "13700000001", ""]
    with refused(ImportRejected, "共2处错误，未导入任何数据。",
                 unchanged=[Person, ServiceTeamMember]) as exc:
        teams_import(actor=gw.admin, data=sheet([good, ["G-X-99", "镇街干部", "某某", "137000000", ""],
                                                 ["G-B-01", "书记", "某某", "13700000003", ""]]))
    assert exc.value.errors == ["第3行：网格编码“G-X-99”不存在或不在您的管理范围内。",
                                "第4行：席位“书记”无效，应为：县直部门负责同志、县直机关干部、镇街干部。"]
    assert not Person.objects.filter(name="新干部").exists()
    # a refusal by the seat service on a later row rolls back the earlier rows too
    rows = [good] + [["G-A-01", "县直部门负责同志", f"领导{i}", f"1370000001{i}", ""] for i in range(2)]
    with refused(ImportRejected, "第4行：该服务队的“县直部门负责同志”席位已满（1人）。",
                 unchanged=[Person, ServiceTeamMember]) as exc:
        teams_import(actor=gw.admin, data=sheet(rows))
    assert exc.value.errors == ["第4行：该服务队的“县直部门负责同志”席位已满（1人）。"]
    assert not Person.objects.filter(name="新干部").exists()
    assert teams_import(actor=gw.admin, data=sheet(rows[:2])) == 2
    assert ServiceTeamMember.objects.filter(team__grid=gw.grid_a, ended_at__isnull=True).count() == 3


def test_import_reports_a_formula_cell_with_the_other_rows_errors(gw):
    """core.imports reads values only: a formula without a stored value is refused for its row,
    reported in row order together with the problems of the other rows; nothing is written."""
    rows = [["G-X-99", "镇街干部", "某某", "13700000009", ""],
            ["G-A-01", "镇街干部", "新干部", '="137"&"00000001"', ""]]
    with pytest.raises(ImportRejected) as exc:
        teams_import(actor=gw.admin, data=sheet(rows))
    assert exc.value.errors == [
        "第2行：网格编码“G-X-99”不存在或不在您的管理范围内。",
        "第3行：“手机号”列（D3）是没有计算结果的公式，请在表格软件中打开并保存，或将其粘贴为数值后再导入。"]
    assert not Person.objects.filter(name="新干部").exists()


def test_import_scope_and_bad_file(gw):
    # town_a staff cannot touch town_b's grid
    with refused(ImportRejected, "第2行：网格编码“G-B-01”不存在或不在您的管理范围内。",
                 unchanged=[Person, ServiceTeamMember]) as exc:
        teams_import(actor=gw.town_staff, data=sheet([["G-B-01", "镇街干部", "甲", "13700000001", ""]]))
    assert exc.value.errors == ["第2行：网格编码“G-B-01”不存在或不在您的管理范围内。"]
    with refused(ApplicationError, "文件不是有效的Excel（.xlsx）文件。",
                 unchanged=[Person, ServiceTeamMember]):
        teams_import(actor=gw.admin, data=b"not a spreadsheet")


def test_team_pages(gw, client):
    team = ServiceTeam.objects.get(grid=gw.grid_a)
    client.force_login(gw.admin)
    resp = client.get("/grid/teams/export.xlsx")
    ws = load_workbook(BytesIO(resp.content)).active
    assert [c.value for c in ws[2]][:4] == ["G-A-01", team.name, "镇街干部", "t_secretary"]
    new = PersonFactory(name="替换人")
    member = ServiceTeamMember.objects.get(team=team)
    resp = client.post(f"/grid/teams/members/{member.pk}/replace/",
                       {"phone": new.phone, "reason": "工作调动"})
    assert resp.status_code == 302
    member.refresh_from_db()
    assert member.ended_at is not None  # history kept
    html = client.get(f"/grid/teams/{team.pk}/").content.decode()
    assert "替换人" in html and "t_secretary" in html
    # supervisor: read-only county view → sees the page, may not change
    client.force_login(gw.supervisor)
    assert client.get(f"/grid/teams/{team.pk}/").status_code == 200
    assert client.post(f"/grid/teams/{team.pk}/assign/", {"phone": "1", "seat": "x"}).status_code == 403
    # secretary of grid_b: another grid's team is 404
    client.force_login(gw.secretary_b)
    assert client.get(f"/grid/teams/{team.pk}/").status_code == 404
    client.force_login(gw.outsider)
    assert client.get(f"/grid/teams/{team.pk}/").status_code == 404


def test_import_page_shows_row_errors(gw, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(gw.admin)
    f = SimpleUploadedFile("t.xlsx", sheet([["G-A-01", "镇街干部", "甲", "12", ""]]))
    resp = client.post("/grid/teams/import/", {"file": f})
    assert resp.status_code == 400
    assert "第2行：手机号“12”格式不正确，应为11位手机号。" in resp.content.decode()
    client.force_login(gw.supervisor)
    assert client.get("/grid/teams/import/").status_code == 403


def test_import_page_refuses_a_file_that_is_not_a_spreadsheet(gw, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from grassroots.people.models import ServiceTeamMember

    before = ServiceTeamMember.objects.count()
    client.force_login(gw.admin)
    resp = client.post("/grid/teams/import/",
                       {"file": SimpleUploadedFile("t.xlsx", b"not a spreadsheet")})
    assert resp.status_code == 400
    # refused by the upload validator (by content) before the sheet is read
    assert "文件“t.xlsx”的内容与扩展名.xlsx不符，请上传原始文件。" in resp.content.decode()
    assert ServiceTeamMember.objects.count() == before


def test_town_staff_filter_lists_their_town_only(gw, client):
    client.force_login(gw.town_staff)
    for url in ("/grid/teams/", "/grid/cadres/"):
        html = client.get(url).content.decode()
        options = re.search(r'<select name="town">(.*?)</select>', html, re.S).group(1)
        assert "金乡街道" in options and "胡集镇" not in options, url
    client.force_login(gw.admin)
    options = re.search(r'<select name="town">(.*?)</select>',
                        client.get("/grid/teams/").content.decode(), re.S).group(1)
    assert "金乡街道" in options and "胡集镇" in options
