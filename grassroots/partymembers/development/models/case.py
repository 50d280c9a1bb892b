"""The development case (发展党员) and its step records (S2 §4.1–4.2)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope
from grassroots.rulesets.models import RuleGoverned


class Sector(models.TextChoices):
    """The Sishui tilt list [SEED]."""

    RURAL = "rural", _("农村")
    COMMUNITY = "community", _("城市社区")
    NON_PUBLIC = "non_public", _("非公企业")
    SOCIAL = "social_org", _("社会组织")
    SCHOOL = "school", _("学校")
    HOSPITAL = "hospital", _("医院")
    ORGAN = "organ", _("机关事业单位")
    STATE_OWNED = "state_owned", _("国有企业")
    OTHER = "other", _("其他")


# Sectors whose development targets pass the county–town joint review [SEED].
JOINT_REVIEW_SECTORS = (Sector.RURAL, Sector.COMMUNITY, Sector.NON_PUBLIC, Sector.SOCIAL)


class Step(models.TextChoices):
    """The state a case has reached: the 25 steps of [S2] with the three publicity steps
    (P1–P3); the periodic steps 06 and 21 are records that do not move the case."""

    APPLIED = "applied", _("01 递交入党申请书")
    TALKED = "talked", _("02 党组织派人谈话")
    ACTIVIST = "activist", _("03 确定入党积极分子")
    ACTIVIST_FILED = "activist_filed", _("04 积极分子报上级党委备案")
    CONTACTS = "contacts", _("05-06 指定培养联系人、培养教育考察")
    CANDIDATE = "candidate", _("07 确定发展对象")
    CANDIDATE_PUBLICISED = "candidate_publicised", _("P1 发展对象公示")
    CANDIDATE_FILED = "candidate_filed", _("08 发展对象报上级党委备案")
    INTRODUCERS = "introducers", _("09 确定入党介绍人")
    REVIEWED = "reviewed", _("10 政治审查")
    TRAINED = "trained", _("11 短期集中培训")
    COMMITTEE_REVIEWED = "committee_reviewed", _("12 支部委员会审查")
    PRE_REVIEWED = "pre_reviewed", _("13 上级党委预审")
    VOLUNTEER_BOOK = "volunteer_book", _("14 填写入党志愿书")
    ADMISSION_PUBLICISED = "admission_publicised", _("P2 拟接收预备党员公示")
    ADMITTED = "admitted", _("15 支部大会讨论接收")
    UPPER_TALKED = "upper_talked", _("16 上级党委派人谈话")
    APPROVED = "approved", _("17 上级党委审批")
    COUNTY_FILED = "county_filed", _("18 报县委组织部备案")
    PLACED = "placed", _("19 编入党支部和党小组")
    SWORN = "sworn", _("20-21 入党宣誓、预备期教育考察")
    CONVERSION_APPLIED = "conversion_applied", _("22 提出转正申请")
    CONVERSION_PUBLICISED = "conversion_publicised", _("P3 拟转正公示")
    CONVERSION_VOTED = "conversion_voted", _("23 支部大会讨论转正")
    CONVERTED = "converted", _("24 上级党委审批转正")
    COMPLETED = "completed", _("25 材料归档")
    TERMINATED = "terminated", _("已终止")
    CANCELLED = "cancelled", _("取消预备党员资格")


_STAGES = [
    (1, (Step.APPLIED, Step.TALKED)),
    (2, (Step.ACTIVIST, Step.ACTIVIST_FILED, Step.CONTACTS)),
    (3, (Step.CANDIDATE, Step.CANDIDATE_PUBLICISED, Step.CANDIDATE_FILED, Step.INTRODUCERS,
         Step.REVIEWED, Step.TRAINED)),
    (4, (Step.COMMITTEE_REVIEWED, Step.PRE_REVIEWED, Step.VOLUNTEER_BOOK,
         Step.ADMISSION_PUBLICISED, Step.ADMITTED, Step.UPPER_TALKED, Step.APPROVED,
         Step.COUNTY_FILED)),
    (5, (Step.PLACED, Step.SWORN, Step.CONVERSION_APPLIED, Step.CONVERSION_PUBLICISED,
         Step.CONVERSION_VOTED, Step.CONVERTED, Step.COMPLETED)),
]
STAGE_OF_STEP = {step: stage for stage, steps in _STAGES for step in steps}
STAGE_LABELS = {1: _("申请入党"), 2: _("入党积极分子的确定和培养教育"),
                3: _("发展对象的确定和考察"), 4: _("预备党员的接收"),
                5: _("预备党员的教育考察和转正")}
STEPS_OF_STAGE = dict(_STAGES)
FINAL_STEPS = (Step.COMPLETED, Step.TERMINATED, Step.CANCELLED)


class CaseStatus(models.TextChoices):
    ACTIVE = "active", _("办理中")
    SUSPENDED = "suspended", _("暂停（组织关系转接中）")
    TERMINATED = "terminated", _("已终止")
    COMPLETED = "completed", _("已完成")



class CaseQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        # Secretaries (their subtree) and organisation officers above; a member, a review
        # department or the applicant reads his part through his own pages, not the case.
        return self.filter(organisation_id__in=scope.ids("party_org"))

    def open(self):
        return self.filter(status__in=(CaseStatus.ACTIVE, CaseStatus.SUSPENDED))


class DevelopmentCase(RuleGoverned):
    """One person's way from application to full membership (S2 §4.2). ``organisation`` is
    the branch; it moves with a transfer and the clock continues."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="development_cases", verbose_name=_("申请人"))
    organisation = models.ForeignKey("party.PartyOrganisation", on_delete=models.PROTECT,
                                     related_name="development_cases",
                                     verbose_name=_("所在党支部"))
    sector = models.CharField(_("领域"), max_length=12, choices=Sector.choices)
    step = models.CharField(_("当前步骤"), max_length=24, choices=Step.choices,
                            default=Step.APPLIED, db_index=True)
    status = models.CharField(_("状态"), max_length=10, choices=CaseStatus.choices,
                              default=CaseStatus.ACTIVE)
    # Declared at application (for the rules and the structure report).
    birth_date = models.DateField(_("出生日期"))
    gender = models.CharField(_("性别"), max_length=2, blank=True)
    ethnicity = models.CharField(_("民族"), max_length=20, blank=True)
    education = models.CharField(_("学历"), max_length=30, blank=True)
    is_college = models.BooleanField(_("大专及以上"), default=False)
    is_front_line = models.BooleanField(_("一线"), default=False)
    job = models.CharField(_("工作单位及职务"), max_length=60, blank=True)
    # Key dates.
    applied_on = models.DateField(_("申请日期"), db_index=True)
    talk_due_on = models.DateField(_("谈话期限"), null=True, blank=True)
    talked_on = models.DateField(_("谈话日期"), null=True, blank=True)
    activist_on = models.DateField(_("确定积极分子日期"), null=True, blank=True)
    activist_filed_on = models.DateField(_("积极分子备案日期"), null=True, blank=True)
    contacts = models.ManyToManyField("people.Person", blank=True, related_name="+",
                                      verbose_name=_("培养联系人"))
    candidate_on = models.DateField(_("确定发展对象日期"), null=True, blank=True)
    candidate_publicity_id = models.PositiveBigIntegerField(null=True, blank=True)
    candidate_filed_on = models.DateField(_("发展对象备案日期"), null=True, blank=True)
    introducers = models.ManyToManyField("people.Person", blank=True, related_name="+",
                                         verbose_name=_("入党介绍人"))
    review_concluded_on = models.DateField(_("政审结论日期"), null=True, blank=True)
    training_completed_on = models.DateField(_("培训结业日期"), null=True, blank=True)
    training_days = models.PositiveSmallIntegerField(_("培训天数"), default=0)
    training_hours = models.PositiveSmallIntegerField(_("培训学时"), default=0)
    committee_reviewed_on = models.DateField(_("支委会审查日期"), null=True, blank=True)
    pre_review_passed_on = models.DateField(_("预审日期"), null=True, blank=True)
    volunteer_book_no = models.CharField(_("入党志愿书编号"), max_length=30, blank=True)
    admission_publicity_id = models.PositiveBigIntegerField(null=True, blank=True)
    admitted_on = models.DateField(_("支部大会通过日期"), null=True, blank=True, db_index=True)
    admission_vote_id = models.PositiveBigIntegerField(null=True, blank=True)
    approval_due_on = models.DateField(_("审批期限"), null=True, blank=True)
    upper_talked_on = models.DateField(_("上级谈话日期"), null=True, blank=True)
    approved_on = models.DateField(_("审批日期"), null=True, blank=True, db_index=True)
    county_filed_on = models.DateField(_("县委组织部备案日期"), null=True, blank=True)
    oath_on = models.DateField(_("入党宣誓日期"), null=True, blank=True)
    probation_end_on = models.DateField(_("预备期满日期"), null=True, blank=True, db_index=True)
    extension_months = models.PositiveSmallIntegerField(_("延长预备期（月）"), default=0)
    conversion_applied_on = models.DateField(_("转正申请日期"), null=True, blank=True)
    conversion_publicity_id = models.PositiveBigIntegerField(null=True, blank=True)
    conversion_vote_id = models.PositiveBigIntegerField(null=True, blank=True)
    conversion_decision = models.CharField(_("转正表决结果"), max_length=8, blank=True)
    conversion_voted_on = models.DateField(_("转正表决日期"), null=True, blank=True)
    converted_on = models.DateField(_("转正日期"), null=True, blank=True)
    conversion_approved_on = models.DateField(_("转正审批日期"), null=True, blank=True)
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)
    ended_on = models.DateField(_("终止日期"), null=True, blank=True)
    exit_reason = models.CharField(_("终止原因"), max_length=200, blank=True)
    # The gates.
    needs_joint_review = models.BooleanField(_("须县乡联审"), default=False)
    leaving_within_3_months = models.BooleanField(_("三个月内将离开单位"), default=False)
    leaving_override_reason = models.CharField(_("仍办理接收的理由"), max_length=200,
                                               blank=True)
    special_approval = models.BooleanField(_("特殊情况延长审批"), default=False)
    recused_person = models.ForeignKey("people.Person", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+",
                                       verbose_name=_("须回避的干部"))
    negative_hits = models.PositiveSmallIntegerField(_("负面清单条目"), default=0)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    objects = CaseQuerySet.as_manager()

    class Meta:
        app_label = "partymembers"
        verbose_name = _("发展党员")
        verbose_name_plural = _("发展党员")
        ordering = ["-applied_on", "-id"]
        indexes = [models.Index(fields=["organisation", "step"]),
                   models.Index(fields=["status", "step"])]

    def __str__(self):
        return f"{self.person} · {self.get_step_display()}"

    @property
    def stage(self) -> int | None:
        return STAGE_OF_STEP.get(self.step)

    @property
    def stage_label(self):
        return STAGE_LABELS.get(self.stage, "")

    @property
    def is_open(self) -> bool:
        return self.status in (CaseStatus.ACTIVE, CaseStatus.SUSPENDED)


