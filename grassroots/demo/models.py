from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DemoStepRun(models.Model):
    """Marks one seed step as done, so a second ``seed_demo`` skips it (idempotency)."""

    name = models.CharField(_("步骤"), max_length=80, unique=True)
    scale = models.CharField(_("规模"), max_length=40, blank=True)
    seed = models.IntegerField(_("随机种子"), default=0)
    created = models.JSONField(_("新建数量"), default=dict, blank=True)
    seconds = models.FloatField(_("耗时（秒）"), default=0)
    finished_at = models.DateTimeField(_("完成时间"), default=timezone.now)

    class Meta:
        verbose_name = _("演示数据生成步骤")
        verbose_name_plural = _("演示数据生成步骤")
        ordering = ["finished_at", "id"]

    def __str__(self):
        return self.name
