"""Integrations: API tokens, Open311 request tokens, the city 12345 inbox, rejects and outbox."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    READ = "read", _("只读")
    WRITE = "write", _("读写")


class ApiToken(models.Model):
    """A bearer token for an integration or an app; only a sha256 of the secret is stored.

    The plaintext is ``<prefix>.<secret>``; the prefix is visible in lists so an administrator
    can tell tokens apart and revoke the right one.
    """

    name = models.CharField(_("名称"), max_length=80)
    prefix = models.CharField(_("前缀"), max_length=16, unique=True)
    digest = models.CharField(_("令牌摘要"), max_length=64, unique=True, editable=False)
    # The user the token acts as; for an organisation token this is its service user.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("代表用户"))
    organization = models.ForeignKey("orgs.Organization", null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="api_tokens",
                                     verbose_name=_("所属单位"))
    scopes = models.JSONField(_("权限"), default=list)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("创建人"))
    expires_at = models.DateTimeField(_("过期时间"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    @property
    def scope_label(self) -> str:
        """读写 when the token may write, else 只读 (a write token always reads too)."""
        return str(TokenScope.WRITE.label if self.has_scope(TokenScope.WRITE)
                   else TokenScope.READ.label)

    def is_valid(self, at=None) -> bool:
        at = at or timezone.now()
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > at


class Open311Request(models.Model):
    """The token handed back by an Open311 POST, mapped to the demand it created."""

    token = models.UUIDField(_("令牌"), default=uuid.uuid4, unique=True, editable=False)
    demand = models.OneToOneField("demands.Demand", on_delete=models.CASCADE,
                                  related_name="open311", verbose_name=_("诉求"))
    api_token = models.ForeignKey(ApiToken, verbose_name=_("API令牌"), null=True,
                                  on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("Open311 请求")
        verbose_name_plural = _("Open311 请求")

    def __str__(self):
        return str(self.token)


class CityItem(models.Model):
    """One item the city 12345 platform passed down, with its raw payload as received."""

    external_id = models.CharField(_("市平台工单编号"), max_length=64, unique=True)
    payload = models.JSONField(_("原始报文"))
    demand = models.ForeignKey("demands.Demand", null=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("县级诉求"))
    received_at = models.DateTimeField(_("首次接收"), default=timezone.now)
    last_received_at = models.DateTimeField(_("最近接收"), default=timezone.now)
    deliveries = models.PositiveIntegerField(_("接收次数"), default=1)

    class Meta:
        verbose_name = _("12345转办件")
        verbose_name_plural = _("12345转办件")
        ordering = ["-received_at", "-id"]

    def __str__(self):
        return self.external_id


class RejectedItem(models.Model):
    """An inbound item that could not be taken in; kept for an administrator, never lost."""

    body = models.TextField(_("原始报文"))
    errors = models.JSONField(_("问题"), default=dict)
    external_id = models.CharField(_("市平台工单编号"), max_length=64, blank=True)
    remote_addr = models.CharField(_("来源地址"), max_length=64, blank=True)
    received_at = models.DateTimeField(_("接收时间"), default=timezone.now)
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("处理人"))
    resolution = models.TextField(_("处理说明"), blank=True)

    class Meta:
        verbose_name = _("被拒收的转办件")
        verbose_name_plural = _("被拒收的转办件")
        ordering = ["-received_at", "-id"]

    def __str__(self):
        return f"{self.received_at:%Y-%m-%d %H:%M} {self.external_id or '?'}"


class SeenSignature(models.Model):
    """Signatures accepted in the replay window; the unique constraint refuses a replay."""

    signature = models.CharField(_("签名"), max_length=64, unique=True)
    seen_at = models.DateTimeField(_("收到时间"), default=timezone.now, db_index=True)

    def __str__(self):
        return self.signature


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class ReportKind(models.TextChoices):
    """What each report tells the city (OutboxMessage.kind), as people read it."""

    ACKNOWLEDGE = "acknowledge", _("签收")
    RETURN = "return", _("退单")
    EXTENSION_REQUEST = "extension_request", _("申请延期")
    EXTENSION_APPROVED = "extension_approved", _("同意延期")
    EXTENSION_REFUSED = "extension_refused", _("不同意延期")
    REPLY = "reply", _("答复")
    CLOSE = "close", _("办结")


def report_kind(kind: str) -> ReportKind | str:
    """The report's kind as its choice (labelled), or the stored code of a kind no longer known."""
    return ReportKind(kind) if kind in ReportKind.values else kind


def report_kind_label(kind: str) -> str:
    return str(getattr(report_kind(kind), "label", kind))


class OutboxMessage(models.Model):
    """A report to the city platform, written in the same transaction as the change it reports."""

    demand = models.ForeignKey("demands.Demand", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("诉求"))
    external_id = models.CharField(_("市平台工单编号"), max_length=64, db_index=True)
    kind = models.CharField(_("报告类型"), max_length=24)
    payload = models.JSONField(_("报文"))
    idempotency_key = models.UUIDField(_("幂等键"), default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(_("状态"), max_length=10, choices=OutboxStatus.choices,
                              default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), default=timezone.now)
    last_error = models.TextField(_("最近错误"), blank=True)
    created_at = models.DateTimeField(_("生成时间"), default=timezone.now)
    sent_at = models.DateTimeField(_("发送成功时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("12345回传消息")
        verbose_name_plural = _("12345回传消息")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="outbox_pending_due",
                         condition=models.Q(status="pending")),
        ]

    def __str__(self):
        return f"{self.external_id} {self.kind} ({self.status})"

    @property
    def kind_label(self) -> str:
        return report_kind_label(self.kind)
