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


def _today_cn() -> str:
    return cn_date(timezone.localdate(clock.now()))


def item_list(scheme, items) -> bytes:
    """正负面清单 of a unit's scheme version."""
    doc = OfficialDocument()
    doc.title(f"{scheme.unit}{scheme.year}年度公务员平时考核工作事项正负面清单")
    doc.para(f"{scheme.title}（第{scheme.version}版，{scheme.get_status_display()}，"
             f"自{scheme.effective_from:%Y年%m月%d日}起施行）。")
    for polarity, label in (("positive", "正面清单"), ("negative", "负面清单")):
        rows = [[i.text, i.get_scope_display() + (f"（{i.section}）" if i.section_id else "")
                 + (f"（{i.post}）" if i.post else ""),
                 f"{'+' if polarity == 'positive' else '-'}{i.points}",
                 str(i.cap) if i.cap is not None else "—", i.evidence or "—"]
                for i in items if i.polarity == polarity]
        doc.heading(label)
        doc.table(["事项", "适用范围", "分值", "季度上限", "佐证材料"], rows or [["—"] * 5])
    doc.signature(str(scheme.unit), _today_cn())
    return doc.to_bytes()


def indicator_table(scheme, indicators) -> bytes:
    """考核指标体系表 (共性 / 个性 / 突发性) of a unit's scheme version."""
    doc = OfficialDocument()
    doc.title(f"{scheme.unit}{scheme.year}年度公务员平时考核指标体系表")
    doc.para(f"{scheme.title}（第{scheme.version}版）。")
    rows = [[i.get_kind_display(), i.text, str(i.weight), i.scoring_rule, i.target_posts or "全员"]
            for i in indicators]
    doc.table(["类别", "指标", "权重（分）", "评分规则", "适用岗位"], rows or [["—"] * 5])
    total = sum((i.weight for i in indicators), 0)
    doc.para(f"指标权重合计{total}分。")
    doc.signature(str(scheme.unit), _today_cn())
    return doc.to_bytes()


def result_notice(record) -> bytes:
    """平时考核结果告知单 of one record (after approval)."""
    period = record.period
    doc = FormDocument("公务员平时考核结果告知单", columns=4,
                       above=(f"单位：{record.unit}", f"{period.year}年第{period.quarter}季度"))
    doc.row(("姓名", record.person.name), ("科室", record.section.name if record.section else ""),
            ("岗位", record.post))
    doc.row(("评鉴得分", record.score if record.score is not None else ""),
            ("等次", record.get_grade_display() or "—"))
    doc.block("领导评鉴意见", record.assessment_note or "—", lines=3)
    doc.block("告知事项", f"你{period.year}年第{period.quarter}季度平时考核等次为"
              f"“{record.get_grade_display() or '—'}”。如有异议，可在反馈后规定的工作日内"
              "向本单位考核委员会提出申诉。", lines=3, sign="本人签收：")
    return doc.to_bytes()


def annual_form(annual, uses) -> bytes:
    """年度考核登记表 of one annual assessment."""
    doc = FormDocument("公务员年度考核登记表", columns=4,
                       above=(f"单位：{annual.unit}", f"{annual.year}年度"))
    doc.row(("姓名", annual.person.name), ("科室", annual.section.name if annual.section else ""))
    grades = dict(Grade.choices)
    doc.row(*[(f"第{q}季度", grades.get(annual.routine_grades.get(str(q), ""), "—"))
              for q in (1, 2)])
    doc.row(*[(f"第{q}季度", grades.get(annual.routine_grades.get(str(q), ""), "—"))
              for q in (3, 4)])
    doc.block("个人总结", annual.summary or "—", lines=6, sign="本人签字：")
    doc.block("主管领导评语和考核等次建议", annual.get_recommended_grade_display() or "—", lines=2)
    doc.block("考核委员会意见", annual.committee_note or "—", lines=2)
    doc.block("单位负责人确定的等次", (annual.get_final_grade_display() or "—")
              + (f"（{annual.reason_if_undetermined}）" if annual.reason_if_undetermined else ""),
              lines=2, sign="告知日期：" + (f"{annual.notified_on:%Y年%m月%d日}"
                                         if annual.notified_on else ""))
    doc.block("结果运用", "\n".join(f"{u.get_kind_display()}：{u.reference}" for u in uses) or "—",
              lines=2)
    return doc.to_bytes()


