"""Park entry: the four synchronisations (四同步, §8.3) — procedures, party-organisation
founding, members' relationships transferred, secretary selected — each a ``SyncTask`` with a
due date; the entry's life is ``transitions.ENTRY_TABLE``."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope

from .scoping import restricted


class EntryStatus(models.TextChoices):
    REGISTERED = "registered", _("已登记入园")
    SURVEYED = "surveyed", _("党员已摸排")
    PLANNED = "planned", _("覆盖方式已确定")
    APPLIED = "applied", _("已提出成立申请")
    APPROVED = "approved", _("已批复成立")
    ORG_FOUNDED = "org_founded", _("党组织已建立")
    TRANSFERRED = "transferred", _("组织关系已转接")
    SECRETARY_SELECTED = "secretary_selected", _("书记已选配")
    COMPLETE = "complete", _("四同步完成")
    WITHDRAWN = "withdrawn", _("已撤销")


class CoveragePlan(models.TextChoices):
    OWN = "own", _("单独组建党支部")
    JOINT = "joint", _("加入联合党支部")
    INSTRUCTOR = "instructor", _("选派党建指导员")


class ParkEntryQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        return restricted(self, scope, action, park_path="park", org_path="org")


class ParkEntry(models.Model):
    org = models.ForeignKey("twonew.TwoNewOrg", on_delete=models.PROTECT, related_name="entries",
                            verbose_name=_("入园单位"))
    park = models.ForeignKey("twonew.Park", on_delete=models.PROTECT, related_name="entries",
                             verbose_name=_("园区"))
    entered_on = models.DateField(_("入园日期"))
    status = models.CharField(_("状态"), max_length=20, choices=EntryStatus.choices,
                              default=EntryStatus.REGISTERED)
    plan = models.CharField(_("覆盖方式"), max_length=12, choices=CoveragePlan.choices,
                            blank=True)
    full_found = models.PositiveIntegerField(_("摸排正式党员"), default=0)
    probationary_found = models.PositiveIntegerField(_("摸排预备党员"), default=0)
    applied_on = models.DateField(_("申请日期"), null=True, blank=True)
    approval_doc_no = models.CharField(_("批复文号"), max_length=60, blank=True)
    approved_on = models.DateField(_("批复日期"), null=True, blank=True)
    first_meeting_on = models.DateField(_("首次党员大会日期"), null=True, blank=True)
    party_org = models.ForeignKey("party.PartyOrganisation", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("建立（加入）的党组织"))
    secretary = models.ForeignKey("people.Person", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("书记"))
    training_class = models.ForeignKey("twonew.TrainingClass", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+",
                                       verbose_name=_("参加书记培训班"))
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    objects = ParkEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("入园“四同步”")
        verbose_name_plural = _("入园“四同步”")
        ordering = ["-entered_on", "-pk"]
        indexes = [models.Index(fields=["park", "status"])]

    def __str__(self):
        return f"{self.org} · {self.entered_on:%Y-%m-%d}"


class EntryMember(models.Model):
    """A party member found by the survey (党员摸排): where his relationship is now."""

    entry = models.ForeignKey(ParkEntry, on_delete=models.CASCADE, related_name="members",
                              verbose_name=_("入园事项"))
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("党员"))
    is_full = models.BooleanField(_("正式党员"), default=True)
    relationship_at = models.CharField(_("组织关系所在"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("摸排党员")
        verbose_name_plural = _("摸排党员")
        constraints = [models.UniqueConstraint(fields=["entry", "person"],
                                               name="twonew_entry_member_unique")]

    def __str__(self):
        return str(self.person)


class SyncKind(models.TextChoices):
    PROCEDURES = "procedures", _("手续申办")
    ORG_FOUNDING = "org_founding", _("党组织建立")
    TRANSFERS = "transfers", _("党员组织关系转接")
    SECRETARY = "secretary", _("书记选配")


class SyncStatus(models.TextChoices):
    PENDING = "pending", _("未开始")
    IN_PROGRESS = "in_progress", _("进行中")
    DONE = "done", _("已完成")
    NOT_APPLICABLE = "not_applicable", _("不适用")


CLOSED_SYNC = (SyncStatus.DONE, SyncStatus.NOT_APPLICABLE)


class SyncTaskQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        return restricted(self, scope, action, park_path="entry__park", org_path="entry__org")

    def open(self):
        return self.exclude(status__in=CLOSED_SYNC)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today).exclude(entry__status="withdrawn")


class SyncTask(models.Model):
    entry = models.ForeignKey(ParkEntry, on_delete=models.CASCADE, related_name="tasks",
                              verbose_name=_("入园事项"))
    kind = models.CharField(_("同步事项"), max_length=14, choices=SyncKind.choices)
    status = models.CharField(_("状态"), max_length=16, choices=SyncStatus.choices,
                              default=SyncStatus.PENDING)
    due_on = models.DateField(_("期限"), db_index=True)
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    reason = models.CharField(_("不适用原因"), max_length=120, blank=True)
    ref = models.CharField(_("依据"), max_length=120, blank=True)

    objects = SyncTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("同步事项")
        verbose_name_plural = _("同步事项")
        ordering = ["entry_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["entry", "kind"],
                                               name="twonew_sync_task_unique")]

    def __str__(self):
        return f"{self.entry} · {self.get_kind_display()}"
