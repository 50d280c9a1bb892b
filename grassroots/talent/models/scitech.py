"""Sci-tech town heads (科技副镇长, S4 §6.2): posts, platforms, followed projects and visits,
rotations within the "科技镇长团"."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core import uploads
from grassroots.core.files import StoredFile
from grassroots.core.policy import allows
from grassroots.core.scope import RestrictQuerySet, Scope


class PostStatus(models.TextChoices):
    NOMINATED = "nominated", _("已推荐")
    MATCHED = "matched", _("已匹配")
    APPOINTED = "appointed", _("已任命")
    SERVING = "serving", _("挂职中")
    ROTATED = "rotated", _("已轮岗")
    ASSESSED = "assessed", _("已考核")
    ENDED = "ended", _("期满结束")


class PostQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if allows(scope, "talent.scitech") or (action == "view"
                                                and allows(scope, "talent.overview")):
            return self
        q = models.Q(expert_id=scope.person_id) if scope.person_id else models.Q(pk__in=[])
        if action == "view" and allows(scope, "talent.town_reader"):
            q |= models.Q(town_id__in=scope.town_ids)
        return self.filter(q)


class SciTechPost(models.Model):
    expert = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    institution = models.CharField(_("派出单位"), max_length=80)
    expert_title = models.CharField(_("职称"), max_length=40)
    title_rank = models.PositiveSmallIntegerField(_("职称级次"), default=0)  # 2 副高, 3 正高
    has_doctorate = models.BooleanField(_("博士学位"), default=False)
    birth_date = models.DateField(_("出生日期"))
    work_years = models.PositiveSmallIntegerField(_("工作年限"))
    specialty = models.CharField(_("专业方向"), max_length=40)
    town = models.ForeignKey("places.Division", on_delete=models.PROTECT, related_name="+")
    post_title = models.CharField(_("挂职职务"), max_length=40, default="挂职副镇长")
    batch = models.CharField(_("批次"), max_length=20)
    term_start = models.DateField(_("任期起"), null=True, blank=True)
    term_end = models.DateField(_("任期止"), null=True, blank=True)
    duties = models.CharField(_("分管工作"), max_length=200, blank=True)
    appointment_no = models.CharField(_("任职文号"), max_length=40, blank=True)
    assessment = models.CharField(_("考核结果"), max_length=20, blank=True)
    rule_set = models.CharField(_("依据规则"), max_length=60, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=PostStatus.choices,
                              default=PostStatus.NOMINATED)

    objects = PostQuerySet.as_manager()

    def __str__(self):
        return f"{self.expert} · {self.post_title}"


class PlatformKind(models.TextChoices):
    STATION = "station", _("工作站")
    BASE = "base", _("实验基地")
    CENTRE = "centre", _("联合研发中心")
    SERVICE = "service", _("专家服务站")


class Platform(models.Model):
    post = models.ForeignKey(SciTechPost, on_delete=models.PROTECT, related_name="platforms")
    name = models.CharField(_("平台名称"), max_length=80)
    kind = models.CharField(_("类型"), max_length=10, choices=PlatformKind.choices)
    partner = models.CharField(_("合作单位"), max_length=80)
    town = models.ForeignKey("places.Division", on_delete=models.PROTECT, related_name="+")
    established_on = models.DateField(_("建立日期"))

    def __str__(self):
        return self.name


class TalentProject(models.Model):
    """乡土人才项目 followed by sci-tech heads."""

    owner = models.ForeignKey("talent.RuralTalent", on_delete=models.PROTECT,
                              related_name="projects")
    name = models.CharField(_("项目名称"), max_length=80)
    town = models.ForeignKey("places.Division", on_delete=models.PROTECT, related_name="+")
    industry = models.CharField(_("产业"), max_length=40)
    scale = models.CharField(_("规模"), max_length=60, blank=True)
    stage = models.CharField(_("阶段"), max_length=20, blank=True)
    posts = models.ManyToManyField(SciTechPost, related_name="projects")

    def __str__(self):
        return self.name


class VisitForm(models.TextChoices):
    ON_SITE = "on_site", _("现场")
    REMOTE = "remote", _("远程")


class FollowUpVisit(models.Model):
    project = models.ForeignKey(TalentProject, on_delete=models.PROTECT, related_name="visits")
    post = models.ForeignKey(SciTechPost, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField(_("日期"))
    form = models.CharField(_("方式"), max_length=10, choices=VisitForm.choices)
    advice = models.TextField(_("指导意见"))
    problems = models.TextField(_("存在问题"), blank=True)
    problems_solved = models.PositiveSmallIntegerField(_("解决问题数"), default=0)
    next_step = models.CharField(_("下一步"), max_length=300, blank=True)

    def __str__(self):
        return f"{self.project} {self.visited_on}"


class FollowUpPhoto(StoredFile):
    upload_dir = "talent/visits"
    upload_kinds = uploads.IMAGES
    upload_max_bytes = 10 * 1024 * 1024
    upload_max_count = 9

    visit = models.ForeignKey(FollowUpVisit, on_delete=models.CASCADE, related_name="photos")


class Rotation(models.Model):
    """科技镇长团轮岗交流."""

    post = models.ForeignKey(SciTechPost, on_delete=models.PROTECT, related_name="rotations")
    from_town = models.ForeignKey("places.Division", on_delete=models.PROTECT, related_name="+")
    to_town = models.ForeignKey("places.Division", on_delete=models.PROTECT, related_name="+")
    start_on = models.DateField(_("开始"))
    end_on = models.DateField(_("结束"))
    purpose = models.CharField(_("目的"), max_length=200)

    def __str__(self):
        return self.purpose
