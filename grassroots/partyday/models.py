"""S3 theme party days with two-way attendance (issue #20, S3 §5.2).

A theme party day IS a meeting of the shared block (``meetings.Meeting`` kind 主题党日): the
``ThemePartyDay`` row adds what the meeting does not know — the month it fulfils, the menu items,
the invitations in both directions, lectures, the guide's comments and the suggestions raised.
Scope follows the party tree (``party_org``) like the meetings; a mass representative sees the
suggestions raised through his own invitations."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope


class ByBranchQuerySet(RestrictQuerySet):
    org_field = "branch_id"

    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        return self.filter(**{f"{self.org_field}__in": scope.ids("party_org")})


# --- the three-level menu --------------------------------------------------------------------


class MenuLevel(models.TextChoices):
    COUNTY = "county", _("县级基础菜单")
    TOWN = "town", _("乡镇加强菜单")
    VILLAGE = "village", _("村级最终菜单")


class MenuStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class MenuQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        # a county menu is guidance every party officer and secretary reads
        return self.filter(models.Q(level=MenuLevel.COUNTY)
                           | models.Q(owner_org_id__in=scope.ids("party_org")))


class ActivityMenu(models.Model):
    level = models.CharField(_("层级"), max_length=8, choices=MenuLevel.choices)
    owner_org = models.ForeignKey("party.PartyOrganisation", on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("制定党组织"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("上级菜单"))
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=10, choices=MenuStatus.choices,
                              default=MenuStatus.DRAFT)
    # the village's final choice is made at a branch-committee meeting (村级商议)
    decided_at = models.ForeignKey("meetings.Meeting", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("商定会议"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    objects = MenuQuerySet.as_manager()

    class Meta:
        verbose_name = _("主题党日活动菜单")
        verbose_name_plural = _("主题党日活动菜单")
        ordering = ["year", "level", "owner_org_id"]
        constraints = [models.UniqueConstraint(fields=["owner_org", "year"],
                                               name="partyday_menu_once")]

    def __str__(self):
        return f"{self.year} {self.get_level_display()}"


class ItemCategory(models.TextChoices):
    STUDY = "study", _("理论学习")
    EDUCATION = "education", _("党性教育")
    DELIBERATION = "deliberation", _("民主议事")
    VOLUNTEER = "volunteer", _("志愿服务")
    PRACTICAL = "practical", _("为民办实事")
    SKILLS = "skills", _("技能培训")
    RED = "red", _("红色教育")
    OTHER = "other", _("其他")


class LecturerKind(models.TextChoices):
    RICH_FARMER = "rich_farmer", _("农村致富带头人")
    SCHOOL_TEACHER = "school_teacher", _("党校老师")
    EXPERT = "expert", _("专业技术人才")


class MenuItem(models.Model):
    menu = models.ForeignKey(ActivityMenu, on_delete=models.CASCADE, related_name="items",
                             verbose_name=_("菜单"))
    title = models.CharField(_("活动事项"), max_length=100)
    category = models.CharField(_("类别"), max_length=14, choices=ItemCategory.choices)
    description = models.TextField(_("内容说明"), blank=True)
    suggested_attendees = models.CharField(_("建议列席人员"), max_length=100, blank=True)
    suggested_lecturer_kind = models.CharField(_("建议讲师类别"), max_length=16, blank=True,
                                               choices=LecturerKind.choices)
    origin = models.CharField(_("来源层级"), max_length=8, choices=MenuLevel.choices)
    inherited_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="copies", verbose_name=_("继承自"))
    # a county item on a town menu is never removed, only marked not applicable
    not_applicable = models.BooleanField(_("不适用"), default=False)
    not_applicable_reason = models.CharField(_("不适用理由"), max_length=200, blank=True)
    origin_demand = models.ForeignKey("demands.Demand", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+",
                                      verbose_name=_("所据群众诉求"))

    class Meta:
        verbose_name = _("菜单事项")
        verbose_name_plural = _("菜单事项")
        ordering = ["menu_id", "id"]
        constraints = [models.UniqueConstraint(
            fields=["menu", "inherited_from"], condition=models.Q(inherited_from__isnull=False),
            name="partyday_item_inherited_once")]

    def __str__(self):
        return self.title


# --- the theme party day ---------------------------------------------------------------------


class DayStatus(models.TextChoices):
    PLANNED = "planned", _("已计划")
    INVITED = "invited", _("已邀请")
    HELD = "held", _("已开展")
    SUGGESTIONS_RECORDED = "suggestions", _("意见建议已登记")
    CLOSED = "closed", _("已办结")


HELD_STATUSES = (DayStatus.HELD, DayStatus.SUGGESTIONS_RECORDED, DayStatus.CLOSED)


class ThemePartyDayQuerySet(ByBranchQuerySet):
    pass


class ThemePartyDay(models.Model):
    branch = models.ForeignKey("party.PartyOrganisation", on_delete=models.PROTECT,
                               related_name="theme_days", verbose_name=_("党支部"))
    # the branch's town (division), kept for the by-town statistics and not-held lists
    town = models.ForeignKey("places.Division", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("所在镇街"))
    month = models.DateField(_("月份"))  # the first day of the month
    meeting = models.OneToOneField("meetings.Meeting", on_delete=models.PROTECT,
                                   related_name="theme_day", verbose_name=_("会议"))
    menu_items = models.ManyToManyField(MenuItem, blank=True, related_name="theme_days",
                                        verbose_name=_("菜单事项"))
    theme = models.CharField(_("活动主题"), max_length=120)
    planned_on = models.DateField(_("计划日期"))
    place = models.CharField(_("地点"), max_length=100, blank=True)
    host = models.CharField(_("主持人"), max_length=40, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=DayStatus.choices,
                              default=DayStatus.PLANNED, db_index=True)
    is_town_secretary_branch = models.BooleanField(_("乡镇党委书记所在支部"), default=False)
    held_at = models.DateTimeField(_("开展时间"), null=True, blank=True)
    minutes = models.TextField(_("活动记录"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    objects = ThemePartyDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("主题党日")
        verbose_name_plural = _("主题党日")
        ordering = ["-month", "branch_id"]
        constraints = [models.UniqueConstraint(fields=["branch", "month"],
                                               name="partyday_day_once_a_month")]
        indexes = [models.Index(fields=["town", "month", "status"]),
                   models.Index(fields=["month", "status"])]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.theme}"


class InviteeKind(models.TextChoices):
    MASS_REP = "mass_rep", _("群众代表")
    ACTIVIST = "activist", _("入党积极分子")
    TOWN_STAFF = "town_staff", _("乡镇派员（包保领导/机关党员）")
    COUNTY_STAFF = "county_staff", _("县委组织部工作人员")
    VILLAGE_SECRETARY = "village_secretary", _("村党组织书记")
    LECTURER = "lecturer", _("讲师")


DOWNWARD_KINDS = (InviteeKind.MASS_REP, InviteeKind.ACTIVIST)
UPWARD_KINDS = (InviteeKind.COUNTY_STAFF, InviteeKind.VILLAGE_SECRETARY)


class InvitationResponse(models.TextChoices):
    PENDING = "pending", _("待答复")
    ACCEPTED = "accepted", _("接受")
    DECLINED = "declined", _("谢绝")


class InvitationQuerySet(ByBranchQuerySet):
    org_field = "theme_day__branch_id"

    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        # the branch's officers, and the invitee himself (he answers it)
        return self.filter(models.Q(theme_day__branch_id__in=scope.ids("party_org"))
                           | models.Q(person_id=scope.person_id or 0))


class Invitation(models.Model):
    theme_day = models.ForeignKey(ThemePartyDay, on_delete=models.CASCADE,
                                  related_name="invitations", verbose_name=_("主题党日"))
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("受邀人"))
    kind = models.CharField(_("列席类别"), max_length=18, choices=InviteeKind.choices)
    lecturer_kind = models.CharField(_("讲师类别"), max_length=16, blank=True,
                                     choices=LecturerKind.choices)
    # 知情权、话语权、参与权、监督权 of an attending organ party member (rules.py)
    rights = models.JSONField(_("权利"), default=list, blank=True)
    sent_on = models.DateField(_("邀请日期"))
    response = models.CharField(_("答复"), max_length=10, choices=InvitationResponse.choices,
                                default=InvitationResponse.PENDING)
    responded_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    attended = models.BooleanField(_("到会"), default=False)
    signed_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("列席邀请")
        verbose_name_plural = _("列席邀请")
        ordering = ["theme_day_id", "kind", "id"]
        constraints = [models.UniqueConstraint(fields=["theme_day", "person"],
                                               name="partyday_invited_once")]
        indexes = [models.Index(fields=["kind", "attended"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.person_id}"


class LectureQuerySet(ByBranchQuerySet):
    org_field = "theme_day__branch_id"


class Lecture(models.Model):
    theme_day = models.ForeignKey(ThemePartyDay, on_delete=models.CASCADE,
                                  related_name="lectures", verbose_name=_("主题党日"))
    lecturer = models.CharField(_("讲师"), max_length=40)
    lecturer_kind = models.CharField(_("讲师类别"), max_length=16, choices=LecturerKind.choices)
    topic = models.CharField(_("讲课题目"), max_length=120)
    given_on = models.DateField(_("讲课日期"))

    objects = LectureQuerySet.as_manager()

    class Meta:
        verbose_name = _("讲课")
        verbose_name_plural = _("讲课")
        ordering = ["-given_on", "id"]

    def __str__(self):
        return self.topic


class GuideCommentQuerySet(ByBranchQuerySet):
    org_field = "theme_day__branch_id"


class GuideComment(models.Model):
    """点评: the town's guide on a member's performance (an input to organisation rating)."""

    theme_day = models.ForeignKey(ThemePartyDay, on_delete=models.CASCADE,
                                  related_name="comments", verbose_name=_("主题党日"))
    member = models.ForeignKey("party.PartyMember", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("党员"))
    text = models.TextField(_("点评"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("点评时间"), default=timezone.now)

    objects = GuideCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("党员点评")
        verbose_name_plural = _("党员点评")
        ordering = ["theme_day_id", "id"]

    def __str__(self):
        return self.text[:30]


from .models_registers import (  # noqa: E402,F401 - split by sub-area, one models module
    ContactLog,
    DemonstrationSite,
    MassRepresentative,
    SiteKind,
    SiteStatus,
    Suggestion,
    SuggestionDecision,
    SuggestionKind,
    SuggestionStatus,
)
