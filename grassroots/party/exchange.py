"""Import and export of organisations and members in the column order of the national
party-member system's export (00-common §2.1 [S12]), so files go both ways between it and
grassroots. Export follows the list's scope and masks ID numbers and phones unless the county
organisation department asks for clear values (logged as a bulk export in the audit log).
Import is all rows or none: every row is tried through the services, and any refusal is
listed as 第N行：… and rolls the whole file back.

A county's file is tens of thousands of rows: both directions take an optional ``progress``
callback, called as ``progress(done, total)`` every ``PROGRESS_EVERY`` rows and at the end, so a
command can draw a bar (``manage.py party_export`` / ``party_import``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import xlsx
from grassroots.core.errors import ApplicationError
from grassroots.core.imports import ImportResult, RowErrors, read_sheets, sheet_check
from grassroots.core.policy import require
from grassroots.places.models import Division

from . import selectors as sel
from . import services
from .models import BaseType, MemberStatus, OrgField, OrgKind, PartyOrganisation, SpecialKind

MEMBER_COLUMNS = (
    "姓名", "性别", "公民身份号码", "民族", "出生日期", "学历", "人员类别", "学位", "所在党支部",
    "手机号码", "入党日期", "转正日期", "党龄", "党龄校正值", "新社会阶层类型", "工作岗位",
    "从事专业技术职务", "是否农民工", "现居住地", "户籍所在地", "是否失联党员", "是否流动党员",
    "党员注册时间", "注册手机号", "党员增加信息", "党员减少信息", "入党类型", "转正情况",
    "入党时所在支部", "延长预备期时间",
)
ORG_COLUMNS = (
    "党组织名称", "党组织类别", "上级党组织", "党委类别", "特殊类型", "所属领域", "所在区划代码",
    "是否具有审批预备党员权限", "成立日期", "批准文号", "书记", "本届选举日期", "任期年限",
    "换届到期日", "正式党员数", "预备党员数",
)
MEMBER_REQUIRED = ("姓名", "公民身份号码", "所在党支部", "入党日期", "转正日期", "转正情况")
ORG_REQUIRED = ("党组织名称", "党组织类别", "上级党组织")
# Text columns copied as they are onto the member (column → field).
TEXT_COLUMNS = {
    "民族": "ethnicity", "学历": "education", "学位": "degree", "人员类别": "category",
    "工作岗位": "job", "从事专业技术职务": "technical_title", "新社会阶层类型": "social_stratum",
    "现居住地": "residence", "户籍所在地": "hukou_place", "入党类型": "join_type",
    "入党时所在支部": "branch_when_joined", "延长预备期时间": "probation_extension",
    "党员增加信息": "increase_info", "党员减少信息": "decrease_info",
}
FLAG_COLUMNS = {"是否农民工": "is_migrant_worker", "是否失联党员": "is_lost_contact",
                "是否流动党员": "is_mobile"}
FULL, PROBATIONARY = "已转正", "预备期"
PROGRESS_EVERY = 500
Progress = Callable[[int, int], None] | None


class _Ticker:
    """Counts rows as they pass (across several sheets) and tells ``progress`` how far it
    got every ``PROGRESS_EVERY`` rows; ``finish()`` reports the end."""

    def __init__(self, total: int, progress: Progress):
        self.total, self.progress, self.done = total, progress, 0

    def __call__(self, rows):
        for row in rows:
            yield row
            self.done += 1
            if self.progress and self.done % PROGRESS_EVERY == 0:
                self.progress(self.done, self.total)

    def finish(self) -> None:
        if self.progress:
            self.progress(self.done, self.total)


def _yes(value: bool) -> str:
    return "是" if value else "否"


def party_age(member, today: date) -> int:
    """党龄 counts from conversion [S6 art. 7], plus the national system's correction."""
    if not member.full_on:
        return 0
    years = today.year - member.full_on.year - (
        (today.month, today.day) < (member.full_on.month, member.full_on.day))
    return max(years, 0) + member.party_age_correction


def member_rows(members, *, clear: bool):
    today = timezone.localdate()
    for m in members:
        p = m.person
        phone = (p.phone or "") if clear else p.phone_masked
        yield [
            p.name, p.gender, (p.id_number or "") if clear else p.id_number_masked,
            m.ethnicity, m.birth_date, m.education, m.category, m.degree, m.organisation.name,
            phone, m.joined_on, m.full_on, party_age(m, today), m.party_age_correction,
            m.social_stratum, m.job, m.technical_title, _yes(m.is_migrant_worker), m.residence,
            m.hukou_place, _yes(m.is_lost_contact), _yes(m.is_mobile), m.registered_on, phone,
            m.increase_info, m.decrease_info, m.join_type,
            FULL if m.full_on else PROBATIONARY, m.branch_when_joined,
            m.probation_extension,
        ]


