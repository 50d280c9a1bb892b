"""Models of the points sub-area (re-exported by partymembers/models.py): S2 §4.6.

One ``PointsScheme`` a year (实施方案: draft → published → closed) holds its ``ScoringItem`` rows
(4 fields × 5 aspects: points, cap per period, evidence rule, recorder role — data the county
edits while the scheme is a draft). ``PointEntry`` rows are the member's points, each linking
its source generically (kind + id + label). Peer rating rounds, the branch committee's
organisation rating, the branch's posting (a publicity) and the frozen ``AnnualResult``."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope

from ..records.models import ByMemberQuerySet


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    CLOSED = "closed", _("已结束")


class Aspect(models.TextChoices):
    BASIC_OBLIGATION = "basic_obligation", _("基本义务")
    DAILY_CONDUCT = "daily_conduct", _("日常表现")
    ORG_TASK = "org_task", _("组织任务")
    DUTY = "duty", _("履职尽责")
    VOLUNTEERING = "volunteering", _("志愿奉献")


class ItemKind(models.TextChoices):
    ADD = "add", _("加分")
    DEDUCT = "deduct", _("减分")


class Period(models.TextChoices):
    MONTH = "month", _("每月")
    QUARTER = "quarter", _("每季度")
    YEAR = "year", _("每年")


class AutoSource(models.TextChoices):
    MEETING_ATTENDANCE = "meeting_attendance", _("会议出席")
    DUES = "dues", _("党费缴纳")
    TRAINING_HOURS = "training_hours", _("培训学时")
    S1_ASSIGNMENT = "s1_assignment", _("民意诉求工单")
    S1_VOLUNTEER = "s1_volunteer", _("志愿服务")
    S6_RED_TEAM = "s6_red_team", _("“两新”红队解决问题")
    MANUAL = "manual", _("人工登记")


class RecorderRole(models.TextChoices):
    SYSTEM = "system", _("系统自动")
    ORGANISER = "organiser", _("支部组织委员")
    SECRETARY = "secretary", _("支部书记")
    TOWN = "town", _("镇（街道）党（工）委")


class PostingCycle(models.TextChoices):
    MONTHLY = "monthly", _("按月公示")
    QUARTERLY = "quarterly", _("按季度公示")


class SchemeQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party or action == "view":
            return self  # the scheme is the county's published rules
        return self.none()


class PointsScheme(models.Model):
    """实施方案 of one year. ``weights`` {daily, peer, organisation} and ``grade_bands``
    [[min, grade], …] are copied from the rule set ``party.points`` in force when the scheme is
    drafted; ``aspect_caps`` {aspect: cap} — all editable while a draft."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("方案名称"), max_length=120)
    status = models.CharField(_("状态"), max_length=10, choices=SchemeStatus.choices,
                              default=SchemeStatus.DRAFT)
    weights = models.JSONField(_("综合评定权重"), default=dict)
    grade_bands = models.JSONField(_("等次分数线"), default=list)
    aspect_caps = models.JSONField(_("各方面上限"), default=dict)
    daily_max = models.DecimalField(_("日常积分满分"), max_digits=6, decimal_places=2,
                                    default=100)
    excellent_cap_pct = models.PositiveSmallIntegerField(_("优秀比例上限（%）"), null=True,
                                                         blank=True)
    posting_cycle = models.CharField(_("公示周期"), max_length=10, choices=PostingCycle.choices,
                                     default=PostingCycle.QUARTERLY)
    rule_set = models.ForeignKey("rulesets.RuleSet", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("依据规则"))
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    closed_on = models.DateField(_("结束日期"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = SchemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("党员积分实施方案")
        verbose_name_plural = _("党员积分实施方案")
        ordering = ["-year"]

    def __str__(self):
        return self.title


class ScoringItem(models.Model):
    scheme = models.ForeignKey(PointsScheme, on_delete=models.CASCADE, related_name="items",
                               verbose_name=_("方案"))
    code = models.CharField(_("编号"), max_length=20)
    label = models.CharField(_("积分项目"), max_length=100)
    aspect = models.CharField(_("方面"), max_length=20, choices=Aspect.choices)
    fields = models.JSONField(_("适用领域"), default=list, blank=True)  # [] = all four
    kind = models.CharField(_("加减"), max_length=8, choices=ItemKind.choices)
    points = models.DecimalField(_("分值"), max_digits=5, decimal_places=2)
    cap_per_period = models.DecimalField(_("每期上限"), max_digits=6, decimal_places=2,
                                         null=True, blank=True)
    period = models.CharField(_("计分周期"), max_length=8, choices=Period.choices,
                              default=Period.MONTH)
    evidence_required = models.BooleanField(_("须附佐证"), default=False)
    evidence_rule = models.CharField(_("佐证要求"), max_length=100, blank=True)
    auto_source = models.CharField(_("数据来源"), max_length=20, choices=AutoSource.choices,
                                   default=AutoSource.MANUAL)
    # What of the source counts: a meeting kind, "absent", "paid", "overdue", "on_time",
    # "satisfied" … (read by the automatic source of ``auto_source``).
    source_filter = models.CharField(_("来源条件"), max_length=30, blank=True)
    recorder_role = models.CharField(_("记录人"), max_length=10, choices=RecorderRole.choices,
                                     default=RecorderRole.ORGANISER)
    is_default = models.BooleanField(_("默认值（推定）"), default=False)

    class Meta:
        verbose_name = _("积分项目")
        verbose_name_plural = _("积分项目")
        ordering = ["scheme_id", "aspect", "code"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"],
                                               name="points_item_code_once")]

    def __str__(self):
        return f"{self.code} {self.label}"

    @property
    def signed_points(self):
        return self.points if self.kind == ItemKind.ADD else -self.points


class EntryStatus(models.TextChoices):
    PROPOSED = "proposed", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    DISPUTED = "disputed", _("有异议")
    UPHELD = "upheld", _("异议不成立，维持")
    VOIDED = "voided", _("已作废")


# The entries that count in a score (a disputed entry counts again once upheld).
COUNTED = (EntryStatus.CONFIRMED, EntryStatus.UPHELD)


class PointEntry(models.Model):
    scheme = models.ForeignKey(PointsScheme, on_delete=models.PROTECT, related_name="entries",
                               verbose_name=_("方案"))
    member = models.ForeignKey("party.PartyMember", on_delete=models.CASCADE,
                               related_name="point_entries", verbose_name=_("党员"))
    item = models.ForeignKey(ScoringItem, on_delete=models.PROTECT, related_name="entries",
                             verbose_name=_("积分项目"))
    aspect = models.CharField(_("方面"), max_length=20, choices=Aspect.choices)  # the item's
    points = models.DecimalField(_("分值"), max_digits=6, decimal_places=2)
    occurred_on = models.DateField(_("发生日期"))
    evidence = models.CharField(_("佐证"), max_length=200, blank=True)
    source_kind = models.CharField(_("来源类型"), max_length=30, default="manual")
    source_id = models.BigIntegerField(_("来源编号"), null=True, blank=True)
    source_label = models.CharField(_("来源"), max_length=120, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=EntryStatus.choices,
                              default=EntryStatus.PROPOSED)
    dispute_reason = models.CharField(_("异议理由"), max_length=200, blank=True)
    ruling = models.CharField(_("处理意见"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("记录人"))
    created_at = models.DateTimeField(default=timezone.now)

    objects = ByMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("积分记录")
        verbose_name_plural = _("积分记录")
        ordering = ["-occurred_on", "-id"]
        constraints = [
            # One entry per item and source row: the nightly job re-runs without duplicates.
            models.UniqueConstraint(fields=["member", "item", "source_kind", "source_id"],
                                    condition=Q(source_id__isnull=False),
                                    name="points_entry_once_per_source"),
        ]
        indexes = [models.Index(fields=["member", "occurred_on"]),
                   models.Index(fields=["scheme", "occurred_on", "status"])]

    def __str__(self):
        return f"{self.member_id}/{self.item_id} {self.points}"


class RoundStatus(models.TextChoices):
    OPEN = "open", _("评议中")
    CLOSED = "closed", _("已结束")


class ByOrgQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        return self.filter(organisation_id__in=scope.ids("party_org"))


class PeerRound(models.Model):
    """A branch's peer rating round (民主评议 互评) of one scheme."""

    scheme = models.ForeignKey(PointsScheme, on_delete=models.PROTECT, related_name="rounds")
    organisation = models.ForeignKey("party.PartyOrganisation", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("党支部"))
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    status = models.CharField(_("状态"), max_length=8, choices=RoundStatus.choices,
                              default=RoundStatus.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    objects = ByOrgQuerySet.as_manager()

    class Meta:
        verbose_name = _("党员互评")
        verbose_name_plural = _("党员互评")
        constraints = [models.UniqueConstraint(fields=["scheme", "organisation"],
                                               name="points_peer_round_once")]

    def __str__(self):
        return f"{self.scheme_id}/{self.organisation_id}"


class PeerRating(models.Model):
    """One member's score of another. Never shown per rater: the ratee sees the average, the
    committee the completion (00-common §9)."""

    round = models.ForeignKey(PeerRound, on_delete=models.CASCADE, related_name="ratings")
    rater = models.ForeignKey("party.PartyMember", on_delete=models.CASCADE, related_name="+")
    ratee = models.ForeignKey("party.PartyMember", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("评分"))
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("互评票")
        verbose_name_plural = _("互评票")
        constraints = [
            models.UniqueConstraint(fields=["round", "rater", "ratee"], name="points_rate_once"),
            models.CheckConstraint(condition=~Q(rater=F("ratee")), name="points_no_self_rating"),
            models.CheckConstraint(condition=Q(score__lte=100), name="points_rating_range"),
        ]
        indexes = [models.Index(fields=["round", "ratee"])]

    def __str__(self):  # never the rater: the ratee's side is all a page may show
        return f"{self.round_id}/{self.ratee_id}"


class OrgRating(models.Model):
    """The branch committee's organisation rating of a member (组织评定), with the theme-party-
    day guide's comment as an input (``guide_comment``, from the registered comment hooks)."""

    scheme = models.ForeignKey(PointsScheme, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey("party.PartyMember", on_delete=models.CASCADE,
                               related_name="org_ratings")
    score = models.DecimalField(_("组织评定分"), max_digits=5, decimal_places=2)
    comment = models.CharField(_("评定意见"), max_length=200, blank=True)
    guide_comment = models.CharField(_("包保领导点评"), max_length=300, blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    rated_on = models.DateField(_("评定日期"))

    objects = ByMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("组织评定")
        verbose_name_plural = _("组织评定")
        constraints = [models.UniqueConstraint(fields=["scheme", "member"],
                                               name="points_org_rating_once")]

    def __str__(self):
        return f"{self.member_id}: {self.score}"


class PointsPosting(models.Model):
    """A branch's table for a period, posted as a publicity (name, aspect totals, total, rank)."""

    scheme = models.ForeignKey(PointsScheme, on_delete=models.PROTECT, related_name="postings")
    organisation = models.ForeignKey("party.PartyOrganisation", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("党支部"))
    period_start = models.DateField(_("期间开始"))
    period_end = models.DateField(_("期间结束"))
    publicity = models.ForeignKey("publicity.Publicity", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    posted_on = models.DateField(_("公示日期"))
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    objects = ByOrgQuerySet.as_manager()

    class Meta:
        verbose_name = _("积分公示")
        verbose_name_plural = _("积分公示")
        ordering = ["-period_start", "organisation_id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "period_start"],
                                               name="points_posting_once")]

    def __str__(self):
        return f"{self.organisation_id} {self.period_start:%Y-%m}"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    QUALIFIED = "qualified", _("合格")
    BASIC = "basic", _("基本合格")
    UNQUALIFIED = "unqualified", _("不合格")


class AnnualResult(models.Model):
    scheme = models.ForeignKey(PointsScheme, on_delete=models.PROTECT, related_name="results")
    member = models.ForeignKey("party.PartyMember", on_delete=models.CASCADE,
                               related_name="point_results")
    organisation = models.ForeignKey("party.PartyOrganisation", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("党支部"))
    daily_score = models.DecimalField(_("日常积分"), max_digits=6, decimal_places=2)
    peer_avg = models.DecimalField(_("互评平均分"), max_digits=6, decimal_places=2, null=True)
    org_score = models.DecimalField(_("组织评定分"), max_digits=6, decimal_places=2, null=True)
    composite = models.DecimalField(_("综合得分"), max_digits=6, decimal_places=2)
    grade = models.CharField(_("等次"), max_length=12, choices=Grade.choices)
    rank_in_branch = models.PositiveIntegerField(_("支部排名"), null=True)
    computed_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    objects = ByMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度积分结果")
        verbose_name_plural = _("年度积分结果")
        ordering = ["organisation_id", "rank_in_branch"]
        constraints = [models.UniqueConstraint(fields=["scheme", "member"],
                                               name="points_result_once")]
        indexes = [models.Index(fields=["scheme", "grade"])]

    def __str__(self):
        return f"{self.member_id}/{self.scheme_id}: {self.grade}"


__all__ = [
    "AnnualResult", "Aspect", "AutoSource", "EntryStatus", "Grade", "ItemKind", "OrgRating",
    "PeerRating", "PeerRound", "Period", "PointEntry", "PointsPosting", "PointsScheme",
    "PostingCycle", "RecorderRole", "RoundStatus", "SchemeStatus", "ScoringItem",
]
