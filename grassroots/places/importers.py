"""Import divisions and grids from an .xlsx workbook — all rows or none.

Sheets are recognised by their header row: a sheet with 区划代码 / 名称 / 层级 / 上级区划代码 holds
divisions, one with 网格编码 / 网格名称 / 所属村居代码 / 户数 holds grids. Every row is validated
first; if any row is wrong the result lists every problem ("第3行：区划代码应为12位数字。") and nothing
is written. The reading, column checks and row errors are ``grassroots.core.imports``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction

from grassroots.core.errors import NotInScope
from grassroots.core.events import event_record
from grassroots.core.imports import ImportResult, RowErrors, Sheet, read_sheets, sheet_check
from grassroots.core.parsing import INT_MAX, BadValue, parse_int
from grassroots.core.scope import get_scope

from .models import Division, DivisionLevel, Grid

CODE_RE = re.compile(r"^\d{12}$")
LEVELS = {
    "县": DivisionLevel.COUNTY, "镇": DivisionLevel.TOWN, "乡": DivisionLevel.TOWN,
    "街道": DivisionLevel.STREET, "村": DivisionLevel.VILLAGE, "社区": DivisionLevel.COMMUNITY,
    **{v: v for v in DivisionLevel.values},
}
ALLOWED_PARENTS = {
    DivisionLevel.TOWN: {DivisionLevel.COUNTY},
    DivisionLevel.STREET: {DivisionLevel.COUNTY},
    DivisionLevel.VILLAGE: {DivisionLevel.TOWN, DivisionLevel.STREET},
    DivisionLevel.COMMUNITY: {DivisionLevel.TOWN, DivisionLevel.STREET},
}
# How many leading digits a child's code shares with its parent's (statistical code structure).
PREFIX_LEN = {DivisionLevel.TOWN: 6, DivisionLevel.STREET: 6, DivisionLevel.VILLAGE: 9,
              DivisionLevel.COMMUNITY: 9}

DIVISION_COLUMNS = ("区划代码", "名称", "层级", "上级区划代码")
GRID_COLUMNS = ("网格编码", "网格名称", "所属村居代码", "户数")


@dataclass
class _DivisionRow:
    row: int
    code: str
    name: str
    level: str
    parent_code: str


@dataclass
class _GridRow:
    row: int
    code: str
    name: str
    division_code: str
    households: int
    population: int


def _validate_divisions(sheet: Sheet, errors: RowErrors) -> list[_DivisionRow]:
    rows: list[_DivisionRow] = []
    seen: dict[str, int] = {}  # code → row number
    levels_in_file: dict[str, str] = {}
    parent_codes = {v["上级区划代码"] for _, v in sheet.rows if v["上级区划代码"]}
    codes = {v["区划代码"] for _, v in sheet.rows}
    in_db = {
        d.code: d.level
        for d in Division.objects.filter(code__in=parent_codes | codes).only("code", "level")
    }
    for number, v in sheet.rows:
        code, name, level_text, parent_code = (v["区划代码"], v["名称"], v["层级"],
                                               v["上级区划代码"])
        ok = True
        if not CODE_RE.match(code):
            errors.add(number, "区划代码应为12位数字。")
            ok = False
        elif code in seen:
            errors.add(number, f"区划代码{code}与第{seen[code]}行重复。")
            ok = False
        elif code in in_db:
            errors.add(number, f"区划代码{code}已存在。")
            ok = False
        if not name:
            errors.add(number, "名称不能为空。")
            ok = False
        elif len(name) > 60:
            errors.add(number, "名称不能超过60个字。")
            ok = False
        level = LEVELS.get(level_text)
        if level is None:
            errors.add(number, f"层级“{level_text}”无效，应为县、镇、街道、村或社区。")
            ok = False
        elif level == DivisionLevel.COUNTY:
            if parent_code:
                errors.add(number, "县级区划不填写上级区划代码。")
                ok = False
        elif not parent_code:
            errors.add(number, "上级区划代码不能为空。")
            ok = False
        else:
            parent_level = levels_in_file.get(parent_code) or in_db.get(parent_code)
            if parent_level is None:
                if parent_code in seen:
                    errors.add(number, f"上级区划（第{seen[parent_code]}行）有误。")
                elif parent_code in codes:
                    errors.add(number, f"上级区划代码{parent_code}应在本行之前。")
                else:
                    errors.add(number, f"上级区划代码{parent_code}不存在。")
                ok = False
            elif parent_level not in ALLOWED_PARENTS[level]:
                errors.add(number, f"{DivisionLevel(level).label}的上级不能是"
                                   f"{DivisionLevel(parent_level).label}。")
                ok = False
            elif CODE_RE.match(code) and code[:PREFIX_LEN[level]] != parent_code[:PREFIX_LEN[level]]:
                errors.add(number, f"区划代码应以上级区划代码的前{PREFIX_LEN[level]}位开头。")
                ok = False
        if CODE_RE.match(code) and code not in seen:
            seen[code] = number
            if level is not None:
                levels_in_file[code] = level
        if ok:
            rows.append(_DivisionRow(number, code, name, level, parent_code))
    return rows


def _non_negative_int(text: str) -> int | None:
    if text == "":
        return 0
    # ASCII digits that fit an integer column: "²".isdigit() is true but int("²") fails.
    try:
        return parse_int(text, maximum=INT_MAX)
    except BadValue:
        return None


def _validate_grids(sheet: Sheet, errors: RowErrors, division_rows: list[_DivisionRow],
                    ) -> list[_GridRow]:
    rows: list[_GridRow] = []
    seen: dict[str, int] = {}
    codes = {v["网格编码"] for _, v in sheet.rows}
    in_db = set(Grid.objects.filter(code__in=codes).values_list("code", flat=True))
    file_levels = {r.code: r.level for r in division_rows}
    division_codes = {v["所属村居代码"] for _, v in sheet.rows}
    db_levels = dict(Division.objects.filter(code__in=division_codes).values_list("code", "level"))
    for number, v in sheet.rows:
        code, name, division_code = v["网格编码"], v["网格名称"], v["所属村居代码"]
        ok = True
        if not code:
            errors.add(number, "网格编码不能为空。")
            ok = False
        elif len(code) > 20:
            errors.add(number, "网格编码不能超过20个字符。")
            ok = False
        elif code in seen:
            errors.add(number, f"网格编码{code}与第{seen[code]}行重复。")
            ok = False
        elif code in in_db:
            errors.add(number, f"网格编码{code}已存在。")
            ok = False
        if not name:
            errors.add(number, "网格名称不能为空。")
            ok = False
        level = file_levels.get(division_code) or db_levels.get(division_code)
        if level is None:
            errors.add(number, f"所属村居代码{division_code or '（空）'}不存在。")
            ok = False
        elif level not in (DivisionLevel.VILLAGE, DivisionLevel.COMMUNITY):
            errors.add(number, "所属村居应为村或社区。")
            ok = False
        households = _non_negative_int(v.get("户数", ""))
        if households is None:
            errors.add(number, "户数应为非负整数。")
            ok = False
        population = _non_negative_int(v.get("人口", ""))
        if population is None:
            errors.add(number, "人口应为非负整数。")
            ok = False
        if code and code not in seen:
            seen[code] = number
        if ok:
            rows.append(_GridRow(number, code, name, division_code, households, population))
    return rows


def divisions_import_xlsx(*, actor, file) -> ImportResult:
    """Create divisions (and grids) from a workbook; nothing is written if any row is wrong."""
    if not get_scope(actor).is_admin:
        raise NotInScope("只有平台管理员可以导入行政区划和网格。")
    sheets = read_sheets(file)
    division_sheets = [s for s in sheets if "区划代码" in s.columns]
    grid_sheets = [s for s in sheets if "网格编码" in s.columns]
    several = len(division_sheets) + len(grid_sheets) > 1
    result = ImportResult()
    if not division_sheets and not grid_sheets:
        result.errors.append("表格缺少表头：区划表应含" + "、".join(DIVISION_COLUMNS)
                             + "；网格表应含" + "、".join(GRID_COLUMNS) + "。")
        return result

    division_rows: list[_DivisionRow] = []
    for sheet in division_sheets:
        errors = RowErrors(f"工作表“{sheet.title}”" if several else "")
        if sheet_check(sheet, DIVISION_COLUMNS, errors):
            division_rows += _validate_divisions(sheet, errors)
        result.errors += errors.in_row_order()
    grid_rows: list[_GridRow] = []
    for sheet in grid_sheets:
        errors = RowErrors(f"工作表“{sheet.title}”" if several else "")
        if sheet_check(sheet, GRID_COLUMNS, errors):
            grid_rows += _validate_grids(sheet, errors, division_rows)
        result.errors += errors.in_row_order()
    if result.errors:
        return result
    if not division_rows and not grid_rows:
        result.errors.append("表格中没有数据行。")
        return result

    with transaction.atomic():
        by_code: dict[str, Division] = {}
        parents = {r.parent_code for r in division_rows} | {r.division_code for r in grid_rows}
        by_code.update({d.code: d for d in Division.objects.filter(code__in=parents)})
        for r in division_rows:
            parent = by_code.get(r.parent_code) if r.parent_code else None
            division = Division.objects.create(
                code=r.code, name=r.name, level=r.level, parent=parent,
                town_id=parent.town_id if parent and r.level in (
                    DivisionLevel.VILLAGE, DivisionLevel.COMMUNITY) else None,
            )
            if r.level in (DivisionLevel.TOWN, DivisionLevel.STREET):
                division.town_id = division.pk
                division.save(update_fields=["town"])
            by_code[r.code] = division
        Grid.objects.bulk_create([
            Grid(code=r.code, name=r.name, division=by_code[r.division_code],
                 households=r.households, population=r.population)
            for r in grid_rows
        ])
        result.created = {"divisions": len(division_rows), "grids": len(grid_rows)}
        # The import has no case object of its own; the audit row hangs on the importing user.
        event_record(subject=actor, actor=actor, action="divisions_imported",
                     extra={**result.created, "file": getattr(file, "name", "")})
    return result
