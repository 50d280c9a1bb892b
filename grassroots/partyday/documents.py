"""Documents of theme party days (grassroots.documents renders, this module fills): the record
of a theme party day (主题党日活动记录), the feedback slip with the demand number
(意见建议办理反馈单), the sign-in sheet (签到表) and the monthly table by town (.xlsx)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import xlsx
from grassroots.documents.forms import FormDocument
from grassroots.documents.gbdocx import cn_date


def day_record_docx(day) -> bytes:
    members = day.meeting.attendance.filter(role__in=("member", "probationary"))
    present = members.filter(present=True).count()
    invited = [f"{i.person.name}（{i.get_kind_display()}）"
               for i in day.invitations.filter(attended=True).select_related("person")]
    form = FormDocument(_("主题党日活动记录"), columns=2,
                        above=(day.branch.name, f"{day.month:%Y年%m月}"))
    held = timezone.localtime(day.held_at) if day.held_at else None
    form.row((_("时间"), held.strftime("%Y-%m-%d %H:%M") if held else ""),
             (_("地点"), day.place))
    form.row((_("主持"), day.host), (_("主题"), day.theme))
    form.row((_("应到党员"), str(members.count())), (_("实到党员"), str(present)))
    form.row((_("列席人员"), "、".join(invited) or "—"))
    form.row((_("活动事项"), "、".join(i.title for i in day.menu_items.all()) or "—"))
    form.block(_("学习内容、议事内容"), day.minutes, lines=8)
    form.block(_("点评"), "\n".join(f"{c.member.person.name}：{c.text}"
                                   for c in day.comments.select_related("member__person")),
               lines=4)
    form.block(_("建议与诉求"), "\n".join(
        f"{n}. {s.raised_by_name}：{s.content}（{s.get_kind_display()}）"
        for n, s in enumerate(day.suggestions.order_by("id"), 1)), lines=6)
    return form.to_bytes()


def sign_in_sheet_docx(day) -> bytes:
    form = FormDocument(_("主题党日签到表"), columns=2,
                        above=(day.branch.name, f"{day.planned_on:%Y年%m月%d日}"))
    for a in day.meeting.attendance.select_related("person").order_by("role", "person__name"):
        form.row((a.get_role_display(), a.person.name), (_("签到"), "✓" if a.present else ""))
    return form.to_bytes()


def feedback_slip_docx(suggestion) -> bytes:
    form = FormDocument(_("意见建议办理反馈单"), columns=2,
                        above=(suggestion.theme_day.branch.name,
                               cn_date(timezone.localdate(suggestion.recorded_at))))
    form.row((_("提出人"), suggestion.raised_by_name), (_("类别"), suggestion.get_kind_display()))
    form.row((_("诉求编号"), suggestion.demand.number if suggestion.demand_id else "—"),
             (_("办理状态"), suggestion.get_status_display()))
    form.block(_("意见建议内容"), suggestion.content, lines=4)
    decision = (f"{suggestion.get_decision_display()} {suggestion.decision_reason}"
                if suggestion.decision else "")
    form.block(_("研究结果"), decision, lines=2)
    form.block(_("办理反馈"), suggestion.answer, lines=5, sign=_("党支部（盖章）　　年　　月　　日"))
    return form.to_bytes()


def monthly_table_xlsx(rows: list[dict], month: date) -> bytes:
    wb = xlsx.workbook()
    ws = wb.create_sheet(_("主题党日开展情况"))
    xlsx.append(ws, [_("%(y)s年%(m)s月主题党日开展情况统计表") % {"y": month.year, "m": month.month}])
    xlsx.append(ws, [_("镇街"), _("党支部数"), _("已开展"), _("开展率（%）"),
                     _("群众代表/积极分子列席人次"), _("县委组织部列席人次"), _("意见建议条数")])
    for r in rows:
        xlsx.append(ws, [r["town"], r["branches"], r["held"], r["holding"]["rate"],
                         r["downward"], r["county"], r["suggestions"]])
    return xlsx.to_bytes(wb)
