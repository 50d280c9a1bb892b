"""What seats in "1+2+3" service teams add to a user's scope: the grids they serve
(registered with ``core.scope`` in ``PeopleConfig.ready``)."""


def team_seat_scope(user, person):
    from .models import ServiceTeamMember

    grids = set(ServiceTeamMember.objects.filter(person=person, ended_at__isnull=True)
                .values_list("team__grid_id", flat=True))
    return set(), {"grid": grids}
