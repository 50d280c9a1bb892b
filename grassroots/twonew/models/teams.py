"""Red teams (红色班组, 6 kinds as data) and the problems they take on; worker matters
("我为职工办实事") that may become S1 demands; resources shared between organisations."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope

from .scoping import restricted


class RedTeamKind(models.Model):
    """The kinds are data (migration 0002 ships 科技研发, 技术攻关, 设备运营, 质量管控, 安全生产,
    营销服务); a county may add or retire kinds."""

    code = models.CharField(_("编码"), max_length=20, unique=True)
    name = models.CharField(_("名称"), max_length=30, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    # The six kinds Weishan names (migration 0002 ships its own frozen copy).
    DEFAULTS = (("research", "科技研发", 1), ("breakthrough", "技术攻关", 2),
                ("equipment", "设备运营", 3), ("quality", "质量管控", 4), ("safety", "安全生产", 5),
                ("marketing", "营销服务", 6))

    class Meta:
        verbose_name = _("红色班组类别")
        verbose_name_plural = _("红色班组类别")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name

    @classmethod
    def ensure_defaults(cls) -> None:
        """The shipped kinds, where a database lost its migration data (a flushed test db)."""
        for code, name, order in cls.DEFAULTS:
            cls.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class RedTeamQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        return restricted(self, scope, action, park_path="org__park", org_path="org")


class RedTeam(models.Model):
    org = models.ForeignKey("twonew.TwoNewOrg", on_delete=models.PROTECT, related_name="red_teams",
                            verbose_name=_("所在企业"))
    kind = models.ForeignKey(RedTeamKind, on_delete=models.PROTECT, related_name="teams",
                             verbose_name=_("类别"))
    name = models.CharField(_("班组名称"), max_length=60)
    leader = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("班组长"))
    founded_on = models.DateField(_("成立日期"))

    objects = RedTeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("红色班组")
        verbose_name_plural = _("红色班组")
        ordering = ["org_id", "pk"]

    def __str__(self):
        return self.name


class RedTeamMember(models.Model):
    team = models.ForeignKey(RedTeam, on_delete=models.CASCADE, related_name="members",
                             verbose_name=_("班组"))
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("成员"))
    is_party_member = models.BooleanField(_("党员"), default=False)

    class Meta:
        verbose_name = _("班组成员")
        verbose_name_plural = _("班组成员")
        constraints = [models.UniqueConstraint(fields=["team", "person"],
                                               name="twonew_team_member_unique")]

    def __str__(self):
        return str(self.person)


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("待攻关")
    IN_PROGRESS = "in_progress", _("攻关中")
    SOLVED = "solved", _("已解决")
    ABANDONED = "abandoned", _("已放弃")


class ProblemQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        return restricted(self, scope, action, park_path="team__org__park", org_path="team__org")


class TeamProblem(models.Model):
    team = models.ForeignKey(RedTeam, on_delete=models.PROTECT, related_name="problems",
                             verbose_name=_("班组"))
    title = models.CharField(_("攻关课题"), max_length=100)
    description = models.TextField(_("说明"), blank=True)
    raised_on = models.DateField(_("立项日期"))
    status = models.CharField(_("状态"), max_length=12, choices=ProblemStatus.choices,
                              default=ProblemStatus.OPEN)
    solved_on = models.DateField(_("解决日期"), null=True, blank=True)
    benefit = models.CharField(_("成效"), max_length=200, blank=True)
    benefit_yuan = models.DecimalField(_("经济效益（元）"), max_digits=14, decimal_places=2,
                                       null=True, blank=True)

    objects = ProblemQuerySet.as_manager()

    class Meta:
        verbose_name = _("攻关课题")
        verbose_name_plural = _("攻关课题")
        ordering = ["-raised_on", "-pk"]

    def __str__(self):
        return self.title


class MatterStatus(models.TextChoices):
    OPEN = "open", _("办理中")
    SOLVED = "solved", _("已办结")


class MatterQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        return restricted(self, scope, action, park_path="org__park", org_path="org")


class WorkerMatter(models.Model):
    org = models.ForeignKey("twonew.TwoNewOrg", on_delete=models.PROTECT,
                            related_name="worker_matters", verbose_name=_("单位"))
    raised_by = models.CharField(_("提出人"), max_length=40)
    content = models.TextField(_("事项内容"))
    raised_on = models.DateField(_("提出日期"))
    status = models.CharField(_("状态"), max_length=8, choices=MatterStatus.choices,
                              default=MatterStatus.OPEN)
    solved_on = models.DateField(_("办结日期"), null=True, blank=True)
    result = models.CharField(_("办理结果"), max_length=200, blank=True)
    demand = models.OneToOneField("demands.Demand", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("转入民意诉求"))
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    objects = MatterQuerySet.as_manager()

    class Meta:
        verbose_name = _("职工实事")
        verbose_name_plural = _("职工实事")
        ordering = ["-raised_on", "-pk"]

    def __str__(self):
        return self.content[:30]


class ShareTag(models.TextChoices):
    BUILD = "build", _("组织共建")
    DEVELOP = "develop", _("发展共促")
    TALENT = "talent", _("人才共育")
    SERVICE = "service", _("服务共享")


class SharedResource(models.Model):
    host = models.ForeignKey("twonew.TwoNewOrg", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("提供单位"))
    name = models.CharField(_("资源名称"), max_length=100)
    tag = models.CharField(_("共享类别"), max_length=10, choices=ShareTag.choices)
    description = models.TextField(_("说明"), blank=True)
    sharing_orgs = models.ManyToManyField("twonew.TwoNewOrg", blank=True, related_name="+",
                                          verbose_name=_("共享单位"))
    events = models.PositiveIntegerField(_("共享活动次数"), default=0)

    class Meta:
        verbose_name = _("共享资源")
        verbose_name_plural = _("共享资源")
        ordering = ["pk"]

    def __str__(self):
        return self.name
