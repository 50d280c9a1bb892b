"""The party-organisation tree beside the administrative one, and the minimal record of who is a
member of which organisation (S2 extends ``PartyMember``). Scope follows this tree: ``path`` is a
materialised path ("/1/4/9/") so a subtree is one ``startswith`` filter, not a recursive walk."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope

from .roles import PartyRole


class OrgKind(models.TextChoices):
    COUNTY_COMMITTEE = "county_committee", _("县委")
    BASE_COMMITTEE = "base_committee", _("基层党委")
    GENERAL_BRANCH = "general_branch", _("党总支")
    BRANCH = "branch", _("党支部")
    JOINT_BRANCH = "joint_branch", _("联合党支部")
    TEMPORARY_BRANCH = "temporary_branch", _("临时党支部")
    FUNCTIONAL_BRANCH = "functional_branch", _("功能型党支部")


# Kinds that are branches (they hold members directly and elect at most a branch committee).
BRANCH_KINDS = (OrgKind.BRANCH, OrgKind.JOINT_BRANCH, OrgKind.TEMPORARY_BRANCH,
                OrgKind.FUNCTIONAL_BRANCH)
COMMITTEE_KINDS = (OrgKind.COUNTY_COMMITTEE, OrgKind.BASE_COMMITTEE)


class BaseType(models.TextChoices):
    """What a base committee is set up for (blank for every other kind)."""

    TOWN = "town", _("镇（街道）党（工）委")
    PARK = "park", _("园区党委")
    SYSTEM = "system", _("系统党委")


class SpecialKind(models.TextChoices):
    NONE = "", _("无")
    EIGHTH_BRANCH = "eighth_branch", _("第八党支部")
    MOBILE_MEMBERS = "mobile_members", _("流动党员党组织")
    RETIREES = "retirees", _("离退休党员党工委")
    PARK = "park", _("园区党委")


class OrgField(models.TextChoices):
    """The four fields of the "1+4" scheme."""

    RURAL = "rural", _("农村")
    URBAN_COMMUNITY = "urban_community", _("城市社区")
    TWO_NEW = "two_new", _("“两新”组织")
    ORGAN_INSTITUTION = "organ_institution", _("机关事业单位")


class PartyOrganisationQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        if action == "view":
            return self.filter(pk__in=scope.ids("party_org") | scope.ids("party_org_own"))
        return self.filter(pk__in=scope.ids("party_org_manage"))

    def subtree_of(self, org):
        return self.filter(path__startswith=org.path)

    def active(self):
        return self.filter(is_active=True)


class PartyOrganisation(models.Model):
    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(_("类型"), max_length=20, choices=OrgKind.choices)
    base_type = models.CharField(_("党委类别"), max_length=10, choices=BaseType.choices,
                                 blank=True)
    special_kind = models.CharField(_("特殊类型"), max_length=16, choices=SpecialKind.choices,
                                    blank=True, default=SpecialKind.NONE)
    field = models.CharField(_("领域"), max_length=20, choices=OrgField.choices, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("上级党组织"),
    )
    # "/<root id>/…/<own id>/": kept by the services so scope is one prefix filter.
    path = models.CharField(_("路径"), max_length=255, blank=True, db_index=True, editable=False)
    division = models.ForeignKey(
        "places.Division", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("所在区划"),
    )
    # The unit the organisation is set up in (an enterprise, a department), where it has one.
    unit = models.ForeignKey(
        "orgs.Organization", null=True, blank=True, on_delete=models.PROTECT,
        related_name="party_organisations", verbose_name=_("所在单位"),
    )
    # A joint branch's units (at most five, rules.py).
    covered_units = models.ManyToManyField(
        "orgs.Organization", blank=True, related_name="joint_party_branches",
        verbose_name=_("联合单位"),
    )
    has_approval_authority = models.BooleanField(_("具有审批预备党员权限"), default=False)
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    approval_doc_no = models.CharField(_("批准文号"), max_length=60, blank=True)
    # The committee term: years as data (5 village/community, 3 otherwise, rules.py).
    term_years = models.PositiveSmallIntegerField(_("任期（年）"), default=3)
    elected_on = models.DateField(_("本届选举日期"), null=True, blank=True)
    term_due_on = models.DateField(_("换届到期日"), null=True, blank=True, db_index=True)
    has_committee = models.BooleanField(_("设委员会"), default=False)
    secretary = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT,
        related_name="party_secretary_of", verbose_name=_("书记"),
    )
    is_active = models.BooleanField(_("有效"), default=True)
    closed_on = models.DateField(_("撤销日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    objects = PartyOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("党组织")
        verbose_name_plural = _("党组织")
        ordering = ["path"]
        indexes = [models.Index(fields=["kind", "is_active"])]

    def __str__(self):
        return self.name

    @property
    def is_branch(self) -> bool:
        return self.kind in BRANCH_KINDS

    @property
    def depth(self) -> int:
        return max(self.path.count("/") - 2, 0)

    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/") if p][:-1]


class MemberStatus(models.TextChoices):
    FULL = "full", _("正式党员")
    PROBATIONARY = "probationary", _("预备党员")
    # S2 member records (partymembers.records): the statuses a record reaches after membership.
    SUSPENDED = "suspended", _("停止党籍")
    REMOVED = "removed", _("除名")
    DECEASED = "deceased", _("死亡")
    LEFT = "left", _("退党")


# The statuses a member is added with (the others are reached through S2's services).
ENTRY_STATUSES = (MemberStatus.FULL, MemberStatus.PROBATIONARY)


class DuesCategory(models.TextChoices):
    """The member category that drives the dues rule (00-common §2.1 [S8])."""

    EMPLOYED = "employed", _("在职")
    RETIRED = "retired", _("离退休")
    FARMER = "farmer", _("农民")
    STUDENT = "student", _("学生")
    SELF_EMPLOYED = "self_employed", _("个体/自由职业")
    UNEMPLOYED = "unemployed", _("下岗失业")
    RELIEF = "relief", _("低保/救济")
    OTHER = "other", _("其他")


class MemberEndReason(models.TextChoices):
    TRANSFER_OUT = "transfer_out", _("转出")
    DECEASED = "deceased", _("死亡")
    EXPELLED = "expelled", _("出党")
    OTHER = "other", _("其他")


class PartyMemberQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        if action == "view":
            q = models.Q(organisation_id__in=scope.ids("party_org"))
            if scope.person_id:
                q |= models.Q(person_id=scope.person_id)  # a member sees his own record
            return self.filter(q)
        return self.filter(organisation_id__in=scope.ids("party_org_manage"))

    def current(self):
        return self.filter(is_active=True)


class PartyMember(models.Model):
    """A person's membership of one party organisation (the minimal record; S2 extends it).
    The columns beyond the core are those of the national party-member system's export."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="party_member",
        verbose_name=_("人员"),
    )
    organisation = models.ForeignKey(
        PartyOrganisation, on_delete=models.PROTECT, related_name="members",
        verbose_name=_("所在党组织"),
    )
    status = models.CharField(_("党员状态"), max_length=14, choices=MemberStatus.choices)
    joined_on = models.DateField(_("入党日期"))
    full_on = models.DateField(_("转正日期"), null=True, blank=True)
    is_active = models.BooleanField(_("在册"), default=True)
    ended_on = models.DateField(_("减少日期"), null=True, blank=True)
    end_reason = models.CharField(_("减少原因"), max_length=14, choices=MemberEndReason.choices,
                                  blank=True)
    # National-system export columns kept as given (free text there, free text here).
    ethnicity = models.CharField(_("民族"), max_length=20, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    education = models.CharField(_("学历"), max_length=30, blank=True)
    degree = models.CharField(_("学位"), max_length=30, blank=True)
    category = models.CharField(_("人员类别"), max_length=30, blank=True)
    job = models.CharField(_("工作岗位"), max_length=60, blank=True)
    technical_title = models.CharField(_("从事专业技术职务"), max_length=60, blank=True)
    social_stratum = models.CharField(_("新社会阶层类型"), max_length=60, blank=True)
    is_migrant_worker = models.BooleanField(_("是否农民工"), default=False)
    residence = models.CharField(_("现居住地"), max_length=120, blank=True)
    hukou_place = models.CharField(_("户籍所在地"), max_length=120, blank=True)
    is_lost_contact = models.BooleanField(_("是否失联党员"), default=False)
    is_mobile = models.BooleanField(_("是否流动党员"), default=False)
    party_age_correction = models.SmallIntegerField(_("党龄校正值"), default=0)
    join_type = models.CharField(_("入党类型"), max_length=30, blank=True)
    branch_when_joined = models.CharField(_("入党时所在支部"), max_length=100, blank=True)
    probation_extension = models.CharField(_("延长预备期时间"), max_length=30, blank=True)
    registered_on = models.DateField(_("党员注册时间"), null=True, blank=True)
    increase_info = models.CharField(_("党员增加信息"), max_length=100, blank=True)
    decrease_info = models.CharField(_("党员减少信息"), max_length=100, blank=True)
    # S2 member records (partymembers.records, migration 0002_member_records).
    dues_category = models.CharField(_("党费类别"), max_length=16, choices=DuesCategory.choices,
                                     blank=True)
    mobile_destination = models.CharField(_("流动去向"), max_length=120, blank=True)
    mobile_since = models.DateField(_("外出流动日期"), null=True, blank=True)
    mobile_org = models.ForeignKey(
        PartyOrganisation, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="mobile_members", verbose_name=_("参加组织生活的流动党员党组织"),
    )
    lost_contact_since = models.DateField(_("失联日期"), null=True, blank=True)
    suspended_on = models.DateField(_("停止党籍日期"), null=True, blank=True)
    exempt_reason = models.CharField(_("免于参加组织生活的原因"), max_length=100, blank=True)
    exempt_approved_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("免于参加批准人"),
    )
    exempt_approved_on = models.DateField(_("批准免于参加日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    objects = PartyMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("党员")
        verbose_name_plural = _("党员")
        ordering = ["organisation_id", "id"]
        indexes = [models.Index(fields=["organisation", "is_active", "status"])]

    def __str__(self):
        return f"{self.person} · {self.organisation}"

    def party_age_on(self, day) -> int | None:
        """Party age in whole years on ``day``: from conversion (full_on) [S6 art. 7], plus the
        national system's correction (党龄校正值); None for a probationary member."""
        if self.full_on is None:
            return None
        years = day.year - self.full_on.year - (
            (day.month, day.day) < (self.full_on.month, self.full_on.day))
        return max(years + self.party_age_correction, 0)


class PartyPostQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        if action == "view":
            return self.filter(organisation_id__in=scope.ids("party_org"))
        return self.filter(organisation_id__in=scope.ids("party_org_manage"))


class PartyPost(models.Model):
    """A post in a party organisation that gives scope over its subtree: the organisation
    officer (组织委员/组织员) of a town's or park's committee. A secretary is
    ``PartyOrganisation.secretary``; the county organisation department is an orgs membership."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="party_posts",
        verbose_name=_("人员"),
    )
    organisation = models.ForeignKey(
        PartyOrganisation, on_delete=models.PROTECT, related_name="posts",
        verbose_name=_("党组织"),
    )
    role = models.CharField(_("岗位"), max_length=24, choices=[
        (PartyRole.ORG_OFFICER.value, PartyRole.ORG_OFFICER.label),
    ], default=PartyRole.ORG_OFFICER)
    title = models.CharField(_("职务"), max_length=30, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)
    started_on = models.DateField(_("任职日期"), default=timezone.localdate)
    ended_on = models.DateField(_("离任日期"), null=True, blank=True)

    objects = PartyPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("党组织岗位")
        verbose_name_plural = _("党组织岗位")
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation", "role"],
                                    condition=models.Q(is_active=True),
                                    name="party_post_unique_active"),
        ]

    def __str__(self):
        return f"{self.person} · {self.organisation} · {self.get_role_display()}"
