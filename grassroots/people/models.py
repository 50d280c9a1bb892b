from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from grassroots.core.scope import RestrictQuerySet, Scope

from .pii import hash_phone, mask_id_number, mask_phone


class User(AbstractUser):
    """A login. Every person who signs in has a linked Person (their real-name profile)."""

    is_demo = models.BooleanField(_("演示账号"), default=False)

    class Meta(AbstractUser.Meta):
        verbose_name = _("用户")
        verbose_name_plural = _("用户")


class PersonKind(models.TextChoices):
    CADRE = "cadre", _("干部")
    CITIZEN = "citizen", _("群众")


class PersonQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.is_admin:
            return self
        if action == "view" and scope.county_wide_view:
            return self
        q = models.Q(pk=scope.person_id) if scope.person_id else models.Q(pk__in=[])
        if action == "view" and scope.town_ids:
            q |= models.Q(kind=PersonKind.CADRE,
                          memberships__organization__division__town_id__in=scope.town_ids)
            # The grid secretaries serving the town's grids.
            q |= models.Q(team_seats__team__grid__division__town_id__in=scope.town_ids,
                          team_seats__ended_at__isnull=True)
        return self.filter(q).distinct()


class Person(models.Model):
    """Real-name profile of a cadre or citizen. Phone and ID number are encrypted at rest."""

    name = models.CharField(_("姓名"), max_length=40)
    kind = models.CharField(_("类别"), max_length=10, choices=PersonKind.choices)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="person", verbose_name=_("登录账号"),
    )
    phone = EncryptedCharField(_("手机号"), max_length=20, blank=True, null=True)
    phone_hash = models.CharField(_("手机号摘要"), max_length=64, blank=True, db_index=True,
                                  editable=False)
    phone_masked = models.CharField(_("手机号（脱敏）"), max_length=20, blank=True, editable=False)
    # When the person proved the phone is theirs (an SMS code). Demands recorded by staff or an
    # integration under a phone join a citizen's account only once this is set.
    phone_verified_at = models.DateTimeField(_("手机号验证时间"), null=True, blank=True,
                                             editable=False)
    id_number = EncryptedCharField(_("身份证号"), max_length=18, blank=True, null=True)
    id_number_masked = models.CharField(_("身份证号（脱敏）"), max_length=18, blank=True,
                                        editable=False)
    gender = models.CharField(_("性别"), max_length=2, blank=True)
    position = models.CharField(_("职务"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["id"]

    def __str__(self):
        return self.name

    def set_phone(self, phone: str):
        if (phone or "") != (self.phone or ""):
            self.phone_verified_at = None  # a new number is not proven by the old proof
        self.phone = phone or ""
        self.phone_hash = hash_phone(phone) if phone else ""
        self.phone_masked = mask_phone(phone)

    def set_id_number(self, id_number: str):
        self.id_number = id_number or ""
        self.id_number_masked = mask_id_number(id_number)


class PhoneCodePurpose(models.TextChoices):
    REGISTER = "register", _("注册")
    VERIFY = "verify", _("验证手机号")


class PhoneCode(models.Model):
    """A one-time code sent by SMS to prove a phone. Only a keyed hash of the code is kept, and
    the phone only as its lookup hash (no clear number outside the encrypted field)."""

    phone_hash = models.CharField(_("手机号摘要"), max_length=64)
    purpose = models.CharField(_("用途"), max_length=10, choices=PhoneCodePurpose.choices)
    code_hash = models.CharField(_("验证码摘要"), max_length=64, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("登录账号"))
    created_at = models.DateTimeField(_("发送时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("失效时间"))
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("短信验证码")
        verbose_name_plural = _("短信验证码")
        indexes = [models.Index(fields=["phone_hash", "purpose", "created_at"])]

    def __str__(self):
        return f"{self.purpose} {self.created_at:%Y-%m-%d %H:%M}"


class TeamSeat(models.TextChoices):
    """The "1+2+3" seats of a service team."""

    DEPARTMENT_LEADER = "dept_leader", _("县直部门负责同志")
    COUNTY_CADRE = "county_cadre", _("县直机关干部")
    TOWN_CADRE = "town_cadre", _("镇街干部")


SEATS_REQUIRED = {TeamSeat.DEPARTMENT_LEADER: 1, TeamSeat.COUNTY_CADRE: 2, TeamSeat.TOWN_CADRE: 3}


class ServiceTeamQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.is_admin:
            return self
        if action == "view" and scope.county_wide_view:
            return self
        q = models.Q(grid_id__in=scope.grid_ids)
        if scope.town_ids:
            q |= models.Q(grid__division__town_id__in=scope.town_ids)
        if action != "view":
            q = models.Q(grid__division__town_id__in=scope.town_ids)
        return self.filter(q)


class ServiceTeam(models.Model):
    """The "1+2+3" 民情书记 team serving one grid."""

    grid = models.OneToOneField(
        "places.Grid", on_delete=models.PROTECT, related_name="team", verbose_name=_("网格"),
    )
    name = models.CharField(_("服务队名称"), max_length=80)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    objects = ServiceTeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("民情书记服务队")
        verbose_name_plural = _("民情书记服务队")
        ordering = ["grid__code"]

    def __str__(self):
        return self.name


class ServiceTeamMember(models.Model):
    """A cadre's seat on a team; replaced seats keep their row with ``ended_at`` (history)."""

    team = models.ForeignKey(ServiceTeam, on_delete=models.CASCADE, related_name="members",
                             verbose_name=_("服务队"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="team_seats",
                               verbose_name=_("民情书记"))
    seat = models.CharField(_("席位"), max_length=16, choices=TeamSeat.choices)
    organization = models.ForeignKey(
        "orgs.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("派出单位"),
    )
    started_at = models.DateTimeField(_("开始时间"), default=timezone.now)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("服务队成员")
        verbose_name_plural = _("服务队成员")
        indexes = [models.Index(fields=["person", "ended_at"]), models.Index(fields=["team", "ended_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "person"], condition=models.Q(ended_at__isnull=True),
                name="team_member_unique_active",
            )
        ]

    def __str__(self):
        return f"{self.team} · {self.person}"

    def clean(self):
        if self.person.kind != PersonKind.CADRE:
            raise ValidationError(_("只有干部可以担任民情书记。"))