class StepRecord(models.Model):
    """One step done on a case: who, when, and the verdict of every rule it was held to
    (``rule_results``: ``[{"key", "kind", "ok", "article", "message"}]``)."""

    case = models.ForeignKey(DevelopmentCase, on_delete=models.CASCADE, related_name="records",
                             verbose_name=_("发展党员"))
    action = models.CharField(_("步骤"), max_length=40)
    step = models.CharField(_("到达步骤"), max_length=24, choices=Step.choices)
    done_on = models.DateField(_("办理日期"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("办理人"))
    note = models.CharField(_("说明"), max_length=300, blank=True)
    rule_results = models.JSONField(_("规则校验"), default=list, blank=True)
    has_warning = models.BooleanField(_("有预警"), default=False)
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        app_label = "partymembers"
        verbose_name = _("发展党员步骤记录")
        verbose_name_plural = _("发展党员步骤记录")
        ordering = ["case_id", "done_on", "id"]

    def __str__(self):
        return f"{self.case_id} · {self.get_step_display()}"


class PeriodicKind(models.TextChoices):
    EXAMINATION = "examination", _("积极分子培养考察")
    THOUGHT_REPORT = "thought_report", _("思想汇报")
    PROBATION_EXAM = "probation_exam", _("预备党员教育考察")


class PeriodicRecord(models.Model):
    """A half-yearly examination, a quarterly thought report or a probation examination:
    recorded on the case, never moving it (steps 06 and 21)."""

    case = models.ForeignKey(DevelopmentCase, on_delete=models.CASCADE,
                             related_name="periodic_records", verbose_name=_("发展党员"))
    kind = models.CharField(_("类别"), max_length=16, choices=PeriodicKind.choices)
    done_on = models.DateField(_("日期"))
    summary = models.CharField(_("内容摘要"), max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "partymembers"
        ordering = ["case_id", "done_on", "id"]
        indexes = [models.Index(fields=["case", "kind", "done_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.done_on}"
