from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core import uploads
from grassroots.core.files import StoredFile, stored_file_path
from grassroots.core.scope import RestrictQuerySet, Scope

from .scoping import is_county_manager


class TrainingKind(models.TextChoices):
    SYSTEM = "system", _("系统培训")
    POLICY = "policy", _("政策培训")
    ON_THE_JOB = "on_the_job", _("岗位实训")


class TrainingSession(models.Model):
    """One training for grid secretaries; attendance is recorded per secretary."""

    title = models.CharField(_("培训名称"), max_length=100)
    kind = models.CharField(_("培训类型"), max_length=12, choices=TrainingKind.choices)
    organiser = models.ForeignKey("orgs.Organization", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("组织单位"))
    date = models.DateField(_("培训日期"))
    place = models.CharField(_("培训地点"), max_length=100)
    topics = models.TextField(_("培训内容"), blank=True)
    trainers = models.CharField(_("授课人"), max_length=200, blank=True)
    attendees = models.ManyToManyField("people.Person", through="gridwork.Attendance",
                                       related_name="trainings", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("培训")
        verbose_name_plural = _("培训")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE,
                                related_name="attendance")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="training_attendance")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("参训记录")
        verbose_name_plural = _("参训记录")
        constraints = [models.UniqueConstraint(fields=["session", "person"],
                                               name="attendance_once")]
        indexes = [models.Index(fields=["person"])]

    def __str__(self):
        return f"{self.session_id}: {self.person_id}"


# Named by migration 0001; files are placed by ``core.files.stored_file_path`` now.
material_path = stored_file_path


class TrainingMaterialQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        """Trainings are county-wide: whoever may open the training pages sees the materials
        (the ``gridwork.overview`` rule); changing them is for the county managers."""
        from grassroots.core.policy import allows

        if action == "view" and allows(scope, "gridwork.overview"):
            return self
        return self if is_county_manager(scope) else self.none()


class TrainingMaterial(StoredFile):
    """A handout, slides or a sheet of a training: documents or pictures."""

    upload_dir = "trainings"
    upload_kinds = uploads.DOCUMENTS | uploads.IMAGES
    upload_max_bytes = 20 * 1024 * 1024
    upload_max_count = 10

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE,
                                related_name="materials", verbose_name=_("培训"))

    objects = TrainingMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("培训材料")
        verbose_name_plural = _("培训材料")
