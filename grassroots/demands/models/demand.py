from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core import uploads
from grassroots.core.files import StoredFile, stored_file_path
from grassroots.core.scope import RestrictQuerySet, Scope


class Channel(models.TextChoices):
    VISIT = "visit", _("民情书记走访")
    CITIZEN = "citizen", _("群众自主提交")
    PHONE = "phone", _("电话受理")
    CITY_12345 = "city12345", _("12345转办")
    MEETING = "meeting", _("会议收集")
    OPEN311 = "open311", _("开放接口")


class DemandType(models.TextChoices):
    CONSULTATION = "consultation", _("咨询")
    HELP = "help", _("求助")
    COMPLAINT = "complaint", _("投诉")
    REPORT = "report", _("举报")
    SUGGESTION = "suggestion", _("建议")
    PRAISE = "praise", _("表扬")


# Types a citizen may submit without giving their name and phone.
ANONYMOUS_TYPES = {DemandType.REPORT, DemandType.SUGGESTION, DemandType.PRAISE}


class Grade(models.TextChoices):
    NORMAL = "normal", _("一般")
    URGENT = "urgent", _("紧急")
    VERY_URGENT = "very_urgent", _("特急")


class DemandStatus(models.TextChoices):
    RECEIVED = "received", _("待派单")
    DISPATCHED = "dispatched", _("待签收")
    HANDLING = "handling", _("办理中")
    REPLIED = "replied", _("待回访")
    CLOSED = "closed", _("已办结")
    MERGED = "merged", _("已并单")


OPEN_STATUSES = (DemandStatus.RECEIVED, DemandStatus.DISPATCHED, DemandStatus.HANDLING,
                 DemandStatus.REPLIED)


class Outcome(models.TextChoices):
    RESOLVED = "resolved", _("已解决")
    PARTLY_RESOLVED = "partly", _("部分解决")
    EXPLAINED = "explained", _("已解释答复")
    NOT_RESOLVABLE = "not_resolvable", _("暂不能解决")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")
    NO_RESPONSE = "no_response", _("未回应")


class DemandQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.is_admin:
            return self
        if action == "view" and scope.county_wide_view:
            return self
        if action != "view":
            # Changes to the demand itself (dispatch, merge) belong to the dispatch centre;
            # units change their assignments, which have their own scope.
            if scope.is_dispatcher:
                return self
            q = models.Q(pk__in=[])
            if scope.grid_ids:
                q |= models.Q(grid_id__in=scope.grid_ids)
            if scope.person_id and scope.is_citizen:
                q |= models.Q(citizen_id=scope.person_id)
            if scope.unit_ids:
                q |= models.Q(pk__in=self._held_by(scope.unit_ids))
            return self.filter(q)
        q = models.Q(pk__in=[])
        if scope.town_ids:
            q |= models.Q(town_id__in=scope.town_ids)
        if scope.grid_ids:
            q |= models.Q(grid_id__in=scope.grid_ids)
        if scope.user_id:
            q |= models.Q(created_by_id=scope.user_id)
        if scope.person_id and scope.is_citizen:
            q |= models.Q(citizen_id=scope.person_id)
            # The citizen's own anonymous reports (the sealed row names them to nobody else).
            q |= models.Q(pk__in=AnonymousSubmitter.objects.filter(user_id=scope.user_id)
                          .values("demand_id"))
        units = scope.all_unit_ids()
        if units:
            q |= models.Q(pk__in=self._held_by(units))
        return self.filter(q)

    @staticmethod
    def _held_by(unit_ids):
        """Ids of the demands the units hold through a live (not returned) assignment."""
        from .assignment import Assignment, unit_holds

        return Assignment.objects.filter(unit_holds(unit_ids)).values("demand_id")

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Demand(models.Model):
    """One citizen request, complaint, suggestion, consultation or report (民意诉求)."""

    number = models.CharField(_("诉求编号"), max_length=24, unique=True)
    channel = models.CharField(_("来源渠道"), max_length=12, choices=Channel.choices)
    type = models.CharField(_("诉求类型"), max_length=14, choices=DemandType.choices)
    grade = models.CharField(_("紧急程度"), max_length=12, choices=Grade.choices,
                             default=Grade.NORMAL)
    category = models.ForeignKey("demands.Category", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="demands",
                                 verbose_name=_("分类"))
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("诉求内容"))
    division = models.ForeignKey("places.Division", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="demands",
                                 verbose_name=_("所在村居"))
    town = models.ForeignKey("places.Division", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("所在镇街"))
    grid = models.ForeignKey("places.Grid", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="demands", verbose_name=_("网格"))
    address = models.CharField(_("详细地址"), max_length=200, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True,
                                   blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True,
                                    blank=True)
    citizen = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="demands", verbose_name=_("诉求人"))
    # The name the caller gave, as typed: never replaced by the name of the account that later
    # proves the phone (the demand joins that account, the caller's words stay).
    citizen_name = models.CharField(_("诉求人姓名"), max_length=40, blank=True)
    is_anonymous = models.BooleanField(_("匿名"), default=False)
    status = models.CharField(_("状态"), max_length=12, choices=DemandStatus.choices,
                              default=DemandStatus.RECEIVED)
    received_at = models.DateTimeField(_("受理时间"), default=timezone.now)
    dispatch_due_at = models.DateTimeField(_("派单时限"), null=True, blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    outcome = models.CharField(_("办理结果"), max_length=16, choices=Outcome.choices, blank=True)
    followup_due_at = models.DateTimeField(_("回访时限"), null=True, blank=True)
    satisfaction = models.CharField(_("满意度"), max_length=12, choices=Satisfaction.choices,
                                    blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    solved_on_spot = models.BooleanField(_("现场解决"), default=False)
    on_spot_note = models.TextField(_("现场处理情况"), blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    # Almost every row is NULL here; a partial index keeps lookups exact (a plain index on a
    # column of NULLs makes planners fall back to scans).
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged_demands", verbose_name=_("并入诉求"),
                                    db_index=False)
    recurrence_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="recurrences", verbose_name=_("重复发生于"),
                                      db_index=False)
    related = models.ManyToManyField("self", blank=True, verbose_name=_("相关诉求"))
    external_id = models.CharField(_("外部编号"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("登记人"))
    extra = models.JSONField(_("补充信息"), default=dict, blank=True)
    # Where it was raised: a registered origin kind (demands/origins.py) and the record's id,
    # e.g. ("visit", 12) for a grid secretary's visit. Empty when it came in by itself.
    origin_type = models.CharField(_("来源类型"), max_length=24, blank=True, default="")
    origin_id = models.PositiveBigIntegerField(_("来源记录编号"), null=True, blank=True)

    objects = DemandQuerySet.as_manager()

    class Meta:
        verbose_name = _("民意诉求")
        verbose_name_plural = _("民意诉求")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["status", "dispatch_due_at"]),
            models.Index(fields=["town", "received_at"]),
            models.Index(fields=["grid", "received_at"]),
            models.Index(fields=["citizen", "received_at"]),
            # Covering on PostgreSQL: month counts by place and category (dashboard, statistics)
            # read only this index (index-only scan), not the wide demand rows.
            models.Index(fields=["received_at"], name="demand_received_cover",
                         include=["id", "status", "solved_on_spot", "town", "grid", "category"]),
            models.Index(fields=["category", "received_at"]),
            models.Index(fields=["channel", "external_id"]),
            models.Index(fields=["origin_type", "origin_id"], name="demand_origin",
                         condition=~models.Q(origin_type="")),
            models.Index(fields=["merged_into"], name="demand_merged_into",
                         condition=models.Q(merged_into__isnull=False)),
            models.Index(fields=["recurrence_of"], name="demand_recurrence_of",
                         condition=models.Q(recurrence_of__isnull=False)),
            # Text intelligence at every intake: the town's open demands (near-duplicates) and
            # the place's demands a unit closed (recurrences) are a small part of the table.
            models.Index(fields=["town", "received_at"], name="demand_open_town",
                         condition=models.Q(status__in=OPEN_STATUSES,
                                            merged_into__isnull=True)),
            models.Index(fields=["grid", "closed_at"], name="demand_unit_closed_grid",
                         condition=models.Q(status=DemandStatus.CLOSED, solved_on_spot=False)),
            models.Index(fields=["division", "closed_at"], name="demand_unit_closed_division",
                         condition=models.Q(status=DemandStatus.CLOSED, solved_on_spot=False)),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def caller_name(self) -> str:
        """The citizen's name as given with this demand (``citizen_name``); rows made without it
        show their citizen's name only when that is no account's (which could be anyone's
        claim) or the citizen submitted it themselves."""
        if self.is_anonymous:
            return ""
        if self.citizen_name or not self.citizen_id:
            return self.citizen_name
        if self.channel == Channel.CITIZEN or self.citizen.user_id is None:
            return self.citizen.name
        return ""

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def reply_is_superseded(self) -> bool:
        """The reply shown is the last round's: the citizen was not satisfied and the demand is
        being handled again (the reply and its outcome stay until the new reply)."""
        return bool(self.reply_text) and self.status in (
            DemandStatus.RECEIVED, DemandStatus.DISPATCHED, DemandStatus.HANDLING)


class AnonymousSubmitter(models.Model):
    """Who submitted an anonymous demand from their own account (docs/security.md, "Anonymity").

    Sealed away from the demand, its events, attachments and ``created_by``: nothing that lists
    or shows demands reads this table (no reverse accessor on ``Demand``, not in the admin).
    The submitter finds their own report through it (``selectors.citizen_demands``); anyone else
    only through ``services.anonymous_submitter_reveal``, which the security auditor alone may
    call and which writes an audit row for every attempt."""

    demand = models.OneToOneField(Demand, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("诉求"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("提交账号"))
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("提交人"))
    recorded_at = models.DateTimeField(_("记录时间"), default=timezone.now)

    class Meta:
        verbose_name = _("匿名诉求提交人")
        verbose_name_plural = _("匿名诉求提交人")
        indexes = [models.Index(fields=["user"], name="anon_submitter_user")]

    def __str__(self):
        return f"{self.demand_id}"


# Named by migrations 0001 and 0008; files are placed by ``core.files.stored_file_path`` now.
attachment_path = stored_file_path


class Attachment(StoredFile):
    """A photo attached at intake or while handling; stored outside the web root."""

    upload_dir = "demands"
    upload_kinds = uploads.IMAGES
    upload_max_bytes = 10 * 1024 * 1024
    upload_max_count = 9

    demand = models.ForeignKey(Demand, verbose_name=_("诉求"), on_delete=models.CASCADE,
                               related_name="attachments")
    assignment = models.ForeignKey("demands.Assignment", verbose_name=_("工单"), null=True,
                                   blank=True,
                                   on_delete=models.CASCADE, related_name="attachments")

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")


class FollowUp(models.Model):
    """A follow-up (回访) of the reply: who asked, the rating, the round."""

    demand = models.ForeignKey(Demand, verbose_name=_("诉求"), on_delete=models.CASCADE,
                               related_name="followups")
    round = models.PositiveSmallIntegerField(_("轮次"), default=1)
    satisfaction = models.CharField(_("满意度"), max_length=12, choices=Satisfaction.choices)
    comment = models.TextField(_("意见"), blank=True)
    by_staff = models.BooleanField(_("工作人员代录"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True,
                                    blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"), default=timezone.now)

    class Meta:
        verbose_name = _("回访")
        verbose_name_plural = _("回访")
        ordering = ["recorded_at"]
        constraints = [models.UniqueConstraint(fields=["demand", "round"], name="followup_once_per_round")]

    def __str__(self):
        return f"{self.demand_id} #{self.round} {self.satisfaction}"
