"""Text intelligence: versioned classifiers, county settings, and what the engine found.

One model per kind is active (a partial unique constraint); rollback = activating an earlier
version. The rows below the registry record what the engine said about demands and replies, so
pages and statistics read them instead of re-running the engine.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ModelKind(models.TextChoices):
    CATEGORY = "category", _("诉求分类")
    UNIT = "unit", _("承办单位")


class ModelStatus(models.TextChoices):
    TRAINING = "training", _("训练中")
    READY = "ready", _("可用")
    FAILED = "failed", _("失败")


class TrainingSource(models.TextChoices):
    PLATFORM = "platform", _("本平台数据")
    BOOTSTRAP = "bootstrap", _("本平台数据＋公开数据")


class TriageModel(models.Model):
    """One trained classifier version (blob + what it was trained on + how well it does)."""

    kind = models.CharField(_("模型类型"), max_length=10, choices=ModelKind.choices)
    version = models.PositiveIntegerField(_("版本"))
    # Identity for the process-level cache: primary keys can be reused (tests, restores).
    uid = models.UUIDField(_("唯一标识"), default=uuid.uuid4, editable=False)
    status = models.CharField(_("状态"), max_length=10, choices=ModelStatus.choices,
                              default=ModelStatus.TRAINING)
    source = models.CharField(_("训练数据"), max_length=10, choices=TrainingSource.choices,
                              default=TrainingSource.PLATFORM)
    blob = models.BinaryField(_("模型文件"), default=bytes, editable=False)
    n_train = models.PositiveIntegerField(_("训练样本数"), default=0)
    n_platform = models.PositiveIntegerField(_("本平台样本数"), default=0)
    n_bootstrap = models.PositiveIntegerField(_("公开数据样本数"), default=0)
    started_at = models.DateTimeField(_("开始时间"), default=timezone.now)
    trained_at = models.DateTimeField(_("训练完成时间"), null=True, blank=True)
    metrics = models.JSONField(_("评估指标"), default=dict, blank=True)
    trained_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("训练人"))
    is_active = models.BooleanField(_("当前启用"), default=False)
    activated_at = models.DateTimeField(_("启用时间"), null=True, blank=True)
    progress = models.FloatField(_("进度"), default=0.0)
    progress_note = models.CharField(_("进度说明"), max_length=120, blank=True)
    error = models.TextField(_("错误信息"), blank=True)

    class Meta:
        verbose_name = _("智能分析模型")
        verbose_name_plural = _("智能分析模型")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="triage_model_version"),
            models.UniqueConstraint(fields=["kind"], condition=models.Q(is_active=True),
                                    name="triage_model_one_active_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"


class TriageSettings(models.Model):
    """The county's switches (one row). Auto-dispatch is off until the county turns it on."""

    auto_dispatch_enabled = models.BooleanField(_("启用自动派单"), default=False)
    auto_dispatch_threshold = models.FloatField(
        _("自动派单置信度下限"), default=0.9,
        validators=[MinValueValidator(0.5), MaxValueValidator(0.999)],
        help_text=_("只有推荐的首选承办单位置信度不低于此值时才自动派单（0.5–0.999）。"))
    category_fine_threshold = models.FloatField(
        _("细分类推荐置信度下限"), default=0.6,
        validators=[MinValueValidator(0.3), MaxValueValidator(0.99)],
        help_text=_("推荐分类时，细一级分类的置信度不低于此值才推荐到细一级（否则停在上一级）。"))
    reply_gate_enabled = models.BooleanField(
        _("答复质量存疑时办结需写明理由"), default=False,
        help_text=_("开启后，工作人员将被标记为需核查的答复按满意或基本满意办结时，须写明理由；"
                    "否则选择不满意退回承办单位。"))
    duplicate_threshold = models.FloatField(_("重复诉求相似度下限"), default=0.55)
    duplicate_window_days = models.PositiveSmallIntegerField(_("重复诉求时间窗（天）"), default=14)
    recurrence_threshold = models.FloatField(_("重复发生相似度下限"), default=0.6)
    recurrence_window_days = models.PositiveSmallIntegerField(_("重复发生时间窗（天）"),
                                                              default=180)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("修改人"), null=True,
                                   blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("智能分析设置")
        verbose_name_plural = _("智能分析设置")

    def __str__(self):
        return str(_("智能分析设置"))

    # Read by every intake: kept in the shared cache (Redis in production) and dropped when the
    # row changes: at once (for this transaction) and after commit (another process may have
    # cached the old row in between).
    CACHE_KEY = "triage:settings:v1"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.forget()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.forget()
        return result

    @classmethod
    def load(cls) -> "TriageSettings":
        obj = cache.get(cls.CACHE_KEY)
        if obj is None:
            obj = cls.objects.filter(pk=1).first() or cls(pk=1)
            cache.set(cls.CACHE_KEY, obj, timeout=3600)
        return obj

    @classmethod
    def forget(cls) -> None:
        cache.delete(cls.CACHE_KEY)
        transaction.on_commit(lambda: cache.delete(cls.CACHE_KEY))


