"""Service teams: .xlsx export and all-or-nothing import of "1+2+3" seats.

Seat changes themselves are ``grassroots.people.services.team_member_assign`` / ``_replace``;
this module only reads spreadsheets and calls them.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from grassroots.core.errors import ApplicationError
from grassroots.core.scope import Role, get_scope
from grassroots.orgs.models import Organization
from grassroots.people.models import Person, PersonKind, ServiceTeam, TeamSeat
from grassroots.people.pii import hash_phone
from grassroots.people.services import is_valid_mobile, person_create, team_member_assign

from ..models.scoping import is_county_manager

HEADERS = ["网格编码", "服务队名称", "席位", "姓名", "手机号", "派出单位编码"]
IMPORT_HEADERS = ["网格编码", "席位", "姓名", "手机号", "派出单位编码"]
SEAT_BY_LABEL = {str(label): value for value, label in TeamSeat.choices}
MAX_ROWS = 5000


class ImportRejected(ApplicationError):
    """The spreadsheet has errors; ``errors`` lists every one, nothing was written."""

    def __init__(self, errors: list[str]):
        super().__init__(errors[0] if len(errors) == 1 else f"共{len(errors)}处错误，未导入任何数据。")
        self.errors = errors


def teams_export(queryset) -> bytes:
    """One row per active seat; ended seats are history and stay on the team page."""
    wb = Workbook()
    ws = wb.active
    ws.title = "服务队"
    ws.append(HEADERS)
    rows = (queryset.filter(members__ended_at__isnull=True)
            .values_list("grid__code", "name", "members__seat", "members__person__name",
                         "members__person__phone_masked", "members__organization__code")
            .order_by("grid__code", "members__seat", "members__id"))
    labels = dict(TeamSeat.choices)
    for code, name, seat, person, phone, org in rows.iterator(chunk_size=2000):
        ws.append([code, name, str(labels.get(seat, seat)), person, phone or "", org or ""])
    for col, width in zip("ABCDEF", (14, 34, 18, 10, 14, 14), strict=True):
        ws.column_dimensions[col].width = width
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class _Row:
    line: int
    team: ServiceTeam
    seat: str
    name: str
    phone: str
    organization: Organization | None


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_rows(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        wb = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError, Exception) as exc:
        if isinstance(exc, ApplicationError):
            raise
        raise ApplicationError("文件不是有效的Excel（.xlsx）文件。", field="file") from exc
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    if not rows:
        raise ApplicationError("表格是空的。", field="file")
    header = [_cell(c) for c in rows[0]][:len(IMPORT_HEADERS)]
    if header != IMPORT_HEADERS:
        raise ApplicationError("第1行应为表头：" + "、".join(IMPORT_HEADERS) + "。", field="file")
    body = [(n, [_cell(c) for c in r][:len(IMPORT_HEADERS)])
            for n, r in enumerate(rows[1:], start=2) if any(_cell(c) for c in r)]
    if not body:
        raise ApplicationError("表格中没有数据行。", field="file")
    if len(body) > MAX_ROWS:
        raise ApplicationError(f"一次最多导入{MAX_ROWS}行。", field="file")
    return body


def teams_import(*, actor, data: bytes) -> int:
    """Seat the cadres listed in the sheet; every row is checked first, then all are written in
    one transaction — any refusal rolls everything back and names the row ("第N行：...")."""
    scope = get_scope(actor)
    if not (is_county_manager(scope) or Role.TOWN_STAFF in scope.roles):
        raise ApplicationError("您无权导入服务队。")
    body = _read_rows(data)
    codes = {r[0] for _, r in body}
    teams = {t.grid.code: t for t in ServiceTeam.objects.restrict(actor, "change")
             .filter(grid__code__in=codes).select_related("grid__division")}
    orgs = {o.code: o for o in Organization.objects.filter(code__in={r[4] for _, r in body})}
    errors, parsed, seen = [], [], set()
    for line, (code, seat_label, name, phone, org_code) in body:
        problem = None
        team = teams.get(code)
        if not code:
            problem = "请填写网格编码。"
        elif team is None:
            problem = f"网格编码“{code}”不存在或不在您的管理范围内。"
        elif seat_label not in SEAT_BY_LABEL:
            problem = f"席位“{seat_label}”无效，应为：" + "、".join(SEAT_BY_LABEL) + "。"
        elif not name:
            problem = "请填写姓名。"
        elif not is_valid_mobile(phone):
            problem = f"手机号“{phone}”格式不正确，应为11位手机号。"
        elif org_code and org_code not in orgs:
            problem = f"派出单位编码“{org_code}”不存在。"
        elif (code, phone) in seen:
            problem = "与前面的行重复（同一网格、同一手机号）。"
        if problem:
            errors.append(f"第{line}行：{problem}")
            continue
        seen.add((code, phone))
        parsed.append(_Row(line, team, SEAT_BY_LABEL[seat_label], name, phone,
                           orgs.get(org_code) if org_code else None))
    if errors:
        raise ImportRejected(errors)
    with transaction.atomic():
        for row in parsed:
            try:
                person = Person.objects.filter(phone_hash=hash_phone(row.phone)).first()
                if person is None:
                    person = person_create(actor=actor, name=row.name, kind=PersonKind.CADRE,
                                           phone=row.phone)
                elif person.name != row.name:
                    raise ApplicationError(
                        f"手机号{person.phone_masked}登记的姓名是“{person.name}”，与表中“{row.name}”不符。")
                team_member_assign(actor=actor, team=row.team, person=person, seat=row.seat,
                                   organization=row.organization)
            except ApplicationError as exc:
                raise ImportRejected([f"第{row.line}行：{exc.message}"]) from exc
    return len(parsed)


def import_template() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "服务队导入"
    ws.append(IMPORT_HEADERS)
    ws.append(["G-A-01", str(TeamSeat.TOWN_CADRE.label), "张三", "13800000000", ""])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
