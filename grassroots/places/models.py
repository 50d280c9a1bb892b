from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import RestrictQuerySet, Scope


class DivisionLevel(models.TextChoices):
    COUNTY = "county", _("县")
    TOWN = "town", _("镇")
    STREET = "street", _("街道")
    VILLAGE = "village", _("村")
    COMMUNITY = "community", _("社区")


TOWN_LEVELS = (DivisionLevel.TOWN, DivisionLevel.STREET)
VILLAGE_LEVELS = (DivisionLevel.VILLAGE, DivisionLevel.COMMUNITY)


class DivisionQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if action == "view":
            return self  # the division tree is public reference data for staff and citizens
        if scope.is_admin:
            return self
        return self.none()

    def towns(self):
        return self.filter(level__in=TOWN_LEVELS)

    def villages(self):
        return self.filter(level__in=VILLAGE_LEVELS)


class Division(models.Model):
    """An administrative division: county → town/street → village/community."""

    code = models.CharField(
        _("统计用区划代码"), max_length=12, unique=True,
        validators=[RegexValidator(r"^\d{12}$", _("区划代码应为12位数字。"))],
    )
    name = models.CharField(_("名称"), max_length=60)
    level = models.CharField(_("层级"), max_length=10, choices=DivisionLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("上级"),
    )
    # The town a division lies in (itself for a town); kept so scope filters need no joins.
    town = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("所属镇街"),
    )
    # The outline the county map draws (GeoJSON Polygon/MultiPolygon, loaded with
    # ``manage.py import_boundaries``); empty: the map draws a generated schematic outline.
    boundary = models.JSONField(_("边界（GeoJSON）"), null=True, blank=True)

    objects = DivisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "town"])]

    def __str__(self):
        return self.name

    @property
    def is_town(self):
        return self.level in TOWN_LEVELS

    @property
    def is_village(self):
        return self.level in VILLAGE_LEVELS


class GridQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.is_admin:
            return self
        if action == "view" and (scope.county_wide_view or scope.unit_ids or scope.viewer_unit_ids):
            return self
        q = models.Q(pk__in=scope.grid_ids)
        if scope.town_ids:
            q |= models.Q(division__town_id__in=scope.town_ids)
        return self.filter(q)


class Grid(models.Model):
    """A grid inside one village or community, served by one service team."""

    code = models.CharField(_("网格编码"), max_length=20, unique=True)
    name = models.CharField(_("网格名称"), max_length=80)
    division = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="grids", verbose_name=_("所属村居"),
    )
    households = models.PositiveIntegerField(_("户数"), default=0)
    population = models.PositiveIntegerField(_("人口"), default=0)
    polygon = models.JSONField(_("边界（GeoJSON）"), null=True, blank=True)

    objects = GridQuerySet.as_manager()

    class Meta:
        verbose_name = _("网格")
        verbose_name_plural = _("网格")
        ordering = ["code"]

    def __str__(self):
        return self.name
