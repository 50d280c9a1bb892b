"""Models of the disposal sub-area (re-exported by partymembers/models.py): the criteria
catalogue, valid reasons that stop the counters, the disposal case with its criteria, talks,
education records and quarterly reviews (S2 §4.7–4.8)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope
from grassroots.party.roles import PartyRole


class CriterionCategory(models.TextChoices):
    """The six national categories [S9] (C28 applies to any)."""

    BELIEF = "belief", _("理想信念缺失")
    POLITICAL = "political", _("政治立场动摇")
    PURPOSE = "purpose", _("宗旨观念淡薄")
    WORK = "work", _("工作消极懈怠")
    DISCIPLINE = "discipline", _("组织纪律散漫")
    MORALS = "morals", _("道德行为不端")
    ANY = "any", _("（任一类别）")


class DisposalCriterion(models.Model):
    """One criterion of the catalogue: data the county replaces with its own text (the engine
    only needs codes and categories). ``constructed_default``: part of the constructed default
    of S2 §4.8, not Sishui's own text."""

    code = models.CharField(_("编号"), max_length=8)
    category = models.CharField(_("类别"), max_length=12, choices=CriterionCategory.choices)
    text = models.CharField(_("认定标准"), max_length=200)
    source = models.CharField(_("依据"), max_length=120, blank=True)
    version = models.CharField(_("版本"), max_length=20, default="default-2026")
    constructed_default = models.BooleanField(_("构造的默认标准"), default=False)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("不合格党员认定标准")
        verbose_name_plural = _("不合格党员认定标准")
        ordering = ["code", "version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"],
                                               name="disposal_criterion_code_version")]

    def __str__(self):
        return f"{self.code} {self.text}"


class Counter(models.TextChoices):
    ORG_LIFE = "org_life", _("组织生活")
    DUES = "dues", _("党费")
    WORK = "work", _("组织安排的工作")
    ALL = "all", _("全部")


# The criterion each counter raises (C15–C17).
COUNTER_CRITERIA = {Counter.ORG_LIFE: "C15", Counter.DUES: "C16", Counter.WORK: "C17"}


