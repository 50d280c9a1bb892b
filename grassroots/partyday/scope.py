"""The mass representative's scope (registered in PartydayConfig.ready): the role and his own
register rows. A representative is one of the masses (群众): a cadre's account costs no query."""

MASS_REP = "partyday_mass_rep"


def rep_scope(user, person):
    from django.utils import timezone

    from grassroots.people.models import PersonKind

    from .models import MassRepresentative

    if person.kind != PersonKind.CITIZEN:
        return set(), {"partyday_rep": set()}
    ids = set(MassRepresentative.objects.filter(
        person_id=person.pk, is_active=True, term_to__gte=timezone.localdate())
        .values_list("pk", flat=True))
    return ({MASS_REP} if ids else set()), {"partyday_rep": ids}
