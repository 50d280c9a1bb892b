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

from ..models import (
    Aspect,
    AutoSource,
    ItemKind,
    Period,
    PointsScheme,
    PostingCycle,
    RecorderRole,
    SchemeStatus,
    ScoringItem,
)
from ..rulesets import POINTS_FAMILY
from ..transitions import SCHEME_TABLE, SchemeAction
from .common import text_of, today

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
ORG_FIELDS = (RURAL, URBAN, TWO_NEW, ORGAN)
WEIGHT_KEYS = ("daily", "peer", "organisation")
BAND_GRADES = ("excellent", "qualified", "basic")  # below the last: unqualified
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


def _draft(scheme_or_item_scheme) -> None:
    if scheme_or_item_scheme.status != SchemeStatus.DRAFT:
        raise ApplicationError(_("方案已发布，不能再修改。"))


def _decimal(value, field: str, label: str, *, minimum=Decimal(0), maximum=None) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (ArithmeticError, ValueError):
        number = None
    if number is None or not number.is_finite() or number < minimum \
            or (maximum is not None and number > maximum):
        raise ApplicationError(_("请填写正确的%(label)s。") % {"label": label}, field=field)
    return number


def item_set(*, actor, item: ScoringItem, points=None, cap_per_period=None,
             clear_cap: bool = False, evidence_rule: str | None = None,
             recorder_role: str | None = None) -> ScoringItem:
    """Change an item's points, cap, evidence rule or recorder while its scheme is a draft; it
    is no longer a default."""
    require(actor, "partymembers.points_configure")
    with transaction.atomic():
        item = ScoringItem.objects.select_for_update().select_related("scheme").get(pk=item.pk)
        if item.scheme.status != SchemeStatus.DRAFT:
            raise ApplicationError(_("方案已发布，不能再修改积分项目。"))
        changed = {}
        if points is not None:
            if _decimal(points, "points", _("分值")) <= 0:
                raise ApplicationError(_("分值应大于0。"), field="points")
            changed["points"] = _decimal(points, "points", _("分值"))
        if clear_cap:
            changed["cap_per_period"] = None
        elif cap_per_period is not None:
            changed["cap_per_period"] = _decimal(cap_per_period, "cap_per_period", _("每期上限"))
        if evidence_rule is not None:
            changed["evidence_rule"] = text_of(evidence_rule, field="evidence_rule",
                                               label=_("佐证要求"), max_length=100,
                                               required=False)
            changed["evidence_required"] = bool(changed["evidence_rule"])
        if recorder_role is not None:
            if recorder_role not in RecorderRole.values:
                raise ApplicationError(_("请选择记录人。"), field="recorder_role")
            if recorder_role == RecorderRole.SYSTEM and item.auto_source == AutoSource.MANUAL:
                raise ApplicationError(_("手工登记的项目不能由系统记录。"), field="recorder_role")
            changed["recorder_role"] = recorder_role
        for k, v in changed.items():
            setattr(item, k, v)
        item.is_default = False
        item.save(update_fields=[*changed, "is_default"])
        event_record(subject=item.scheme, actor=actor, action="points_item_set",
                     extra={"item": item.code, **{k: str(v) for k, v in changed.items()}})
    return item


def item_add(*, actor, scheme: PointsScheme, code: str, label: str, aspect: str, kind: str,
             points, period: str, cap_per_period=None, fields=(), evidence_rule: str = "",
             recorder_role: str = RecorderRole.ORGANISER) -> ScoringItem:
    """A county item of its own (recorded by hand: the automatic sources are the platform's)."""
    require(actor, "partymembers.points_configure")
    code = text_of(code, field="code", label=_("编号"), max_length=20)
    label = text_of(label, field="label", label=_("积分项目"), max_length=100)
    evidence_rule = text_of(evidence_rule, field="evidence_rule", label=_("佐证要求"),
                            max_length=100, required=False)
    if aspect not in Aspect.values:
        raise ApplicationError(_("请选择方面。"), field="aspect")
    if kind not in ItemKind.values:
        raise ApplicationError(_("请选择加分或减分。"), field="kind")
    if period not in Period.values:
        raise ApplicationError(_("请选择计分周期。"), field="period")
    if recorder_role not in RecorderRole.values or recorder_role == RecorderRole.SYSTEM:
        raise ApplicationError(_("请选择记录人。"), field="recorder_role")
    fields = list(fields or [])
    if any(f not in ORG_FIELDS for f in fields):
        raise ApplicationError(_("请选择适用领域。"), field="fields")
    points = _decimal(points, "points", _("分值"))
    if points <= 0:
        raise ApplicationError(_("分值应大于0。"), field="points")
    cap = None if cap_per_period in (None, "") else _decimal(cap_per_period, "cap_per_period",
                                                             _("每期上限"))
    try:
        with transaction.atomic():
            scheme = PointsScheme.objects.select_for_update().get(pk=scheme.pk)
            _draft(scheme)
            item = ScoringItem.objects.create(
                scheme=scheme, code=code, label=label, aspect=aspect, kind=kind, points=points,
                period=period, cap_per_period=cap, fields=fields, evidence_rule=evidence_rule,
                evidence_required=bool(evidence_rule), recorder_role=recorder_role,
                auto_source=AutoSource.MANUAL, is_default=False)
            event_record(subject=scheme, actor=actor, action="points_item_add",
                         extra={"item": code, "points": str(points), "kind": kind})
    except IntegrityError:
        raise ApplicationError(_("编号%(code)s已经存在。") % {"code": code}, field="code") from None
    return item


