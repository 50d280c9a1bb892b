"""Supervision (督办), bulletins (通报), special reports (专报) and special-topic meetings."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import allows
from grassroots.core.scope import RestrictQuerySet, Scope


class MonthVolume(models.Model):
    """Demands received in one closed month, county-wide: the dashboard's 12-month trend reads
    these rows instead of counting a year of demands on every page view. Counted the first time
    a month is asked for and recounted nightly for the last closed months (late merges); the
    open month is always counted live. See ``stats.month_trend``."""

    month = models.DateField(_("月份"), unique=True)
    received = models.PositiveIntegerField(_("受理件数"))
    on_spot = models.PositiveIntegerField(_("现场解决件数"))
    counted_at = models.DateTimeField(_("统计时间"))

    class Meta:
        verbose_name = _("月度受理量")
        verbose_name_plural = _("月度受理量")

    def __str__(self):
        return f"{self.month:%Y-%m}: {self.received}"


# --- SupervisionNotice ------------------------------------------------------------------------

class NoticeStatus(models.TextChoices):
    DRAFTED = "drafted", _("草稿")
    ISSUED = "issued", _("已下发")
    ACKNOWLEDGED = "acknowledged", _("已签收")
    RESPONDED = "responded", _("已反馈")
    CLOSED = "closed", _("已办结")
    ESCALATED = "escalated", _("已提请县领导督办")
    CANCELLED = "cancelled", _("已撤销")


UNIT_VISIBLE_NOTICE_STATUSES = (NoticeStatus.ISSUED, NoticeStatus.ACKNOWLEDGED,
                                NoticeStatus.RESPONDED, NoticeStatus.CLOSED,
                                NoticeStatus.ESCALATED)


class NoticeQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.is_supervisor:
            return self
        if action == "view":
            # The unit sees its own notices once issued; drafts are the office's working papers.
            return self.filter(unit_id__in=scope.all_unit_ids(),
                               status__in=UNIT_VISIBLE_NOTICE_STATUSES)
        if action == "respond":
            return self.filter(unit_id__in=scope.unit_ids, status__in=UNIT_VISIBLE_NOTICE_STATUSES)
        return self.none()


class SupervisionNotice(models.Model):
    """督办通知单: addressed to one unit about one or more demands, with a response date."""

    number = models.CharField(_("文号"), max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    seq = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    unit = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT,
                             related_name="supervision_notices", verbose_name=_("督办单位"))
    demands = models.ManyToManyField("demands.Demand", related_name="supervision_notices",
                                     verbose_name=_("督办事项"))
    title = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("督办内容"))
    respond_by = models.DateField(_("反馈期限"))
    status = models.CharField(_("状态"), max_length=14, choices=NoticeStatus.choices,
                              default=NoticeStatus.DRAFTED)
    auto_drafted = models.BooleanField(_("系统生成"), default=False)
    created_at = models.DateTimeField(_("草拟时间"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("下发时间"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    responded_at = models.DateTimeField(_("反馈时间"), null=True, blank=True)
    response_text = models.TextField(_("办理情况"), blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("提请时间"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("督办通知单")
        verbose_name_plural = _("督办通知单")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "status"]), models.Index(fields=["issued_at"])]
        constraints = [
            models.UniqueConstraint(fields=["year", "seq"], name="notice_number_unique",
                                    condition=models.Q(seq__isnull=False)),
        ]

    def __str__(self):
        return self.number or f"{self.title}（草拟）"


# --- Bulletin ---------------------------------------------------------------------------------

class BulletinStatus(models.TextChoices):
    DRAFTED = "drafted", _("草稿")
    PUBLISHED = "published", _("已发布")


class BulletinQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.is_supervisor:
            return self
        if action == "view" and allows(scope, "core.staff"):
            return self.filter(status=BulletinStatus.PUBLISHED)
        return self.none()


class Bulletin(models.Model):
    """通报: the month's handling by every unit, compiled automatically, published by a supervisor."""

    period = models.DateField(_("月份"), unique=True)  # the first day of the month
    year = models.PositiveSmallIntegerField(_("年度"))
    seq = models.PositiveIntegerField(_("期号"))
    number = models.CharField(_("文号"), max_length=60)
    title = models.CharField(_("标题"), max_length=120)
    intro = models.TextField(_("导语"), blank=True)
    remarks = models.TextField(_("分析与要求"), blank=True)
    figures = models.JSONField(_("统计数据"), default=dict)
    status = models.CharField(_("状态"), max_length=10, choices=BulletinStatus.choices,
                              default=BulletinStatus.DRAFTED)
    compiled_at = models.DateTimeField(_("编制时间"), default=timezone.now)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")

    objects = BulletinQuerySet.as_manager()

    class Meta:
        verbose_name = _("通报")
        verbose_name_plural = _("通报")
        ordering = ["-period"]
        constraints = [models.UniqueConstraint(fields=["year", "seq"], name="bulletin_seq_unique")]

    def __str__(self):
        return self.title


