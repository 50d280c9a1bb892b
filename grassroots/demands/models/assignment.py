from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope
from grassroots.workcal.deadlines import DeadlineClock, DeadlineWatchMarks, due_at_index


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("主办")
    ASSISTING = "assist", _("协办")


class AssignmentStatus(models.TextChoices):
    DISPATCHED = "dispatched", _("待签收")
    ACKNOWLEDGED = "acknowledged", _("已签收")
    HANDLING = "handling", _("办理中")
    EXTENSION_REQUESTED = "ext_requested", _("延期待审")
    RETURN_REQUESTED = "ret_requested", _("退单待审")
    # Leader sign-off (the unit's setting): waiting in the unit leader's queue.
    REPLY_SIGNOFF = "reply_signoff", _("答复待负责人审核")
    EXTENSION_SIGNOFF = "ext_signoff", _("延期待负责人审核")
    RETURNED = "returned", _("已退回")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已办结")


ACTIVE_STATUSES = (
    AssignmentStatus.DISPATCHED, AssignmentStatus.ACKNOWLEDGED, AssignmentStatus.HANDLING,
    AssignmentStatus.EXTENSION_REQUESTED, AssignmentStatus.RETURN_REQUESTED,
    AssignmentStatus.REPLY_SIGNOFF, AssignmentStatus.EXTENSION_SIGNOFF,
)
SIGNOFF_STATUSES = (AssignmentStatus.REPLY_SIGNOFF, AssignmentStatus.EXTENSION_SIGNOFF)


def unit_holds(unit_ids) -> models.Q:
    """The assignments through which a unit holds a demand: all but the returned ones.

    The one place a unit's scope over demands comes from (its assignment list, the demand pages,
    the citizen's PII): once its return is accepted (退单 approved, or recalled by the dispatch
    centre) the unit no longer holds the demand, unless another assignment of it is still live.
    """
    return models.Q(unit_id__in=unit_ids) & ~models.Q(status=AssignmentStatus.RETURNED)


class AssignmentQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.is_admin:
            return self
        if action == "view":
            if scope.county_wide_view:
                return self
            q = unit_holds(scope.all_unit_ids())
            if scope.town_ids:
                q |= models.Q(demand__town_id__in=scope.town_ids)
            if scope.grid_ids:
                q |= models.Q(demand__grid_id__in=scope.grid_ids)
            return self.filter(q)
        if action == "decide":  # rulings, extension decisions, re-dispatch
            return self if scope.is_dispatcher else self.none()
        return self.filter(unit_holds(scope.unit_ids))

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)


class Assignment(DeadlineClock, DeadlineWatchMarks):
    """A demand given to one handling unit, as lead (主办) or assisting (协办) unit.

    ``due_at`` (from ``DeadlineClock``) is the deadline that applies now: the acknowledge
    deadline, then the reply deadline (or the granted extension); null when nothing is due.
    The deadline watch's marks (``DeadlineWatchMarks``) say what it has notified or escalated.
    """

    demand = models.ForeignKey("demands.Demand", on_delete=models.CASCADE,
                               related_name="assignments", verbose_name=_("诉求"))
    unit = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT,
                             related_name="assignments", verbose_name=_("承办单位"))
    role = models.CharField(_("承办方式"), max_length=8, choices=AssignmentRole.choices)
    status = models.CharField(_("状态"), max_length=16, choices=AssignmentStatus.choices,
                              default=AssignmentStatus.DISPATCHED)
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    dispatched_at = models.DateTimeField(_("派单时间"), default=timezone.now)
    dispatched_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("派单人"), null=True,
                                      blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    dispatch_note = models.TextField(_("派单意见"), blank=True)
    acknowledge_due_at = models.DateTimeField(_("签收时限"))
    acknowledged_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    reply_due_at = models.DateTimeField(_("答复时限"))
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    acknowledged_late = models.BooleanField(_("超时签收"), default=False)
    replied_late = models.BooleanField(_("超时答复"), default=False)
    return_reason = models.TextField(_("退单理由"), blank=True)
    return_count = models.PositiveSmallIntegerField(_("退单次数"), default=0)
    ruling_forced = models.BooleanField(_("已裁定承办"), default=False)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    extension_requested_until = models.DateTimeField(_("申请延期至"), null=True, blank=True)
    extension_count = models.PositiveSmallIntegerField(_("延期次数"), default=0)
    outcome = models.CharField(_("办理结果"), max_length=16, blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("答复人"), null=True,
                                   blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("工单")
        verbose_name_plural = _("工单")
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["unit", "status", "due_at"]),
            due_at_index("assignment_open_due"),
            models.Index(fields=["unit", "dispatched_at"]),
            models.Index(fields=["dispatched_at"]),
            models.Index(fields=["status", "dispatched_at"]),
            models.Index(fields=["demand", "role"]),
        ]

    def __str__(self):
        return f"{self.demand_id} → {self.unit_id} ({self.role})"

    @property
    def is_lead(self):
        return self.role == AssignmentRole.LEAD
