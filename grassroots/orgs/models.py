from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Role, Scope, role_choices


class OrganizationKind(models.TextChoices):
    COUNTY_GOVERNMENT = "county_gov", _("县委县政府")
    DEPARTMENT = "department", _("县直部门")
    TOWN = "town", _("镇（街道）")
    VILLAGE_COMMITTEE = "village_committee", _("村（居）委会")
    DISPATCH_CENTRE = "dispatch_centre", _("县派单中心")
    SUPERVISION_OFFICE = "supervision_office", _("县督查室")
    PARTY_ORGANIZATION = "party_org", _("党组织")
    ENTERPRISE = "enterprise", _("企业（公共服务）")


class OrganizationQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.is_admin:
            return self
        if action == "view" and scope.is_staff_member:
            return self  # staff pick units when dispatching and need the directory
        if action == "view":
            return self.filter(is_handling_unit=True)
        return self.none()

    def handling_units(self):
        return self.filter(is_handling_unit=True, is_active=True)


class Organization(models.Model):
    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    code = models.CharField(_("编码"), max_length=30, unique=True)
    kind = models.CharField(_("类型"), max_length=24, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("上级组织"),
    )
    # For a town or village committee: the division it governs.
    division = models.ForeignKey(
        "places.Division", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("对应区划"),
    )
    divisions = models.ManyToManyField(
        "places.Division", blank=True, related_name="organizations", verbose_name=_("服务区划"),
    )
    is_handling_unit = models.BooleanField(_("承办单位"), default=False)
    is_active = models.BooleanField(_("启用"), default=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    # Leader sign-off (办结把关): a handler's reply / extension request waits in the unit
    # leader's queue before it reaches the citizen / the dispatch centre.
    signoff_replies = models.BooleanField(_("答复需单位负责人审核"), default=False)
    signoff_extensions = models.BooleanField(_("延期申请需单位负责人审核"), default=False)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("组织机构")
        verbose_name_plural = _("组织机构")
        ordering = ["code"]

    def __str__(self):
        return self.short_name or self.name

    def leader_users(self):
        from .selectors import users_with_role

        return users_with_role(Role.UNIT_LEADER, organization=self)

    def staff_users(self, roles=(Role.HANDLER, Role.UNIT_LEADER)):
        from .selectors import users_with_role

        return users_with_role(roles, organization=self)


class Membership(models.Model):
    """A person's role in an organisation; the basis of their scope."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="memberships",
        verbose_name=_("人员"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships",
        verbose_name=_("组织"),
    )
    role = models.CharField(_("角色"), max_length=24, choices=role_choices)
    title = models.CharField(_("职务"), max_length=60, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)
    started_at = models.DateTimeField(_("开始时间"), default=timezone.now)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("任职")
        verbose_name_plural = _("任职")
        indexes = [models.Index(fields=["person", "is_active"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organization", "role"], condition=models.Q(is_active=True),
                name="membership_unique_active",
            )
        ]

    def __str__(self):
        return f"{self.person} · {self.organization} · {self.get_role_display()}"
