"""Publicity (公示) of any subject, and the objections raised against it.

A ``Publicity`` shows whitelisted fields of one subject (a pioneer round, a development target, a
title application …) for at least ``min_working_days`` working days; its life follows
``transitions.PUBLICITY_TABLE``. Each ``Objection`` is a case of its own
(``transitions.OBJECTION_TABLE``), with its events.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from grassroots.core.scope import RestrictQuerySet, Role, Scope


class PublicityKind(models.TextChoices):
    PIONEER = "pioneer", _("先锋选树")
    DEVELOPMENT = "development", _("发展党员")
    TITLE = "title", _("乡土人才职称")
    POINTS = "points", _("党员积分")
    ASSESSMENT = "assessment", _("考核评优")
    OTHER = "other", _("其他")


class PublicityScope(models.TextChoices):
    BRANCH = "branch", _("党支部")
    VILLAGE_BOARD = "village_board", _("村（居）公开栏")
    UNIT = "unit", _("单位")
    COUNTY_SITE = "county_site", _("县级网站")


class PublicityStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("公示中")
    ENDED_CLEAN = "ended_clean", _("期满无异议")
    ENDED_WITH_OBJECTION = "ended_with_objection", _("期满有异议")
    RESOLVED = "resolved", _("异议已办结")
    WITHDRAWN = "withdrawn", _("已撤回")


def _party_org_ids(scope: Scope) -> frozenset[int]:
    # The party tree's dimension is registered by grassroots.party once it is installed.
    try:
        return scope.ids("party_org")
    except KeyError:
        return frozenset()


class PublicityQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party or (action == "view" and scope.is_supervisor):
            return self
        if scope.is_citizen:
            return self.none()
        q = Q(pk__in=[])
        if Role.TOWN_STAFF in scope.roles and scope.town_ids:
            q |= Q(town_id__in=scope.town_ids)
        if scope.unit_ids:
            q |= Q(organization_id__in=scope.unit_ids)
        if action == "view" and scope.viewer_unit_ids:
            q |= Q(organization_id__in=scope.viewer_unit_ids)
        party_orgs = _party_org_ids(scope)
        if party_orgs:
            q |= Q(owner_type__app_label="party", owner_id__in=party_orgs)
        return self.filter(q)

    def in_force(self, today):
        """Published and inside the period: what the public page shows."""
        return self.filter(status=PublicityStatus.PUBLISHED, start_on__lte=today,
                           end_on__gte=today)


class Publicity(models.Model):
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    kind = models.CharField(_("公示类别"), max_length=16, choices=PublicityKind.choices)
    scope = models.CharField(_("公示范围"), max_length=16, choices=PublicityScope.choices)
    # Who owns it, for the officers' scope: a unit or village committee, the town it lies in
    # (none: county level), and optionally another owner such as a party branch.
    organization = models.ForeignKey("orgs.Organization", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("发布单位"))
    town = models.ForeignKey("places.Division", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("所属镇街"))
    owner_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    owner_id = models.PositiveBigIntegerField(null=True, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    title = models.CharField(_("公示标题"), max_length=120)
    # [{"key": ..., "label": ..., "value": ...}] in display order; labels from the subject
    # type's whitelist (subjects.py), values checked for ID numbers, phones and addresses.
    published_fields = models.JSONField(_("公示内容"), default=list)
    start_on = models.DateField(_("公示开始"))
    min_working_days = models.PositiveSmallIntegerField(_("公示工作日数"))
    end_on = models.DateField(_("公示截止"))
    # Some day of the period lies in a year the work calendar does not know (Mon–Fri assumed).
    end_is_provisional = models.BooleanField(_("截止日期待核定"), default=False)
    contact_phone = models.CharField(_("监督电话"), max_length=30)
    contact_address = models.CharField(_("受理地点"), max_length=120, blank=True)
    status = models.CharField(_("状态"), max_length=24, choices=PublicityStatus.choices,
                              default=PublicityStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    ended_at = models.DateTimeField(_("期满时间"), null=True, blank=True)

    objects = PublicityQuerySet.as_manager()

    class Meta:
        verbose_name = _("公示")
        verbose_name_plural = _("公示")
        ordering = ["-start_on", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"]),
                   models.Index(fields=["status", "end_on"])]

    def __str__(self):
        return self.title

    @property
    def entry_choices(self) -> list[tuple[str, str]]:
        """What an objection may name: each keyed entry once, by its first value (a person
        published with name, birth month and education is one choice, by name)."""
        seen: dict[str, str] = {}
        for entry in self.published_fields:
            key = entry.get("key") or ""
            if key and key not in seen:
                seen[key] = entry.get("value", "")
        return list(seen.items())


class ObjectionChannel(models.TextChoices):
    LETTER = "letter", _("来信")
    PHONE = "phone", _("来电")
    VISIT = "visit", _("来访")
    ONLINE = "online", _("网上提交")


class ObjectionStatus(models.TextChoices):
    RECEIVED = "received", _("已受理")
    INVESTIGATING = "investigating", _("调查核实中")
    UPHELD = "upheld", _("办结（异议成立）")
    NOT_UPHELD = "not_upheld", _("办结（异议不成立）")


OPEN_OBJECTION = (ObjectionStatus.RECEIVED, ObjectionStatus.INVESTIGATING)


class ObjectionQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        visible = Publicity.objects.restrict_scope(scope, action).values("pk")
        return self.filter(publicity__in=visible)

    def open(self):
        return self.filter(status__in=OPEN_OBJECTION)


class Objection(models.Model):
    publicity = models.ForeignKey(Publicity, on_delete=models.PROTECT, related_name="objections")
    # Receipt number 异议〔2026〕第N号 (``core.numbering``, series "publicity.objection").
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    received_at = models.DateTimeField(_("受理时间"), default=timezone.now)
    channel = models.CharField(_("渠道"), max_length=10, choices=ObjectionChannel.choices)
    # Which published entry it is about ("" for the whole publicity).
    entry_key = models.CharField(_("异议对象"), max_length=40, blank=True)
    content = models.TextField(_("异议内容"))
    # PII: encrypted, masked for staff, never shown publicly.
    submitter_name = models.CharField(_("反映人"), max_length=40, blank=True)
    submitter_contact = EncryptedCharField(_("联系方式"), max_length=40, blank=True, null=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=16, choices=ObjectionStatus.choices,
                              default=ObjectionStatus.RECEIVED)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("办理人"))
    finding = models.TextField(_("核实结论"), blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    # The anonymous form's key: a double submit answers with the first receipt.
    submit_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")
        ordering = ["received_at", "id"]
        constraints = [models.UniqueConstraint(fields=["year", "seq"],
                                               name="objection_receipt_unique")]

    def __str__(self):
        return self.receipt

    @property
    def receipt(self) -> str:
        return f"异议〔{self.year}〕第{self.seq}号"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_OBJECTION
