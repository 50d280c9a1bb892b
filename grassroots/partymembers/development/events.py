"""Event codes of the development sub-area (register_event_codes("partymembers", {...}))."""

from grassroots.core.events import register_event_codes

from .gate_tables import JointAction, RelativeAction
from .transitions import Action

# Also the labels of the case page's timeline (an event without one would show its code).
LABELS = {
    **{a.value: a.label for a in Action},
    **{a.value: a.label for a in JointAction},
    **{a.value: a.label for a in RelativeAction},
    "dev_apply": "递交入党申请书",
    "dev_suspend": "暂停发展（组织关系转接）",
    "dev_resume": "恢复办理",
    "dev_transfer": "随组织关系转接",
    "dev_periodic": "登记考察/思想汇报",
    "dev_publicity_start": "发起公示",
    "dev_review_dispatch": "发出政审函",
    "dev_review_answer": "部门回复政审",
    "dev_review_rule": "认定政审问题",
    "dev_jr_request": "提请县乡联审",
    "dev_cr_report": "报送近亲属入党特别报告",
    "dev_leaving_override": "三个月内离开单位仍办理",
    "dev_negative_create": "列入负面清单",
    "dev_negative_close": "负面清单整改销号",
    "dev_plan_set": "下达年度发展计划",
    "dev_department_set": "配置政审联审部门",
}
register_event_codes("partymembers", LABELS)