def org_rows(orgs):
    for o in orgs:
        yield [
            o.name, o.get_kind_display(), o.parent.name if o.parent else "",
            o.get_base_type_display() if o.base_type else "",
            o.get_special_kind_display() if o.special_kind else "",
            o.get_field_display() if o.field else "", o.division.code if o.division else "",
            _yes(o.has_approval_authority), o.founded_on, o.approval_doc_no,
            o.secretary.name if o.secretary else "", o.elected_on, o.term_years, o.term_due_on,
            o.own_full, o.own_probationary,
        ]


def export_workbook(user, what: str, *, clear: bool = False, request=None,
                    progress: Progress = None) -> bytes:
    """The .xlsx of the organisations or members ``user`` may see. ``clear`` (ID numbers and
    phones in full) only for the county organisation department, and logged."""
    if clear:
        require(user, "party.export_clear")
    wb = xlsx.workbook()
    if what == "orgs":
        ws = wb.create_sheet("党组织")
        xlsx.append(ws, ORG_COLUMNS)
        orgs = sel.with_counts(sel.tree_for(user).select_related("division"))
        total = orgs.count() if progress else 0
        tick = _Ticker(total, progress)
        for row in tick(org_rows(orgs)):
            xlsx.append(ws, row)
        tick.finish()
    else:
        ws = wb.create_sheet("党员")
        xlsx.append(ws, MEMBER_COLUMNS)
        members = sel.members_for(user)
        total = members.count() if clear or progress else 0
        if clear:
            from grassroots.audit.models import AuditCategory
            from grassroots.audit.services import audit_record

            audit_record(category=AuditCategory.EXPORT, action="party_members_export_clear",
                         actor=user, request=request, extra={"rows": total})
        if not clear:  # the masked copies are columns of their own: decrypt nothing
            members = members.defer("person__phone", "person__id_number")
        # Streamed in chunks: a county is tens of thousands of members with their persons.
        rows = member_rows(members.iterator(chunk_size=2000), clear=clear)
        tick = _Ticker(total, progress)
        for row in tick(rows):
            xlsx.append(ws, row)
        tick.finish()
    return xlsx.to_bytes(wb)


# --- import --------------------------------------------------------------------------------

