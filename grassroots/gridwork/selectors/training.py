from django.db.models import Count, Exists, OuterRef, Q

from grassroots.core.scope import get_scope
from grassroots.core.selectors import get_for_user
from grassroots.people.models import ServiceTeamMember

from ..models import Attendance, TrainingMaterial, TrainingSession
from ..models.scoping import sees_county
from ..services.training import active_secretaries


def secretaries_in_scope(user):
    scope = get_scope(user)
    qs = active_secretaries()
    if sees_county(scope):
        return qs
    q = Q(team__grid_id__in=scope.grid_ids) | Q(team__grid__division__town_id__in=scope.town_ids)
    return qs.filter(Exists(ServiceTeamMember.objects.filter(
        q, person=OuterRef("pk"), ended_at__isnull=True)))


def training_coverage(user) -> dict:
    """"Every secretary trained" as a figure: trained / all active secretaries (in the DB)."""
    trained = Exists(Attendance.objects.filter(person=OuterRef("pk")))
    qs = secretaries_in_scope(user)
    figures = qs.aggregate(total=Count("id"), trained=Count("id", filter=Q(trained)))
    figures["untrained"] = figures["total"] - figures["trained"]
    figures["rate"] = round(100 * figures["trained"] / figures["total"], 1) if figures["total"] else 0.0
    return {"figures": figures, "untrained": qs.exclude(trained).order_by("name", "pk")}


def get_material_for_user(user, pk) -> TrainingMaterial:
    """A training's material the user may see; the same 404 for missing and not yours."""
    return get_for_user(TrainingMaterial.objects.all(), user, pk)


def sessions_for(user):
    return (TrainingSession.objects.select_related("organiser")
            .annotate(n_attendees=Count("attendance")).order_by("-date", "-id"))
