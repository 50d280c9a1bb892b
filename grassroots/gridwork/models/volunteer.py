from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope

from .scoping import is_county_manager, sees_county


class VolunteerKind(models.TextChoices):
    ENVIRONMENT = "environment", _("环境整治")
    HARVEST = "harvest", _("助农秋收")
    EPIDEMIC = "epidemic", _("疫情防控")
    ANTI_FRAUD = "anti_fraud", _("反诈宣传")
    SHOW = "show", _("文艺演出")
    CLINIC = "clinic", _("义诊理发")
    OTHER = "other", _("其他")


class VolunteerQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if is_county_manager(scope):
            return self
        if action == "view" and sees_county(scope):
            return self
        q = models.Q(grid_id__in=scope.grid_ids) if scope.grid_ids else models.Q(pk__in=[])
        if scope.town_ids:
            q |= models.Q(division__town_id__in=scope.town_ids)
        if scope.user_id and action == "view":
            q |= models.Q(created_by_id=scope.user_id)
        return self.filter(q)


class VolunteerActivity(models.Model):
    """志愿服务: one activity in a grid or a village/community, with how many took part."""

    title = models.CharField(_("活动名称"), max_length=100)
    kind = models.CharField(_("活动类型"), max_length=12, choices=VolunteerKind.choices)
    organiser = models.ForeignKey("orgs.Organization", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("组织单位"))
    grid = models.ForeignKey("places.Grid", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="volunteer_activities", verbose_name=_("网格"))
    division = models.ForeignKey("places.Division", on_delete=models.PROTECT,
                                 related_name="volunteer_activities", verbose_name=_("村居"))
    date = models.DateField(_("活动日期"))
    participants_count = models.PositiveIntegerField(_("参与人次"))
    participants = models.ManyToManyField("people.Person", blank=True,
                                          related_name="volunteer_activities",
                                          verbose_name=_("参与人员"))
    people_served = models.PositiveIntegerField(_("服务群众人数"), default=0)
    notes = models.TextField(_("活动情况"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("志愿服务活动")
        verbose_name_plural = _("志愿服务活动")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["date", "kind"])]

    def __str__(self):
        return self.title
