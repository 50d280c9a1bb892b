from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from .i18n import render


class Event(models.Model):
    """One append-only row per state change or notable action on any case object.

    Services write it in the same transaction as the change; a case's timeline is its events.
    On PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002).
    """

    content_type = models.ForeignKey(ContentType, verbose_name=_("对象类型"),
                                     on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    subject = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("操作人"),
    )
    at = models.DateTimeField(_("时间"), default=timezone.now)
    action = models.CharField(_("动作"), max_length=64)
    from_state = models.CharField(_("原状态"), max_length=32, blank=True)
    to_state = models.CharField(_("新状态"), max_length=32, blank=True)
    note = models.TextField(_("说明"), blank=True)
    extra = models.JSONField(_("附加信息"), default=dict, blank=True)

    class Meta:
        verbose_name = _("事件")
        verbose_name_plural = _("事件")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self):
        return f"{localtime(self.at):%Y-%m-%d %H:%M} {self.action}"


class Notification(models.Model):
    """An in-app inbox item; email copies are sent on commit.

    What it says is stored untranslated in ``message`` ({"title": …, "body": [… lines]}, see
    ``core.i18n``) and shown in the reader's language by ``title_text`` / ``body_text``.
    ``title`` / ``body`` hold text as typed where a part is not a message (a reply, a note), and
    the whole text of rows written before messages were stored (migration 0006), which show it.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
        verbose_name=_("接收人"),
    )
    kind = models.CharField(_("类型"), max_length=32)
    title = models.CharField(_("标题"), max_length=200, blank=True)
    body = models.TextField(_("内容"), blank=True)
    message = models.JSONField(_("消息"), default=dict, blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    dedup_key = models.CharField(_("去重键"), max_length=120, blank=True, db_index=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedup_key"], condition=~models.Q(dedup_key=""),
                name="notification_unique_dedup",
            )
        ]

    def __str__(self):
        return self.title_text

    @property
    def title_text(self) -> str:
        """The title in the active language."""
        part = self.message.get("title")
        return render(part) if part else self.title

    @property
    def body_text(self) -> str:
        """The body in the active language, one line per part."""
        parts = self.message.get("body")
        return "\n".join(render(p) for p in parts) if parts else self.body


class JobRun(models.Model):
    """The last run of each periodic job, for the operator's health check."""

    name = models.CharField(_("任务"), max_length=80, unique=True)
    last_started = models.DateTimeField(_("最近开始"))
    last_finished = models.DateTimeField(_("最近结束"), null=True)
    last_status = models.CharField(_("最近状态"), max_length=10)
    last_detail = models.TextField(_("最近结果"), blank=True)

    class Meta:
        verbose_name = _("定时任务运行记录")
        verbose_name_plural = _("定时任务运行记录")

    def __str__(self):
        return self.name


class SeriesCounter(models.Model):
    """The last number given in one numbered series and period: demand numbers per day
    (series "demand", period "20261125"), document numbers per year ("notice", "2026"). Read and
    advanced only by ``core.numbering``."""

    series = models.CharField(_("编号序列"), max_length=32)
    period = models.CharField(_("周期"), max_length=16, blank=True)
    last = models.PositiveIntegerField(_("最后序号"), default=0)

    class Meta:
        verbose_name = _("编号计数")
        verbose_name_plural = _("编号计数")
        constraints = [models.UniqueConstraint(fields=["series", "period"],
                                               name="series_counter_unique")]

    def __str__(self):
        return f"{self.series} {self.period}: {self.last}"

class IdempotencyKey(models.Model):
    """One create operation done under a client's key (a form render's token, or an API
    ``Idempotency-Key`` header): a repeat of the same key answers with the first result
    instead of creating again. Unique per (user, key), so two concurrent posts give one row:
    the second insert waits for the first transaction and then finds its row."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("用户"))
    key = models.CharField(_("幂等键"), max_length=64)
    operation = models.CharField(_("操作"), max_length=64)
    # sha256 of what was sent: the same key with another request is refused (API).
    fingerprint = models.CharField(_("请求摘要"), max_length=64, blank=True)
    # What the repeat answers with: {"url": ...} for a page, {"status": ..., "body": ...} for
    # the API, plus the created object's reference.
    result = models.JSONField(_("首次结果"), default=dict, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("幂等键")
        verbose_name_plural = _("幂等键")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user"),
        ]

    def __str__(self):
        return f"{self.operation} {self.key}"
