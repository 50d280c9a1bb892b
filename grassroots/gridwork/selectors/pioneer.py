from datetime import datetime, time

from django.db.models import Avg, Count, OuterRef
from django.utils import timezone

from grassroots.demands.models import Assignment, AssignmentRole, Demand
from grassroots.people.models import ServiceTeamMember

from ..models import Attendance, Nomination, Visit
from ..selectors.common import SubqueryCount
from ..selectors.reports import GOOD, RATED


def _aware(d, end=False):
    return timezone.make_aware(datetime.combine(d, time.max if end else time.min))


def nominee_records(rnd):
    """Each nominee's record over the round's period, computed from the platform in the DB:
    visits, demands collected on them and solved on the spot, on-time replies and satisfaction
    for demands in their grids, trainings attended, and the committee's average score."""
    d0, d1 = rnd.period_start, rnd.period_end
    t0, t1 = _aware(d0), _aware(d1, end=True)
    person = OuterRef("person")
    my_grids = ServiceTeamMember.objects.filter(person=OuterRef(person)).values("team__grid_id")
    collected = Demand.objects.filter(visits__secretary=person, visits__date__gte=d0,
                                      visits__date__lte=d1)
    replies = Assignment.objects.filter(role=AssignmentRole.LEAD, demand__grid_id__in=my_grids,
                                        replied_at__gte=t0, replied_at__lte=t1)
    rated = Demand.objects.filter(grid_id__in=my_grids, closed_at__gte=t0, closed_at__lte=t1,
                                  satisfaction__in=RATED)
    return (Nomination.objects.filter(round=rnd).select_related("person", "town")
            .annotate(
                visits=SubqueryCount(Visit.objects.filter(
                    secretary=person, date__gte=d0, date__lte=d1).values("pk")),
                collected=SubqueryCount(collected.values("pk")),
                on_spot=SubqueryCount(collected.filter(solved_on_spot=True).values("pk")),
                replies=SubqueryCount(replies.values("pk")),
                on_time=SubqueryCount(replies.filter(replied_late=False).values("pk")),
                rated=SubqueryCount(rated.values("pk")),
                satisfied=SubqueryCount(rated.filter(satisfaction__in=GOOD).values("pk")),
                trainings=SubqueryCount(Attendance.objects.filter(
                    person=person, session__date__gte=d0, session__date__lte=d1).values("pk")),
                avg_score=Avg("scores__score"), n_scores=Count("scores", distinct=True),
            ).order_by("level", "rank", "-avg_score", "pk"))
