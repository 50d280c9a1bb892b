from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RoundStatus(models.TextChoices):
    OPEN = "open", _("已发起")
    NOMINATING = "nominating", _("推荐中")
    REVIEWING = "reviewing", _("评审中")
    PUBLICITY = "publicity", _("公示中")
    PUBLISHED = "published", _("已公布")
    CANCELLED = "cancelled", _("已取消")


class PioneerRound(models.Model):
    """One round of 民情书记"先锋"选树 with its quotas; its life follows ``transitions.ROUND``."""

    title = models.CharField(_("名称"), max_length=100)
    pioneer_quota = models.PositiveSmallIntegerField(_("“先锋”名额"))
    excellent_quota = models.PositiveSmallIntegerField(_("优秀民情书记名额"))
    # The record of each nominee is computed over this period.
    period_start = models.DateField(_("考察期开始"))
    period_end = models.DateField(_("考察期结束"))
    status = models.CharField(_("状态"), max_length=12, choices=RoundStatus.choices,
                              default=RoundStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("先锋选树")
        verbose_name_plural = _("先锋选树")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def publicity(self):
        """The round's publicity (``publicity.Publicity``, subject = the round), or None; its
        objections are ``publicity.Objection`` rows naming a nominee as entry ``n<pk>``."""
        from grassroots.publicity.gate import publicity_of

        return publicity_of(self)


def nomination_entry_key(nomination_id: int) -> str:
    """The published entry of a nominee on the round's publicity (what an objection names)."""
    return f"n{nomination_id}"


class NominationLevel(models.TextChoices):
    PIONEER = "pioneer", _("民情书记“先锋”")
    EXCELLENT = "excellent", _("优秀民情书记")


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("已推荐")
    SELECTED = "selected", _("拟表彰")  # ranked within the quota when publicity starts
    NOT_SELECTED = "not_selected", _("未入选")
    REMOVED = "removed", _("已取消资格")  # an objection was upheld


class Nomination(models.Model):
    round = models.ForeignKey(PioneerRound, on_delete=models.CASCADE, related_name="nominations")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="pioneer_nominations", verbose_name=_("民情书记"))
    town = models.ForeignKey("places.Division", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("推荐镇街"))
    level = models.CharField(_("推荐等次"), max_length=10, choices=NominationLevel.choices)
    reason = models.TextField(_("推荐理由"))
    status = models.CharField(_("状态"), max_length=14, choices=NominationStatus.choices,
                              default=NominationStatus.NOMINATED)
    rank = models.PositiveIntegerField(_("排名"), null=True, blank=True)
    average_score = models.DecimalField(_("平均分"), max_digits=5, decimal_places=2, null=True,
                                        blank=True)
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    nominated_at = models.DateTimeField(default=timezone.now)
    removed_reason = models.TextField(_("取消资格原因"), blank=True)

    class Meta:
        verbose_name = _("推荐人选")
        verbose_name_plural = _("推荐人选")
        ordering = ["round", "level", "rank", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "person"],
                                               name="nomination_once_per_round")]

    def __str__(self):
        return f"{self.round} · {self.person}"


class Score(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    score = models.DecimalField(_("评分"), max_digits=5, decimal_places=2,
                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    comment = models.TextField(_("评语"), blank=True)
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("评审评分")
        verbose_name_plural = _("评审评分")
        constraints = [models.UniqueConstraint(fields=["nomination", "reviewer"],
                                               name="score_once_per_reviewer")]

    def __str__(self):
        return f"{self.nomination_id}: {self.score}"
