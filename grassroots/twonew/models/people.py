"""Instructors ("红帆"党建指导员) and their visits, mentor pairs, secretary training classes,
the secretaries' dual organisational life, the lecturer pool and its lectures."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope

from .scoping import county_wide, restricted


class InstructorQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if county_wide(scope):
            return self
        q = Q(orgs__park_id__in=scope.ids("twonew_park")) if action == "view" else Q(
            orgs__park_id__in=scope.ids("twonew_park_manage"))
        if scope.person_id and action == "view":
            q |= Q(person_id=scope.person_id)
        return self.filter(q).distinct()


class Instructor(models.Model):
    person = models.OneToOneField("people.Person", on_delete=models.PROTECT,
                                  related_name="twonew_instructor", verbose_name=_("指导员"))
    source = models.CharField(_("来源"), max_length=30, blank=True)  # 机关/园区/退休干部
    appointed_on = models.DateField(_("选派日期"))
    term_years = models.PositiveSmallIntegerField(_("任期（年）"), default=3)
    is_active = models.BooleanField(_("在任"), default=True)

    objects = InstructorQuerySet.as_manager()

    class Meta:
        verbose_name = _("党建指导员")
        verbose_name_plural = _("党建指导员")
        ordering = ["pk"]

    def __str__(self):
        return self.person.name


class VisitPurpose(models.TextChoices):
    FOUNDING = "founding", _("指导组建")
    MEETINGS = "meetings", _("三会一课")
    DEVELOPMENT = "development", _("发展党员")
    POLICY = "policy", _("政策宣讲")


class VisitorKind(models.TextChoices):
    INSTRUCTOR = "instructor", _("党建指导员")
    LIAISON = "liaison", _("党建联络员")


class VisitQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        return restricted(self, scope, action, park_path="org__park", org_path="org")


class InstructorVisit(models.Model):
    org = models.ForeignKey("twonew.TwoNewOrg", on_delete=models.PROTECT, related_name="visits",
                            verbose_name=_("走访单位"))
    instructor = models.ForeignKey(Instructor, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="visits", verbose_name=_("指导员"))
    visitor_kind = models.CharField(_("走访人身份"), max_length=10, choices=VisitorKind.choices,
                                    default=VisitorKind.INSTRUCTOR)
    visited_on = models.DateField(_("走访日期"), db_index=True)
    purpose = models.CharField(_("走访事由"), max_length=12, choices=VisitPurpose.choices)
    findings = models.TextField(_("发现问题"), blank=True)
    follow_ups = models.TextField(_("跟进措施"), blank=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("指导员走访记录")
        verbose_name_plural = _("指导员走访记录")
        ordering = ["-visited_on", "-pk"]

    def __str__(self):
        return f"{self.org} {self.visited_on}"


class Mentorship(models.Model):
    """A party-building mentor (党建导师) paired with a new secretary."""

    mentor = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("党建导师"))
    secretary = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("结对书记"))
    org = models.ForeignKey("twonew.TwoNewOrg", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="+", verbose_name=_("书记所在单位"))
    started_on = models.DateField(_("结对日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    sessions = models.PositiveSmallIntegerField(_("帮带次数"), default=0)

    class Meta:
        verbose_name = _("党建导师结对")
        verbose_name_plural = _("党建导师结对")
        ordering = ["-started_on", "pk"]

    def __str__(self):
        return f"{self.mentor} → {self.secretary}"


class TrainingClass(models.Model):
    """A secretaries' training class (书记培训班): its 期次, dates, hours, venue, curriculum."""

    number = models.PositiveSmallIntegerField(_("期次"), unique=True)
    title = models.CharField(_("名称"), max_length=100)
    starts_on = models.DateField(_("开班日期"))
    ends_on = models.DateField(_("结业日期"))
    hours = models.PositiveSmallIntegerField(_("学时"), default=24)
    venue = models.CharField(_("地点"), max_length=100, blank=True)
    curriculum = models.TextField(_("课程安排"), blank=True)

    class Meta:
        verbose_name = _("书记培训班")
        verbose_name_plural = _("书记培训班")
        ordering = ["number"]

    def __str__(self):
        return self.title


class Trainee(models.Model):
    training_class = models.ForeignKey(TrainingClass, on_delete=models.PROTECT,
                                       related_name="trainees", verbose_name=_("培训班"))
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("学员"))
    org = models.ForeignKey("twonew.TwoNewOrg", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="+", verbose_name=_("所在单位"))
    attended_hours = models.PositiveSmallIntegerField(_("参训学时"), default=0)
    passed = models.BooleanField(_("结业"), default=False)

    class Meta:
        verbose_name = _("培训学员")
        verbose_name_plural = _("培训学员")
        constraints = [models.UniqueConstraint(fields=["training_class", "person"],
                                               name="twonew_trainee_unique")]

    def __str__(self):
        return str(self.person)


class DualOrgLife(models.Model):
    """A secretary's two organisational-life meetings of a year: his enterprise branch's and
    the park committee's (双重组织生活会)."""

    secretary = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("书记"))
    org = models.ForeignKey("twonew.TwoNewOrg", on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("所在单位"))
    year = models.PositiveSmallIntegerField(_("年度"))
    branch_meeting_on = models.DateField(_("所在支部组织生活会"), null=True, blank=True)
    park_meeting_on = models.DateField(_("园区党委组织生活会"), null=True, blank=True)
    notes = models.TextField(_("记录"), blank=True)

    class Meta:
        verbose_name = _("双重组织生活会")
        verbose_name_plural = _("双重组织生活会")
        constraints = [models.UniqueConstraint(fields=["secretary", "year"],
                                               name="twonew_dual_life_unique")]

    def __str__(self):
        return f"{self.secretary} {self.year}"


class Lecturer(models.Model):
    """The party-school expert and teacher pool (党校专家库/师资库)."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT,
                                  related_name="twonew_lecturer", verbose_name=_("讲师"))
    institution = models.CharField(_("所在单位"), max_length=60)  # 市委党校/县委党校/…
    topics = models.CharField(_("擅长专题"), max_length=200, blank=True)
    is_active = models.BooleanField(_("在库"), default=True)

    class Meta:
        verbose_name = _("讲师")
        verbose_name_plural = _("讲师库")
        ordering = ["institution", "pk"]

    def __str__(self):
        return self.person.name


class LectureKind(models.TextChoices):
    THEORY = "theory", _("理论宣讲")
    POLICY = "policy", _("政策解读")
    HISTORY = "history", _("党史教育")


class Lecture(models.Model):
    lecturer = models.ForeignKey(Lecturer, on_delete=models.PROTECT, related_name="lectures",
                                 verbose_name=_("讲师"))
    host = models.ForeignKey("twonew.TwoNewOrg", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="lectures", verbose_name=_("授课单位"))
    given_on = models.DateField(_("授课日期"))
    kind = models.CharField(_("类别"), max_length=10, choices=LectureKind.choices)
    topic = models.CharField(_("题目"), max_length=100)
    audience = models.PositiveIntegerField(_("听课人数"), default=0)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("送课记录")
        verbose_name_plural = _("送课记录")
        ordering = ["-given_on", "-pk"]

    def __str__(self):
        return self.topic
