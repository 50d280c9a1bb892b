"""Meetings of party organisations (and review/assessment committees), who attended, the votes
taken at them, and the meetings the organisational-life rules expect (00-common §1.4)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core import uploads
from grassroots.core.files import StoredFile
from grassroots.core.scope import RestrictQuerySet, Scope


class MeetingKind(models.TextChoices):
    GENERAL_MEETING = "general_meeting", _("支部党员大会")
    COMMITTEE = "committee", _("支部委员会")
    GROUP = "group", _("党小组会")
    LECTURE = "lecture", _("党课")
    THEME_DAY = "theme_day", _("主题党日")
    LIFE_MEETING = "life_meeting", _("组织生活会")
    PARTY_COMMITTEE = "party_committee", _("党委会")
    REVIEW = "review", _("评审会")
    ASSESSMENT = "assessment", _("考核委员会")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("计划召开")
    HELD = "held", _("已召开")
    MINUTED = "minuted", _("纪要已录入")
    CANCELLED = "cancelled", _("已取消")


def org_ids_in_scope(scope: Scope) -> frozenset[int] | None:
    """The party organisations whose meetings the user sees and records (None: all). A branch
    secretary his organisation (a general branch's, its branches too), a committee's
    organisation officer its tree; members see no meeting records."""
    if scope.sees_all_party:
        return None
    return scope.ids("party_org")


class ByOrgQuerySet(RestrictQuerySet):
    org_field = "org_id"

    def restrict_scope(self, scope: Scope, action="view"):
        ids = org_ids_in_scope(scope)
        return self if ids is None else self.filter(**{f"{self.org_field}__in": ids})


class MeetingQuerySet(ByOrgQuerySet):
    pass


class Meeting(models.Model):
    org = models.ForeignKey("party.PartyOrganisation", on_delete=models.PROTECT,
                            related_name="meetings", verbose_name=_("党组织"))
    kind = models.CharField(_("会议类型"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("会议主题"), max_length=120)
    held_at = models.DateTimeField(_("召开时间"), db_index=True)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    host = models.CharField(_("主持人"), max_length=40, blank=True)
    recorder = models.CharField(_("记录人"), max_length=40, blank=True)
    minutes = models.TextField(_("会议纪要"), blank=True)
    # 民主评议党员 held at this meeting (counts for the yearly appraisal obligation).
    democratic_appraisal = models.BooleanField(_("开展民主评议党员"), default=False)
    status = models.CharField(_("状态"), max_length=10, choices=MeetingStatus.choices,
                              default=MeetingStatus.PLANNED, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("登记人"))
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("会议")
        verbose_name_plural = _("会议")
        ordering = ["-held_at", "-id"]
        indexes = [models.Index(fields=["org", "kind", "held_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.title}"


class AttendanceRole(models.TextChoices):
    MEMBER = "member", _("正式党员")
    PROBATIONARY = "probationary", _("预备党员")
    INVITED = "invited", _("特邀")
    GUEST = "guest", _("列席")
    OBSERVER = "observer", _("旁听")


class AttendanceQuerySet(ByOrgQuerySet):
    org_field = "meeting__org_id"


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance",
                                verbose_name=_("会议"))
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("人员"))
    role = models.CharField(_("身份"), max_length=14, choices=AttendanceRole.choices)
    present = models.BooleanField(_("到会"), default=False)
    absence_reason = models.CharField(_("缺席原因"), max_length=100, blank=True)
    leave_approved = models.BooleanField(_("已准假"), default=False)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("参会情况")
        verbose_name_plural = _("参会情况")
        ordering = ["meeting_id", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"],
                                               name="meetings_attendance_once")]

    def __str__(self):
        return f"{self.meeting_id}/{self.person_id}"


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("照片")
    DOCUMENT = "document", _("文件")


class AttachmentQuerySet(ByOrgQuerySet):
    org_field = "meeting__org_id"


class MeetingAttachment(StoredFile):
    """A photo or document of a meeting (minutes scans, sign-in sheets, photos)."""

    upload_dir = "meetings"
    upload_kinds = uploads.IMAGES | uploads.DOCUMENTS
    upload_max_bytes = 20 * 1024 * 1024
    upload_max_count = 20

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments",
                                verbose_name=_("会议"))
    kind = models.CharField(_("类别"), max_length=10, choices=AttachmentKind.choices)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("会议附件")
        verbose_name_plural = _("会议附件")


class Ballot(models.TextChoices):
    SECRET = "secret", _("无记名投票")
    OPEN = "open", _("举手表决")


class VoteResult(models.TextChoices):
    PASSED = "passed", _("通过")
    FAILED = "failed", _("未通过")


class VoteQuerySet(ByOrgQuerySet):
    org_field = "meeting__org_id"


class Vote(models.Model):
    """One vote on one subject (a candidate or a case) at a meeting: tallies only — a secret
    ballot is never recorded per person (00-common §9)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="votes",
                                verbose_name=_("会议"))
    subject_type = models.ForeignKey(ContentType, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject_label = models.CharField(_("表决事项"), max_length=120)
    rule = models.CharField(_("表决规则"), max_length=20)  # rules.VOTE_RULES code
    rule_set = models.CharField(_("规则集"), max_length=40)
    ballot = models.CharField(_("表决方式"), max_length=8, choices=Ballot.choices)
    should_attend_voting = models.PositiveIntegerField(_("应到会有表决权人数"))
    # [{"person_id", "name", "reason", "approved_by_org_id", "approved_by_org", "approver",
    #   "approved_on", "doc_no"}] — the five categories of [S16], each approved upstairs.
    excluded = models.JSONField(_("不计入应到人数"), default=list, blank=True)
    present_voting = models.PositiveIntegerField(_("实到会有表决权人数"))
    written_yes = models.PositiveIntegerField(_("书面同意"), default=0)
    written_no = models.PositiveIntegerField(_("书面不同意"), default=0)
    yes = models.PositiveIntegerField(_("赞成"))
    no = models.PositiveIntegerField(_("反对"))
    abstain = models.PositiveIntegerField(_("弃权"))
    quorum_needed = models.PositiveIntegerField(_("法定到会人数"))
    pass_needed = models.PositiveIntegerField(_("通过所需票数"))
    result = models.CharField(_("表决结果"), max_length=8, choices=VoteResult.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("登记人"))
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    objects = VoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("表决")
        verbose_name_plural = _("表决")
        ordering = ["meeting_id", "id"]
        constraints = [
            # one candidate or case at a time: each subject is voted once per meeting
            models.UniqueConstraint(fields=["meeting", "subject_type", "subject_id"],
                                    condition=models.Q(subject_id__isnull=False),
                                    name="meetings_vote_subject_once"),
        ]

    def __str__(self):
        return f"{self.subject_label} {self.get_result_display()}"

    @property
    def written_opinions(self) -> int:
        return self.written_yes + self.written_no


class ExpectedQuerySet(ByOrgQuerySet):
    pass


class ExpectedMeeting(models.Model):
    """A meeting the organisational-life rules expect of a branch in one period (rules.py
    OBLIGATIONS); ``meeting`` is set when a held meeting fulfils it."""

    org = models.ForeignKey("party.PartyOrganisation", on_delete=models.CASCADE,
                            related_name="expected_meetings", verbose_name=_("党组织"))
    obligation = models.CharField(_("组织生活要求"), max_length=20)
    period_start = models.DateField(_("周期开始"))
    period_end = models.DateField(_("周期结束（截止）"), db_index=True)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="fulfils", verbose_name=_("已召开会议"))

    objects = ExpectedQuerySet.as_manager()

    class Meta:
        verbose_name = _("应开会议")
        verbose_name_plural = _("应开会议")
        ordering = ["period_end", "org_id", "obligation"]
        constraints = [models.UniqueConstraint(fields=["org", "obligation", "period_start"],
                                               name="meetings_expected_once")]

    def __str__(self):
        return f"{self.org_id} {self.obligation} {self.period_start}"
