"""Training bases (实训基地), courses, enrolments and incubation cases (S4 §6.3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import allows
from grassroots.core.scope import RestrictQuerySet, Scope


class BaseQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        """The county bodies read every base, the talent office changes them; town staff
        read their towns' bases, an operator his organisation's."""
        if allows(scope, "talent.bases") or (action == "view"
                                             and allows(scope, "talent.overview")):
            return self
        if action != "view":
            return self.none()
        q = models.Q(pk__in=[])
        if allows(scope, "talent.town_reader"):
            q |= models.Q(town_id__in=scope.town_ids)
        if scope.person_id:
            from grassroots.orgs.models import Membership

            from ..roles import TalentRole

            q |= models.Q(operator_org_id__in=Membership.objects.filter(
                person_id=scope.person_id, role=TalentRole.BASE_OPERATOR,
                is_active=True).values("organization_id"))
        return self.filter(q)


class IncubationQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        """The county bodies read every case, the talent office changes them; town staff read
        their towns' talents' cases, a talent his own."""
        if allows(scope, "talent.bases") or (action == "view"
                                             and allows(scope, "talent.overview")):
            return self
        if action != "view":
            return self.none()
        q = models.Q(talent__person_id=scope.person_id) if scope.person_id \
            else models.Q(pk__in=[])
        if allows(scope, "talent.town_reader"):
            q |= models.Q(talent__town_id__in=scope.town_ids)
        return self.filter(q)


class CourseQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        """A base's courses are read by whoever reads the base; the online courses (no base)
        by the county bodies; the talent office changes them all."""
        if allows(scope, "talent.bases") or (action == "view"
                                             and allows(scope, "talent.overview")):
            return self
        if action != "view":
            return self.none()
        return self.filter(base__in=TrainingBase.objects.restrict_scope(scope, action))


class BaseStatus(models.TextChoices):
    CANDIDATE = "candidate", _("申报中")
    RECOGNISED = "recognised", _("已认定")
    SUSPENDED = "suspended", _("暂停")
    REVOKED = "revoked", _("已撤销")


class TrainingBase(models.Model):
    name = models.CharField(_("基地名称"), max_length=80, unique=True)
    town = models.ForeignKey("places.Division", on_delete=models.PROTECT, related_name="+")
    specialty = models.CharField(_("特色产业"), max_length=40)
    operator = models.CharField(_("运营主体"), max_length=80)
    # The organisation whose base operators record courses and enrolments.
    operator_org = models.ForeignKey("orgs.Organization", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("地址"), max_length=120, blank=True)
    capacity = models.PositiveIntegerField(_("容纳人数"), default=0)
    recognised_on = models.DateField(_("认定日期"), null=True, blank=True)
    review_due_on = models.DateField(_("年度复核到期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=BaseStatus.choices,
                              default=BaseStatus.CANDIDATE)

    objects = BaseQuerySet.as_manager()

    def __str__(self):
        return self.name


class CourseMode(models.TextChoices):
    ONLINE = "online", _("线上")
    OFFLINE = "offline", _("线下")
    BLENDED = "blended", _("线上线下结合")


class LecturerKind(models.TextChoices):
    EXPERT = "expert", _("行业专家")
    SECRETARY = "secretary", _("优秀党支部书记")
    ACHIEVER = "achiever", _("致富能手")
    SCITECH = "scitech", _("高校专家/科技镇长")


class TrainingCourse(models.Model):
    base = models.ForeignKey(TrainingBase, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="courses")  # empty: online (云课堂)
    title = models.CharField(_("课程"), max_length=80)
    mode = models.CharField(_("方式"), max_length=10, choices=CourseMode.choices)
    practice = models.BooleanField(_("实践课"), default=False)
    lecturer = models.CharField(_("授课人"), max_length=40)
    lecturer_kind = models.CharField(_("授课人类别"), max_length=10, choices=LecturerKind.choices)
    hours = models.PositiveSmallIntegerField(_("学时"))
    held_on = models.DateField(_("日期"))

    objects = CourseQuerySet.as_manager()

    def __str__(self):
        return self.title


class Enrollment(models.Model):
    talent = models.ForeignKey("talent.RuralTalent", on_delete=models.PROTECT,
                               related_name="enrollments")
    course = models.ForeignKey(TrainingCourse, on_delete=models.PROTECT,
                               related_name="enrollments")
    attended_hours = models.PositiveSmallIntegerField(_("参训学时"), default=0)
    passed = models.BooleanField(_("结业"), default=False)
    # Empty while the trainee is enrolled and not yet decided (结业认定).
    decided_on = models.DateField(_("结业认定日期"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["talent", "course"],
                                               name="talent_enrollment_unique")]

    def __str__(self):
        return f"{self.talent} · {self.course}"


class IncubationCase(models.Model):
    """创业指导 in the county innovation park: support, policy benefits, milestones, outcome."""

    talent = models.ForeignKey("talent.RuralTalent", on_delete=models.PROTECT,
                               related_name="incubations")
    project = models.CharField(_("项目"), max_length=80)
    support_items = models.CharField(_("扶持内容"), max_length=300)
    policy_benefits = models.CharField(_("享受政策"), max_length=300, blank=True)
    milestones = models.JSONField(_("里程碑"), default=list)  # [{"on": "2025-03-01", "what": ...}]
    outcome = models.CharField(_("成效"), max_length=300, blank=True)
    stage = models.CharField(_("阶段"), max_length=20, default="incubating")
    started_on = models.DateField(_("入驻日期"))

    objects = IncubationQuerySet.as_manager()

    def __str__(self):
        return self.project
