"""The park's party-mass service centre: zones, function rooms, bookings (never two active
bookings of one room that overlap: a locked check in the service and, on PostgreSQL, an
exclusion constraint — migration 0002), activities with participants."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope

from .scoping import restricted


class ServiceCenter(models.Model):
    park = models.OneToOneField("twonew.Park", on_delete=models.PROTECT, related_name="centre",
                                verbose_name=_("园区"))
    name = models.CharField(_("名称"), max_length=100)
    area_m2 = models.PositiveIntegerField(_("面积（平方米）"), default=0)
    address = models.CharField(_("地址"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("党群服务中心")
        verbose_name_plural = _("党群服务中心")

    def __str__(self):
        return self.name


class Zone(models.Model):
    centre = models.ForeignKey(ServiceCenter, on_delete=models.PROTECT, related_name="zones",
                               verbose_name=_("服务中心"))
    name = models.CharField(_("功能区"), max_length=40)

    class Meta:
        verbose_name = _("功能区")
        verbose_name_plural = _("功能区")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class RoomQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        return restricted(self, scope, action, park_path="zone__centre__park")


class FunctionRoom(models.Model):
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="rooms",
                             verbose_name=_("功能区"))
    name = models.CharField(_("功能室"), max_length=40)
    purpose = models.CharField(_("用途"), max_length=100, blank=True)
    capacity = models.PositiveSmallIntegerField(_("容纳人数"), default=20)
    equipment = models.CharField(_("设备"), max_length=200, blank=True)

    objects = RoomQuerySet.as_manager()

    class Meta:
        verbose_name = _("功能室")
        verbose_name_plural = _("功能室")
        ordering = ["zone_id", "pk"]

    def __str__(self):
        return self.name


class BookingQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        return restricted(self, scope, action, park_path="room__zone__centre__park")

    def active(self):
        return self.filter(is_cancelled=False)


class RoomBooking(models.Model):
    room = models.ForeignKey(FunctionRoom, on_delete=models.PROTECT, related_name="bookings",
                             verbose_name=_("功能室"))
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    purpose = models.CharField(_("用途"), max_length=100)
    host = models.ForeignKey("twonew.TwoNewOrg", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("使用单位"))
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("预约人"))
    is_cancelled = models.BooleanField(_("已取消"), default=False)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("功能室预约")
        verbose_name_plural = _("功能室预约")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["room", "starts_at"])]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                              name="twonew_booking_ends_after_start")]

    def __str__(self):
        return f"{self.room} {self.starts_at:%Y-%m-%d %H:%M}"


class ActivityKind(models.TextChoices):
    QUIZ = "quiz", _("党史知识竞赛")
    CONFESSION = "confession", _("向党表白")
    SECRETARY_LECTURE = "secretary_lecture", _("书记讲堂")
    POLITICAL_BIRTHDAY = "political_birthday", _("政治生日")
    CHECKUP = "checkup", _("党性体检")
    READING = "reading", _("读书分享")
    ECOMMERCE = "ecommerce", _("电商培训")


class ActivityQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        return restricted(self, scope, action, park_path="centre__park")


class CenterActivity(models.Model):
    centre = models.ForeignKey(ServiceCenter, on_delete=models.PROTECT, related_name="activities",
                               verbose_name=_("服务中心"))
    room = models.ForeignKey(FunctionRoom, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="activities", verbose_name=_("功能室"))
    booking = models.OneToOneField(RoomBooking, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="activity", verbose_name=_("预约"))
    title = models.CharField(_("活动名称"), max_length=100)
    kind = models.CharField(_("活动类型"), max_length=20, choices=ActivityKind.choices)
    held_on = models.DateField(_("活动日期"))
    host = models.ForeignKey("twonew.TwoNewOrg", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("承办单位"))
    participant_count = models.PositiveIntegerField(_("参加人数"), default=0)
    participants = models.ManyToManyField("people.Person", blank=True, related_name="+",
                                          verbose_name=_("参加人员"))

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("中心活动")
        verbose_name_plural = _("中心活动")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return self.title
