"""The security audit log (等保 2.0 安全审计): who did what security-relevant thing, when, from where.

Rows are append-only: services insert them, nothing in the application updates or deletes them.
On PostgreSQL a trigger refuses UPDATE and refuses DELETE of rows younger than the legal minimum
retention (180 days), and the application's database role has no UPDATE/DELETE privilege on the
table at all (migration 0002, docs/security.md). Expired rows go only through the
``grassroots_audit_purge`` database function, called by the ``audit_retention`` periodic job.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The floor the database itself enforces; the configured retention may only be longer.
MIN_RETENTION_DAYS = 180


class AuditCategory(models.TextChoices):
    AUTH = "auth", _("登录认证")
    PERMISSION = "permission", _("权限与角色")
    PII = "pii", _("个人信息查看")
    EXPORT = "export", _("数据导出")
    CONFIG = "config", _("配置变更")


class AuditOutcome(models.TextChoices):
    SUCCESS = "success", _("成功")
    FAILURE = "failure", _("失败")
    DENIED = "denied", _("拒绝")


class AuditLog(models.Model):
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    # No database constraint and no cascade: deleting or renaming a user must never touch the log;
    # ``actor_name`` keeps the login name as it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING,
        db_constraint=False, related_name="+", verbose_name=_("操作人"),
    )
    actor_name = models.CharField(_("操作账号"), max_length=150, blank=True)
    category = models.CharField(_("类别"), max_length=12, choices=AuditCategory.choices)
    action = models.CharField(_("动作"), max_length=48)
    outcome = models.CharField(_("结果"), max_length=8, choices=AuditOutcome.choices,
                               default=AuditOutcome.SUCCESS)
    target_type = models.CharField(_("对象类型"), max_length=64, blank=True)
    target_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    target_repr = models.CharField(_("对象"), max_length=200, blank=True)
    reason = models.CharField(_("事由"), max_length=300, blank=True)
    ip = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)
    user_agent = models.CharField(_("客户端"), max_length=200, blank=True)
    extra = models.JSONField(_("详情"), default=dict, blank=True)

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["category", "at"]),
            models.Index(fields=["actor_name", "at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action}"
