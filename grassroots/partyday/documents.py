"""Documents of theme party days (grassroots.documents renders, this module fills): the record
of a theme party day (主题党日活动记录), the feedback slip with the demand number
(意见建议办理反馈单), the sign-in sheet (签到表), the plan, the invitation, the suggestion
register, the menus — each as .docx or PDF (``fmt``) — and the monthly table by town (.xlsx).

A form is filled once through the ``FormDocument`` interface (row, block, note, to_bytes):
``FormDocument`` itself writes the .docx; ``PdfForm`` keeps the same rows and renders them as
HTML through ``grassroots.documents.render.html_pdf`` (WeasyPrint, the GB/T 9704 page and the
Fandol / Noto CJK fonts of ``documents/base.html``)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import xlsx
from grassroots.documents.forms import FormDocument
from grassroots.documents.gbdocx import cn_date


class PdfForm:
    """The same form as ``FormDocument``, as a PDF."""

    def __init__(self, title: str, *, columns: int = 3, above: tuple[str, str] = ("", "")):
        self.title, self.columns, self.above = title, columns, above
        self.rows: list[dict] = []
        self.notes: list[str] = []

    def row(self, *fields: tuple[str, object]):
        if not 1 <= len(fields) <= self.columns:
            raise ValueError(f"a row holds 1 to {self.columns} fields")
        cells = []
        for i, (label, value) in enumerate(fields):
            last = i == len(fields) - 1
            # the last value spans what is left of the row (as in the .docx)
            cells.append((label, "" if value is None else str(value),
                          1 + (2 * (self.columns - len(fields)) if last else 0)))
        self.rows.append({"fields": cells})

    def block(self, label: str, text: str, *, lines: int = 4, sign: str = ""):
        self.rows.append({"block": True, "label": label, "lines": (text or "").splitlines(),
                          "sign": sign, "height": round(lines * 12 * 1.8)})

    def note(self, text: str):
        self.notes.append(text)

    def to_bytes(self) -> bytes:
        from grassroots.documents.render import html_pdf

        return html_pdf("partyday/doc/form.html", {
            "title": self.title, "above": self.above, "rows": self.rows, "notes": self.notes,
            "span": 2 * self.columns - 1})


FORMATS = {"docx": FormDocument, "pdf": PdfForm}


def requested_format(request) -> str:
    """``?format=pdf`` asks for the PDF; anything else is the .docx."""
    return "pdf" if request.GET.get("format") == "pdf" else "docx"


def day_record_docx(day, fmt: str = "docx") -> bytes:
    members = day.meeting.attendance.filter(role__in=("member", "probationary"))
    present = members.filter(present=True).count()
    invited = [f"{i.person.name}（{i.get_kind_display()}）"
               for i in day.invitations.filter(attended=True).select_related("person")]
    form = FORMATS[fmt](_("主题党日活动记录"), columns=2,
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


def sign_in_sheet_docx(day, fmt: str = "docx") -> bytes:
    form = FORMATS[fmt](_("主题党日签到表"), columns=2,
                        above=(day.branch.name, f"{day.planned_on:%Y年%m月%d日}"))
    for a in day.meeting.attendance.select_related("person").order_by("role", "person__name"):
        form.row((a.get_role_display(), a.person.name), (_("签到"), "✓" if a.present else ""))
    return form.to_bytes()


def feedback_slip_docx(suggestion, fmt: str = "docx") -> bytes:
    form = FORMATS[fmt](_("意见建议办理反馈单"), columns=2,
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


def day_plan_docx(day, fmt: str = "docx") -> bytes:
    """主题党日活动计划 of one branch and month."""
    form = FORMATS[fmt](_("主题党日活动计划"), columns=2,
                        above=(day.branch.name, f"{day.month:%Y年%m月}"))
    form.row((_("活动主题"), day.theme), (_("计划日期"), cn_date(day.planned_on)))
    form.row((_("地点"), day.place), (_("主持"), day.host))
    form.row((_("活动事项"), "、".join(
        f"{i.title}（{i.get_category_display()}）" for i in day.menu_items.all()) or "—"))
    form.row((_("列席人员"), "、".join(
        f"{i.person.name}（{i.get_kind_display()}）"
        for i in day.invitations.select_related("person")) or "—"))
    form.block(_("支部委员会意见"), "", lines=3, sign=_("党支部（盖章）　　年　　月　　日"))
    return form.to_bytes()


def invitation_docx(day, fmt: str = "docx") -> bytes:
    """列席邀请函: one letter listing the invitees, with the date, place and theme."""
    form = FORMATS[fmt](_("主题党日列席邀请函"), columns=2, above=(day.branch.name, ""))
    names = "、".join(i.person.name for i in day.invitations.select_related("person"))
    form.block(_("邀请"), _("%(names)s：\n我支部定于%(date)s在%(place)s开展主题党日活动，主题为“%(theme)s”，"
                          "诚邀您列席，欢迎提出意见建议。") % {
        "names": names or "—", "date": cn_date(day.planned_on), "place": day.place or "—",
        "theme": day.theme}, lines=6, sign=_("党支部（盖章）　　年　　月　　日"))
    return form.to_bytes()


def suggestion_register_docx(day, fmt: str = "docx") -> bytes:
    """群众代表意见建议登记表 of one theme party day."""
    form = FORMATS[fmt](_("群众代表意见建议登记表"), columns=3,
                        above=(day.branch.name, f"{day.month:%Y年%m月}"))
    for n, s in enumerate(day.suggestions.select_related("demand").order_by("id"), 1):
        form.row((_("序号"), str(n)), (_("提出人"), s.raised_by_name),
                 (_("类别"), s.get_kind_display()))
        form.row((_("内容"), s.content))
        form.row((_("办理状态"), s.get_status_display()),
                 (_("诉求编号"), s.demand.number if s.demand_id else "—"),
                 (_("研究结果"), s.get_decision_display() if s.decision else "—"))
    return form.to_bytes()


def menu_docx(menu, fmt: str = "docx") -> bytes:
    """A county, town or village menu with each item's origin (and 不适用 marks)."""
    form = FORMATS[fmt](f"{menu.year}{_('年度')}{menu.get_level_display()}", columns=3,
                        above=(menu.owner_org.name, menu.get_status_display()))
    for n, item in enumerate(menu.items.all(), 1):
        note = (_("不适用：%(r)s") % {"r": item.not_applicable_reason}
                if item.not_applicable else item.get_origin_display())
        form.row((_("序号"), str(n)), (_("类别"), item.get_category_display()), (_("来源"), note))
        form.row((_("活动事项"), item.title))
    return form.to_bytes()
