from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from grassroots.core.selectors import get_for_user
from grassroots.demands.models import OPEN_STATUSES, Demand
from grassroots.people.models import Person, ServiceTeam, ServiceTeamMember
from grassroots.people.services import annotate_team_completeness
from grassroots.places.models import Division

from .common import SubqueryCount


def teams_for(user, *, incomplete: bool = False, town_id: int | None = None, q: str = ""):
    """Teams in scope with their active seats per kind and ``is_complete``, in the database."""
    qs = annotate_team_completeness(ServiceTeam.objects.restrict(user)).select_related(
        "grid__division__town")
    if incomplete:
        qs = qs.filter(is_complete=False)
    if town_id:
        qs = qs.filter(grid__division__town_id=town_id)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(grid__code__contains=q) | Q(grid__name__contains=q))
    return qs.order_by("grid__code")


def team_towns(user):
    """The towns the user's teams are in: the choices of a page's town filter."""
    towns = ServiceTeam.objects.restrict(user).values("grid__division__town_id")
    return Division.objects.towns().filter(pk__in=towns).order_by("code")


def team_counts(user) -> dict:
    qs = annotate_team_completeness(ServiceTeam.objects.restrict(user))
    return qs.aggregate(total=Count("id"), complete=Count("id", filter=Q(is_complete=True)))


def get_team_for_user(user, pk, action="view") -> ServiceTeam:
    return get_for_user(ServiceTeam.objects.select_related("grid__division__town"), user, pk,
                        action)


def team_seats(team: ServiceTeam):
    """Every seat of the team, the active ones first, then history (ended seats)."""
    return (team.members.select_related("person", "organization")
            .order_by(F("ended_at").desc(nulls_first=True), "seat", "started_at", "id"))


def get_member_for_user(user, pk) -> ServiceTeamMember:
    from django.http import Http404

    member = (ServiceTeamMember.objects.select_related("team__grid__division", "person")
              .filter(pk=pk, team__in=ServiceTeam.objects.restrict(user)).first())
    if member is None:
        raise Http404("未找到")
    return member


def cadre_load(user, *, team: ServiceTeam | None = None, town_id: int | None = None):
    """Each active secretary's load: grids, households and open demands in their grids (DB)."""
    active = Q(team_seats__ended_at__isnull=True)
    teams = ServiceTeam.objects.restrict(user)
    if team is not None:
        teams = teams.filter(pk=team.pk)
    if town_id:
        teams = teams.filter(grid__division__town_id=town_id)
    qs = Person.objects.filter(Exists(ServiceTeamMember.objects.filter(
        person=OuterRef("pk"), ended_at__isnull=True, team__in=teams)))
    open_demands = Demand.objects.filter(
        status__in=OPEN_STATUSES, grid__team__members__person=OuterRef("pk"),
        grid__team__members__ended_at__isnull=True).values("pk")
    return qs.annotate(
        grids=Count("team_seats", filter=active),
        households=Coalesce(Sum("team_seats__team__grid__households", filter=active), 0),
        open_demands=SubqueryCount(open_demands),
    ).order_by("-open_demands", "name", "pk")
