"""The yearly scheme (实施方案): drafted with S2 §4.6's default items (marked as defaults), edited
while a draft, published, closed."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.transitions import transition_apply
from grassroots.rulesets.selectors import rule_param, rule_set_in_force

from ..models import Aspect, PointsScheme, SchemeStatus, ScoringItem
from ..rulesets import POINTS_FAMILY
from ..transitions import SCHEME_TABLE, SchemeAction
from .common import today

RURAL, URBAN, TWO_NEW, ORGAN = "rural", "urban_community", "two_new", "organ_institution"
BO, DC, OT, DU, VO = (Aspect.BASIC_OBLIGATION, Aspect.DAILY_CONDUCT, Aspect.ORG_TASK,
                      Aspect.DUTY, Aspect.VOLUNTEERING)

# S2 §4.6's default daily items — (inferred) illustrative values:
# (code, label, aspect, fields, kind, points, cap per period, period, evidence, auto source,
#  source filter, recorder role)
DEFAULT_ITEMS = [
    ("BO-01", "参加支部党员大会", BO, [], "add", "2", "2", "quarter", "", "meeting_attendance",
     "general_meeting", "system"),
    ("BO-02", "参加党小组会", BO, [], "add", "1", "1", "month", "", "meeting_attendance",
     "group", "system"),
    ("BO-03", "参加党课", BO, [], "add", "2", "2", "quarter", "", "meeting_attendance",
     "lecture", "system"),
    ("BO-04", "参加主题党日", BO, [], "add", "1", "1", "month", "", "meeting_attendance",
     "theme_day", "system"),
    ("BO-05", "按月足额交纳党费（月底前）", BO, [], "add", "0.5", "0.5", "month", "", "dues",
     "paid", "system"),
    ("BO-06", "年度学习培训达到32学时", BO, [], "add", "4", "4", "year", "培训记录",
     "training_hours", "", "organiser"),
    ("BO-07", "无故缺席组织生活", BO, [], "deduct", "2", None, "month", "", "meeting_attendance",
     "absent", "system"),
    ("BO-08", "逾期未交党费", BO, [], "deduct", "1", "1", "month", "", "dues", "overdue",
     "system"),
    ("DC-01", "受到镇级表彰", DC, [], "add", "3", None, "year", "表彰文件", "manual", "",
     "organiser"),
    ("DC-02", "受到县级及以上表彰", DC, [], "add", "5", None, "year", "表彰文件", "manual", "",
     "organiser"),
    ("DC-03", "好人好事（经核实）", DC, [], "add", "2", None, "month", "核实记录", "manual", "",
     "organiser"),
    ("DC-04", "被群众投诉经核实", DC, [], "deduct", "3", None, "month", "核实记录", "manual", "",
     "secretary"),
    ("DC-05", "违反村规民约经核实", DC, [], "deduct", "2", None, "month", "核实记录", "manual",
     "", "secretary"),
    ("OT-01", "完成支部分配的任务", OT, [], "add", "2", None, "month", "任务记录", "manual", "",
     "organiser"),
    ("OT-02", "无正当理由拒绝组织分配的任务", OT, [], "deduct", "5", None, "month", "支委会记录",
     "manual", "", "secretary"),
    ("DU-R1", "设岗定责履职、带头发展产业、参与村务", DU, [RURAL], "add", "2", None, "month",
     "履职记录", "manual", "", "organiser"),
    ("DU-U1", "在职党员到社区报到服务", DU, [URBAN], "add", "2", None, "month", "服务记录",
     "manual", "", "organiser"),
    ("DU-T1", "岗位建功：红队解决问题", DU, [TWO_NEW], "add", "3", None, "month", "",
     "s6_red_team", "", "system"),
    ("DU-O1", "承办民意诉求工单按时办结", DU, [ORGAN], "add", "0.5", None, "month", "",
     "s1_assignment", "on_time", "system"),
    ("DU-O2", "承办工单回访满意", DU, [ORGAN], "add", "0.5", None, "month", "",
     "s1_assignment", "satisfied", "system"),
    ("DU-O3", "承办工单超期", DU, [ORGAN], "deduct", "1", None, "month", "", "s1_assignment",
     "overdue", "system"),
    ("DU-O4", "承办工单被退回或重办", DU, [ORGAN], "deduct", "0.5", None, "month", "",
     "manual", "", "organiser"),
    ("VO-01", "志愿服务（每2小时）", VO, [], "add", "1", None, "month", "", "s1_volunteer", "",
     "system"),
]
ITEM_FIELDS = ("code", "label", "aspect", "fields", "kind", "points", "cap_per_period",
               "period", "evidence_rule", "auto_source", "source_filter", "recorder_role")


def _item_values(row) -> dict:
    values = dict(zip(ITEM_FIELDS, row, strict=True))
    values["points"] = Decimal(values["points"])
    if values["cap_per_period"] is not None:
        values["cap_per_period"] = Decimal(values["cap_per_period"])
    return values


def _num(value) -> float:
    return float(value)


def defaults_from_rules(year: int) -> dict:
    """Weights, grade bands (points of 100) and aspect caps from the set in force."""
    from datetime import date

    rs = rule_set_in_force(POINTS_FAMILY, date(year, 1, 1))
    p = lambda key: _num(rule_param(rs, key).value)  # noqa: E731
    return {
        "rule_set": rs,
        "weights": {"daily": p("weights.daily"), "peer": p("weights.peer"),
                    "organisation": p("weights.organisation")},
        "grade_bands": [[round(p("grade.excellent.min") * 100, 2), "excellent"],
                        [round(p("grade.qualified.min") * 100, 2), "qualified"],
                        [round(p("grade.basic.min") * 100, 2), "basic"]],
        "aspect_caps": {a: round(p(f"cap.{a}") * 100, 2) for a in Aspect.values},
    }


def scheme_create(*, actor, year: int, title: str = "") -> PointsScheme:
    """A draft scheme for ``year`` with the default items (``is_default``) and the rule set's
    weights, bands and caps."""
    require(actor, "partymembers.points_configure")
    if not 2000 <= int(year) <= 2999:
        raise ApplicationError(_("请填写正确的年度。"), field="year")
    d = defaults_from_rules(year)
    try:
        with transaction.atomic():
            scheme = PointsScheme.objects.create(
                year=year, title=title or _("%(y)s年度党员分类亮化记分实施方案") % {"y": year},
                weights=d["weights"], grade_bands=d["grade_bands"], aspect_caps=d["aspect_caps"],
                rule_set=d["rule_set"], created_by=actor)
            ScoringItem.objects.bulk_create([
                ScoringItem(scheme=scheme, is_default=True, evidence_required=bool(row[8]),
                            **_item_values(row))
                for row in DEFAULT_ITEMS])
            event_record(subject=scheme, actor=actor, action="points_scheme_create",
                         to_state=scheme.status, extra={"items": len(DEFAULT_ITEMS)})
    except IntegrityError:
        raise ApplicationError(_("%(y)s年度的积分方案已经存在。") % {"y": year},
                               field="year") from None
    return scheme


def item_set(*, actor, item: ScoringItem, points=None, cap_per_period=None,
             clear_cap: bool = False) -> ScoringItem:
    """Change an item's points or cap while its scheme is a draft; it is no longer a default."""
    require(actor, "partymembers.points_configure")
    with transaction.atomic():
        item = ScoringItem.objects.select_for_update().select_related("scheme").get(pk=item.pk)
        if item.scheme.status != SchemeStatus.DRAFT:
            raise ApplicationError(_("方案已发布，不能再修改积分项目。"))
        changed = {}
        if points is not None:
            if Decimal(str(points)) <= 0:
                raise ApplicationError(_("分值应大于0。"), field="points")
            changed["points"] = Decimal(str(points))
        if clear_cap:
            changed["cap_per_period"] = None
        elif cap_per_period is not None:
            changed["cap_per_period"] = Decimal(str(cap_per_period))
        for k, v in changed.items():
            setattr(item, k, v)
        item.is_default = False
        item.save(update_fields=[*changed, "is_default"])
        event_record(subject=item.scheme, actor=actor, action="points_item_set",
                     extra={"item": item.code, **{k: str(v) for k, v in changed.items()}})
    return item


