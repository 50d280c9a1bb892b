"""Evaluation rounds and applications for the new-type professional-farmer title (S4 §6.4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import allows
from grassroots.core.scope import RestrictQuerySet, Scope


class EvaluationRound(models.Model):
    """One annual round of a committee, with quotas per level."""

    committee = models.ForeignKey("talent.Committee", on_delete=models.PROTECT,
                                  related_name="rounds")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=80)
    apply_from = models.DateField(_("申报开始"))
    apply_to = models.DateField(_("申报截止"))
    showcase_weight = models.DecimalField(_("业绩展示权重"), max_digits=3, decimal_places=2,
                                          default="0.60")
    interview_weight = models.DecimalField(_("面试答辩权重"), max_digits=3, decimal_places=2,
                                           default="0.40")
    min_scores = models.PositiveSmallIntegerField(_("每人最少评分专家数"), default=3)
    specialties = models.ManyToManyField("talent.Specialty", related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["committee", "year"],
                                               name="talent_round_unique")]
        ordering = ["-year"]

    def __str__(self):
        return self.title


class RoundQuota(models.Model):
    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="quotas")
    level = models.ForeignKey("talent.TitleLevel", on_delete=models.PROTECT, related_name="+")
    quota = models.PositiveIntegerField(_("名额"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "level"],
                                               name="talent_quota_unique")]

    def __str__(self):
        return f"{self.level} × {self.quota}"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    RECOMMENDED = "recommended", _("镇街已推荐")
    ELIGIBLE = "eligible", _("资格审查通过")
    INELIGIBLE = "ineligible", _("资格审查未通过")
    SHOWCASED = "showcased", _("业绩展示已评分")
    INTERVIEWED = "interviewed", _("面试答辩已评分")
    REVIEWED = "reviewed", _("评审通过")
    PUBLICISED = "publicised", _("公示中")
    AWARDED = "awarded", _("已授予职称")
    SUBSIDISED = "subsidised", _("补助已发放")
    REJECTED = "rejected", _("未通过")
    WITHDRAWN = "withdrawn", _("已撤回")


class ApplicationQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if allows(scope, "talent.county_all", action):
            return self
        q = models.Q(pk__in=[])
        if scope.person_id:
            q |= models.Q(talent__person_id=scope.person_id)
            if action == "view":  # an expert: the applications assigned to him
                q |= models.Q(pk__in=ExpertAssignment.objects.filter(
                    expert__person_id=scope.person_id).values("application_id"))
        if allows(scope, "talent.town_reader") and scope.town_ids:
            q |= models.Q(town_id__in=scope.town_ids)
        return self.filter(q)


class Application(models.Model):
    round = models.ForeignKey(EvaluationRound, on_delete=models.PROTECT,
                              related_name="applications")
    talent = models.ForeignKey("talent.RuralTalent", on_delete=models.PROTECT,
                               related_name="applications")
    town = models.ForeignKey("places.Division", on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey("talent.TitleLevel", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("申报级别"))
    specialty = models.ForeignKey("talent.Specialty", on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("申报专业"))
    also_applies_lower = models.BooleanField(_("同时申报下一级"), default=False)
    achievements = models.TextField(_("代表性业绩"))
    years_in_production = models.PositiveSmallIntegerField(_("从业年限"))
    households_driven = models.PositiveIntegerField(_("带动农户数"), default=0)
    status = models.CharField(_("状态"), max_length=12, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.DRAFT)
    reason = models.CharField(_("未通过原因"), max_length=300, blank=True)
    showcase_score = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    interview_score = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    composite_score = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    created_by = models.ForeignKey("people.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "talent", "level"],
                                               name="talent_application_unique")]
        ordering = ["-pk"]

    def __str__(self):
        return f"{self.talent} · {self.level}"


class ExpertAssignment(models.Model):
    """An expert assigned to an application (after the recusal check)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="assignments")
    expert = models.ForeignKey("talent.Expert", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "expert"],
                                               name="talent_assignment_unique")]

    def __str__(self):
        return f"{self.application_id} · {self.expert_id}"


class ScoreStage(models.TextChoices):
    SHOWCASE = "showcase", _("业绩展示")
    INTERVIEW = "interview", _("面试答辩")


class Score(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    expert = models.ForeignKey("talent.Expert", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=10, choices=ScoreStage.choices)
    score = models.DecimalField(max_digits=5, decimal_places=2)
    comment = models.CharField(max_length=300, blank=True)
    scored_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "expert", "stage"],
                                               name="talent_score_unique")]

    def __str__(self):
        return f"{self.stage} {self.score}"


class Recusal(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="recusals")
    expert = models.ForeignKey("talent.Expert", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("回避原因"), max_length=200)
    recorded_at = models.DateTimeField()

    def __str__(self):
        return self.reason


class CommitteeVote(models.Model):
    """综合评议: the committee's tally on one application (two thirds, talent.title.vote)."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT,
                                       related_name="vote")
    members = models.PositiveSmallIntegerField(_("委员会专家人数"))
    present = models.PositiveSmallIntegerField(_("出席专家人数"))
    yes = models.PositiveSmallIntegerField(_("同意"))
    no = models.PositiveSmallIntegerField(_("反对"))
    abstain = models.PositiveSmallIntegerField(_("弃权"))
    passed = models.BooleanField(_("通过"))
    rule_set = models.CharField(_("依据规则"), max_length=60)
    voted_on = models.DateField(_("表决日期"))

    def __str__(self):
        return f"{self.yes}/{self.present}/{self.members}"


class TitleAward(models.Model):
    application = models.OneToOneField(Application, on_delete=models.PROTECT,
                                       related_name="award")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey("talent.TitleLevel", on_delete=models.PROTECT, related_name="+")
    specialty = models.ForeignKey("talent.Specialty", on_delete=models.PROTECT, related_name="+")
    certificate_no = models.CharField(_("证书编号"), max_length=40, unique=True)
    awarded_on = models.DateField(_("授予日期"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "level"],
                                               name="talent_award_once_per_level")]

    def __str__(self):
        return self.certificate_no


class SubsidyPayment(models.Model):
    """The one-off subsidy: once per person and level (a database constraint, too)."""

    award = models.OneToOneField(TitleAward, on_delete=models.PROTECT, related_name="subsidy")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey("talent.TitleLevel", on_delete=models.PROTECT, related_name="+")
    amount_yuan = models.PositiveIntegerField(_("金额（元）"))
    paid_on = models.DateField(_("发放日期"))
    approved_by = models.ForeignKey("people.User", on_delete=models.PROTECT, related_name="+")
    bank_ref = models.CharField(_("银行流水号"), max_length=40, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "level"],
                                               name="talent_subsidy_once_per_level")]

    def __str__(self):
        return f"{self.amount_yuan}"


class PriorityKind(models.TextChoices):
    SELECTION = "selection", _("人才选拔")
    AWARDS = "awards", _("表彰奖励")
    PARTY = "party_development", _("发展党员")
    CADRE = "village_cadre", _("选拔村干部")
    RECRUITMENT = "recruitment", _("招聘招考")


class PriorityFlag(models.Model):
    """优先对象: a title holder is preferred in these selections (never an automatic advance)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("优先事项"), max_length=20, choices=PriorityKind.choices)
    award = models.ForeignKey(TitleAward, on_delete=models.CASCADE, related_name="flags")
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["award", "kind"],
                                               name="talent_flag_unique")]

    def __str__(self):
        return self.get_kind_display()
