"""Import cadres and citizens from an .xlsx workbook — all rows or none.

Columns: 姓名, 类别 (干部/群众), 手机号, 身份证号, 职务, 所属单位编码, 角色. 姓名 and 类别 are required
columns; the others may be left out. A row with a 角色 gets a Membership in the unit and a login whose
username is the phone number, with no usable password (the administrator issues one).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import translation

from grassroots.core.events import event_record
from grassroots.core.imports import ImportResult, RowErrors, read_sheets, sheet_check
from grassroots.core.policy import require
from grassroots.core.scope import Role
from grassroots.orgs.models import Membership, Organization

from .models import Person, PersonKind, User
from .pii import hash_phone
from .services import is_valid_id_number, is_valid_mobile
from .verification import new_staff_username

REQUIRED_COLUMNS = ("姓名", "类别")
ALL_COLUMNS = ("姓名", "类别", "手机号", "身份证号", "职务", "所属单位编码", "角色")
KINDS = {"干部": PersonKind.CADRE, "群众": PersonKind.CITIZEN,
         **{v: v for v in PersonKind.values}}
# Column values are a file format: always the Chinese labels, whatever the active language.
with translation.override("zh-hans"):
    ROLES = {**{str(r.label): r.value for r in Role}, **{r.value: r.value for r in Role}}
# Administrators are appointed one by one in the admin site, never by spreadsheet.
NOT_IMPORTABLE_ROLES = {Role.ADMIN}


@dataclass
class _PersonRow:
    row: int
    name: str
    kind: str
    phone: str
    id_number: str
    position: str
    org_code: str
    role: str


def _validate(sheet, errors: RowErrors) -> list[_PersonRow]:
    rows: list[_PersonRow] = []
    values = [v for _, v in sheet.rows]
    phones = {v.get("手机号", "") for v in values} - {""}
    org_codes = {v.get("所属单位编码", "") for v in values} - {""}
    known_orgs = set(Organization.objects.filter(code__in=org_codes, is_active=True)
                     .values_list("code", flat=True))
    hashes = {hash_phone(p): p for p in phones}
    taken_phones = {hashes[h] for h in Person.objects.filter(phone_hash__in=hashes)
                    .values_list("phone_hash", flat=True)}
    taken_phones |= set(User.objects.filter(username__in=phones).values_list("username", flat=True))
    seen_phone: dict[str, int] = {}
    for number, v in sheet.rows:
        name = v["姓名"]
        kind = KINDS.get(v["类别"])
        phone = v.get("手机号", "")
        id_number = v.get("身份证号", "").upper()
        position = v.get("职务", "")
        org_code = v.get("所属单位编码", "")
        role_text = v.get("角色", "")
        role = ROLES.get(role_text)
        problems: list[str] = []
        if not name:
            problems.append("姓名不能为空。")
        elif len(name) > 40:
            problems.append("姓名不能超过40个字。")
        if kind is None:
            problems.append(f"类别“{v['类别']}”无效，应为干部或群众。")
        if phone:
            if not is_valid_mobile(phone):
                problems.append(f"手机号{phone}格式不正确，应为11位手机号。")
            elif phone in seen_phone:
                problems.append(f"手机号{phone}与第{seen_phone[phone]}行重复。")
            elif phone in taken_phones:
                problems.append(f"手机号{phone}已被登记。")
            seen_phone.setdefault(phone, number)
        if id_number and not is_valid_id_number(id_number):
            problems.append("身份证号格式不正确或校验码错误。")
        if len(position) > 60:
            problems.append("职务不能超过60个字。")
        if org_code and org_code not in known_orgs:
            problems.append(f"所属单位编码“{org_code}”不存在。")
        if role_text:
            if role is None:
                problems.append(f"角色“{role_text}”无效。")
            elif role in NOT_IMPORTABLE_ROLES:
                problems.append("平台管理员不能通过导入设置。")
            elif kind == PersonKind.CITIZEN:
                problems.append("群众不能担任角色。")
            else:
                if not org_code:
                    problems.append("填写角色时须填写所属单位编码。")
                if not phone:
                    problems.append("填写角色时须填写手机号（用作登录名）。")
        elif org_code:
            problems.append("填写所属单位编码时须填写角色。")
        for message in problems:
            errors.add(number, message)
        if not problems:
            rows.append(_PersonRow(number, name, kind, phone, id_number, position, org_code,
                                   role or ""))
    return rows


def people_import_xlsx(*, actor, file) -> ImportResult:
    """Create people (and their unit roles) from a workbook; nothing is written on any error."""
    require(actor, "people.import_people")
    sheets = [s for s in read_sheets(file) if "姓名" in s.columns]
    result = ImportResult()
    if not sheets:
        result.errors.append("表格缺少表头：应含" + "、".join(ALL_COLUMNS) + "。")
        return result
    several = len(sheets) > 1
    rows: list[_PersonRow] = []
    for sheet in sheets:
        errors = RowErrors(f"工作表“{sheet.title}”" if several else "")
        if sheet_check(sheet, REQUIRED_COLUMNS, errors):
            rows += _validate(sheet, errors)
        result.errors += errors.in_row_order()
    if not result.errors:
        # Phones must also be unique across sheets.
        first: dict[str, int] = {}
        duplicates = RowErrors()
        for r in rows:
            if r.phone and r.phone in first:
                duplicates.add(r.row, f"手机号{r.phone}与第{first[r.phone]}行重复。")
            first.setdefault(r.phone, r.row)
        result.errors += duplicates.messages
    if result.errors:
        return result
    if not rows:
        result.errors.append("表格中没有数据行。")
        return result

    with transaction.atomic():
        orgs = {o.code: o for o in Organization.objects.filter(
            code__in={r.org_code for r in rows if r.org_code})}
        memberships = logins = 0
        for r in rows:
            person = Person(name=r.name, kind=r.kind, position=r.position)
            person.set_phone(r.phone)
            person.set_id_number(r.id_number)
            if r.role:
                # Not the phone: it would show in clear in audit rows, lockout records and
                # the admin list; staff sign in with the phone through PhoneBackend.
                user = User(username=new_staff_username())
                user.set_unusable_password()
                user.save()
                person.user = user
                logins += 1
            person.save()
            if r.role:
                Membership.objects.create(person=person, organization=orgs[r.org_code],
                                          role=r.role, title=r.position)
                memberships += 1
        result.created = {"people": len(rows), "memberships": memberships, "users": logins}
        # The import has no case object of its own; the audit row hangs on the importing user.
        event_record(subject=actor, actor=actor, action="people_imported",
                     extra={**result.created, "file": getattr(file, "name", "")})
    return result