def scheme_publish(*, actor, scheme: PointsScheme) -> PointsScheme:
    require(actor, "partymembers.points_configure")
    with transaction.atomic():
        scheme = PointsScheme.objects.select_for_update().get(pk=scheme.pk)
        if not scheme.items.exists():
            raise ApplicationError(_("方案没有积分项目，不能发布。"))
        weights = scheme.weights or {}
        if abs(sum(float(v) for v in weights.values()) - 1) > 0.001:
            raise ApplicationError(_("综合评定的权重之和应为1。"), field="weights")
        transition_apply(SCHEME_TABLE, scheme, action=SchemeAction.PUBLISH, who="county",
                         actor=actor, fields={"published_on": today()})
    return scheme


def scheme_close(*, actor, scheme: PointsScheme) -> PointsScheme:
    require(actor, "partymembers.points_configure")
    with transaction.atomic():
        scheme = PointsScheme.objects.select_for_update().get(pk=scheme.pk)
        transition_apply(SCHEME_TABLE, scheme, action=SchemeAction.CLOSE, who="county",
                         actor=actor, fields={"closed_on": today()})
    return scheme


def published_scheme(year: int) -> PointsScheme | None:
    return PointsScheme.objects.filter(year=year, status=SchemeStatus.PUBLISHED).first()