def _date(text: str, column: str):
    text = (text or "").strip()
    if not text:
        return None
    m = re.match(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?(?:[ T]00:00(?::00)?)?$", text)
    if not m:
        raise ApplicationError(_("“%(c)s”应为日期，例如2019-07-01。") % {"c": column})
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ApplicationError(_("“%(c)s”不是有效日期。") % {"c": column}) from None


def _choice(text: str, choices, column: str, *, blank_ok: bool = True) -> str:
    text = (text or "").strip()
    if not text and blank_ok:
        return ""
    for value, label in choices:
        if text in (value, str(label)):
            return value
    raise ApplicationError(_("“%(c)s”的值“%(v)s”无法识别。") % {"c": column, "v": text})


def _flag(text: str) -> bool:
    return (text or "").strip() in ("是", "1", "true", "True", "Y", "y")


def _import_orgs(actor, sheet, errors: RowErrors, result: ImportResult, tick) -> None:
    created = unchanged = 0
    for row, v in tick(sheet.rows):
        try:
            name = v["党组织名称"].strip()
            if PartyOrganisation.objects.filter(name=name).exists():
                unchanged += 1
                continue
            parent_name = v["上级党组织"].strip()
            parent = PartyOrganisation.objects.filter(name=parent_name).first() \
                if parent_name else None
            if parent_name and parent is None:
                raise ApplicationError(_("上级党组织“%(p)s”不存在（上级应写在下级之前）。") % {
                    "p": parent_name})
            division = None
            if v.get("所在区划代码"):
                division = Division.objects.filter(code=v["所在区划代码"]).first()
                if division is None:
                    raise ApplicationError(_("区划代码“%(c)s”不存在。") % {
                        "c": v["所在区划代码"]})
            services.organisation_create(
                actor=actor, name=name, parent=parent, division=division,
                kind=_choice(v["党组织类别"], OrgKind.choices, "党组织类别", blank_ok=False),
                base_type=_choice(v.get("党委类别", ""), BaseType.choices, "党委类别"),
                special_kind=_choice(v.get("特殊类型", ""), SpecialKind.choices, "特殊类型"),
                field=_choice(v.get("所属领域", ""), OrgField.choices, "所属领域"),
                has_approval_authority=_flag(v.get("是否具有审批预备党员权限", "")),
                founded_on=_date(v.get("成立日期", ""), "成立日期"),
                approval_doc_no=v.get("批准文号", ""))
            created += 1
        except ApplicationError as exc:
            errors.add(row, exc.message)
    result.created["party_orgs"] = created
    result.created["party_orgs_unchanged"] = unchanged


def _member_values(v) -> dict:
    values = {field: v.get(column, "")[:100] for column, field in TEXT_COLUMNS.items()
              if column in v}
    values.update({field: _flag(v[column]) for column, field in FLAG_COLUMNS.items()
                   if column in v})
    if v.get("出生日期"):
        values["birth_date"] = _date(v["出生日期"], "出生日期")
    if v.get("党员注册时间"):
        values["registered_on"] = _date(v["党员注册时间"], "党员注册时间")
    if v.get("党龄校正值"):
        try:
            values["party_age_correction"] = int(v["党龄校正值"])
        except ValueError:
            raise ApplicationError(_("“党龄校正值”应为整数。")) from None
    return values


def _import_members(actor, sheet, errors: RowErrors, result: ImportResult, tick) -> None:
    created = updated = 0
    for row, v in tick(sheet.rows):
        try:
            org_name = v["所在党支部"].strip()
            org = PartyOrganisation.objects.filter(name=org_name, is_active=True).first()
            if org is None:
                raise ApplicationError(_("所在党支部“%(o)s”不存在。") % {"o": org_name})
            status = MemberStatus.PROBATIONARY if v["转正情况"].strip() in (
                PROBATIONARY, "预备党员") else MemberStatus.FULL
            values = _member_values(v)
            id_number = v["公民身份号码"].strip().upper()
            person = services.members.find_person(name=v["姓名"].strip(), id_number=id_number)
            member = getattr(person, "party_member", None) if person else None
            if member is not None and member.is_active:
                if member.organisation_id != org.pk:
                    raise ApplicationError(_("%(n)s现在%(o)s，组织关系转接请另行办理。") % {
                        "n": person.name, "o": member.organisation.name})
                services.member_columns_update(actor=actor, member=member, **values)
                updated += 1
                continue
            services.member_enrol(
                actor=actor, org=org, name=v["姓名"], gender=v.get("性别", ""),
                id_number=id_number, phone=v.get("手机号码", ""), status=status,
                joined_on=_date(v["入党日期"], "入党日期"),
                full_on=_date(v["转正日期"], "转正日期"), **values)
            created += 1
        except ApplicationError as exc:
            errors.add(row, exc.message)
    result.created["party_members"] = created
    result.created["party_members_updated"] = updated


def import_workbook(*, actor, file, progress: Progress = None) -> ImportResult:
    require(actor, "party.import_roll")
    sheets = read_sheets(file)
    org_sheets = [s for s in sheets if "党组织名称" in s.columns]
    member_sheets = [s for s in sheets if "所在党支部" in s.columns]
    result = ImportResult()
    if not org_sheets and not member_sheets:
        raise ApplicationError(_("表格中没有党组织表或党员表（请使用导出的表格格式）。"),
                               field="file")
    # Missing columns and unreadable cells (a formula without a value) first, by sheet.
    for sheet, required in [(s, ORG_REQUIRED) for s in org_sheets] + \
            [(s, MEMBER_REQUIRED) for s in member_sheets]:
        errors = RowErrors(f"{sheet.title}：")
        sheet_check(sheet, required, errors)
        result.errors += errors.in_row_order()
    if result.errors:
        return result
    total = sum(len(s.rows) for s in (*org_sheets, *member_sheets))
    tick = _Ticker(total, progress)  # one count across the sheets
    with transaction.atomic():
        for sheet in org_sheets:
            errors = RowErrors(f"{sheet.title}：" if len(sheets) > 1 else "")
            _import_orgs(actor, sheet, errors, result, tick)
            result.errors += errors.messages
        for sheet in member_sheets:
            errors = RowErrors(f"{sheet.title}：" if len(sheets) > 1 else "")
            _import_members(actor, sheet, errors, result, tick)
            result.errors += errors.messages
        tick.finish()
        if result.errors:
            transaction.set_rollback(True)
            result.created = {}
    return result


__all__ = ["PROGRESS_EVERY", "export_workbook", "import_workbook", "member_rows", "party_age"]