class ValidReason(models.Model):
    """A recorded valid reason (正当理由: illness, work away approved, ...) for a period: a counter
    reaching 6 months inside it raises no candidate."""

    member = models.ForeignKey("party.PartyMember", on_delete=models.PROTECT,
                               related_name="valid_reasons", verbose_name=_("党员"))
    counter = models.CharField(_("适用"), max_length=10, choices=Counter.choices,
                               default=Counter.ALL)
    reason = models.CharField(_("正当理由"), max_length=200)
    valid_from = models.DateField(_("起始日期"))
    valid_to = models.DateField(_("截止日期"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("正当理由")
        verbose_name_plural = _("正当理由")

    def __str__(self):
        return f"{self.member_id} · {self.reason}"


class Measure(models.TextChoices):
    CORRECTION = "correction", _("限期改正")
    PERSUADE = "persuade", _("劝退")
    REMOVE = "remove", _("除名（劝而不退）")
    REMOVE_LAPSED = "remove_lapsed", _("除名（自行脱党）")
    SUSPEND = "suspend", _("停止党籍")
    NONE = "none", _("不予处置")


# Measures the county organisation department pre-reviews too [S16].
HEAVY_MEASURES = (Measure.PERSUADE, Measure.REMOVE, Measure.REMOVE_LAPSED)


class Source(models.TextChoices):
    REVIEW = "review", _("民主评议")
    POINTS = "points", _("积分评定")
    COUNTERS = "counters", _("系统计数（连续6个月）")
    COMPLAINT = "complaint", _("群众反映")
    INSPECTION = "inspection", _("检查发现")
    S1 = "s1", _("诉求办理关联")


class State(models.TextChoices):
    CANDIDATE = "candidate", _("处置线索")
    IDENTIFIED = "identified", _("1 初步认定")
    INVESTIGATED = "investigated", _("2 调查核实")
    PRE_REVIEWED = "pre_reviewed", _("3 上报预审")
    VOTED = "voted", _("4 讨论表决")
    APPROVED = "approved", _("5 审批处置")
    NOTIFIED = "notified", _("6 反馈通报")
    IN_EDUCATION = "in_education", _("第八支部教育转化中")
    TRANSFORMED = "transformed", _("已转化")
    PERSUADED = "persuaded", _("劝退")
    REMOVED = "removed", _("除名")
    SUSPENDED = "suspended", _("停止党籍")
    DROPPED = "dropped", _("不予处置（撤销）")


OPEN_STATES = (State.CANDIDATE, State.IDENTIFIED, State.INVESTIGATED, State.PRE_REVIEWED,
               State.VOTED, State.APPROVED, State.NOTIFIED)
FINAL_STATES = (State.TRANSFORMED, State.PERSUADED, State.REMOVED, State.DROPPED)
# The steps 1–6 reached (S2 §4.8 "cases reached approved").
DECIDED_STATES = (State.APPROVED, State.NOTIFIED, State.IN_EDUCATION, State.TRANSFORMED,
                  State.PERSUADED, State.REMOVED, State.SUSPENDED)



class DisposalCaseQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        """The county all; a branch secretary his branch's cases; a town officer his tree's; the
        8th branch's committee the members assigned to it. The member himself reads his own
        case through his own page (``selectors.my_cases``), not this list."""
        if scope.sees_all_party:
            return self
        orgs = scope.ids("party_org")
        q = Q(organisation_id__in=orgs)
        if PartyRole.BRANCH_SECRETARY in scope.roles:
            q |= Q(eighth_branch_id__in=orgs)
        return self.filter(q)


class DisposalCase(models.Model):
    """The disposal of one member (S2 §4.8): the 6 steps, then correction in the town's 8th
    branch or the end of membership. ``organisation`` is the member's branch, ``town`` the
    committee above it (scope and statistics)."""

    member = models.ForeignKey("party.PartyMember", on_delete=models.PROTECT,
                               related_name="disposal_cases", verbose_name=_("党员"))
    organisation = models.ForeignKey("party.PartyOrganisation", on_delete=models.PROTECT,
                                     related_name="disposal_cases", verbose_name=_("所在党支部"))
    town = models.ForeignKey("party.PartyOrganisation", on_delete=models.PROTECT,
                             related_name="+", null=True, blank=True,
                             verbose_name=_("所在镇（街道）党（工）委"))
    state = models.CharField(_("当前步骤"), max_length=14, choices=State.choices,
                             default=State.CANDIDATE, db_index=True)
    source = models.CharField(_("线索来源"), max_length=12, choices=Source.choices)
    round = models.PositiveSmallIntegerField(_("处置轮次"), default=1)
    proposed_measure = models.CharField(_("拟处置方式"), max_length=14, choices=Measure.choices,
                                        blank=True)
    decided_measure = models.CharField(_("处置决定"), max_length=14, choices=Measure.choices,
                                       blank=True)
    raised_on = models.DateField(_("发现日期"))
    identified_on = models.DateField(_("初步认定日期"), null=True, blank=True)
    identification_note = models.CharField(_("支委会认定意见"), max_length=300, blank=True)
    investigated_on = models.DateField(_("调查核实日期"), null=True, blank=True)
    investigation_report = models.TextField(_("调查核实报告"), blank=True)
    town_reviewed_on = models.DateField(_("镇街预审日期"), null=True, blank=True)
    town_opinion = models.CharField(_("镇街预审意见"), max_length=300, blank=True)
    county_reviewed_on = models.DateField(_("县委组织部预审日期"), null=True, blank=True)
    county_opinion = models.CharField(_("县委组织部预审意见"), max_length=300, blank=True)
    member_notified_on = models.DateField(_("通知本人参会日期"), null=True, blank=True)
    member_statement = models.CharField(_("本人申辩意见"), max_length=300, blank=True)
    vote = models.ForeignKey("meetings.Vote", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("支部党员大会表决"))
    voted_on = models.DateField(_("表决日期"), null=True, blank=True)
    approved_on = models.DateField(_("审批日期"), null=True, blank=True)
    approval_opinion = models.CharField(_("审批意见"), max_length=300, blank=True)
    notified_on = models.DateField(_("通知本人日期"), null=True, blank=True)
    reported_on = models.DateField(_("通报日期"), null=True, blank=True)
    correction_until = models.DateField(_("限期改正截止"), null=True, blank=True)
    eighth_branch = models.ForeignKey(
        "party.PartyOrganisation", null=True, blank=True, on_delete=models.PROTECT,
        related_name="assigned_disposals", verbose_name=_("教育转化的第八党支部"))
    education_started_on = models.DateField(_("编入第八支部日期"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    close_reason = models.CharField(_("办结说明"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = DisposalCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("不合格党员处置")
        verbose_name_plural = _("不合格党员处置")
        ordering = ["-raised_on", "-pk"]
        indexes = [models.Index(fields=["town", "state"]),
                   models.Index(fields=["eighth_branch", "state"])]

    def __str__(self):
        return f"{self.member.person.name} · {self.get_state_display()}"

    @property
    def is_open(self) -> bool:
        return self.state not in FINAL_STATES


class CaseCriterion(models.Model):
    """A criterion a case rests on, with its evidence and the period of the facts (the facts
    are what "no second disposal for the same facts" compares)."""

    case = models.ForeignKey(DisposalCase, on_delete=models.CASCADE, related_name="criteria")
    criterion = models.ForeignKey(DisposalCriterion, on_delete=models.PROTECT, related_name="+")
    evidence = models.CharField(_("事实和证据"), max_length=300)
    facts_from = models.DateField(_("事实起始"))
    facts_to = models.DateField(_("事实截止"))

    class Meta:
        verbose_name = _("处置依据")
        verbose_name_plural = _("处置依据")
        ordering = ["criterion__code"]

    def __str__(self):
        return f"{self.case_id} · {self.criterion_id}"


class DisposalTalk(models.Model):
    """The talk of the investigation: two full members, the member's own statement, or the
    documented failure to reach him [S16]."""

    case = models.ForeignKey(DisposalCase, on_delete=models.CASCADE, related_name="talks")
    talked_on = models.DateField(_("谈话日期"))
    talker_1 = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("谈话人"))
    talker_2 = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("谈话人"))
    reached = models.BooleanField(_("见到本人"), default=True)
    statement = models.CharField(_("本人陈述或未能谈话的情况"), max_length=300)

    class Meta:
        verbose_name = _("处置谈话记录")
        verbose_name_plural = _("处置谈话记录")

    def __str__(self):
        return f"{self.case_id} · {self.talked_on}"


class EducationForm(models.TextChoices):
    TALK = "talk", _("谈心谈话")
    STUDY = "study", _("学习")
    VOLUNTEER = "volunteer", _("志愿服务")
    HELP = "help", _("帮扶")


class EducationRecord(models.Model):
    case = models.ForeignKey(DisposalCase, on_delete=models.CASCADE,
                             related_name="education_records")
    done_on = models.DateField(_("日期"))
    form = models.CharField(_("形式"), max_length=10, choices=EducationForm.choices)
    by = models.CharField(_("帮教人"), max_length=40)
    content = models.CharField(_("内容"), max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("教育转化记录")
        verbose_name_plural = _("教育转化记录")
        ordering = ["done_on", "pk"]

    def __str__(self):
        return f"{self.case_id} · {self.done_on}"


class ReviewResult(models.TextChoices):
    CONTINUE = "continue", _("继续教育")
    TRANSFORMED = "transformed", _("已转化")
    FAILED = "failed", _("无转变")


class TransformationReview(models.Model):
    """A quarterly review in the 8th branch (转化评估)."""

    case = models.ForeignKey(DisposalCase, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("评估日期"))
    result = models.CharField(_("评估结果"), max_length=12, choices=ReviewResult.choices)
    note = models.CharField(_("评估意见"), max_length=300)

    class Meta:
        verbose_name = _("转化评估")
        verbose_name_plural = _("转化评估")
        ordering = ["reviewed_on", "pk"]

    def __str__(self):
        return f"{self.case_id} · {self.reviewed_on}"


# Only the models: the choices stay in this module (no clash with the other sub-areas).
__all__ = [
    "CaseCriterion", "DisposalCase", "DisposalCriterion", "DisposalTalk", "EducationRecord",
    "TransformationReview", "ValidReason",
]
