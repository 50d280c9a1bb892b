"""The points documents of S2 §4.10: the member's 党员积分登记卡 (.docx, a form through
grassroots.documents) and the branch's 支部积分公示表 (.xlsx: name, aspect totals, total, rank —
no deduction reasons, as posted)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from grassroots.core import xlsx
from grassroots.documents.forms import FormDocument

from .models import Aspect


def point_card_docx(member, year: int, entries) -> bytes:
    form = FormDocument(_("党员积分登记卡"), columns=3,
                        above=(member.organisation.name, _("%(y)s年度") % {"y": year}))
    form.row((_("姓名"), member.person.name), (_("党员状态"), member.get_status_display()),
             (_("所在党支部"), member.organisation.name))
    total = 0
    for e in entries:
        total += e.points if e.status in ("confirmed", "upheld") else 0
        form.row((_("日期"), f"{e.occurred_on:%Y-%m-%d}"),
                 (_("项目"), f"{e.item.code} {e.item.label}"),
                 (_("分值"), f"{e.points:+g}（{e.get_status_display()}）"))
        if e.evidence:
            form.row((_("佐证"), e.evidence))
    form.row((_("已确认积分合计"), f"{total:g}"))
    form.block(_("党支部意见"), "", lines=3, sign=_("党支部（盖章）　　年　　月　　日"))
    form.note(_("注：积分以党支部确认为准；对积分有异议的，可向党支部提出。"))
    return form.to_bytes()


def posting_table_xlsx(org, start, end, rows) -> bytes:
    wb = xlsx.workbook()
    ws = wb.create_sheet(_("积分公示表"))
    xlsx.append(ws, [_("%(org)s党员积分公示表（%(s)s至%(e)s）") % {
        "org": org.name, "s": f"{start:%Y-%m-%d}", "e": f"{end:%Y-%m-%d}"}])
    xlsx.append(ws, [_("排名"), _("姓名"), *[str(Aspect(a).label) for a in Aspect.values],
                     _("合计")])
    for r in rows:
        xlsx.append(ws, [r.rank, r.person.name,
                         *[float(getattr(r, f"a_{a}")) for a in Aspect.values], float(r.total)])
    return xlsx.to_bytes(wb)
