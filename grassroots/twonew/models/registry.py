"""The register of two-new organisations (the "四清" survey: operations, staff, party members,
party organisation, investor) and the parks they stand in."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope

from .scoping import restricted


class ParkQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        return restricted(self, scope, action, park_path="pk")


class Park(models.Model):
    name = models.CharField(_("园区名称"), max_length=100, unique=True)
    level = models.CharField(_("园区级别"), max_length=20, blank=True)  # 省级/市级/县级
    division = models.ForeignKey("places.Division", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("所在镇街"))
    committee = models.ForeignKey("party.PartyOrganisation", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("园区党（工）委"))
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    objects = ParkQuerySet.as_manager()

    class Meta:
        verbose_name = _("园区")
        verbose_name_plural = _("园区")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ParkStaffRole(models.TextChoices):
    OFFICER = "officer", _("园区党委工作人员")
    CENTRE_MANAGER = "centre_manager", _("党群服务中心管理员")


class ParkStaff(models.Model):
    """Who works for a park: its party committee's officers and its centre's managers."""

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="staff",
                             verbose_name=_("园区"))
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("人员"))
    role = models.CharField(_("岗位"), max_length=16, choices=ParkStaffRole.choices)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("园区工作人员")
        verbose_name_plural = _("园区工作人员")
        constraints = [models.UniqueConstraint(fields=["park", "person", "role"],
                                               name="twonew_park_staff_unique")]

    def __str__(self):
        return f"{self.park} · {self.person}"


class OrgKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("非公有制企业")
    SOCIAL_ORG = "social_org", _("社会组织")


class OperatingStatus(models.TextChoices):
    OPERATING = "operating", _("正常经营")
    SUSPENDED = "suspended", _("停产歇业")
    CLOSED = "closed", _("注销关闭")
    ZOMBIE = "zombie", _("僵尸（空挂）企业")


# Out of every denominator [S15 摸排: 剔除"僵尸企业""空挂企业"].
EXCLUDED_STATUSES = (OperatingStatus.CLOSED, OperatingStatus.ZOMBIE)


class CoverageMode(models.TextChoices):
    OWN = "own", _("单独组建")
    JOINT = "joint", _("联合组建")
    ATTACHED = "attached", _("挂靠")
    INSTRUCTOR_ONLY = "instructor_only", _("仅选派指导员")
    NONE = "none", _("未覆盖")


class TwoNewOrgQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        return restricted(self, scope, action, park_path="park", org_path="")

    def counted(self):
        """In the denominators: not closed or zombie."""
        return self.exclude(operating_status__in=EXCLUDED_STATUSES)


class TwoNewOrg(models.Model):
    organization = models.OneToOneField("orgs.Organization", on_delete=models.PROTECT,
                                        related_name="two_new", verbose_name=_("单位"))
    name = models.CharField(_("单位名称"), max_length=100)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    kind = models.CharField(_("类别"), max_length=12, choices=OrgKind.choices,
                            default=OrgKind.ENTERPRISE)
    park = models.ForeignKey(Park, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="orgs", verbose_name=_("所在园区"))
    division = models.ForeignKey("places.Division", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("所在镇街"))
    industry = models.CharField(_("行业"), max_length=40, blank=True)
    employees = models.PositiveIntegerField(_("职工人数"), default=0)
    is_above_size = models.BooleanField(_("规模以上"), default=False)
    size_basis = models.CharField(_("规上认定依据"), max_length=60, blank=True)
    size_year = models.PositiveSmallIntegerField(_("规上认定年度"), null=True, blank=True)
    operating_status = models.CharField(_("经营状态"), max_length=10,
                                        choices=OperatingStatus.choices,
                                        default=OperatingStatus.OPERATING)
    investor = models.CharField(_("出资人"), max_length=40, blank=True)
    investor_is_member = models.BooleanField(_("出资人是党员"), default=False)
    full_members = models.PositiveIntegerField(_("正式党员数"), default=0)
    probationary_members = models.PositiveIntegerField(_("预备党员数"), default=0)
    party_org = models.ForeignKey("party.PartyOrganisation", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("所在党组织"))
    coverage_mode = models.CharField(_("覆盖方式"), max_length=16, choices=CoverageMode.choices,
                                     default=CoverageMode.NONE)
    covered_on = models.DateField(_("组织覆盖日期"), null=True, blank=True)
    instructor = models.ForeignKey("twonew.Instructor", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="orgs",
                                   verbose_name=_("党建指导员"))
    liaison = models.CharField(_("党建联络员"), max_length=40, blank=True)
    has_union = models.BooleanField(_("建立工会"), default=False)
    has_cyl = models.BooleanField(_("建立团组织"), default=False)
    surveyed_on = models.DateField(_("摸排日期"), null=True, blank=True)
    registered_on = models.DateField(_("登记日期"), default=timezone.localdate)

    objects = TwoNewOrgQuerySet.as_manager()

    class Meta:
        verbose_name = _("两新组织")
        verbose_name_plural = _("两新组织")
        ordering = ["name"]
        indexes = [models.Index(fields=["park", "operating_status"]),
                   models.Index(fields=["division", "operating_status"])]

    def __str__(self):
        return self.name


class CoverageSettings(models.Model):
    """The county's choices for the rates (one row; the defaults are [S15] and inferred)."""

    count_attached = models.BooleanField(_("挂靠计入组织覆盖"), default=False)
    work_visit_months = models.PositiveSmallIntegerField(_("工作覆盖走访期限（月）"), default=6)
    sync_due_months = models.PositiveSmallIntegerField(_("四同步期限（月）"), default=3)

    class Meta:
        verbose_name = _("两新党建统计设置")
        verbose_name_plural = _("两新党建统计设置")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "CoverageSettings":
        return cls.objects.order_by("pk").first() or cls()
