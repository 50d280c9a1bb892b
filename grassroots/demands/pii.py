"""Whose personal data the demand records let a user see and reveal (registered with
audit.selectors.register_pii_source in DemandsConfig.ready)."""

from .models import Channel, Demand


def citizens_visible(user):
    """The citizens of the non-anonymous demands the user may view (their masked data)."""
    return Demand.objects.restrict(user, "view").filter(
        is_anonymous=False, citizen__isnull=False).values("citizen_id")


def citizen_reveal_possible(scope) -> bool:
    """Whoever ``citizen_revealable`` may answer yes for: the dispatch centre, supervisors, and
    the users of a unit or a grid."""
    return bool(scope.is_dispatcher or scope.is_supervisor or scope.unit_ids or scope.grid_ids)


def citizen_revealable(scope, person) -> bool:
    """The dispatch centre and supervisors call citizens with a non-anonymous demand (dispatch,
    follow-up); handlers, unit leaders and grid secretaries those of the demands they may act on
    (held by their unit, or in their grid)."""
    demands = Demand.objects.filter(citizen=person, is_anonymous=False)
    if scope.is_dispatcher or scope.is_supervisor:
        return demands.exists()
    if not (scope.unit_ids or scope.grid_ids):
        return False
    return demands.restrict_scope(scope, "change").exists()


def adopt_recorded_demands(*, person, profile_ids, claimant_ids) -> list[int]:
    """``person`` proved its phone: the demands staff or an integration recorded under it join
    the account — those on the phone's login-less profile(s), and (from before codes existed)
    those on an account that only claimed the phone. What an account submitted itself stays
    with it. Registered with people.verification.register_record_adopter."""
    recorded = (Demand.objects.filter(citizen__in=profile_ids)
                | Demand.objects.filter(citizen__in=claimant_ids).exclude(channel=Channel.CITIZEN))
    adopted = list(recorded.values_list("pk", flat=True))
    Demand.objects.filter(pk__in=adopted).update(citizen=person)
    return adopted
