from io import BytesIO

import openpyxl
import pytest

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.models import Event
from grassroots.places.importers import divisions_import_xlsx
from grassroots.places.models import Division, DivisionLevel, Grid
from grassroots.testing.refusals import refused

pytestmark = pytest.mark.django_db

HEADER = ["区划代码", "名称", "层级", "上级区划代码"]
GRID_HEADER = ["网格编码", "网格名称", "所属村居代码", "户数"]


def workbook(rows, header=HEADER, grids=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "区划"
    ws.append(header)
    for row in rows:
        ws.append(row)
    if grids is not None:
        gs = wb.create_sheet("网格")
        gs.append(GRID_HEADER)
        for row in grids:
            gs.append(row)
    buf = BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "divisions.xlsx"
    return buf


def test_import_a_county_tree_with_grids(county):
    file = workbook(
        [
            ["370828105000", "卜集镇", "镇", "370828000000"],  # parent already in the database
            ["370828105201", "张庄村", "村", "370828105000"],  # parent earlier in the file
            [370828105001, "卜集社区", "社区", 370828105000],  # numbers typed into Excel
            [None, None, None, None],  # blank rows are skipped
        ],
        grids=[["37082810520101", "张庄村网格", "370828105201", 230],
               ["37082800100102", "金城社区第二网格", "370828001001", None]],
    )
    result = divisions_import_xlsx(actor=county.admin, file=file)
    assert result.ok, result.errors
    assert result.created == {"divisions": 3, "grids": 2}
    town = Division.objects.get(code="370828105000")
    assert town.level == DivisionLevel.TOWN and town.town == town and town.parent == county.county
    village = Division.objects.get(code="370828105201")
    assert village.parent == town and village.town == town
    assert Division.objects.get(code="370828105001").level == DivisionLevel.COMMUNITY
    assert Grid.objects.get(code="37082810520101").households == 230
    assert Grid.objects.get(code="37082800100102").division == county.village_a
    assert Event.objects.filter(action="divisions_imported").count() == 1


def test_any_bad_row_means_nothing_is_written(county):
    divisions, grids = Division.objects.count(), Grid.objects.count()
    file = workbook([
        ["370828105000", "卜集镇", "镇", "370828000000"],  # fine on its own
        ["37082810520", "短代码村", "村", "370828105000"],  # row 3
        ["370828105202", "", "村", "370828105000"],
        ["370828105203", "李集村", "乡村", "370828105000"],
        ["370828105000", "重复镇", "镇", "370828000000"],
        ["370828001000", "金乡街道", "街道", "370828000000"],  # already in the database
        ["370828105204", "刘堂村", "村", "370828999000"],
        ["370828105205", "王楼村", "村", "370828106000"],  # parent only later in the file
        ["370828106000", "化雨镇", "镇", "370828000000"],
        ["370828105206", "赵屯村", "村", "370828001001"],  # a community cannot be a parent
        ["370828106207", "孙营村", "村", "370828105000"],  # code outside its parent
        ["370828000000", "金乡县", "县", ""],
    ], grids=[["G1", "网格", "370828105000", "-3"]])
    result = divisions_import_xlsx(actor=county.admin, file=file)
    assert not result.ok and result.created == {}
    assert result.errors == [
        "工作表“区划”第3行：区划代码应为12位数字。",
        "工作表“区划”第4行：名称不能为空。",
        "工作表“区划”第5行：层级“乡村”无效，应为县、镇、街道、村或社区。",
        "工作表“区划”第6行：区划代码370828105000与第2行重复。",
        "工作表“区划”第7行：区划代码370828001000已存在。",
        "工作表“区划”第8行：上级区划代码370828999000不存在。",
        "工作表“区划”第9行：上级区划代码370828106000应在本行之前。",
        "工作表“区划”第11行：村的上级不能是社区。",
        "工作表“区划”第12行：区划代码应以上级区划代码的前9位开头。",
        "工作表“区划”第13行：区划代码370828000000已存在。",
        "工作表“网格”第2行：所属村居应为村或社区。",
        "工作表“网格”第2行：户数应为非负整数。",
    ]
    assert (Division.objects.count(), Grid.objects.count()) == (divisions, grids)
    assert not Event.objects.filter(action="divisions_imported").exists()


def test_single_sheet_errors_have_no_sheet_prefix(county):
    result = divisions_import_xlsx(actor=county.admin, file=workbook([
        ["3708281050", "卜集镇", "镇", "370828000000"],
    ]))
    assert result.errors == ["第2行：区划代码应为12位数字。"]


def test_missing_columns_and_empty_file(county):
    result = divisions_import_xlsx(actor=county.admin,
                                   file=workbook([["370828105000", "卜集镇"]],
                                                 header=["区划代码", "名称"]))
    assert result.errors == ["缺少列：层级、上级区划代码。"]
    result = divisions_import_xlsx(actor=county.admin, file=workbook([]))
    assert result.errors == ["表格中没有数据行。"]


def test_grid_duplicates(county):
    result = divisions_import_xlsx(actor=county.admin, file=workbook([], grids=[
        ["G-A-01", "重复网格", "370828001001", 10],
        ["G-NEW", "新网格", "370828001001", 10],
        ["G-NEW", "新网格二", "370828009009", 10],
    ]))
    assert result.errors == [
        "工作表“网格”第2行：网格编码G-A-01已存在。",
        "工作表“网格”第4行：网格编码G-NEW与第3行重复。",
        "工作表“网格”第4行：所属村居代码370828009009不存在。",
    ]
    assert not Grid.objects.filter(code="G-NEW").exists()


def test_admin_only(county):
    for actor in (county.town_staff, county.supervisor, county.handler):
        events_before = Event.objects.count()
        with pytest.raises(NotInScope) as refused:
            divisions_import_xlsx(actor=actor, file=workbook([]))
        assert refused.value.message == "只有平台管理员可以导入行政区划和网格。"
        assert Event.objects.count() == events_before  # nothing written


def test_not_an_xlsx(county):
    with refused(ApplicationError, "文件不是有效的Excel（.xlsx）文件。",
                 unchanged=[Division, Grid]):
        divisions_import_xlsx(actor=county.admin, file=BytesIO(b"code,name\n1,2\n"))


@pytest.mark.parametrize("households", ["²", "①", str(2**31)])
def test_households_must_be_ascii_digits_an_integer_column_holds(county, households):
    grids = Grid.objects.count()
    result = divisions_import_xlsx(actor=county.admin, file=workbook(
        [], grids=[["G1", "网格", county.village_a.code, households]]))
    assert result.errors == ["工作表“网格”第2行：户数应为非负整数。"]
    assert Grid.objects.count() == grids


def test_a_formula_cell_is_never_read_as_empty(county):
    """A formula without a value Excel stored (a generated file) is refused by row, and the
    import writes nothing (core.imports reads values only)."""
    divisions, events = Division.objects.count(), Event.objects.count()
    result = divisions_import_xlsx(actor=county.admin, file=workbook([
        ["370828105000", "卜集镇", "镇", "370828000000"],
        ["370828105201", "张庄村", "村", '=A2'],
    ]))
    assert result.errors == ["第3行：“上级区划代码”列（D3）是没有计算结果的公式，请在表格软件中"
                             "打开并保存，或将其粘贴为数值后再导入。"]
    assert (Division.objects.count(), Event.objects.count()) == (divisions, events)
