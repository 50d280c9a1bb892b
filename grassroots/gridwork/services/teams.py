"""Service teams: .xlsx export and all-or-nothing import of "1+2+3" seats.

Seat changes themselves are ``grassroots.people.services.team_member_assign`` / ``_replace``;
this module only reads spreadsheets and calls them.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from grassroots.core import xlsx
from grassroots.core.errors import ApplicationError
from grassroots.core.imports import RowErrors, read_sheets, sheet_check
from grassroots.core.policy import require
from grassroots.orgs.models import Organization
from grassroots.people.models import Person, PersonKind, ServiceTeam, TeamSeat
from grassroots.people.pii import hash_phone
from grassroots.people.services import is_valid_mobile, person_create, team_member_assign

HEADERS = ["网格编码", "服务队名称", "席位", "姓名", "手机号", "派出单位编码"]
IMPORT_HEADERS = ["网格编码", "席位", "姓名", "手机号", "派出单位编码"]
# Seat names in the .xlsx are a file format: always Chinese, whatever the active language.
with translation.override("zh-hans"):
    SEAT_BY_LABEL = {str(label): value for value, label in TeamSeat.choices}
SEAT_LABEL = {value: label for label, value in SEAT_BY_LABEL.items()}
MAX_ROWS = 5000


class ImportRejected(ApplicationError):
    """The spreadsheet has errors; ``errors`` lists every one, nothing was written."""

    def __init__(self, errors: list[str]):
        super().__init__(errors[0] if len(errors) == 1
                         else _("共%(n)s处错误，未导入任何数据。") % {"n": len(errors)})
        self.errors = errors


def teams_export(queryset) -> bytes:
    """One row per active seat; ended seats are history and stay on the team page."""
    wb = xlsx.workbook(write_only=False)
    ws = wb.create_sheet("服务队")
    xlsx.append(ws, HEADERS)
    rows = (queryset.filter(members__ended_at__isnull=True)
            .values_list("grid__code", "name", "members__seat", "members__person__name",
                         "members__person__phone_masked", "members__organization__code")
            .order_by("grid__code", "members__seat", "members__id"))
    labels = SEAT_LABEL
    for code, name, seat, person, phone, org in rows.iterator(chunk_size=2000):
        xlsx.append(ws, [code, name, str(labels.get(seat, seat)), person, phone or "", org or ""])
    for col, width in zip("ABCDEF", (14, 34, 18, 10, 14, 14), strict=True):
        ws.column_dimensions[col].width = width
    return xlsx.to_bytes(wb)


@dataclass
class _Row:
    line: int
    team: ServiceTeam
    seat: str
    name: str
    phone: str
    organization: Organization | None


def _read_rows(data: bytes) -> tuple[list[tuple[int, list[str]]], RowErrors]:
    """The rows of the first sheet (``core.imports``: values only, by row), in IMPORT_HEADERS
    order, and the row errors of its unreadable cells; a sheet without every column is refused."""
    sheets = read_sheets(BytesIO(data), max_rows=MAX_ROWS, first_only=True)
    if not sheets:
        raise ApplicationError(_("表格是空的。"), field="file")
    sheet = sheets[0]
    errors = RowErrors()
    if not sheet_check(sheet, IMPORT_HEADERS, errors):
        raise ApplicationError(_("第1行应为表头：%(headers)s。")
                               % {"headers": "、".join(IMPORT_HEADERS)}, field="file")
    if not sheet.rows and not errors.messages:
        raise ApplicationError(_("表格中没有数据行。"), field="file")
    return [(n, [v[h] for h in IMPORT_HEADERS]) for n, v in sheet.rows], errors


def teams_import(*, actor, data: bytes) -> int:
    """Seat the cadres listed in the sheet; every row is checked first, then all are written in
    one transaction — any refusal rolls everything back and names the row ("第N行：...")."""
    require(actor, "gridwork.town_work", message=_("您无权导入服务队。"))
    body, errors = _read_rows(data)
    codes = {r[0] for _, r in body}
    teams = {t.grid.code: t for t in ServiceTeam.objects.restrict(actor, "change")
             .filter(grid__code__in=codes).select_related("grid__division")}
    orgs = {o.code: o for o in Organization.objects.filter(code__in={r[4] for _, r in body})}
    parsed, seen = [], set()
    for line, (code, seat_label, name, phone, org_code) in body:
        problem = None
        team = teams.get(code)
        if not code:
            problem = _("请填写网格编码。")
        elif team is None:
            problem = _("网格编码“%(code)s”不存在或不在您的管理范围内。") % {"code": code}
        elif seat_label not in SEAT_BY_LABEL:
            problem = (_("席位“%(seat)s”无效，应为：%(seats)s。")
                       % {"seat": seat_label, "seats": "、".join(SEAT_BY_LABEL)})
        elif not name:
            problem = _("请填写姓名。")
        elif not is_valid_mobile(phone):
            problem = _("手机号“%(phone)s”格式不正确，应为11位手机号。") % {"phone": phone}
        elif org_code and org_code not in orgs:
            problem = _("派出单位编码“%(c)s”不存在。") % {"c": org_code}
        elif (code, phone) in seen:
            problem = _("与前面的行重复（同一网格、同一手机号）。")
        if problem:
            errors.add(line, problem)
            continue
        seen.add((code, phone))
        parsed.append(_Row(line, team, SEAT_BY_LABEL[seat_label], name, phone,
                           orgs.get(org_code) if org_code else None))
    if errors.messages:
        raise ImportRejected(errors.in_row_order())
    with transaction.atomic():
        for row in parsed:
            try:
                person = Person.objects.filter(phone_hash=hash_phone(row.phone)).first()
                if person is None:
                    person = person_create(actor=actor, name=row.name, kind=PersonKind.CADRE,
                                           phone=row.phone)
                elif person.name != row.name:
                    raise ApplicationError(
                        _("手机号%(phone)s登记的姓名是“%(name)s”，与表中“%(row_name)s”不符。")
                        % {"phone": person.phone_masked, "name": person.name,
                           "row_name": row.name})
                team_member_assign(actor=actor, team=row.team, person=person, seat=row.seat,
                                   organization=row.organization)
            except ApplicationError as exc:
                errors.add(row.line, exc.message)
                raise ImportRejected(errors.messages) from exc
    return len(parsed)


def import_template() -> bytes:
    wb = xlsx.workbook(write_only=False)
    ws = wb.create_sheet("服务队导入")
    xlsx.append(ws, IMPORT_HEADERS)
    xlsx.append(ws, ["G-A-01", str(TeamSeat.TOWN_CADRE.label), "张三", "13800000000", ""])
    return xlsx.to_bytes(wb)
