"""The routine-assessment documents (§7.6): the quarterly registration form per person
(《公务员平时考核登记表》), the unit's quarterly summary table (《公务员平时考核结果汇总表》),
the unit's item list and indicator table, and the contact-point list with its adjustment
notice after GB/T 9704. Built from scoped reads; rendering is grassroots.documents."""

from __future__ import annotations

from django.utils import timezone

from grassroots.core import clock
from grassroots.documents.forms import FormDocument
from grassroots.documents.gbdocx import OfficialDocument, cn_date

from .models import ContactPointStatus, Grade


def registration_form(record, log, items) -> bytes:
    period = record.period
    doc = FormDocument("公务员平时考核登记表", columns=4,
                       above=(f"单位：{record.unit}", f"{period.year}年第{period.quarter}季度"))
    doc.row(("姓名", record.person.name), ("科室", record.section.name if record.section else ""),
            ("岗位", record.post))
    doc.block("工作写实", "\n".join(f"{e.on:%m月%d日} {e.task}：{e.result}" for e in log) or "—",
              lines=6)
    doc.block("正负面清单事项", "\n".join(
        f"{i.occurred_on:%m月%d日} {i.text}（{'+' if i.points > 0 else ''}{i.points}分）"
        + (f"  佐证：{i.evidence}" if i.evidence else "") for i in items) or "—", lines=4)
    doc.block("个人小结", record.self_summary or "—", lines=5, sign="本人签字：")
    doc.block("领导评鉴", record.assessment_note or "—", lines=3, sign="直接领导签字：")
    doc.row(("评鉴得分", record.score if record.score is not None else ""),
            ("等次", record.get_grade_display()))
    doc.block("结果反馈", record.feedback_note or "—", lines=2,
              sign="反馈日期：" + (f"{record.feedback_on:%Y年%m月%d日}" if record.feedback_on else ""))
    return doc.to_bytes()


def summary_table(period, records, dist) -> bytes:
    doc = OfficialDocument()
    doc.title(f"{period.unit}{period.year}年第{period.quarter}季度公务员平时考核结果汇总表")
    rows = [[r.person.name, r.section.name if r.section else "", r.post,
             str(r.score) if r.score is not None else "", r.get_grade_display(),
             r.get_status_display()] for r in records]
    doc.table(["姓名", "科室", "岗位", "得分", "等次", "状态"], rows)
    doc.para(f"参加考核{dist['total']}人，其中“好”{dist[Grade.GOOD]}人、“较好”"
             f"{dist[Grade.FAIRLY_GOOD]}人、“一般”{dist[Grade.AVERAGE]}人、“较差”{dist[Grade.POOR]}人。")
    doc.signature(str(period.unit), cn_date(timezone.localdate(clock.now())))
    return doc.to_bytes()


def contact_point_notice(year: int, points) -> bytes:
    """联系点名单及调整通知: the year's list by field and the adjustments decided."""
    doc = OfficialDocument(office_mark="中共金乡县委组织部文件", number=f"〔{year}〕")
    doc.title(f"关于{year}年度公务员平时考核联系点名单及调整情况的通知")
    doc.addressee("县直各部门：")
    doc.para(f"根据公务员平时考核工作安排，现将{year}年度平时考核联系点名单及年终评估调整情况通知如下。")
    rows = [[p.field.name, str(p.unit), p.get_status_display(),
             f"{p.review_avg:.1f}" if p.review_avg is not None else "—",
             f"+{p.uplift_next_year}个百分点" if p.uplift_next_year else "—"] for p in points]
    doc.table(["领域", "单位", "状态", "季度观察平均分", "次年优秀比例上浮"], rows)
    removed = [str(p.unit) for p in points if p.status == ContactPointStatus.REMOVED]
    if removed:
        doc.para("经年终评估，" + "、".join(removed) + "调整出联系点名单。")
    doc.signature("中共金乡县委组织部", cn_date(timezone.localdate(clock.now())))
    return doc.to_bytes()