# --- SpecialReport ----------------------------------------------------------------------------

class ReportQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.is_supervisor:
            return self
        if action == "view" and allows(scope, "supervision.read_reports"):
            return self
        return self.none()


class SpecialReport(models.Model):
    """专报 on one topic: category, keywords, places and period."""

    year = models.PositiveSmallIntegerField(_("年度"))
    seq = models.PositiveIntegerField(_("期号"))
    number = models.CharField(_("文号"), max_length=60)
    title = models.CharField(_("标题"), max_length=120)
    category = models.ForeignKey("demands.Category", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("分类"))
    keywords = models.CharField(_("关键词"), max_length=200, blank=True)
    divisions = models.ManyToManyField("places.Division", blank=True, related_name="+",
                                       verbose_name=_("地点"))
    date_from = models.DateField(_("开始日期"))
    date_to = models.DateField(_("结束日期"))
    analysis = models.TextField(_("分析与建议"), blank=True)
    figures = models.JSONField(_("统计数据"), default=dict)
    created_at = models.DateTimeField(_("编制时间"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("专报")
        verbose_name_plural = _("专报")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["year", "seq"], name="report_seq_unique")]

    def __str__(self):
        return self.title


# --- Special-topic meetings -------------------------------------------------------------------

class MeetingQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.is_supervisor:
            return self
        if action == "view":
            if scope.county_wide_view:
                return self
            units = scope.all_unit_ids()
            return self.filter(models.Q(units__in=units) | models.Q(items__owner_id__in=units)) \
                .distinct()
        return self.none()


class Meeting(models.Model):
    """专题会议 on a recurring issue: who attended, what was decided, who follows up by when."""

    held_on = models.DateField(_("会议日期"))
    topic = models.CharField(_("议题"), max_length=120)
    category = models.ForeignKey("demands.Category", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("相关分类"))
    units = models.ManyToManyField("orgs.Organization", related_name="meetings",
                                   verbose_name=_("参会单位"))
    demands = models.ManyToManyField("demands.Demand", blank=True, related_name="meetings",
                                     verbose_name=_("相关诉求"))
    decisions = models.TextField(_("会议议定事项"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("专题会议")
        verbose_name_plural = _("专题会议")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.topic


class MeetingItemQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.is_supervisor:
            return self
        if action == "view":
            return self.filter(meeting__in=Meeting.objects.restrict_scope(scope, "view"))
        if action == "complete":
            return self.filter(owner_id__in=scope.unit_ids)
        return self.none()


class MeetingItem(models.Model):
    """A follow-up item decided at a meeting, owned by a unit, with a deadline."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    text = models.CharField(_("落实事项"), max_length=300)
    owner = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("责任单位"))
    due_on = models.DateField(_("完成时限"))
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    done_note = models.TextField(_("完成情况"), blank=True)

    objects = MeetingItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("会议落实事项")
        verbose_name_plural = _("会议落实事项")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "done_at", "due_on"])]

    def __str__(self):
        return self.text

    @property
    def is_overdue(self):
        return self.done_at is None and self.due_on < timezone.localdate()