def item_remove(*, actor, item: ScoringItem) -> None:
    require(actor, "partymembers.points_configure")
    with transaction.atomic():
        scheme = PointsScheme.objects.select_for_update().get(pk=item.scheme_id)
        _draft(scheme)
        ScoringItem.objects.filter(pk=item.pk).delete()
        event_record(subject=scheme, actor=actor, action="points_item_remove",
                     extra={"item": item.code})


def scheme_settings_set(*, actor, scheme: PointsScheme, title: str, weights: dict,
                        grade_bands: dict, aspect_caps: dict, daily_max,
                        excellent_cap_pct=None, posting_cycle: str) -> PointsScheme:
    """The scheme's own numbers while a draft: weights (sum 1), the three grade minimums
    (descending, within the daily maximum of 100 points), the aspect caps (their sum is the
    daily maximum), the excellent quota (none = 不下指标) and the posting cycle."""
    require(actor, "partymembers.points_configure")
    title = text_of(title, field="title", label=_("方案名称"), max_length=120)
    w = {k: float(_decimal(weights.get(k), f"weight_{k}", _("权重"), maximum=Decimal(1)))
         for k in WEIGHT_KEYS}
    if abs(sum(w.values()) - 1) > 0.001:
        raise ApplicationError(_("综合评定的权重之和应为1。"), field="weights")
    mins = [float(_decimal(grade_bands.get(g), f"band_{g}", _("等次分数线"),
                           maximum=Decimal(100))) for g in BAND_GRADES]
    if not mins[0] > mins[1] > mins[2]:
        raise ApplicationError(_("等次分数线应为优秀＞合格＞基本合格。"), field="grade_bands")
    daily = _decimal(daily_max, "daily_max", _("日常积分满分"), minimum=Decimal(1))
    caps = {a: float(_decimal(aspect_caps.get(a), f"cap_{a}", _("各方面上限"), maximum=daily))
            for a in Aspect.values}
    if abs(sum(caps.values()) - float(daily)) > 0.001:
        raise ApplicationError(_("各方面上限之和应等于日常积分满分（%(n)s分）。") % {"n": f"{daily:g}"},
                               field="aspect_caps")
    pct = None if excellent_cap_pct in (None, "") else int(_decimal(
        excellent_cap_pct, "excellent_cap_pct", _("优秀比例上限"), minimum=Decimal(1),
        maximum=Decimal(100)))
    if posting_cycle not in PostingCycle.values:
        raise ApplicationError(_("请选择公示周期。"), field="posting_cycle")
    with transaction.atomic():
        scheme = PointsScheme.objects.select_for_update().get(pk=scheme.pk)
        _draft(scheme)
        scheme.title, scheme.weights, scheme.daily_max = title, w, daily
        scheme.grade_bands = [[m, g] for m, g in zip(mins, BAND_GRADES, strict=True)]
        scheme.aspect_caps, scheme.excellent_cap_pct, scheme.posting_cycle = caps, pct, \
            posting_cycle
        scheme.save(update_fields=["title", "weights", "daily_max", "grade_bands", "aspect_caps",
                                   "excellent_cap_pct", "posting_cycle"])
        event_record(subject=scheme, actor=actor, action="points_scheme_set",
                     extra={"weights": w, "grade_bands": scheme.grade_bands, "caps": caps,
                            "excellent_cap_pct": pct, "posting_cycle": posting_cycle})
    return scheme


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
