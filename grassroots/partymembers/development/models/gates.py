"""Sishui's gates (S2 §4.4): the 16-department political review, the county–town joint
review, the close-relative special report, the negative list; and the annual plan."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope

from .case import DevelopmentCase


class ReviewDepartment(models.Model):
    """One department of the county's political-review list (configuration, not code)."""

    organization = models.OneToOneField("orgs.Organization", on_delete=models.PROTECT,
                                        related_name="+", verbose_name=_("部门"))
    question = models.CharField(_("审查事项"), max_length=120)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        app_label = "partymembers"
        verbose_name = _("政审联审部门")
        verbose_name_plural = _("政审联审部门")
        ordering = ["order", "id"]

    def __str__(self):
        return str(self.organization)


class DepartmentAnswer(models.TextChoices):
    NO_PROBLEM = "no_problem", _("无问题")
    PROBLEM = "problem", _("有问题")
    NO_RECORD = "no_record", _("无记录可查")


class ReviewCheckQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        # A department sees only its own questions; a town officer those of its cases.
        return self.filter(models.Q(department__organization_id__in=scope.unit_ids)
                           | models.Q(case__organisation_id__in=scope.ids("party_org_manage")))


class ReviewCheck(models.Model):
    """One department's question about one development target (政审函) and its answer."""

    case = models.ForeignKey(DevelopmentCase, on_delete=models.CASCADE,
                             related_name="review_checks")
    department = models.ForeignKey(ReviewDepartment, on_delete=models.PROTECT,
                                   related_name="checks", verbose_name=_("部门"))
    sent_on = models.DateField(_("发函日期"))
    due_on = models.DateField(_("回复期限"), db_index=True)
    answer = models.CharField(_("回复"), max_length=12, choices=DepartmentAnswer.choices,
                              blank=True)
    finding = models.TextField(_("问题情况"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    answered_on = models.DateField(_("回复日期"), null=True, blank=True)
    # The town's ruling on a finding: True = disqualifying (ends the case).
    disqualifying = models.BooleanField(_("影响发展"), null=True, blank=True)
    ruling_note = models.CharField(_("认定意见"), max_length=200, blank=True)
    ruled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    ruled_on = models.DateField(_("认定日期"), null=True, blank=True)

    objects = ReviewCheckQuerySet.as_manager()

    class Meta:
        app_label = "partymembers"
        ordering = ["case_id", "department__order"]
        constraints = [models.UniqueConstraint(fields=["case", "department"],
                                               name="dev_review_check_once")]

    def __str__(self):
        return f"{self.department} · {self.case_id}"


class JointReviewStatus(models.TextChoices):
    REQUESTED = "requested", _("已提请")
    TOWN_REVIEWED = "town_reviewed", _("镇（街道）已审")
    AGREED = "agreed", _("同意")
    REJECTED = "rejected", _("不同意")
    RETURNED = "returned", _("补充材料")


class ByCaseQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        return self.filter(case__organisation_id__in=scope.ids("party_org"))


class JointReview(models.Model):
    """县乡联审 of a development target in a village, community or two-new organisation."""

    case = models.ForeignKey(DevelopmentCase, on_delete=models.CASCADE,
                             related_name="joint_reviews")
    status = models.CharField(_("状态"), max_length=14, choices=JointReviewStatus.choices,
                              default=JointReviewStatus.REQUESTED)
    requested_on = models.DateField(_("提请日期"))
    due_on = models.DateField(_("联审期限"), null=True, blank=True)
    town_opinion = models.CharField(_("镇（街道）意见"), max_length=200, blank=True)
    town_on = models.DateField(_("镇（街道）审查日期"), null=True, blank=True)
    county_opinion = models.CharField(_("县委组织部意见"), max_length=200, blank=True)
    county_on = models.DateField(_("县委组织部审查日期"), null=True, blank=True)

    objects = ByCaseQuerySet.as_manager()

    class Meta:
        app_label = "partymembers"
        ordering = ["-requested_on", "-id"]

    def __str__(self):
        return f"{self.case_id} · {self.get_status_display()}"


class CloseRelativeStatus(models.TextChoices):
    REPORTED = "reported", _("已报告")
    INSPECTED = "inspected", _("镇（街道）已考察")
    APPROVED = "approved", _("同意")
    REJECTED = "rejected", _("不同意")


class CloseRelativeReport(models.Model):
    """近亲属入党特别报告: the applicant is a close relative of a serving village official,
    who must recuse himself at the listed steps."""

    case = models.OneToOneField(DevelopmentCase, on_delete=models.CASCADE,
                                related_name="close_relative_report")
    official = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("村干部"))
    official_post = models.CharField(_("职务"), max_length=40)
    relation = models.CharField(_("亲属关系"), max_length=20)
    status = models.CharField(_("状态"), max_length=10, choices=CloseRelativeStatus.choices,
                              default=CloseRelativeStatus.REPORTED)
    reported_on = models.DateField(_("报告日期"))
    inspection = models.CharField(_("考察情况"), max_length=300, blank=True)
    inspected_on = models.DateField(_("考察日期"), null=True, blank=True)
    decision_due_on = models.DateField(_("答复期限"), null=True, blank=True)
    decided_on = models.DateField(_("审批日期"), null=True, blank=True)
    decision_note = models.CharField(_("审批意见"), max_length=200, blank=True)

    objects = ByCaseQuerySet.as_manager()

    class Meta:
        app_label = "partymembers"

    def __str__(self):
        return f"{self.case_id} · {self.relation}"


class NegativeCategory(models.TextChoices):
    RISK = "risk", _("带病入党风险")
    PROCEDURE = "procedure", _("程序违规")
    MATERIALS = "materials", _("材料造假/不全")
    NEPOTISM = "nepotism", _("近亲繁殖")
    RUSH = "rush", _("突击发展")
    OVERDUE = "overdue", _("超期/漏项")
    OTHER = "other", _("其他")


# Categories that make a town red at once (S2 §4.4, inferred).
RED_CATEGORIES = (NegativeCategory.RISK, NegativeCategory.NEPOTISM)


class NegativeStatus(models.TextChoices):
    OPEN = "open", _("待整改")
    CLOSED = "closed", _("已整改")


class NegativeQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        return self.filter(town_id__in=scope.ids("party_org_manage"))


class NegativeListEntry(models.Model):
    """负面清单: a finding against a town's development work, rectified by a due date."""

    town = models.ForeignKey("party.PartyOrganisation", on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("镇（街道）党（工）委"))
    case = models.ForeignKey(DevelopmentCase, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="negative_entries")
    category = models.CharField(_("类别"), max_length=12, choices=NegativeCategory.choices)
    source = models.CharField(_("来源"), max_length=40)
    description = models.CharField(_("问题"), max_length=300)
    found_on = models.DateField(_("发现日期"), db_index=True)
    rectification_due_on = models.DateField(_("整改期限"))
    rectified_on = models.DateField(_("整改日期"), null=True, blank=True)
    rectification = models.CharField(_("整改情况"), max_length=300, blank=True)
    accountability = models.CharField(_("责任追究"), max_length=20, blank=True)
    status = models.CharField(_("状态"), max_length=8, choices=NegativeStatus.choices,
                              default=NegativeStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now)

    objects = NegativeQuerySet.as_manager()

    class Meta:
        app_label = "partymembers"
        verbose_name = _("负面清单")
        verbose_name_plural = _("负面清单")
        ordering = ["-found_on", "-id"]

    def __str__(self):
        return self.description


class DevelopmentPlan(models.Model):
    """The annual development plan of an organisation (county, town or branch): a quota."""

    year = models.PositiveSmallIntegerField(_("年度"))
    organisation = models.ForeignKey("party.PartyOrganisation", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("党组织"))
    quota = models.PositiveIntegerField(_("发展计划数"))
    # {sector: quota}
    quota_by_sector = models.JSONField(_("分领域计划"), default=dict, blank=True)

    class Meta:
        app_label = "partymembers"
        constraints = [models.UniqueConstraint(fields=["year", "organisation"],
                                               name="dev_plan_once")]

    def __str__(self):
        return f"{self.year} · {self.organisation_id}"
