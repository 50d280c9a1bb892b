from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope

from .scoping import grid_q, is_county_manager, sees_county

# The origin kind of demands raised at a visit (Demand.origin_type; see demands/origins.py).
ORIGIN_VISIT = "visit"


class VisitForm(models.TextChoices):
    HOUSEHOLD = "household", _("入户走访")
    FIELD = "field", _("田间地头")
    STREET = "street", _("街头巷尾")
    FORUM = "forum", _("座谈会")


class VisitQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if is_county_manager(scope):
            return self
        if action == "view" and sees_county(scope):
            return self
        return self.filter(grid_q(scope))


class Visit(models.Model):
    """One 走访 by a grid secretary; the demands collected on it enter the demand pipeline."""

    grid = models.ForeignKey("places.Grid", on_delete=models.PROTECT, related_name="visits",
                             verbose_name=_("网格"))
    secretary = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                                  related_name="visits", verbose_name=_("民情书记"))
    date = models.DateField(_("走访日期"))
    form = models.CharField(_("走访形式"), max_length=12, choices=VisitForm.choices)
    households_met = models.PositiveIntegerField(_("走访户数"), default=0)
    people_met = models.PositiveIntegerField(_("接触群众人数"), default=0)
    theme = models.ForeignKey("gridwork.MonthlyTheme", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="visits",
                              verbose_name=_("月度主题"))
    notes = models.TextField(_("走访情况"), blank=True)
    demands = models.ManyToManyField("demands.Demand", blank=True, related_name="visits",
                                     verbose_name=_("收集的诉求"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("走访")
        verbose_name_plural = _("走访")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["grid", "date"]), models.Index(fields=["date"]),
                   models.Index(fields=["secretary", "date"])]

    def __str__(self):
        return f"{self.date} {self.grid}"


def visit_photo_path(instance, filename):
    return f"visits/{timezone.now():%Y/%m}/{instance.sha256[:2]}/{instance.sha256}{instance.extension}"


class VisitPhoto(models.Model):
    """A photo taken on a visit; served only through a scope-checked view."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=visit_photo_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    extension = models.CharField(max_length=8)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("走访照片")
        verbose_name_plural = _("走访照片")

    def __str__(self):
        return self.original_name
