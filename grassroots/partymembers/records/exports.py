"""Registers of the records as .xlsx (core.xlsx: values only), with the list's scope and the
ID number and phone masked (00-common §1.4, §9)."""

from datetime import date

from django.utils.translation import gettext as _

from grassroots.core import xlsx


def roster_workbook(members, *, org, day: date) -> bytes:
    """The branch roster with the organisational-life counters (``members`` from
    ``selectors.roster``)."""
    wb = xlsx.workbook()
    ws = wb.create_sheet(_("党员名册"))
    xlsx.append(ws, [_("姓名"), _("性别"), _("党员状态"), _("党费类别"), _("入党日期"),
                     _("转正日期"), _("党龄"), _("公民身份号码"), _("手机号码"), _("是否流动党员"),
                     _("是否失联党员"), _("连续未参加组织生活（月）"), _("欠缴党费（月）"),
                     _("未完成分配工作（月）")])
    yes, no = _("是"), _("否")
    for m in members:
        xlsx.append(ws, [
            m.person.name, m.person.gender, m.get_status_display(),
            m.get_dues_category_display() if m.dues_category else "", m.joined_on, m.full_on,
            m.party_age_on(day), m.person.id_number_masked, m.person.phone_masked,
            yes if m.is_mobile else no, yes if m.lost_contact_since else no,
            m.months_without_org_life, m.months_dues_unpaid, m.months_work_not_done])
    return xlsx.to_bytes(wb)


def transfers_workbook(transfers) -> bytes:
    wb = xlsx.workbook()
    ws = wb.create_sheet(_("组织关系转接"))
    xlsx.append(ws, [_("介绍信编号"), _("姓名"), _("转出党组织"), _("转入党组织"), _("开具日期"),
                     _("有效期至"), _("党费交至"), _("状态"), _("办结日期")])
    for t in transfers:
        xlsx.append(ws, [t.letter_no, t.member.person.name, t.from_org.name, t.to_org.name,
                         t.issued_on, t.valid_until,
                         t.dues_paid_through.strftime("%Y-%m") if t.dues_paid_through else "",
                         t.get_status_display(), t.closed_on])
    return xlsx.to_bytes(wb)


def dues_workbook(bills, *, org, month) -> bytes:
    """党费收缴登记表 of a branch for a month (``bills`` of ``views.dues.dues_month``)."""
    wb = xlsx.workbook()
    ws = wb.create_sheet(_("党费收缴登记表"))
    xlsx.append(ws, [_("姓名"), _("党费类别"), _("基数（元）"), _("应缴（元）"), _("状态"),
                     _("缴纳日期")])
    for b in bills:
        xlsx.append(ws, [b.member.person.name, b.category, b.base_amount, b.amount,
                         b.get_status_display(), b.paid_on])
    return xlsx.to_bytes(wb)
