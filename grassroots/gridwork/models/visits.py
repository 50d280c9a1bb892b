from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core import uploads
from grassroots.core.files import StoredFile, stored_file_path
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


# Named by migration 0001; files are placed by ``core.files.stored_file_path`` now.
visit_photo_path = stored_file_path


class VisitPhotoQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        """Whoever may see the visit may see its photos."""
        if is_county_manager(scope) or (action == "view" and sees_county(scope)):
            return self
        return self.filter(grid_q(scope, prefix="visit__grid__"))


class VisitPhoto(StoredFile):
    """A photo taken on a visit; served only through a scope-checked view."""

    upload_dir = "visits"
    upload_kinds = uploads.IMAGES
    upload_max_bytes = 10 * 1024 * 1024
    upload_max_count = 9

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="photos",
                              verbose_name=_("走访"))

    objects = VisitPhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("走访照片")
        verbose_name_plural = _("走访照片")
