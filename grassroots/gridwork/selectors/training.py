from django.db.models import Count, Exists, OuterRef, Q, Subquery

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


CANDIDATES_SHOWN = 30


def attendance_candidates(user, session: TrainingSession, q: str = "",
                          limit: int = CANDIDATES_SHOWN) -> dict:
    """Secretaries in the user's scope not yet on the session's attendance, matching ``q`` by
    name, position, grid or unit (search as you type: the county has thousands of secretaries,
    a select of all of them is unusable). The first ``limit`` rows and how many match."""
    seats = ServiceTeamMember.objects.filter(person=OuterRef("pk"), ended_at__isnull=True)
    qs = secretaries_in_scope(user).exclude(training_attendance__session=session)
    words = q.split()[:5]
    for word in words:
        qs = qs.filter(Q(name__icontains=word) | Q(position__icontains=word) | Exists(seats.filter(
            Q(team__grid__name__icontains=word) | Q(organization__name__icontains=word))))
    total = qs.count()
    rows = list(qs.annotate(grid_name=Subquery(seats.order_by("pk").values("team__grid__name")[:1]))
                .order_by("name", "pk")[:limit])
    return {"rows": rows, "total": total, "q": " ".join(words)}


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