def excellent_publicity(quota, publicity) -> bytes:
    """年度考核优秀等次公示 of a unit's year (the entries as published, no personal data)."""
    doc = OfficialDocument()
    doc.title(publicity.title)
    doc.para(f"经个人总结、主管领导提出建议、考核委员会审核，拟确定以下同志为{quota.year}年度"
             f"考核优秀等次（本单位名额{quota.excellent_slots}名），现予公示。")
    doc.table(["序号", "姓名（科室）"],
              [[str(n), e["value"]] for n, e in enumerate(publicity.published_fields, 1)])
    doc.para(f"公示期：{publicity.start_on:%Y年%m月%d日}至{publicity.end_on:%Y年%m月%d日}"
             f"（不少于{publicity.min_working_days}个工作日）。如有异议，请向本单位反映。"
             f"监督电话：{publicity.contact_phone}。")
    doc.signature(str(quota.unit), cn_date(publicity.start_on))
    return doc.to_bytes()


def quota_table(year: int, quotas) -> bytes:
    """优秀等次名额分配表 (county) for a year."""
    doc = OfficialDocument(office_mark="中共金乡县委组织部文件", number=f"〔{year}〕")
    doc.title(f"{year}年度公务员年度考核优秀等次名额分配表")
    rows = [[str(q.unit), str(q.participants), f"{q.base_ratio * 100:.0f}%",
             f"+{q.uplift}" if q.uplift else "—", str(q.excellent_slots)] for q in quotas]
    doc.table(["单位", "参加考核人数", "基础比例", "上浮（百分点）", "优秀名额"], rows or [["—"] * 5])
    doc.para(f"合计：参加考核{sum(q.participants for q in quotas)}人，优秀名额"
             f"{sum(q.excellent_slots for q in quotas)}名。")
    doc.signature("中共金乡县委组织部", _today_cn())
    return doc.to_bytes()


def contact_point_reviews(point, reviews) -> bytes:
    """联系点季度观察记录 of one contact point."""
    doc = FormDocument("公务员平时考核联系点季度观察记录", columns=4,
                       above=(f"联系点：{point.unit}", f"{point.year}年度 · {point.field}"))
    doc.row(("确定日期", f"{point.designated_on:%Y-%m-%d}"), ("状态", point.get_status_display()))
    doc.block("确定理由", point.reason, lines=2)
    for r in reviews:
        doc.block(f"第{r.quarter}季度（{r.visit_on:%Y-%m-%d}走访，评分{r.score}）",
                  f"发现情况：{r.findings}\n改进建议：{r.recommendations or '—'}", lines=3)
    if not reviews:
        doc.block("季度观察", "—", lines=2)
    return doc.to_bytes()


def year_report(year: int, dist: dict, units: list[dict], points) -> bytes:
    """年度平时考核工作通报 (county): completion, grade distribution, contact points."""
    doc = OfficialDocument(office_mark="中共金乡县委组织部文件", number=f"〔{year}〕")
    doc.title(f"关于{year}年度全县公务员平时考核工作情况的通报")
    doc.addressee("县直各部门：")
    total = dist["total"] or 0
    doc.para(f"{year}年度全县共建立平时考核记实{total}份，已归档{dist['final']}份；评为“好”"
             f"{dist[Grade.GOOD]}份、“较好”{dist[Grade.FAIRLY_GOOD]}份、“一般”"
             f"{dist[Grade.AVERAGE]}份、“较差”{dist[Grade.POOR]}份。")
    doc.heading("一、各单位完成情况")
    doc.table(["单位", "记实份数", "已归档", "完成率", "“好”等次"],
              [[u["unit__name"], str(u["total"]), str(u["final"]),
                f"{u['final'] * 100 / u['total']:.0f}%" if u["total"] else "—", str(u["good"])]
               for u in units] or [["—"] * 5])
    doc.heading("二、联系点工作情况")
    doc.table(["领域", "单位", "状态", "观察平均分"],
              [[p.field.name, str(p.unit), p.get_status_display(),
                f"{p.review_avg:.1f}" if p.review_avg is not None else "—"] for p in points]
              or [["—"] * 4])
    doc.signature("中共金乡县委组织部", _today_cn())
    return doc.to_bytes()
