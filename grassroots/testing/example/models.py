from django.db import models

from grassroots.core.scope import RestrictQuerySet, Scope


class ErrandStatus(models.TextChoices):
    OPEN = "open", "待办"
    DONE = "done", "已办"
    DROPPED = "dropped", "撤销"


class ErrandQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if scope.is_admin:
            return self
        return self.filter(unit_id__in=scope.unit_ids)  # the unit's own errands


class Errand(models.Model):
    """An errand a handling unit does: open → done, or dropped by the unit."""

    unit = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=100)
    status = models.CharField(max_length=10, choices=ErrandStatus.choices,
                              default=ErrandStatus.OPEN)

    objects = ErrandQuerySet.as_manager()

    class Meta:
        app_label = "example"

    def __str__(self):
        return self.title
