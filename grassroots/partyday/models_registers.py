"""Suggestions raised at theme party days, the mass representatives' register and the
demonstration sites (imported by models.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope
from grassroots.workcal.deadlines import DeadlineClock, DeadlineWatchMarks, due_at_index

from .models import ByBranchQuerySet


class RepresentativeQuerySet(ByBranchQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        return self.filter(models.Q(branch_id__in=scope.ids("party_org"))
                           | models.Q(pk__in=scope.ids("partyday_rep")))


class MassRepresentative(models.Model):
    """群众代表联系群众制度: who represents whom, for which term."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("群众代表"))
    branch = models.ForeignKey("party.PartyOrganisation", on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("联系党支部"))
    village = models.ForeignKey("places.Division", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("所在村居"))
    grid = models.ForeignKey("places.Grid", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("联系网格"))
    linked_households = models.PositiveIntegerField(_("联系户数"), default=0)
    term_from = models.DateField(_("任期开始"))
    term_to = models.DateField(_("任期结束"))
    is_active = models.BooleanField(_("在任"), default=True)

    objects = RepresentativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("群众代表")
        verbose_name_plural = _("群众代表")
        ordering = ["branch_id", "id"]
        constraints = [models.UniqueConstraint(
            fields=["person", "branch"], condition=models.Q(is_active=True),
            name="partyday_rep_once")]

    def __str__(self):
        return str(self.person_id)


class ContactLogQuerySet(ByBranchQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        return self.filter(models.Q(representative__branch_id__in=scope.ids("party_org"))
                           | models.Q(representative_id__in=scope.ids("partyday_rep")))


class ContactLog(models.Model):
    representative = models.ForeignKey(MassRepresentative, on_delete=models.CASCADE,
                                       related_name="contacts", verbose_name=_("群众代表"))
    date = models.DateField(_("联系日期"))
    households = models.PositiveIntegerField(_("走访户数"))
    issues = models.TextField(_("听到的意见诉求"))
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    objects = ContactLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("联系群众记录")
        verbose_name_plural = _("联系群众记录")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date} {self.households}"


class SuggestionKind(models.TextChoices):
    RATIONAL = "rational", _("合理化建议")
    DEMAND = "demand", _("民意诉求")


class SuggestionStatus(models.TextChoices):
    RECORDED = "recorded", _("已登记")
    ROUTED = "routed", _("已转诉求办理")
    DECIDED = "decided", _("已研究决定")
    ANSWERED = "answered", _("已反馈")
    CLOSED = "closed", _("已办结")


class SuggestionDecision(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("不予采纳")


ADOPTED_DECISIONS = (SuggestionDecision.ADOPTED, SuggestionDecision.PARTLY)


class SuggestionQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        return self.filter(models.Q(theme_day__branch_id__in=scope.ids("party_org"))
                           | models.Q(raised_by__person_id=scope.person_id or 0))


class Suggestion(DeadlineClock, DeadlineWatchMarks, models.Model):
    """``route_due_at`` is the routing deadline promised when it was recorded; ``due_at`` (the
    deadline watch's clock) is the same moment while the suggestion waits to be routed and is
    cleared once it is routed or decided."""

    theme_day = models.ForeignKey("partyday.ThemePartyDay", on_delete=models.CASCADE,
                                  related_name="suggestions", verbose_name=_("主题党日"))
    raised_by = models.ForeignKey("partyday.Invitation", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="suggestions",
                                  verbose_name=_("提出人（列席）"))
    raised_by_name = models.CharField(_("提出人"), max_length=40)
    content = models.TextField(_("内容"))
    kind = models.CharField(_("类别"), max_length=10, choices=SuggestionKind.choices)
    status = models.CharField(_("状态"), max_length=10, choices=SuggestionStatus.choices,
                              default=SuggestionStatus.RECORDED, db_index=True)
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    route_due_at = models.DateTimeField(_("分办时限"), db_index=True)
    # answered "by the next theme party day": the end of the month after the day's month
    feedback_due_on = models.DateField(_("反馈期限"))
    decision = models.CharField(_("研究结果"), max_length=12, blank=True,
                                choices=SuggestionDecision.choices)
    decision_reason = models.CharField(_("理由"), max_length=300, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    # a 民意诉求 becomes exactly one S1 demand (the unique FK makes a retry find it)
    demand = models.OneToOneField("demands.Demand", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("诉求"))
    feedback_at_meeting = models.ForeignKey("partyday.ThemePartyDay", null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="+",
                                            verbose_name=_("反馈的主题党日"))
    answer = models.TextField(_("反馈内容"), blank=True)
    answered_at = models.DateTimeField(_("反馈时间"), null=True, blank=True)
    relayed_at = models.DateTimeField(_("群众代表转告时间"), null=True, blank=True)
    implementation_note = models.TextField(_("落实情况"), blank=True)
    # the "partyday" rule set in force when it was recorded (its routing limit applied)
    rule_set = models.ForeignKey("rulesets.RuleSet", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("适用规则"))

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("意见建议")
        verbose_name_plural = _("意见建议")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["kind", "decision"]),
                   due_at_index("partyday_suggestion_due")]

    def __str__(self):
        return self.content[:30]


class SiteKind(models.TextChoices):
    VILLAGE = "village", _("村级基层党建示范区")
    TWO_NEW = "two_new", _("“两新”基层党建示范区")


class SiteLevel(models.TextChoices):
    COUNTY = "county", _("县级")
    CITY = "city", _("市级")


class SiteStatus(models.TextChoices):
    CANDIDATE = "candidate", _("候选")
    NAMED = "named", _("已命名")
    REVIEWED = "reviewed", _("已复核")
    KEPT = "kept", _("保留")
    REVOKED = "revoked", _("撤销")


class SiteQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.sees_all_party:
            return self
        return self.filter(org_id__in=scope.ids("party_org"))


class DemonstrationSite(models.Model):
    org = models.ForeignKey("party.PartyOrganisation", on_delete=models.PROTECT,
                            related_name="+", verbose_name=_("党组织"))
    kind = models.CharField(_("类别"), max_length=8, choices=SiteKind.choices)
    level = models.CharField(_("级别"), max_length=8, choices=SiteLevel.choices,
                             default=SiteLevel.COUNTY)
    status = models.CharField(_("状态"), max_length=10, choices=SiteStatus.choices,
                              default=SiteStatus.CANDIDATE, db_index=True)
    criteria_met = models.JSONField(_("达标情况"), default=list, blank=True)
    named_on = models.DateField(_("命名日期"), null=True, blank=True)
    reviewed_on = models.DateField(_("复核日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("示范区（点）")
        verbose_name_plural = _("示范区（点）")
        ordering = ["kind", "org_id"]
        constraints = [models.UniqueConstraint(fields=["org", "kind"],
                                               name="partyday_site_once")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.org_id}"
