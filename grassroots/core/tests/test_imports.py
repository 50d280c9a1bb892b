"""The import toolkit (core.imports): values only, never formulas; errors by row and column."""

import re
import zipfile
from io import BytesIO

import openpyxl
import pytest

from grassroots.core import xlsx
from grassroots.core.errors import ApplicationError
from grassroots.core.imports import RowErrors, read_sheets, sheet_check


def _book(rows, *, title="名单", more=None) -> BytesIO:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for name, extra_rows in (more or {}).items():
        extra = wb.create_sheet(name)
        for row in extra_rows:
            extra.append(row)
    out = BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def _with_cached(book: BytesIO, cells: dict[str, tuple[str, str]]) -> BytesIO:
    """The workbook as Excel would save it: each formula cell of ``cells`` (coordinate → (cell
    type, stored value): ``("n", "3")``, ``("str", "王楼")``, ``("e", "#DIV/0!")``) given the
    value Excel stores with it (openpyxl writes formulas without one)."""
    src = zipfile.ZipFile(book)
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for coord, (kind, value) in cells.items():
                    text, n = re.subn(rf'<c r="{coord}"[^>]*>(<f>[^<]*</f>)<v\s*/?>(</v>)?',
                                      lambda m, c=coord, k=kind, v=value:
                                      f'<c r="{c}" t="{k}">{m[1]}<v>{v}</v>', text)
                    assert n == 1, (coord, text)
                data = text.encode()
            dst.writestr(item, data)
    out.seek(0)
    return out


def test_rows_come_as_text_with_their_excel_row_numbers():
    book = _book([["姓名", "类别（干部/群众）", " 手机号 "],
                  ["张三", "干部", 13800000000],
                  [None, None, None],  # blank rows are skipped, numbering goes on
                  ["李四\x7f", "群众", 370828001000.0]])
    (sheet,) = read_sheets(book)
    assert sheet.title == "名单"
    assert sheet.headers == ["姓名", "类别", "手机号"]
    assert sheet.rows == [(2, {"姓名": "张三", "类别": "干部", "手机号": "13800000000"}),
                          (4, {"姓名": "李四", "类别": "群众", "手机号": "370828001000"})]


def test_a_formula_is_read_as_the_value_excel_stored_never_evaluated():
    book = _with_cached(_book([["姓名", "户数"], ["张庄", "=10+20"], ["李庄", '="王"&"楼"']]),
                        {"B2": ("n", "30"), "B3": ("str", "王楼")})
    (sheet,) = read_sheets(book)
    assert sheet.rows == [(2, {"姓名": "张庄", "户数": "30"}), (3, {"姓名": "李庄", "户数": "王楼"})]
    assert sheet.bad_cells == []


def test_a_formula_without_a_stored_value_is_refused_by_row_not_read_as_empty():
    book = _book([["姓名", "户数"], ["张庄", 12], ["李庄", "=SUM(B2:B2)"], ["王楼", 3]])
    (sheet,) = read_sheets(book)
    assert [n for n, _ in sheet.rows] == [2, 4]  # row 3 is not among the rows to import
    errors = RowErrors()
    assert sheet_check(sheet, ["姓名", "户数"], errors)
    assert errors.messages == ["第3行：“户数”列（B3）是没有计算结果的公式，请在表格软件中打开并保存，"
                               "或将其粘贴为数值后再导入。"]


def test_an_error_value_is_refused_by_row():
    book = _with_cached(_book([["姓名", "户数"], ["张庄", "=1/0"]]),
                        {"B2": ("e", "#DIV/0!")})
    (sheet,) = read_sheets(book)
    errors = RowErrors("工作表“名单”")
    sheet_check(sheet, ["姓名"], errors)
    assert errors.messages == ["工作表“名单”第2行：“户数”列（B2）是错误值#DIV/0!，请修改后再导入。"]
    assert sheet.rows == []


def test_text_that_looks_like_a_formula_is_text():
    """What ``core.xlsx`` exports (a title starting with "=") comes back as that text."""
    wb = xlsx.workbook(write_only=False)
    ws = wb.create_sheet("诉求")
    xlsx.append(ws, ["标题"])
    xlsx.append(ws, ['=HYPERLINK("http://x","y")'])
    (sheet,) = read_sheets(BytesIO(xlsx.to_bytes(wb)))
    assert sheet.rows == [(2, {"标题": '=HYPERLINK("http://x","y")'})]
    assert sheet.bad_cells == []


def test_missing_columns_stop_the_sheet():
    (sheet,) = read_sheets(_book([["姓名", "备注"], ["张三", "=A2"]]))
    errors = RowErrors()
    assert not sheet_check(sheet, ["姓名", "类别", "手机号"], errors)
    assert errors.messages == ["缺少列：类别、手机号。"]  # the formula row is not reported then


def test_every_sheet_or_only_the_first():
    book = _book([["姓名"], ["张三"]], more={"空表": [], "第二": [["姓名"], ["李四"]]})
    assert [s.title for s in read_sheets(book)] == ["名单", "第二"]  # the empty sheet is left out
    assert [s.title for s in read_sheets(book, first_only=True)] == ["名单"]


def test_row_errors_in_row_order():
    errors = RowErrors()
    errors.add(5, "乙。")
    errors.add(3, "甲。")
    errors.add(None, "缺少列：丙。")
    errors.add(3, "丁。")
    assert errors.in_row_order() == ["缺少列：丙。", "第3行：甲。", "第3行：丁。", "第5行：乙。"]


def test_reading_stops_at_the_row_limit():
    book = _book([["姓名"]] + [[f"人{i}"] for i in range(30)])
    with pytest.raises(ApplicationError) as refused:
        read_sheets(book, max_rows=10)
    assert refused.value.message == "一次最多导入10行。"
    assert len(read_sheets(book, max_rows=30)[0].rows) == 30


@pytest.mark.parametrize("data", [b"", b"name,phone\n1,2\n", b"PK\x03\x04broken zip"])
def test_a_file_that_is_not_xlsx_is_refused(data):
    with pytest.raises(ApplicationError) as refused:
        read_sheets(BytesIO(data))
    assert refused.value.message == "文件不是有效的Excel（.xlsx）文件。"
    assert refused.value.field == "file"