class SuggestionFeedback(models.Model):
    """What the unit model suggested when a demand was dispatched, and what the dispatcher chose."""

    demand = models.ForeignKey("demands.Demand", on_delete=models.CASCADE,
                               related_name="triage_feedback", verbose_name=_("诉求"))
    assignment = models.OneToOneField("demands.Assignment", on_delete=models.CASCADE,
                                      related_name="triage_feedback", verbose_name=_("工单"))
    model = models.ForeignKey(TriageModel, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="feedback", verbose_name=_("模型"))
    model_version = models.PositiveIntegerField(_("模型版本"))
    # [[unit_id, unit_name, confidence], ...] best first
    suggested = models.JSONField(_("推荐单位"), default=list)
    chosen_unit = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("实际主办单位"))
    accepted = models.BooleanField(_("采纳推荐"))
    rank = models.PositiveSmallIntegerField(_("采纳第几推荐"), null=True, blank=True)
    auto = models.BooleanField(_("自动派单"), default=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                              blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("派单推荐反馈")
        verbose_name_plural = _("派单推荐反馈")
        indexes = [models.Index(fields=["model", "accepted"])]

    def __str__(self):
        return f"{self.demand_id}: {'✓' if self.accepted else '✗'}"


class DuplicateCandidate(models.Model):
    """An open demand that looks like the same matter as ``demand`` (offered for merging)."""

    demand = models.ForeignKey("demands.Demand", on_delete=models.CASCADE,
                               related_name="triage_duplicates", verbose_name=_("诉求"))
    candidate = models.ForeignKey("demands.Demand", on_delete=models.CASCADE,
                                  related_name="triage_duplicate_of", verbose_name=_("疑似重复"))
    score = models.FloatField(_("相似度"))
    reasons = models.JSONField(_("依据"), default=list, blank=True)
    created_at = models.DateTimeField(_("发现时间"), default=timezone.now)
    # "不是重复": a person said the pair is not one matter; it is no longer offered.
    dismissed_at = models.DateTimeField(_("排除时间"), null=True, blank=True)
    dismissed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("排除人"))

    class Meta:
        verbose_name = _("疑似重复诉求")
        verbose_name_plural = _("疑似重复诉求")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["demand", "candidate"], name="triage_duplicate_once"),
        ]

    def __str__(self):
        return f"{self.demand_id} ~ {self.candidate_id} ({self.score:.2f})"


class ReplyQuality(models.Model):
    """The score of a lead unit's reply (relevance, completeness, interpretability, timeliness)."""

    assignment = models.OneToOneField("demands.Assignment", on_delete=models.CASCADE,
                                      related_name="reply_quality", verbose_name=_("工单"))
    demand = models.ForeignKey("demands.Demand", on_delete=models.CASCADE,
                               related_name="reply_qualities", verbose_name=_("诉求"))
    unit = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("承办单位"))
    relevance = models.FloatField(_("相关性"))
    completeness = models.FloatField(_("完整性"))
    interpretability = models.FloatField(_("可解释性"))
    timeliness = models.FloatField(_("及时性"), null=True, blank=True)
    overall = models.FloatField(_("综合得分"))
    flagged = models.BooleanField(_("需核查"), default=False)
    reasons = models.JSONField(_("原因"), default=list, blank=True)
    cues = models.JSONField(_("评分依据"), default=dict, blank=True)
    working_days = models.PositiveSmallIntegerField(_("用时（工作日）"), null=True, blank=True)
    created_at = models.DateTimeField(_("评分时间"), default=timezone.now)

    class Meta:
        verbose_name = _("答复质量")
        verbose_name_plural = _("答复质量")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["created_at"], name="triage_reply_flagged",
                         condition=models.Q(flagged=True)),
            models.Index(fields=["unit", "created_at"]),
        ]

    def __str__(self):
        return f"{self.assignment_id}: {self.overall:.2f}"
